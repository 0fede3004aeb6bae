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
before and after them, then of the whole document) those in the document's main country
first, then the most specific one — a town before a district, a district before a region,
a region before a country — then the one named most often, then the one nearest
``anchor`` (a character offset, e.g. the trigger's), else the first in the text. When
that is a country or province and the document names a town inside it elsewhere, the
town wins (ACLED codes the most precise place a report gives); a country so chosen
yields to any town or region of the document, as a country in an event's sentence is
mostly an actor ("Pakistan fired"). A region or country is
returned at its seat — the capital, or a district's same-named town — as ACLED codes
events known only to a region; its name and precision stay the region's. Demonyms
("Tajik migrants", ``feature == "demonym"``) are never chosen. None when the document has
no resolved place.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Sequence

from khronika.geo.cues import CAPITAL, cue_country, cue_votes
from khronika.model import Document, Place

# Lower is more specific; anything unknown sorts after countries.
_SPECIFICITY = {"city": 0, "admin2": 1, "admin1": 2, "country": 3, "region": 4}
# "a Dhaka-bound bus", "a London-based group": English compounds that name where
# something goes or comes from, not where the event happened.
_ELSEWHERE = re.compile(r"-(?:bound|based|born|registered|headquartered)\b")
# How much a mention votes for the document's country: a demonym ("Indian troops") says
# less about where an event happened than a place name does.
_DEMONYM_VOTE = 0.5


def _main_country(places: Sequence[Place], cues: dict[str, float]) -> str | None:
    """The country that more than half of the document's place votes and country cues
    point at."""
    votes: dict[str, float] = defaultdict(float, cues)
    for p in places:
        if p.country:
            # a confident reading (a type word, a qualifier, a big place) says more
            weight = _DEMONYM_VOTE if p.feature == "demonym" else 1.0
            votes[p.country] += weight * (0.5 + p.confidence)
    if not votes:
        return None
    cc = max(votes, key=lambda c: votes[c])
    return cc if votes[cc] * 2 > sum(votes.values()) else None


def _at_seat(p: Place) -> Place:
    """A region or country as ACLED codes it: at its seat (the capital of a country or
    province, the same-named town of a district). ACLED's codebook places events known only
    to a province at the provincial capital; on the development notes this point is within
    25 km of the coded one far more often than the region's geometric centre is."""
    if p.feature not in ("admin1", "admin2", "country") or not p.geonameid:
        return p
    from khronika.geo.gazetteer import load

    g = load()
    seat = g.seats.get(p.geonameid)
    if seat is None:
        return p
    # a country placed at its capital lies in the capital's province, as ACLED codes it
    admin1 = p.admin1 or (g.admin1[seat] if p.feature == "country" else None) or None
    return dataclasses.replace(p, lat=round(g.lat[seat], 5), lon=round(g.lon[seat], 5),
                               admin1=admin1)


def _unnamed_place(doc: Document) -> Place | None:
    """Where an event happened when the document names no place: "the capital" of the
    one country that its country cues point at, else that country itself (at its seat,
    precision 3), with the words that told which as evidence. None without such cues: a
    demonym ("Tajik migrants") says whose, not where."""
    from khronika.geo.gazetteer import load

    cue = cue_country(doc.text)
    if cue is None:
        return None
    country, first = cue
    capital = CAPITAL.search(doc.text)
    g = load()
    i = g.country_index.get(country)
    if i is None:
        return None
    seat = g.seats.get(g.gid[i])
    if capital is not None and seat is not None:
        start, end, feature, at = capital.start(), capital.end(), "city", seat
    else:
        start, end, feature, at = first.start, first.end, "country", i
    p = Place(text=doc.text[start:end], start=start, end=end, sentence=doc.sentence_of(start),
              name=g.name[at], geonameid=g.gid[at] or None, lat=round(g.lat[at], 5),
              lon=round(g.lon[at], 5), country=g.country[at], admin1=g.admin1[at] or None,
              feature=feature, precision=1 if feature == "city" else 3,
              population=g.pop[at], confidence=0.2)
    return _at_seat(p)


def _within(inner: Place, outer: Place) -> bool:
    """Whether ``inner`` is a more specific place inside ``outer`` (a country or region)."""
    if inner.country != outer.country or inner is outer:
        return False
    if outer.feature == "admin1":
        return inner.admin1 == outer.admin1 and inner.feature in ("city", "admin2")
    return outer.feature == "country" and inner.feature in ("city", "admin2", "admin1")


def best_event_location(doc: Document, sentences: int | Sequence[int],
                        anchor: int | None = None, *, window: int = 1) -> Place | None:
    """The most specific resolved place in or near ``sentences`` of ``doc``."""
    usable = [p for p in doc.places if p.resolved and p.feature != "demonym"]
    cues = cue_votes(doc.text)
    main = _main_country([p for p in doc.places if p.resolved], cues)
    if not usable:
        return _unnamed_place(doc)
    wanted = [sentences] if isinstance(sentences, int) else list(sentences)
    # a place named several times is more likely the scene than one named in passing
    times: dict[tuple[str, float, float], int] = defaultdict(int)
    for p in usable:
        times[(p.name or p.text, p.lat or 0.0, p.lon or 0.0)] += 1

    def rank(p: Place) -> tuple[int, int, int, int, int]:
        # in the document's main country, not a destination or a home base, specific
        # before general, named most often, then nearest the anchor (or first in the text)
        foreign = int(main is not None and p.country != main and p.feature != "region")
        return (foreign, int(_ELSEWHERE.match(doc.text, p.end) is not None),
                _SPECIFICITY.get(p.feature or "", 5),
                -times[(p.name or p.text, p.lat or 0.0, p.lon or 0.0)],
                abs(p.start - anchor) if anchor is not None else p.start)

    best = None
    for radius in (0, window):
        near = [p for p in usable if any(abs(p.sentence - s) <= radius for s in wanted)]
        if near:
            best = min(near, key=rank)
            break
    if best is None:
        best = min(usable, key=rank)
    # "Pakistan" in the event's sentence, "Mardan" in the next: ACLED codes the most
    # precise place the report gives, so a town inside the chosen country or province wins
    inside = [p for p in usable if _within(p, best)]
    if not inside and best.feature in ("country", "region"):
        # a country named in the event's sentence is mostly an actor ("Pakistan fired"):
        # any town or region of the document says more about where it happened
        inside = [p for p in usable if _SPECIFICITY.get(p.feature or "", 5) < 3]
    if inside:
        best = min(inside, key=rank)
    return _at_seat(best)


__all__ = ["best_event_location"]
