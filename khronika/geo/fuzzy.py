"""Spelling-tolerant look-up of a place name within the countries a document is about.

Local reports spell small places as they are pronounced ("Faislabad", "Suhbatpur",
"Mirpurkhas" for Mirpur Khas) and the gazetteer has one or two spellings of each. An
exact look-up misses them; a fuzzy look-up against the whole world would find a match for
almost any word. So the search is restricted to the names of towns and regions in the
countries that the document's exactly matched places already point at, and only cued
words are tried (see :mod:`khronika.extract.places`).

Calibration (ACLED notes of the development data, South Asia): a normalised Levenshtein
similarity of 88 accepts one edit in a word of eight letters or more and two in sixteen;
at 85 stray matches of people's names to villages outnumbered the places recovered.
Names are also compared without their spaces, so "Mirpurkhas" meets "Mirpur Khas".
Only names with the same first letter are compared.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from khronika.geo.gazetteer import ADMIN1, Gazetteer
from khronika.geo.names import is_latin_key

#: Least similarity (0-100, rapidfuzz's normalised Indel ratio) for a fuzzy match.
MIN_SIMILARITY = 88.0
#: Shorter words are never matched fuzzily: one letter is too large a part of them.
MIN_LENGTH = 6

#: With no country to go by, only towns and regions this populous are searched, in the
#: table named :data:`WORLD`: a misspelt city of a million is still news-worthy.
WORLD_POPULATION = 300_000
WORLD = "*"

# (ISO2 or WORLD, first letter) -> (keys, the same keys without spaces)
_Table = dict[tuple[str, str], tuple[list[str], list[str]]]
_BY_COUNTRY: dict[int, _Table] = {}


def _country_names(g: Gazetteer) -> _Table:
    """The names of each country's towns and regions, by first letter (a misspelling
    seldom changes it, and the split makes a look-up some twenty times cheaper); built
    once per gazetteer (about a second) on the first fuzzy look-up."""
    cached = _BY_COUNTRY.get(id(g))
    if cached is not None:
        return cached
    sets: dict[tuple[str, str], set[str]] = defaultdict(set)
    for key, idx in g.names.items():
        if len(key) < MIN_LENGTH - 1 or not is_latin_key(key):
            continue
        for i in idx:
            cc = g.country[i]
            if cc and g.kind[i] <= ADMIN1:
                sets[(cc, key[0])].add(key)
                if g.pop[i] >= WORLD_POPULATION:
                    sets[(WORLD, key[0])].add(key)
    out: _Table = {}
    for slot, keys in sets.items():
        ordered = sorted(keys)
        out[slot] = (ordered, [k.replace(" ", "") for k in ordered])
    _BY_COUNTRY.clear()  # one gazetteer per process; do not keep a stale one alive
    _BY_COUNTRY[id(g)] = out
    return out


@lru_cache(maxsize=20_000)
def _best(g_id: int, key: str, countries: tuple[str, ...]) -> tuple[str, float] | None:
    from rapidfuzz import fuzz, process

    table = _BY_COUNTRY.get(g_id, {})
    best: tuple[str, float] | None = None
    squashed = key.replace(" ", "")
    for cc in countries:
        keys, flat = table.get((cc, key[:1]), ([], []))
        if not keys:
            continue
        hit = process.extractOne(squashed, flat, scorer=fuzz.ratio,
                                 score_cutoff=MIN_SIMILARITY)
        if hit is not None and (best is None or hit[1] > best[1]):
            best = (keys[hit[2]], float(hit[1]))
    return best


def fuzzy_lookup(g: Gazetteer, key: str, countries: set[str]) -> tuple[str, tuple[int, ...]]:
    """The closest indexed name to ``key`` among the places of ``countries`` (of the world's
    big towns when the set is empty) and those places; ("", ()) when nothing is close."""
    if len(key.replace(" ", "")) < MIN_LENGTH or not is_latin_key(key):
        return "", ()
    _country_names(g)
    hit = _best(id(g), key, tuple(sorted(countries)) if countries else (WORLD,))
    if hit is None:
        return "", ()
    if countries:
        found = tuple(i for i in g.lookup(hit[0]) if g.country[i] in countries)
    else:
        found = tuple(i for i in g.lookup(hit[0]) if g.pop[i] >= WORLD_POPULATION)
    return hit[0], found
