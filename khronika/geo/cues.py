"""Country cues: words that are not place names but say which country a report is about.

"BNP activists torched a bus", "CRPF jawans were injured", "сотрудники ОМОН задержали":
none of these names a place, yet each points at one country. The place finder uses the
cues as country context when it chooses among homonyms ("Hyderabad" in a note about the
PPP is the Sindh town, not the Indian city) and when it looks up misspelt names; the event
locator uses them to read "the capital" and, as a last resort, to place an event that
names no place at the country level (ACLED precision 3), with the cue as its evidence.

The word list is ``data/country_cues.tsv`` (see its header for the matching rules).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from khronika.memo import Memo

_DATA = Path(__file__).with_name("data") / "country_cues.tsv"

# "the capital", "capital city", "в столице", "столичный суд": the country's capital
# when the report names no town. Russian covers the case forms of "столица"/"столичный".
CAPITAL = re.compile(
    r"\b(?:the|its|their|our|this)\s+capital\b(?!\s+(?:of|punishment|city of|region))"
    r"|\bcapital\s+city\b(?!\s+of)"
    r"|(?<![\w-])(?:столиц[аеуыи]|столичн\w+)(?![\w-])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Cue:
    """One cue found in a text: its span and the country (ISO2) it points at."""

    start: int
    end: int
    country: str


# Text words: runs of non-space characters with the punctuation around them stripped
# ("(BNP)," -> "BNP"), but a closing bracket kept when the word opens one ("CPI(M)").
_WORD = re.compile(r"\S+")
_EDGE = "\"'«»“”‘’„.,;:!?()[]{}"

# One cue: its words (a word ending in * is a prefix), whether it is matched in its case,
# and its country.
_Entry = tuple[tuple[str, ...], bool, str]


@lru_cache(maxsize=1)
def _table() -> dict[str, list[_Entry]]:
    """Cues by their first word as matched (lower-cased unless the cue is matched in
    its case; a prefix without its *)."""
    table: dict[str, list[_Entry]] = defaultdict(list)
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cue, cc = (part.strip() for part in line.split("\t"))
        words = tuple(cue.split())
        # an acronym ("BNP", "M23", "CPI(M)") is a cue only as written
        exact = cue == cue.upper() or any(c.isdigit() for c in cue)
        words = words if exact else tuple(w.lower() for w in words)
        table[words[0].rstrip("*")].append((words, exact, cc))
    return table


@lru_cache(maxsize=1)
def _prefix_lengths() -> frozenset[int]:
    """Lengths of the prefixes that open a cue, under which a word is also looked up."""
    return frozenset(len(key) for key, entries in _table().items()
                     if any(words[0].endswith("*") for words, _, _ in entries))


def _word_form(raw: str) -> tuple[int, str, tuple[_Entry, ...]]:
    """A text word with its punctuation stripped: (characters stripped before it, the
    word, the cues that may open at it); remembered per word in :data:`_word_forms`, as
    most words recur."""
    word = raw.lstrip(_EDGE)
    lead = len(raw) - len(word)
    word = word.rstrip(_EDGE.replace(")", "") if "(" in word else _EDGE)
    return lead, word, _entries_for(word) if word else ()


_word_forms = Memo(_word_form)


def _words(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _WORD.finditer(text):
        lead, word, _ = _word_forms[m.group()]
        if word:
            start = m.start() + lead
            out.append((start, start + len(word), word))
    return out


def _fits(cue: str, word: str) -> bool:
    return word.startswith(cue[:-1]) if cue.endswith("*") else word == cue


@lru_cache(maxsize=65_536)
def _entries_for(word: str) -> tuple[_Entry, ...]:
    """The cues that may open at ``word``: those filed under the word as written, in
    lower case, or under one of its prefixes (remembered per word: most words of a report
    recur in the next ones, and most open no cue)."""
    table = _table()
    low = word.lower()
    keys = {word, low} | {low[:n] for n in _prefix_lengths() if len(low) > n}
    return tuple(entry for key in keys for entry in table.get(key, ()))


@lru_cache(maxsize=64)
def find_cues(text: str) -> tuple[Cue, ...]:
    """Every country cue in ``text``, in text order (kept for the last few texts: the place
    finder and the locator of each event ask for the same document's cues)."""
    forms = _word_forms
    # most texts hold no cue at all: their words are not even located
    if not any(forms[raw][2] for raw in _WORD.findall(text)):
        return ()
    words = _words(text)
    found = set()
    for k, (start, _end, word) in enumerate(words):
        for cue_words, exact, cc in _entries_for(word):
            n = len(cue_words)
            got = [w if exact else w.lower() for _, _, w in words[k : k + n]]
            if len(got) == n and all(map(_fits, cue_words, got)):
                found.add(Cue(start, words[k + n - 1][1], cc))
    return tuple(sorted(found, key=lambda c: (c.start, c.end)))


def cue_votes(text: str) -> dict[str, float]:
    """Country -> number of distinct cue words pointing at it (a cue repeated counts once:
    a long piece about one party must not outvote the places it names)."""
    seen: dict[str, set[str]] = defaultdict(set)
    for c in find_cues(text):
        seen[c.country].add(text[c.start : c.end].lower())
    return {cc: float(len(words)) for cc, words in seen.items()}


def cue_country(text: str) -> tuple[str, Cue] | None:
    """The one country the cues of ``text`` point at, with its first cue; None when there
    is no cue or the cues disagree."""
    cues = find_cues(text)
    countries = {c.country for c in cues}
    if len(countries) != 1:
        return None
    return cues[0].country, cues[0]


__all__ = ["CAPITAL", "Cue", "cue_country", "cue_votes", "find_cues"]
