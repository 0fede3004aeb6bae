"""What the linker knows about one event of one report: its link features.

Features are computed once per (report, event) from the extraction (type, date, place,
counts, entities) and the report's text (names across scripts, a text sketch), stored as
JSON on the link row (``incident_reports.features``) so that an incident's fields can be
recomputed from its members after a merge or a split, and compared without re-reading text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

from khronika.link.names import capitalised, name_keys, stable_hash, word_key, words
from khronika.memo import Memo

# Codes that describe the same real happening from different angles share a family, so that
# "police raided the market" and "30 detained at the market" meet in one incident; the
# blocking key uses the family, the score rewards the exact same type a little more.
FAMILY = {
    "raid": "detention",
    "arrest": "detention",
    "arrests": "detention",
    "assault": "violence",
    "attack": "violence",
    "mob_violence": "violence",
    "torture": "violence",
    "abduction": "abduction",
    "abduction_forced_disappearance": "abduction",
    "arson": "destruction",
    "looting_property_destruction": "destruction",
    "peaceful_protest": "protest",
    "protest_with_intervention": "protest",
    "excessive_force_against_protesters": "protest",
    "violent_demonstration": "protest",
}

# Families an extractor confuses for one happening seen from two sides (a raid and the
# deportation orders after it, a fire and the arson, a picket and the arrests at it).
# They are compared, but without the type's share of the score, so the rest of the evidence
# must carry the link alone. Taken from the family mismatches between reports of the same
# true incident in the benchmark's extracted mode.
RELATED = {
    frozenset(p) for p in (
        ("detention", "deportation"), ("detention", "court_ruling"),
        ("detention", "protest"), ("destruction", "man_made_disaster"),
        ("detention", "violence"), ("deportation", "court_ruling"),
    )
}

#: Tokens of a text kept in its sketch (the smallest hashes): enough for an exact Jaccard on
#: reports of a few paragraphs, bounded for long articles (a bottom-k MinHash beyond that).
SKETCH_SIZE = 160


def family_of(event_type: str) -> str:
    return FAMILY.get(event_type, event_type)


def related_families(family: str) -> list[str]:
    """The family itself, then the families :data:`RELATED` to it."""
    return [family, *sorted(next(iter(p - {family})) for p in RELATED if family in p)]


@dataclass(slots=True)
class LinkFeatures:
    """One event of one report, as the linker sees it."""

    type: str
    family: str
    day: int | None  # proleptic ordinal of the date's start, or None
    day_end: int | None
    precision: str | None  # day | week | month | year
    day_source: str  # "stated" (the event's date) | "published" (the report's date)
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    place: str | None = None
    admin1: str | None = None
    country: str | None = None
    place_precision: int | None = None  # ACLED geo precision 1 town, 2 near, 3 region
    counts: dict[str, list[int | None]] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    sketch: list[int] = field(default_factory=list)
    certainty: str | None = None
    urgency: int = 0
    urgency_reasons: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)  # PER entities, as written
    source: str | None = None  # the report's origin (channel, site, caller)

    def to_json(self) -> dict[str, Any]:
        # not dataclasses.asdict: its deep copies were 60 % of bulk relinking time
        out = {k: getattr(self, k) for k in _FIELDS}
        out["counts"] = {k: list(v) for k, v in self.counts.items()}
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinkFeatures:
        return cls(**{k: v for k, v in data.items() if k in _FIELDS})

    @property
    def date(self) -> dt.date | None:
        return dt.date.fromordinal(self.day) if self.day is not None else None


_FIELDS = tuple(f.name for f in fields(LinkFeatures))


def _ordinal(value: Any) -> int | None:
    if isinstance(value, dt.date):
        return value.toordinal()
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10]).toordinal()
        except ValueError:
            return None
    return None


def text_sketch(text: str) -> list[int]:
    """Hashes of the text's word keys (words of 3+ letters and all numbers), smallest first."""
    return _numbers_and_sketch(words(text))[1]


# Figures written as words, in English, Russian (with the collective and case forms that
# reports use: трое, троих) and Tajik, so that "three migrants", "трое мигрантов" and
# "се муҳоҷир" share the figure 3. One is left out: "one of them" is not a tally.
_NUMBER_WORDS = {
    "2": "two двое двух два две ду", "3": "three трое троих три трёх трех се",
    "4": "four четверо четырёх четырех четыре чор", "5": "five пятеро пятерых пять панҷ",
    "6": "six шестеро шесть шаш", "7": "seven семеро семь ҳафт",
    "8": "eight восемь восьмерых ҳашт", "9": "nine девять девятерых нӯҳ",
    "10": "ten десять десятерых даҳ", "11": "eleven одиннадцать", "12": "twelve двенадцать",
    "15": "fifteen пятнадцать", "20": "twenty двадцать бист", "30": "thirty тридцать",
    "40": "forty сорок чил", "50": "fifty пятьдесят панҷоҳ", "100": "hundred сто сад",
}
NUMBER_WORDS = {w: n for n, ws in _NUMBER_WORDS.items() for w in ws.split()}


def number_tokens(text: str) -> list[str]:
    """Numbers a text states, in digits or words, years left out: figures cross languages
    unchanged (30 = 30, three = трое = се = 3)."""
    return _numbers_and_sketch(words(text))[0]


def _word_facts(word: str) -> tuple[int, str | None]:
    """What one word of a text gives its link features: the hash of its word key when the
    sketch keeps it (-1 when not: a hash is never negative), and the figure it states (see
    :func:`number_tokens`). Remembered per word in :data:`_word_facts_memo`: most words
    recur report after report."""
    sketched = -1
    if len(word) >= 3 or word.isdigit():
        key = word_key(word)
        if key:
            sketched = stable_hash(key)
    number = None
    if word[0].isdigit():
        digits = word.replace(",", ".")
        if not (len(digits) == 4 and digits.startswith(("19", "20"))):
            number = digits
    else:
        number = NUMBER_WORDS.get(word.lower())
    return sketched, number


_word_facts_memo = Memo(_word_facts)


def _numbers_and_sketch(text_words: list[str]) -> tuple[list[str], list[int]]:
    """:func:`number_tokens` and :func:`text_sketch` of a text from its words, in one pass."""
    facts = _word_facts_memo
    hashes: set[int] = set()
    numbers: set[str] = set()
    for w in text_words:
        sketched, number = facts[w]
        hashes.add(sketched)
        if number is not None:
            numbers.add(number)
    hashes.discard(-1)
    return sorted(numbers), sorted(hashes)[:SKETCH_SIZE]


def report_names(text: str, result: dict[str, Any]) -> list[str]:
    """Name keys of a report's people and organisations (entities, and capitalised words as
    a fallback), place names left out: the place is compared on its own, and two events in
    one city must not look alike just because both texts name the city."""
    raw = [str(e.get("text") or "") for e in result.get("entities") or []
           if e.get("label") != "LOC"]
    raw += capitalised(text)
    places = [str(p.get("text") or "") for p in result.get("places") or []]
    places += [str(e.get("text") or "") for e in result.get("entities") or []
               if e.get("label") == "LOC"]
    places += [str((ev.get("location") or {}).get("name") or "")
               for ev in result.get("events") or []]
    drop = set(name_keys(places))
    return [k for k in name_keys(raw) if k not in drop]


def event_features(
    event: dict[str, Any],
    text: str,
    result: dict[str, Any],
    published: Any = None,
    urgency: tuple[int, list[str]] = (0, []),
    source: str | None = None,
    shared: tuple[list[str], list[str], list[int]] | None = None,
) -> LinkFeatures:
    """Link features of one extracted event (contract shape) of a report.

    ``published`` (date or ISO string) stands in for the event's day when the text states
    none; ``shared`` passes the report-level names, numbers and sketch when a report has
    several events, so they are computed once.
    """
    date = event.get("date") or {}
    day, day_end, source_kind = _ordinal(date.get("start")), _ordinal(date.get("end")), "stated"
    if day is None:
        day, day_end, source_kind = _ordinal(published), None, "published"
    loc = event.get("location") or {}
    counts = {
        kind: [c.get("min"), c.get("max")]
        for kind, c in (event.get("counts") or {}).items()
        if c and (c.get("min") is not None or c.get("max") is not None)
    }
    if shared is None:
        names = report_names(text, result)
        numbers, sketch = _numbers_and_sketch(words(text))
    else:
        names, numbers, sketch = shared
    if day is not None and source_kind == "stated":
        # the day of the month is a date, not a figure: two reports of one day share it
        day_of_month = str(dt.date.fromordinal(day).day)
        numbers = [n for n in numbers if n != day_of_month]
    people = sorted({str(e["text"]) for e in result.get("entities") or []
                     if e.get("label") == "PER" and e.get("text")})
    return LinkFeatures(
        type=str(event["type"]),
        family=family_of(str(event["type"])),
        day=day,
        day_end=day_end if day_end is not None else day,
        precision=date.get("precision") if source_kind == "stated" else None,
        day_source=source_kind,
        lat=_float(loc.get("lat")),
        lon=_float(loc.get("lon")),
        geonameid=_int(loc.get("geonameid")),
        place=loc.get("name"),
        admin1=loc.get("admin1"),
        country=loc.get("country"),
        place_precision=_int(loc.get("precision")),
        counts=counts,
        names=names,
        numbers=numbers,
        sketch=sketch,
        certainty=event.get("certainty"),
        urgency=urgency[0],
        urgency_reasons=list(urgency[1]),
        people=people,
        source=source,
    )


def report_features(
    text: str,
    result: dict[str, Any],
    published: Any = None,
    urgency: tuple[int, list[str]] = (0, []),
    source: str | None = None,
) -> list[LinkFeatures]:
    """Link features of every event of a report's extraction, most salient first."""
    numbers, sketch = _numbers_and_sketch(words(text))
    shared = (report_names(text, result), numbers, sketch)
    return [event_features(e, text, result, published, urgency, source, shared)
            for e in result.get("events") or []]


def _float(v: Any) -> float | None:
    return float(v) if isinstance(v, (int, float)) else None


def _int(v: Any) -> int | None:
    return int(v) if isinstance(v, int) and not isinstance(v, bool) else None
