"""In-memory blocking index: link many events fast (batch relinking, benchmarks, scale).

Events are blocked by (event family, geographic cell, day): a new event is compared only
with incidents that have a member of the same family, within :data:`WINDOW_DAYS` days, in
its 1-degree cell or a neighbouring one (1 degree of latitude is 111 km and of longitude
64 km at 55°N, so neighbours cover :data:`MAX_KM`). Events without coordinates are blocked
by admin area or country. Candidate work per event is then bounded by how many incidents
share a family, a region and a fortnight, not by the size of the store: linking is linear.
The keys an event is filed under and searches (:func:`register_keys`, :func:`search_keys`)
also tell which events can never meet (:mod:`khronika.link.blocks`).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field

from khronika.link.features import LinkFeatures, related_families
from khronika.link.score import MAX_KM, WINDOW_DAYS, Comparison, compare, decide

#: Members of an incident an event is compared with (the most recent ones): a large
#: incident is well represented by a few reports, and comparisons stay bounded.
MAX_MEMBERS = 8

#: Days per time bucket of the blocking key: a ±7-day window then spans 3 buckets.
BUCKET_DAYS = 7

CELL_DEGREES = 1.0
assert CELL_DEGREES * 64 >= MAX_KM  # neighbouring cells cover the largest linking distance


def cells(f: LinkFeatures, neighbours: bool) -> list[str]:
    """The block cell(s) of an event: to register it, its own cell and "*" (every
    incident); to search, its cell and the 8 around it plus "none" (incidents with no
    place), or "*" when the event itself has no place."""
    if f.lat is not None and f.lon is not None:
        y, x = math.floor(f.lat / CELL_DEGREES), math.floor(f.lon / CELL_DEGREES)
        if not neighbours:
            return [f"{y}:{x}", "*"]
        return [f"{y + dy}:{x + dx}" for dy in (-1, 0, 1) for dx in (-1, 0, 1)] + ["none"]
    if f.admin1:
        return [f"a:{f.admin1.lower()}", "*"] if not neighbours else [
            f"a:{f.admin1.lower()}", "none"]
    # no place: register as such; search every incident of the family and fortnight
    # (few reports lack a place, and compare() asks them for more content evidence)
    return ["none", "*"] if not neighbours else ["*"]


#: A blocking key: (event family, cell, time bucket).
BlockKey = tuple[str, str, int]


def register_keys(f: LinkFeatures) -> list[BlockKey]:
    """The blocks an incident holding event ``f`` is filed under (none when undated)."""
    if f.day is None:
        return []
    return [(f.family, cell, f.day // BUCKET_DAYS) for cell in cells(f, neighbours=False)]


def search_keys(f: LinkFeatures) -> Iterator[BlockKey]:
    """The blocks searched for candidates of event ``f``, in search order (the order
    decides ties between equal scores); none when undated."""
    if f.day is None:
        return
    first, last = (f.day - WINDOW_DAYS) // BUCKET_DAYS, (f.day + WINDOW_DAYS) // BUCKET_DAYS
    for family in related_families(f.family):
        for cell in cells(f, neighbours=True):
            for bucket in range(first, last + 1):
                yield family, cell, bucket


@dataclass(slots=True)
class Decision:
    """Where one event went and why."""

    incident: int
    new: bool
    score: float
    reason: str


@dataclass(slots=True)
class LinkIndex:
    """Incidents held in memory as lists of member features, blocked for candidate search."""

    members: list[list[LinkFeatures]] = field(default_factory=list)
    blocks: dict[BlockKey, list[int]] = field(default_factory=dict)

    def _register(self, inc: int, f: LinkFeatures) -> None:
        for key in register_keys(f):
            lst = self.blocks.setdefault(key, [])
            if not lst or lst[-1] != inc:
                lst.append(inc)

    def candidates(self, f: LinkFeatures) -> Iterator[int]:
        """Incidents that could hold event ``f`` (each once): a superset, since buckets are
        whole weeks; compare() applies the exact day rules."""
        seen: set[int] = set()
        for key in search_keys(f):
            for inc in self.blocks.get(key, ()):
                if inc not in seen:
                    seen.add(inc)
                    yield inc

    def best(self, f: LinkFeatures) -> list[tuple[int, Comparison]]:
        """Each candidate incident with its best-agreeing member."""
        out = []
        for inc in self.candidates(f):
            top: Comparison | None = None
            for m in self.members[inc][-MAX_MEMBERS:]:
                c = compare(f, m)
                if (c.compatible and (top is None or c.score > top.score)) or top is None:
                    top = c
            if top is not None:
                out.append((inc, top))
        return out

    def add(self, f: LinkFeatures) -> Decision:
        """Link one event: join the best incident at or above the threshold, or open one."""
        inc, score, reason = decide(self.best(f))
        if inc is None:
            inc = len(self.members)
            self.members.append([f])
            self._register(inc, f)
            return Decision(inc, True, score, reason)
        self.members[inc].append(f)
        self._register(inc, f)
        return Decision(inc, False, score, reason)

    def add_new(self, f: LinkFeatures) -> int:
        """Open an incident for ``f`` without searching (loading a stored incident)."""
        inc = len(self.members)
        self.members.append([f])
        self._register(inc, f)
        return inc

    def attach(self, inc: int, f: LinkFeatures) -> None:
        """Add ``f`` to incident ``inc`` without searching (loading a stored incident)."""
        self.members[inc].append(f)
        self._register(inc, f)
