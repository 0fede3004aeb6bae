"""The offline gazetteer and place resolution.

Modules: :mod:`~khronika.geo.gazetteer` (the name index, built once and cached),
:mod:`~khronika.geo.names` (normalisation and Russian stemming),
:mod:`~khronika.geo.lexicon` (word lists), :mod:`~khronika.geo.resolve` (choosing among
homonyms). The ``places`` stage (:mod:`khronika.extract.places`) uses them to fill
``doc.places``.

For the ``events`` stage::

    best_event_location(doc: Document, sentences: int | Sequence[int],
                        anchor: int | None = None, *, window: int = 1) -> Place | None

returns the place an event told in sentence(s) ``sentences`` most likely happened at:
among the resolved places of those sentences (then of the sentences up to ``window``
before and after them, then of the whole document) the most specific one — a town before
a district, a district before a region, a region before a country; ties go to the place
nearest ``anchor`` (a character offset, e.g. the trigger's), else the first in the text.
Demonyms ("Tajik migrants", ``feature == "demonym"``) are never chosen. None when the
document has no resolved place.
"""

from __future__ import annotations

from collections.abc import Sequence

from khronika.model import Document, Place

# Lower is more specific; anything unknown sorts after countries.
_SPECIFICITY = {"city": 0, "admin2": 1, "admin1": 2, "country": 3, "region": 4}


def best_event_location(doc: Document, sentences: int | Sequence[int],
                        anchor: int | None = None, *, window: int = 1) -> Place | None:
    """The most specific resolved place in or near ``sentences`` of ``doc``."""
    usable = [p for p in doc.places if p.resolved and p.feature != "demonym"]
    if not usable:
        return None
    wanted = [sentences] if isinstance(sentences, int) else list(sentences)

    def rank(p: Place) -> tuple[int, int]:
        # specific before general, then nearest the anchor (or first in the text)
        return (_SPECIFICITY.get(p.feature or "", 5),
                abs(p.start - anchor) if anchor is not None else p.start)

    for radius in (0, window):
        near = [p for p in usable if any(abs(p.sentence - s) <= radius for s in wanted)]
        if near:
            return min(near, key=rank)
    return min(usable, key=rank)


__all__ = ["best_event_location"]
