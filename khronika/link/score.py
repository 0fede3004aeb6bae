"""Whether two events are the same real event: a score from its parts, with a stated reason.

Hard gates first (a different event family, days too far apart, places too far apart:
never the same incident), then a weighted sum of agreements on day, place, type, names
across scripts, figures and text. A link is made only at or above :data:`THRESHOLD` and
when at least one piece of *content* evidence (names, text, figures) agrees: two raids in
the same city on the same day are not one raid just because they share a city and a day.

The weights and the threshold were calibrated on the linking benchmark
(``khronika.link.benchmark``, gold-field mode, seed 0) by a grid sweep maximising B-cubed F1
subject to B-cubed precision >= 0.975 (threshold 0.55-0.65, content floor 0.15-0.3, weights
of names 0.15-0.3, text 0.15-0.25, figures 0.05-0.15). The top of the grid is flat
(F1 0.937-0.939); of it we took the setting with the highest pairwise precision (names
0.20, text 0.25, figures 0.05, threshold 0.65, content 0.20), then divided all weights and
the threshold by their sum (1.10) so that a score lies in [0, 1]. A second round, after
adding the names-disagree penalty and dropping the day of the month from figures, swept the
threshold (0.50-0.59), content floor (0.15/0.20) and penalty (-0.25/-0.5) on seeds 0 and 1:
lower thresholds gain up to 0.015 B-cubed F1 but lose 1-2 points of precision, so 0.59 /
0.20 / -0.5 stayed. A third round, after figures written as words (трое = three = 3) were
added, raised the figures weight (0.04 -> 0.08, taken from text, 0.23 -> 0.19, to keep the
sum at 1): seed 0 F1 0.928, precision 0.989; seed 1 0.930 / 0.984; seed 2 (never used for
tuning) 0.928 / 0.989. Comparing related families (features.RELATED, type share 0) then
cost 0.005 of precision here (gold types never mix families) and gained 0.018 B-cubed F1
end to end on extracted fields (0.778 -> 0.796 at precision 0.983); kept for the real use.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from khronika.link.features import RELATED, LinkFeatures

WEIGHTS = {"date": 0.23, "place": 0.23, "type": 0.09, "names": 0.18, "text": 0.19,
           "numbers": 0.08}

#: Score at or above which an event joins an incident (precision over recall).
THRESHOLD = 0.59

#: Content evidence (names, text or figures) needed on top of day and place agreeing.
MIN_CONTENT = 0.20

#: The names part when both events name two or more people or organisations and none
#: agree (a penalty: two raids in one town, each naming its own detainees).
NAMES_DISAGREE = -0.5

#: The place part when one event has no place at all: unknown is not a disagreement, but
#: not an agreement either. Swept on the extracted-mode benchmark (seed 0): 0.15 / 0.25 /
#: 0.35 gave B-cubed F1 0.820 / 0.830 / 0.830 at precision 0.981 / 0.978 / 0.968 (gold
#: mode unchanged, its events all have places); 0.25 for precision.
UNKNOWN_PLACE = 0.25

#: Days either side of an event's day searched for candidates; a report published up to
#: a week after an undated event may still describe it.
WINDOW_DAYS = 7

#: Places farther apart than this are never the same event (unless one is a region).
MAX_KM = 60.0


@dataclass(frozen=True, slots=True)
class Comparison:
    """The agreement of a new event with one member event of an incident."""

    score: float
    parts: dict[str, float]
    compatible: bool
    why_not: str = ""

    def reason(self) -> str:
        """A one-line account of the score, for the link row and the change log."""
        if not self.compatible:
            return f"incompatible: {self.why_not}"
        bits = ", ".join(f"{k} {v:.2f}" for k, v in self.parts.items())
        return f"score {self.score:.2f} ({bits})"


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def date_agreement(a: LinkFeatures, b: LinkFeatures) -> float | None:
    """1 same day, 0.5 adjacent day or overlapping ranges, lower for published-date
    stand-ins; None when the dates rule out the same event."""
    if a.day is None or b.day is None:
        return 0.0
    if a.day_source == "stated" and b.day_source == "stated":
        a_end, b_end = a.day_end or a.day, b.day_end or b.day
        if a.precision == "day" and b.precision == "day":
            delta = abs(a.day - b.day)
            # Sources disagree by a day on night-time and multi-day events (spb-deport-week1
            # in the demo corpus); two days apart is a different event.
            return 1.0 if delta == 0 else 0.3 if delta == 1 else None
        return 0.5 if a.day <= b_end and b.day <= a_end else None
    if a.day_source == "published" and b.day_source == "published":
        return 0.3 if abs(a.day - b.day) <= 2 else None
    stated, published = (a, b) if a.day_source == "stated" else (b, a)
    assert stated.day is not None and published.day is not None
    # a report appears on or after the day it describes, usually within a week
    return 0.4 if 0 <= published.day - stated.day <= WINDOW_DAYS else None


def place_agreement(a: LinkFeatures, b: LinkFeatures) -> float | None:
    """1 same place, less the farther apart or vaguer; 0 when either has no place; None
    when the places rule out the same event."""
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return 1.0
    if None not in (a.lat, a.lon, b.lat, b.lon):
        assert a.lat is not None and a.lon is not None and b.lat is not None
        assert b.lon is not None
        d = km(a.lat, a.lon, b.lat, b.lon)
        regional = (a.place_precision or 1) >= 3 or (b.place_precision or 1) >= 3
        if d <= 3:
            return 1.0
        if d <= 30:
            return 0.7  # a venue and its city (Crocus City Hall / Krasnogorsk / Moscow)
        if d <= MAX_KM or (regional and a.admin1 and a.admin1 == b.admin1):
            return 0.4
        return None
    if a.place and b.place and a.place.lower() == b.place.lower():
        return 0.8
    if a.country and b.country and a.country != b.country:
        return None
    if a.admin1 and a.admin1 == b.admin1:
        return 0.4
    if _placeless(a) or _placeless(b):
        return UNKNOWN_PLACE
    return 0.0


def _placeless(f: LinkFeatures) -> bool:
    return f.lat is None and not f.place and not f.admin1


def _fuzzy_matches(xs: list[str], ys: list[str]) -> int:
    """How many of ``xs`` have a counterpart in ``ys``: equal keys, or keys one edit apart
    with the same first letter (Vahdat/Vakhdat already meet; this catches typos)."""
    yset = set(ys)
    n = 0
    for x in xs:
        if x in yset or (len(x) >= 4 and any(
            y[0] == x[0] and len(y) >= 4 and Levenshtein.distance(x, y, score_cutoff=1) <= 1
            for y in ys
        )):
            n += 1
    return n


def set_overlap(xs: list[str], ys: list[str], fuzzy: bool = False) -> float:
    """Matches over the smaller set, damped below two items (one shared word is weak)."""
    if not xs or not ys:
        return 0.0
    small, big = (xs, ys) if len(xs) <= len(ys) else (ys, xs)
    m = _fuzzy_matches(small, big) if fuzzy else len(set(small) & set(big))
    return m / max(2, len(small))


def sketch_similarity(a: list[int], b: list[int]) -> float:
    """Text similarity from two sketches (:func:`~khronika.link.features.text_sketch`:
    distinct hashes, smallest first): the larger of Jaccard and 0.8 x containment (a
    truncated copy is contained in the full text but has a low Jaccard)."""
    if not a or not b:
        return 0.0
    # bottom-k estimate: only hashes below both sketches' largest are comparable
    limit = min(a[-1], b[-1])
    na, nb = bisect.bisect_right(a, limit), bisect.bisect_right(b, limit)
    # a hash of both is at most the largest of each, so below the limit: counted unfiltered
    # (this runs for every pair of events scored, several per event of an import)
    inter = len(set(a).intersection(b))
    union = na + nb - inter
    if not union:
        return 0.0
    jaccard = inter / union
    containment = inter / max(4, min(na, nb))
    return max(jaccard, 0.8 * containment)


#: What the hard gates leave of a pair that passes them: the date and place agreements and
#: whether the families differ but are related.
Gated = tuple[float, float, bool]


def gates(a: LinkFeatures, b: LinkFeatures) -> Comparison | Gated:
    """The hard gates of :func:`compare`: the failing comparison, or what passing left.

    They read only the family, date and place fields of the two events (``_gates`` in the
    linker lists them), so events alike in those pass or fail alike."""
    related = a.family != b.family
    if related and frozenset((a.family, b.family)) not in RELATED:
        return Comparison(0.0, {}, False, f"different event family ({a.family}/{b.family})")
    date = date_agreement(a, b)
    if date is None:
        return Comparison(0.0, {}, False, "dates too far apart")
    place = place_agreement(a, b)
    if place is None:
        return Comparison(0.0, {}, False, "places too far apart")
    return date, place, related


def _type_part(a: LinkFeatures, b: LinkFeatures, related: bool) -> float:
    return 1.0 if a.type == b.type else 0.0 if related else 0.5


def _weighted(date: float, place: float, type_: float, names: float, text: float,
              numbers: float) -> float:
    # one expression for the score and its ceiling, summed in the same order, so that a
    # ceiling is never below the score by a rounding
    return round(WEIGHTS["date"] * date + WEIGHTS["place"] * place + WEIGHTS["type"] * type_
                 + WEIGHTS["names"] * names + WEIGHTS["text"] * text
                 + WEIGHTS["numbers"] * numbers, 3)


def scored(a: LinkFeatures, b: LinkFeatures, gated: Gated) -> Comparison:
    """:func:`compare` of two events that passed the hard gates with ``gated``."""
    date, place, related = gated
    names = set_overlap(a.names, b.names, fuzzy=True)
    if names == 0.0 and min(len(a.names), len(b.names)) >= 2:
        # both name people or organisations and none agree: evidence of two events
        names = NAMES_DISAGREE
    parts = {
        "date": date,
        "place": place,
        "type": _type_part(a, b, related),
        "names": names,
        "text": sketch_similarity(a.sketch, b.sketch),
        "numbers": set_overlap(a.numbers, b.numbers),
    }
    score = _weighted(*parts.values())
    content = max(parts["names"], parts["text"], parts["numbers"])
    if content < MIN_CONTENT:
        return Comparison(score, parts, False,
                          f"no content evidence (names, text, figures < {MIN_CONTENT})")
    return Comparison(score, parts, True)


def ceiling(a: LinkFeatures, b: LinkFeatures, gated: Gated, exact_numbers: bool = True
            ) -> float:
    """A score :func:`scored` cannot exceed, without its two costly parts: the names and the
    text agreement are taken as full (1) wherever both events have any. Without
    ``exact_numbers`` the figures are taken as full too: a looser ceiling that depends only
    on what :func:`gates` reads, the types, and which of names, text and figures each has."""
    date, place, related = gated
    if exact_numbers:
        numbers = set_overlap(a.numbers, b.numbers)
    else:
        numbers = 1.0 if a.numbers and b.numbers else 0.0
    return _weighted(date, place, _type_part(a, b, related),
                     1.0 if a.names and b.names else 0.0,
                     1.0 if a.sketch and b.sketch else 0.0, numbers)


def compare(a: LinkFeatures, b: LinkFeatures) -> Comparison:
    """How strongly event ``a`` and event ``b`` look like the same real event."""
    gated = gates(a, b)
    return gated if isinstance(gated, Comparison) else scored(a, b, gated)


def decide(comparisons: list[tuple[int, Comparison]]) -> tuple[int | None, float, str]:
    """Pick the incident to join from (incident id, best comparison) pairs.

    Returns (incident id or None for a new incident, score, reason).
    """
    best: tuple[int, Comparison] | None = None
    for inc, c in comparisons:
        if c.compatible and (best is None or c.score > best[1].score):
            best = (inc, c)
    return verdict(best, len(comparisons))


def verdict(best: tuple[int, Comparison] | None, candidates: int
            ) -> tuple[int | None, float, str]:
    """:func:`decide` from its outcome: the best compatible (incident, comparison), the
    first of the highest score, and how many candidate incidents were compared."""
    if best is not None and best[1].score >= THRESHOLD:
        return best[0], best[1].score, (
            f"linked: {best[1].reason()} >= threshold {THRESHOLD}")
    if best is not None:
        return None, best[1].score, (
            f"new incident: best candidate {best[0]} {best[1].reason()} < threshold "
            f"{THRESHOLD}")
    if candidates:
        return None, 0.0, f"new incident: {candidates} candidates, none compatible"
    return None, 0.0, "new incident: no candidate with the same event family, days and place"
