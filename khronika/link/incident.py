"""An incident's own fields, chosen from its member reports, with provenance and conflicts.

Everything here is a pure function of the members (report id, event index, features), so
an incident can be recomputed after any link, merge or split and comes out the same.

- **Choice**: a field takes the value most members state (ties: the earliest report), and
  a stated date beats a report's publication date standing in for one.
- **Provenance**: for every chosen field, the reports that state it.
- **Conflicts**: where members state different values of a date, place or count, every
  value is kept with its reports and flagged; nothing is averaged (137 vs "nearly 150").
- **Counts** are ranges: ``min`` is the lowest figure any source gives (ACLED's
  conservative tally), ``max`` the highest stated upper bound.

:class:`Summary` keeps these tallies as members join, so that a report joining a large
incident costs what it changes, not a re-read of every member; :func:`summarise` is a
:class:`Summary` of all members at once. Members may be added in any order: every tie is
broken by (report id, event index), as if the members had been sorted.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from khronika.link.features import LinkFeatures
from khronika.link.score import km

Member = tuple[int, int, LinkFeatures]  # report id, event index, features

#: Where a member stands in an incident: (report id, event index), earliest first.
Order = tuple[int, int]

#: Places of members closer than this are the same place named differently (a venue, a
#: district and its city: Lyublino / Moscow, Crocus City Hall / Krasnogorsk); farther apart
#: they are recorded as a conflict.
SAME_PLACE_KM = 30.0


@dataclass(slots=True)
class Tally:
    """The members stating one value: how many, the earliest of them, their reports."""

    count: int = 0
    first: Order = (2**63, 0)
    reports: set[int] = field(default_factory=set)

    def add(self, at: Order) -> None:
        self.count += 1
        self.first = min(self.first, at)
        self.reports.add(at[0])

    def absorb(self, other: Tally) -> None:
        self.count += other.count
        self.first = min(self.first, other.first)
        self.reports |= other.reports


def _pick(tallies: dict[Any, Tally]) -> tuple[Any, list[int]]:
    """The most stated value (ties: the one the earliest report states) and its reports."""
    best = max(tallies, key=lambda v: (tallies[v].count, -tallies[v].first[0],
                                       -tallies[v].first[1]))
    return best, sorted(tallies[best].reports)


def _grouped(pairs: Iterable[tuple[Any, Tally]]) -> dict[Any, Tally]:
    """Tallies merged by value, in the order each value is first stated."""
    out: dict[Any, Tally] = {}
    for value, tally in pairs:
        out.setdefault(value, Tally()).absorb(tally)
    return dict(sorted(out.items(), key=lambda kv: kv[1].first))


def _conflict(name: str, groups: dict[Any, Tally]) -> dict[str, Any] | None:
    if len(groups) < 2:
        return None
    return {"field": name,
            "values": [{"value": v, "reports": sorted(t.reports)} for v, t in groups.items()]}


def _place_key(f: LinkFeatures) -> tuple[Any, ...] | None:
    if f.place is None and f.lat is None:
        return None
    return (f.place, f.geonameid, f.lat, f.lon, f.admin1, f.country, f.place_precision)


@dataclass(slots=True)
class _Counts:
    """One kind of count (detained, killed...): every source's range, earliest first."""

    first: tuple[int, int, int]  # (report id, event index, position among its counts)
    sources: list[tuple[Order, int | None, int | None]] = field(default_factory=list)

    def entry(self) -> tuple[dict[str, Any], dict[tuple[Any, Any], Tally]]:
        """The stored entry (min, max, sources, conflict) and the sources by range."""
        mins = [lo for _, lo, _ in self.sources if lo is not None]
        maxs = [hi for _, _, hi in self.sources if hi is not None]
        ranges: dict[tuple[Any, Any], Tally] = {}
        for at, lo, hi in self.sources:
            ranges.setdefault((lo, hi), Tally()).add(at)
        return {"min": min(mins) if mins else None,
                "max": max(maxs + mins) if maxs else None,
                "sources": [{"report_id": at[0], "min": lo, "max": hi}
                            for at, lo, hi in self.sources],
                "conflict": len(ranges) > 1}, ranges


@dataclass(slots=True)
class Summary:
    """Running tallies of an incident's members, from which :meth:`values` gives its fields."""

    first: tuple[Order, str] | None = None  # the earliest member and its event family
    types: dict[str, Tally] = field(default_factory=dict)
    stated: dict[tuple[Any, ...], Tally] = field(default_factory=dict)
    published: dict[tuple[Any, ...], Tally] = field(default_factory=dict)
    places: dict[tuple[Any, ...], Tally] = field(default_factory=dict)
    counts: dict[str, _Counts] = field(default_factory=dict)
    reports: set[int] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)
    reasons: set[str] = field(default_factory=set)
    urgency: int | None = None

    @classmethod
    def of(cls, members: Iterable[Member]) -> Summary:
        summary = cls()
        for m in members:
            summary.add(m)
        return summary

    def add(self, member: Member) -> None:
        """Count one more member (a member is added once)."""
        rid, index, f = member
        at = (rid, index)
        if self.first is None or at < self.first[0]:
            self.first = (at, f.family)
        self.types.setdefault(f.type, Tally()).add(at)
        if f.day is not None:
            if f.day_source == "stated":
                self.stated.setdefault((f.day, f.day_end, f.precision), Tally()).add(at)
            else:
                self.published.setdefault((f.day, f.day, None), Tally()).add(at)
        if (key := _place_key(f)) is not None:
            self.places.setdefault(key, Tally()).add(at)
        for pos, (kind, (lo, hi)) in enumerate(f.counts.items()):
            tally = self.counts.setdefault(kind, _Counts((rid, index, pos)))
            tally.first = min(tally.first, (rid, index, pos))
            bisect.insort(tally.sources, (at, lo, hi), key=lambda s: s[0])
        self.reports.add(rid)
        if f.source:
            self.sources.add(f.source)
        self.people.update(f.people)
        self.reasons.update(f.urgency_reasons)
        self.urgency = f.urgency if self.urgency is None else max(self.urgency, f.urgency)

    def where(self) -> dict[str, Any]:
        """The columns of :meth:`values` that place an incident in time and space (family,
        start, place), without the tallies whose cost grows with the members."""
        assert self.first is not None, "an incident has at least one member"
        date = self._chosen_date()
        place = self._chosen_place()
        return {"family": self.first[1],
                "date_start": dt.date.fromordinal(date[0][0]) if date else None,
                "location_name": place[0][0] if place else None,
                "lat": place[0][2] if place else None, "lon": place[0][3] if place else None,
                "admin1": place[0][4] if place else None}

    def values(self) -> dict[str, Any]:
        """The incident columns (type, date, place, counts, urgency, provenance, conflicts)."""
        assert self.first is not None, "an incident has at least one member"
        conflicts: list[dict[str, Any]] = []
        provenance: dict[str, Any] = {}
        type_, provenance["type"] = _pick(self.types)
        date, date_source = self._date(provenance, conflicts)
        place = self._place(provenance, conflicts)
        counts = self._counts(conflicts)
        provenance["counts"] = {k: sorted({at[0] for at, _, _ in self.counts[k].sources})
                                for k in counts}
        provenance["reports"] = sorted(self.reports)
        provenance["sources"] = sorted(self.sources)
        provenance["people"] = sorted(self.people)
        family = self.first[1]
        return {
            "type": type_,
            "family": family,
            "date_start": dt.date.fromordinal(date[0]) if date else None,
            "date_end": dt.date.fromordinal(date[1] or date[0]) if date else None,
            "date_precision": (date[2] or "day") if date and date_source == "stated" else None,
            "location_name": place[0] if place else None,
            "geonameid": place[1] if place else None,
            "lat": place[2] if place else None,
            "lon": place[3] if place else None,
            "admin1": place[4] if place else None,
            "country": place[5] if place else None,
            "counts": counts,
            "urgency": self.urgency,
            "urgency_reasons": sorted(self.reasons),
            "provenance": provenance,
            "conflicts": conflicts,
            "link_key": _link_key(family, date, place),
        }

    def _chosen_date(self) -> tuple[tuple[Any, ...], list[int], str] | None:
        """The chosen (day, end, precision), its reports, and whether it was stated or
        published (a stated date beats a publication date)."""
        dates, source = (self.stated, "stated") if self.stated else (self.published, "published")
        if not dates:
            return None
        date, reports = _pick(dates)
        return date, reports, source

    def _date(self, provenance: dict[str, Any], conflicts: list[dict[str, Any]]
              ) -> tuple[tuple[Any, ...] | None, str | None]:
        """The chosen (day, end, precision) and whether it was stated or published."""
        chosen = self._chosen_date()
        if chosen is None:
            return None, None
        date, reports, source = chosen
        provenance["date"] = {"reports": reports, "source": source}
        by_day = _grouped((dt.date.fromordinal(d[0]).isoformat(), t)
                          for d, t in self.stated.items())
        if (c := _conflict("date", by_day)) is not None:
            conflicts.append(c)
        return date, source

    def _chosen_place(self) -> tuple[tuple[Any, ...], list[int]] | None:
        """The most precise place most sources name (a town beats its region), with its
        reports."""
        if not self.places:
            return None
        best = min((p[6] or 1) for p in self.places)
        return _pick({p: t for p, t in self.places.items() if (p[6] or 1) == best})

    def _place(self, provenance: dict[str, Any], conflicts: list[dict[str, Any]]
               ) -> tuple[Any, ...] | None:
        chosen = self._chosen_place()
        if chosen is None:
            return None
        place, reports = chosen
        provenance["location"] = reports
        far = [(p[0] or "?", t) for p, t in self.places.items()
               if p[2] is not None and place[2] is not None and p[3] is not None
               and km(p[2], p[3], place[2], place[3]) > SAME_PLACE_KM]
        if far:
            chosen_tally = Tally(len(reports), (-1, 0), set(reports))  # listed first
            c = _conflict("location", _grouped([(place[0] or "?", chosen_tally), *far]))
            if c is not None:
                conflicts.append(c)
        return place

    def _counts(self, conflicts: list[dict[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for kind, tally in sorted(self.counts.items(), key=lambda kv: kv[1].first):
            out[kind], ranges = tally.entry()
            c = _conflict(f"counts.{kind}", _grouped(ranges.items()))
            if c is not None:
                c["values"] = [{"value": {"min": v["value"][0], "max": v["value"][1]},
                                "reports": v["reports"]} for v in c["values"]]
                conflicts.append(c)
        return out


def summarise(members: list[Member]) -> dict[str, Any]:
    """The incident columns (type, date, place, counts, urgency, provenance, conflicts)."""
    assert members, "an incident has at least one member"
    return Summary.of(members).values()


def _link_key(family: str, date: tuple[Any, ...] | None, place: tuple[Any, ...] | None) -> str:
    day = dt.date.fromordinal(date[0]).isoformat() if date else "?"
    where = (place[1] or (place[0] or "").lower()) if place else "?"
    return f"{family}|{day}|{where}"[:255]
