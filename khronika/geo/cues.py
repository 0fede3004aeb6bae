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


def _pattern(cue: str) -> tuple[str, bool]:
    """The regular expression for one cue and whether it is matched case-sensitively."""
    wild = cue.endswith("*")
    words = cue.rstrip("*").split()
    body = r"\s+".join(re.escape(w) for w in words) + (r"[\w-]*" if wild else "")
    exact = cue.rstrip("*") == cue.rstrip("*").upper() or any(c.isdigit() for c in cue)
    return rf"(?<![\w-]){body}(?![\w-])", exact


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern[str], dict[str, str]], ...]:
    """Two compiled alternations (case-sensitive, case-insensitive) and, for each, the
    country of each named group."""
    groups: dict[bool, list[str]] = defaultdict(list)
    country: dict[bool, dict[str, str]] = defaultdict(dict)
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cue, cc = line.split("\t")
        pattern, exact = _pattern(cue.strip())
        name = f"c{len(country[exact])}"
        groups[exact].append(f"(?P<{name}>{pattern})")
        country[exact][name] = cc.strip()
    out = []
    for exact in (True, False):
        if groups[exact]:
            flags = 0 if exact else re.IGNORECASE
            out.append((re.compile("|".join(groups[exact]), flags), country[exact]))
    return tuple(out)


@lru_cache(maxsize=64)
def find_cues(text: str) -> tuple[Cue, ...]:
    """Every country cue in ``text``, in text order (kept for the last few texts: the place
    finder and the locator of each event ask for the same document's cues)."""
    found = []
    for pattern, country in _patterns():
        for m in pattern.finditer(text):
            name = m.lastgroup
            if name is not None:
                found.append(Cue(m.start(), m.end(), country[name]))
    return tuple(sorted(found, key=lambda c: c.start))


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
