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
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from khronika.link.features import LinkFeatures
from khronika.link.score import km

Member = tuple[int, int, LinkFeatures]  # report id, event index, features

#: Places of members closer than this are the same place named differently (a venue, a
#: district and its city: Lyublino / Moscow, Crocus City Hall / Krasnogorsk); farther apart
#: they are recorded as a conflict.
SAME_PLACE_KM = 30.0


def _pick(values: list[tuple[Any, int]]) -> tuple[Any, list[int]]:
    """The most stated value (ties: the one the earliest report states) and its reports."""
    counter = Counter(v for v, _ in values)
    first: dict[Any, int] = {}
    for v, rid in values:
        first[v] = min(first.get(v, rid), rid)
    best = max(counter, key=lambda v: (counter[v], -first[v]))
    return best, sorted({rid for v, rid in values if v == best})


def _conflict(field: str, values: list[tuple[Any, int]]) -> dict[str, Any] | None:
    grouped: dict[Any, set[int]] = {}
    for v, rid in values:
        grouped.setdefault(v, set()).add(rid)
    if len(grouped) < 2:
        return None
    return {"field": field,
            "values": [{"value": v, "reports": sorted(r)} for v, r in grouped.items()]}


def _place_key(f: LinkFeatures) -> tuple[Any, ...] | None:
    if f.place is None and f.lat is None:
        return None
    return (f.place, f.geonameid, f.lat, f.lon, f.admin1, f.country, f.place_precision)


def _counts(members: list[Member]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    counts: dict[str, Any] = {}
    conflicts: list[dict[str, Any]] = []
    for rid, _, f in members:
        for kind, (lo, hi) in f.counts.items():
            entry = counts.setdefault(kind, {"min": None, "max": None, "sources": []})
            entry["sources"].append({"report_id": rid, "min": lo, "max": hi})
    for kind, entry in counts.items():
        mins = [s["min"] for s in entry["sources"] if s["min"] is not None]
        maxs = [s["max"] for s in entry["sources"] if s["max"] is not None]
        entry["min"] = min(mins) if mins else None
        entry["max"] = max(maxs + mins) if maxs else None
        distinct = {(s["min"], s["max"]) for s in entry["sources"]}
        entry["conflict"] = len(distinct) > 1
        if entry["conflict"]:
            c = _conflict(f"counts.{kind}", [((s["min"], s["max"]), s["report_id"])
                                             for s in entry["sources"]])
            if c:
                c["values"] = [{"value": {"min": v["value"][0], "max": v["value"][1]},
                                "reports": v["reports"]} for v in c["values"]]
                conflicts.append(c)
    return counts, conflicts


def summarise(members: list[Member]) -> dict[str, Any]:
    """The incident columns (type, date, place, counts, urgency, provenance, conflicts)."""
    assert members, "an incident has at least one member"
    members = sorted(members, key=lambda m: (m[0], m[1]))
    conflicts: list[dict[str, Any]] = []
    provenance: dict[str, Any] = {}

    type_, type_reports = _pick([(f.type, rid) for rid, _, f in members])
    provenance["type"] = type_reports

    stated = [((f.day, f.day_end, f.precision), rid) for rid, _, f in members
              if f.day is not None and f.day_source == "stated"]
    dates = stated or [((f.day, f.day, None), rid) for rid, _, f in members if f.day is not None]
    date: tuple[Any, ...] | None = None
    if dates:
        date, date_reports = _pick(dates)
        provenance["date"] = {"reports": date_reports,
                              "source": "stated" if stated else "published"}
        c = _conflict("date", [(dt.date.fromordinal(d[0]).isoformat(), r) for d, r in stated])
        if c:
            conflicts.append(c)

    places = [(k, rid) for rid, _, f in members if (k := _place_key(f)) is not None]
    place: tuple[Any, ...] | None = None
    if places:
        # the most precise place most sources name (a town beats its region)
        best_prec = min((p[6] or 1) for p, _ in places)
        place, place_reports = _pick([(p, r) for p, r in places if (p[6] or 1) == best_prec])
        provenance["location"] = place_reports
        far = [(p[0] or "?", r) for p, r in places
               if p[2] is not None and place[2] is not None and p[3] is not None
               and km(p[2], p[3], place[2], place[3]) > SAME_PLACE_KM]
        if far:
            c = _conflict("location", [(place[0] or "?", r) for r in place_reports] + far)
            if c:
                conflicts.append(c)

    counts, count_conflicts = _counts(members)
    conflicts += count_conflicts
    provenance["counts"] = {k: sorted({s["report_id"] for s in v["sources"]})
                            for k, v in counts.items()}
    provenance["reports"] = sorted({rid for rid, _, _ in members})
    provenance["sources"] = sorted({f.source for _, _, f in members if f.source})
    provenance["people"] = sorted({p for _, _, f in members for p in f.people})
    reasons = sorted({r for _, _, f in members for r in f.urgency_reasons})

    first = members[0][2]
    return {
        "type": type_,
        "family": first.family,
        "date_start": dt.date.fromordinal(date[0]) if date else None,
        "date_end": dt.date.fromordinal(date[1] or date[0]) if date else None,
        "date_precision": (date[2] or "day") if date and stated else None,
        "location_name": place[0] if place else None,
        "geonameid": place[1] if place else None,
        "lat": place[2] if place else None,
        "lon": place[3] if place else None,
        "admin1": place[4] if place else None,
        "country": place[5] if place else None,
        "counts": counts,
        "urgency": max(f.urgency for _, _, f in members),
        "urgency_reasons": reasons,
        "provenance": provenance,
        "conflicts": conflicts,
        "link_key": _link_key(first.family, date, place),
    }


def _link_key(family: str, date: tuple[Any, ...] | None, place: tuple[Any, ...] | None) -> str:
    day = dt.date.fromordinal(date[0]).isoformat() if date else "?"
    where = (place[1] or (place[0] or "").lower()) if place else "?"
    return f"{family}|{day}|{where}"[:255]
