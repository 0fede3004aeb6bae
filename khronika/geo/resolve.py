"""Choosing which of the places that share a name a document means.

Each mention carries the gazetteer entries its name matches. A candidate's score adds:

* a prior from its size: log10 of its population (a region's is the sum of its towns');
  countries and a few big regions win on that alone;
* a bonus when the text says what kind of place it is ("Balkh province", "X district");
* a bonus when the rest of the document points at its country or region: countries named
  in the text, the choices already made for the less ambiguous mentions, and a qualifier
  right after the name ("Paris, Texas", "X, Balkh");
* a small bonus for being near the other places of the document;
* a bonus for fitting together with some reading of another name, not only its chosen
  one: a town and a district the text names as such that contains it ("Walker County" ...
  "Huntsville"), and towns within 50 km of each other ("Decatur" and "Avondale"), so that
  two small neighbours win over two unrelated large homonyms. A region named like its
  country's capital yields to the capital ("Washington").

The weights were calibrated by hand on the development corpora (local US news, world news,
ACLED notes) so that a one-order-of-magnitude population gap is worth about as much as a
country named elsewhere in the text; a name followed by its region outweighs both.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from khronika.geo.gazetteer import ADMIN1, ADMIN2, CITY, COUNTRY, REGION, Gazetteer
from khronika.geo.names import norm

_KIND_OF_HINT = {"admin1": ADMIN1, "admin2": ADMIN2, "city": CITY, "country": COUNTRY}

# Weights (see the module docstring for how they were set).
W_HINT = 4.0           # the text names the kind of place
W_COUNTRY = 2.5        # share of the document's country evidence for this candidate's country
W_ADMIN1 = 2.0         # the candidate lies in a region the document names
W_CONTAINER = 6.0      # "X, Y" where Y contains the candidate
W_PRIMARY = 1.5        # the name is the place's main name, not one of its aliases
W_NEAR = 1.0           # within ~300 km of the document's other places
W_ADMIN1_TOWN = 1.0    # the candidate lies in the region of another name's town
W_COUNTRY_KIND = 1.0   # countries are named far more often than homonymous towns
W_SAME_NAME_CITY = 1.5  # "Kabul" the city over Kabul province when nothing says province
W_PAIR = 0.5           # a town within 50 km of a reading of another name (at most twice)
_PAIR_KM = 50.0
_PAIR_PLAUSIBLE = 4.0  # only readings within this much of their name's best prior pair
W_COUNTY = 2.0         # a town and a district the document names as such that it lies in


@dataclass
class Mention:
    """A stretch of text that names a place, with the gazetteer entries it may mean."""

    text: str
    start: int
    end: int
    key: str
    candidates: tuple[int, ...]
    hint: str | None = None          # admin1 | admin2 | city (a type word) | container
    container: int | None = None     # index of the mention that qualifies this one
    strong: bool = False             # cued by a preposition or type word
    choice: int | None = None
    score: float = 0.0
    scores: dict[int, float] = field(default_factory=dict)


def _dist_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742 * math.asin(min(1.0, math.sqrt(a)))


#: Radius of "near" for the nearness bonus, and the same in degrees of latitude.
_NEAR_KM = 300.0
_NEAR_DEG = _NEAR_KM / 111.2


def _near_share(lat: float, lon: float, points: list[tuple[float, float, str]]) -> float:
    """The share of ``points`` within 300 km of (lat, lon). Points more than 300 km away
    in latitude alone are passed over without the trigonometry (most of them, in a
    document about several regions: this is the resolver's inner loop)."""
    # _dist_km(plat, plon, lat, lon) written out, the same operations in the same order
    # (this runs for every candidate and point): the candidate's cosine is taken once
    p = math.pi / 180
    cos_lat = math.cos(lat * p)
    near = 0
    for plat, plon, _ in points:
        if abs(plat - lat) < _NEAR_DEG:
            a = (math.sin((lat - plat) * p / 2) ** 2
                 + math.cos(plat * p) * cos_lat * math.sin((lon - plon) * p / 2) ** 2)
            if 12742 * math.asin(min(1.0, math.sqrt(a))) < _NEAR_KM:
                near += 1
    return near / len(points)


def _prior(g: Gazetteer, m: Mention, i: int) -> float:
    s = math.log10(g.pop[i] + 10)
    kind = g.kind[i]
    if kind == COUNTRY:
        s += W_COUNTRY_KIND
    if (m.hint and _KIND_OF_HINT.get(m.hint) == kind) or (
            m.hint == "container" and kind in (ADMIN1, COUNTRY)):
        s += W_HINT
    elif m.hint == "city" and kind == ADMIN2:
        s += W_HINT / 2
    if norm(g.name[i]) == m.key:
        s += W_PRIMARY
    return s


def same_name_region_penalty(g: Gazetteer, m: Mention, j: int) -> float:
    """Put a region below its own same-named town ("Kabul", "Herat") unless the text says
    "province": the region's summed population must not outvote the town it is named for.
    A region named like its country's capital ("Washington" the state) yields to the capital
    the same way: news names a capital for its government far more often."""
    if g.kind[j] not in (ADMIN1, ADMIN2) or m.hint:
        return 0.0
    for i in m.candidates:
        if g.kind[i] == CITY and norm(g.name[i]) == m.key and g.country[j] == g.country[i] \
                and (g.admin1[j] == g.admin1[i] or i in g.capitals) and g.pop[i] * 20 >= g.pop[j]:
            return -(W_SAME_NAME_CITY + math.log10(max(g.pop[j], 10) / max(g.pop[i], 10)))
    return 0.0


def _contains(g: Gazetteer, outer: int, inner: int) -> bool:
    if g.kind[outer] == COUNTRY:
        return g.country[inner] == g.country[outer] and outer != inner
    if g.kind[outer] == ADMIN1:
        return (g.country[inner] == g.country[outer] and g.admin1[inner] == g.admin1[outer]
                and g.kind[inner] < ADMIN1)
    if g.kind[outer] == ADMIN2:
        return (g.kind[inner] == CITY and g.country[inner] == g.country[outer]
                and g.admin1[inner] == g.admin1[outer]
                and _dist_km(g.lat[inner], g.lon[inner], g.lat[outer], g.lon[outer]) < 80)
    return False


def _nested(g: Gazetteer, mentions: list[Mention]) -> dict[int, set[str]]:
    """Readings that another name of the document nests with: a town that lies in one
    reading of a district the text names as such ("Walker County" ... "Huntsville"), and
    that district. Every reading counts, not only the chosen ones, so the pair that fits
    together wins over two unrelated large homonyms. Candidate -> the keys of the other
    names."""
    districts: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for m in mentions:
        if m.hint == "admin2":
            for j in m.candidates:
                if g.kind[j] == ADMIN2:
                    districts[(g.country[j], g.admin1[j])].append((j, m.key))
    out: dict[int, set[str]] = {}
    if not districts:
        return out
    for m in mentions:
        for i in m.candidates:
            if g.kind[i] != CITY:
                continue
            for j, key in districts.get((g.country[i], g.admin1[i]), ()):
                if key != m.key and _dist_km(g.lat[i], g.lon[i], g.lat[j], g.lon[j]) < 80:
                    out.setdefault(i, set()).add(key)
                    out.setdefault(j, set()).add(m.key)
    return out


def _paired(g: Gazetteer, mentions: list[Mention], priors: list[dict[int, float]],
            km: float) -> dict[int, int]:
    """Town and district readings that lie within ``km`` of a reading of another name of
    the document (any reading, not only the chosen one): two small places that are
    neighbours ("Decatur" and "Avondale") explain each other better than two unrelated
    large homonyms do. Only a name's plausible readings count (within
    :data:`_PAIR_PLAUSIBLE` of its best prior): a hamlet that merely shares a name must not
    pull its neighbours' readings. Candidate -> how many other names have a reading that
    near."""
    cell = km / 111.2
    grid: dict[tuple[int, int], list[tuple[int, str]]] = defaultdict(list)
    keys = {}
    for m, pr in zip(mentions, priors, strict=True):
        if m.key in keys or not pr:
            continue
        keys[m.key] = m
        floor = max(pr.values()) - _PAIR_PLAUSIBLE
        for i in m.candidates:
            if g.kind[i] <= ADMIN2 and pr[i] >= floor:
                grid[(int(g.lat[i] // cell), int(g.lon[i] // cell))].append((i, m.key))
    out: dict[int, int] = {}
    if len(keys) < 2:
        return out
    for key, m in keys.items():
        for i in m.candidates:
            if g.kind[i] > ADMIN2:
                continue
            a, b = int(g.lat[i] // cell), int(g.lon[i] // cell)
            near = set()
            for da in (-1, 0, 1):
                for db in (-1, 0, 1):
                    for j, k in grid.get((a + da, b + db), ()):
                        if k != key and k not in near and _dist_km(
                                g.lat[i], g.lon[i], g.lat[j], g.lon[j]) < km:
                            near.add(k)
            if near:
                out[i] = len(near)
    return out


def resolve(g: Gazetteer, mentions: list[Mention],
            context: dict[str, float] | None = None) -> None:
    """Set ``choice`` and ``score`` on every mention that has candidates. ``context``
    adds country votes from words that are no place names (see :mod:`khronika.geo.cues`):
    each counts as much as one resolved town of that country."""
    kind, country, admin1, lat, lon = g.kind, g.country, g.admin1, g.lat, g.lon
    priors = [{i: _prior(g, m, i) + same_name_region_penalty(g, m, i) for i in m.candidates}
              for m in mentions]
    for m, pr in zip(mentions, priors, strict=True):
        if pr:
            m.choice = max(pr, key=pr.__getitem__)
    nested = _nested(g, mentions)
    paired = _paired(g, mentions, priors, _PAIR_KM) if W_PAIR else {}
    inside: dict[int, list[Mention]] = defaultdict(list)  # container -> names it qualifies
    for m in mentions:
        if m.container is not None:
            inside[id(mentions[m.container])].append(m)
    # Two rounds: the first choices give the context that the second round uses. A round
    # reads no state but the choices, so when the first changes none the second would
    # repeat it exactly.
    for _ in range(2):
        chosen = [m.choice for m in mentions]
        countries: dict[str, float] = defaultdict(float, context or {})
        # votes per name: a repeated name must not support its own reading
        own_votes: dict[str, dict[str, float]] = {}
        # (country, admin1) -> {key of the name that points there: weight}
        admins: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
        points: list[tuple[float, float, str]] = []  # with the key that put it there
        for m in mentions:
            if m.choice is None:
                continue
            c = m.choice
            kc, cc = kind[c], country[c]
            weight = 2.0 if kc == COUNTRY else (1.5 if len(m.candidates) == 1 else 1.0)
            if kc != REGION:
                countries[cc] += weight
                own_votes.setdefault(m.key, defaultdict(float))[cc] += weight
            sure = len(m.candidates) == 1 or m.hint is not None or m.container is not None
            if kc == ADMIN1 or (kc == ADMIN2 and sure):
                admins[(cc, admin1[c])][m.key] = W_ADMIN1
            elif kc == ADMIN2:
                # an ambiguous name read as a county ("Polk") says less than a named state
                here = admins[(cc, admin1[c])]
                here[m.key] = max(here.get(m.key, 0.0), W_ADMIN1_TOWN)
            elif kc == CITY and admin1[c]:
                here = admins[(cc, admin1[c])]
                here[m.key] = max(here.get(m.key, 0.0), W_ADMIN1_TOWN)
            if kc != COUNTRY:
                points.append((lat[c], lon[c], m.key))
        total = sum(countries.values()) or 1.0
        # a repeated name has the same other places, and so the same nearness, each time
        others_of: dict[str, list[tuple[float, float, str]]] = {}
        nearness: dict[tuple[str, int], float] = {}
        for m, pr in zip(mentions, priors, strict=True):
            if not pr:
                continue
            key = m.key
            mine = own_votes.get(key, {})
            others = others_of.get(key)
            if others is None:  # a name is not near itself
                others = others_of[key] = [p for p in points if p[2] != key]
            container = mentions[m.container] if m.container is not None else None
            inners = inside.get(id(m), ())
            scores: dict[int, float] = {}
            for i, base in pr.items():
                s = base
                ci, ki = country[i], kind[i]
                votes = countries.get(ci, 0.0) - mine.get(ci, 0.0)
                s += W_COUNTRY * max(votes, 0.0) / total
                if ki != ADMIN1:
                    support = admins.get((ci, admin1[i]))
                    if support:  # (nothing to add without one)
                        s += max((w for k, w in support.items() if k != key), default=0.0)
                if i in nested and nested[i] - {key}:
                    s += W_COUNTY
                if i in paired:
                    s += W_PAIR * min(paired[i], 2)
                if container is not None:
                    outer = container.choice
                    if (outer is not None and _contains(g, outer, i)) or any(
                            _contains(g, o, i) for o in container.candidates[:50]):
                        s += W_CONTAINER
                for inner in inners:
                    # the container is the region that holds one reading of the name in it
                    if any(_contains(g, i, c) for c in inner.candidates[:50]):
                        s += W_CONTAINER / 2
                        break
                if others and ki < COUNTRY:  # nearness to the other names' places
                    share = nearness.get((key, i))
                    if share is None:
                        share = nearness[(key, i)] = _near_share(lat[i], lon[i], others)
                    s += W_NEAR * share
                scores[i] = s
            m.choice = max(scores, key=scores.__getitem__)
            m.score = scores[m.choice]
            m.scores = scores
        if all(m.choice == c for m, c in zip(mentions, chosen, strict=True)):
            break
    _one_sense_per_name(mentions)


def _one_sense_per_name(mentions: list[Mention]) -> None:
    """A name repeated in one document means one place: the reading with the best summed
    score over its mentions wins (the mentions with a qualifier carry the most weight)."""
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.scores:
            groups.setdefault(m.key, []).append(m)
    for group in groups.values():
        if len(group) < 2:
            continue
        summed: dict[int, float] = defaultdict(float)
        for m in group:
            for i, sc in m.scores.items():
                summed[i] += sc
        best = max(summed, key=lambda i: summed[i])
        for m in group:
            m.choice = best
            m.score = m.scores[best]
