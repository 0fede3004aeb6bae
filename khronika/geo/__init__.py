"""The offline gazetteer and place resolution.

Modules: :mod:`~khronika.geo.gazetteer` (the name index, built once and cached),
:mod:`~khronika.geo.names` (normalisation and Russian stemming),
:mod:`~khronika.geo.lexicon` (word lists), :mod:`~khronika.geo.resolve` (choosing among
homonyms). The ``places`` stage (:mod:`khronika.extract.places`) uses them to fill
``doc.places``.

For the ``events`` stage::

    best_event_location(doc: Document, sentence_index: int, *,
                        window: int = 1) -> Place | None

returns the place an event told in sentence ``sentence_index`` most likely happened at:
among the resolved places of that sentence (then of the sentences up to ``window`` before
and after it, then of the whole document) the most specific one — a town before a
district, a district before a region, a region before a country; ties go to the place
that comes first in the text. Demonyms ("Tajik migrants", ``feature == "demonym"``) are
never chosen. None when the document has no resolved place.
"""

from __future__ import annotations

from khronika.model import Document, Place

# Lower is more specific; anything unknown sorts after countries.
_SPECIFICITY = {"city": 0, "admin2": 1, "admin1": 2, "country": 3, "region": 4}


def _rank(place: Place) -> tuple[int, int, int]:
    """Sort key: specific before general, a cued name before a bare one, then text order."""
    specificity = _SPECIFICITY.get(place.feature or "", 5)
    return (specificity, -int(place.confidence * 10), place.start)


def best_event_location(doc: Document, sentence_index: int, *, window: int = 1
                        ) -> Place | None:
    """The most specific resolved place in or near sentence ``sentence_index`` of ``doc``."""
    usable = [p for p in doc.places if p.resolved and p.feature != "demonym"]
    if not usable:
        return None
    for radius in (0, window):
        near = [p for p in usable if abs(p.sentence - sentence_index) <= radius]
        if near:
            return _best(near)
    return _best(usable)


def _best(places: list[Place]) -> Place:
    """The most specific of ``places``."""
    return min(places, key=_rank)


__all__ = ["best_event_location"]
