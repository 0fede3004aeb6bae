"""Record types of the extraction contract (``shared/CONTRACT.md``).

A :class:`Document` is the working record that flows through the pipeline: each stage
reads some of its layers and fills others (see :mod:`khronika.pipeline`). Every extracted
value keeps the character offsets of the text that supports it, so that any field can be
traced back to its evidence.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

COUNT_KINDS = ("killed", "injured", "detained", "deported", "participants")
CERTAINTIES = ("reported", "alleged", "confirmed", "denied")
DATE_PRECISIONS = ("day", "week", "month", "year")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the document text, ``text[start:end]``."""

    start: int
    end: int

    def slice(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(slots=True)
class Evidence:
    """The span that supports one field of an event."""

    field: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Count:
    """How many people of one kind, as a range: ``max`` is None when open-ended."""

    kind: str
    min: int | None
    max: int | None
    text: str
    start: int
    end: int
    sentence: int = -1

    def to_json(self) -> dict[str, Any]:
        return {"min": self.min, "max": self.max, "text": self.text}


@dataclass(slots=True)
class DateMention:
    """A date or date range stated in the text, resolved to calendar days."""

    start_date: dt.date
    end_date: dt.date
    precision: str
    text: str
    start: int
    end: int
    sentence: int = -1
    relative: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start_date.isoformat(),
            "end": self.end_date.isoformat(),
            "precision": self.precision,
        }


@dataclass(slots=True)
class Place:
    """A place name found in the text, resolved against the gazetteer where possible."""

    text: str
    start: int
    end: int
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    # ACLED geo_precision: 1 town, 2 near a town or part of a region, 3 region or country
    precision: int | None = None
    feature: str | None = None  # city | admin1 | admin2 | country | region
    population: int = 0
    sentence: int = -1
    confidence: float = 0.0

    @property
    def resolved(self) -> bool:
        return self.lat is not None and self.lon is not None

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "geonameid": self.geonameid,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "admin1": self.admin1,
            "precision": self.precision,
        }

    def location_json(self) -> dict[str, Any]:
        """The contract's ``event.location`` object."""
        return {
            "name": self.name or self.text,
            "geonameid": self.geonameid,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "admin1": self.admin1,
            "precision": self.precision,
        }


@dataclass(slots=True)
class Entity:
    """A person, organisation or place named in the text."""

    label: str  # PER | ORG | LOC
    text: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "text": self.text, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Attribution:
    """Who the text says the information comes from ("according to Xinhua")."""

    source: str
    text: str
    start: int
    end: int
    sentence: int = -1

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "text": self.text, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Trigger:
    """A word or phrase that signals an event of one type, with a rule weight."""

    type: str
    start: int
    end: int
    sentence: int
    weight: float
    negated: bool = False


@dataclass(slots=True)
class Event:
    """One thing that happened, as the document tells it."""

    type: str
    trigger: Trigger | None = None
    date: DateMention | None = None
    location: Place | None = None
    counts: dict[str, Count] = field(default_factory=dict)
    actors: dict[str, str] = field(default_factory=dict)
    attribution: list[Attribution] = field(default_factory=list)
    certainty: str = "reported"
    confidence: float = 0.0
    sentences: list[int] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    def add_evidence(self, name: str, start: int, end: int) -> None:
        self.evidence.append(Evidence(name, start, end))


@dataclass(slots=True)
class Document:
    """A text and every layer the pipeline has added to it."""

    id: str | None
    text: str
    published: dt.date | None = None
    lang: str | None = None
    lang_given: bool = False
    sentences: list[Span] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    # dates something must happen by ("held until 22 May", "выдворить до 1 апреля"): kept
    # apart so that no event is dated by them, and offered to cases as deadlines
    deadlines: list[DateMention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    _ends_cache: tuple[tuple[int, int], list[int]] | None = field(
        default=None, repr=False, compare=False)

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence holding ``offset`` (the last one when past the end)."""
        # Binary search: stages call this for every mention, and a long document has
        # thousands of sentences.
        ends = [s.end for s in self.sentences] if len(self.sentences) < 64 else self._ends()
        i = bisect_right(ends, offset)
        return min(i, max(len(self.sentences) - 1, 0))

    def _ends(self) -> list[int]:
        key = (id(self.sentences), len(self.sentences))
        if self._ends_cache is None or self._ends_cache[0] != key:
            self._ends_cache = (key, [s.end for s in self.sentences])
        return self._ends_cache[1]
