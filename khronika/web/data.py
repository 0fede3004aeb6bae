"""Read-side queries of the desk: the queue, an incident with its sources, cases, figures.

Each function takes the store and plain filter values and returns plain dicts, so the HTML
pages and the JSON API show exactly the same data. Queries are bounded (LIMIT) and use the
store's indexes so that a page stays fast on a store of 100k incidents.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import Select, and_, func, literal_column, select

from khronika.store.schema import (
    case_incidents,
    cases,
    changes,
    extractions,
    incident_merges,
    incident_reports,
    incidents,
    reports,
)
from khronika.store.store import Store, utcnow
from khronika.web.cache import cached

OPEN_INCIDENT = ("unverified", "corroborated")
INCIDENT_STATUSES = ("unverified", "corroborated", "verified", "rejected")
CASE_STATUSES = ("open", "in_progress", "waiting", "resolved", "closed")
PAGE = 50
COUNT_KINDS = ("killed", "injured", "detained", "deported", "participants")

QUEUE_COLUMNS = (incidents.c.id, incidents.c.type, incidents.c.date_start,
                 incidents.c.location_name, incidents.c.admin1, incidents.c.country,
                 incidents.c.status, incidents.c.urgency, incidents.c.urgency_reasons,
                 incidents.c.created_at, incidents.c.version)


def aware(value: Any) -> dt.datetime | None:
    """SQLite hands back naive UTC datetimes; PostgreSQL aware ones."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return None


def age_hours(created: Any) -> int | None:
    at = aware(created)
    return None if at is None else max(0, int((utcnow() - at).total_seconds() // 3600))


def unindexed(store: Store, col: Any) -> Any:
    """``col`` for a WHERE term that must not choose the index (SQLite only).

    SQLite's planner, with no statistics in a desk's store, answers ``type = ?`` through
    the type index and then sorts every match by urgency; a unary plus (SQLite's own
    idiom) keeps it on the rank index (migration 0006), read in queue order, which stops
    after one page: 0.2-15 ms instead of 200-800 ms on 100k incidents. PostgreSQL plans
    from statistics and gets the column itself.
    """
    if store.location.backend == "sqlite":
        return literal_column(f"+{col.table.name}.{col.name}", col.type)
    return col


def _incident_filters(store: Store, q: Select[Any], type_: str | None, region: str | None,
                      status: str | None) -> Select[Any]:
    if type_:
        q = q.where(unindexed(store, incidents.c.type) == type_)
    if region:
        q = q.where(unindexed(store, incidents.c.admin1) == region)
    if status:
        q = q.where(unindexed(store, incidents.c.status) == status)
    return q


def ranked(q: Select[Any]) -> Select[Any]:
    """Order a queue query by urgency, then longest waiting: the rank index's order (the
    id is no tie-breaker: it would force a sort of every match)."""
    return q.order_by(incidents.c.urgency.desc(), incidents.c.created_at)


def queue(store: Store, *, type_: str | None = None, region: str | None = None,
          status: str | None = None, assignee: str | None = None, with_cases: bool = True,
          page: int = 0) -> list[dict[str, Any]]:
    """Open incidents and open cases, most urgent first, then longest waiting."""
    q: Select[Any] = _incident_filters(store, select(*QUEUE_COLUMNS), type_, region, status)
    if not status:
        q = q.where(unindexed(store, incidents.c.status).in_(OPEN_INCIDENT))
    q = ranked(q)
    want = PAGE * (page + 1)
    items: list[dict[str, Any]] = []
    with store.connect() as conn:
        if not assignee:
            for r in conn.execute(q.limit(want)).mappings():
                items.append({**dict(r), "kind": "incident", "deadline": None,
                              "assignee": None, "title": None})
        if with_cases and not (type_ or region or status):
            cq = (select(cases.c.id, cases.c.title, cases.c.status, cases.c.urgency,
                         cases.c.urgency_reasons, cases.c.deadline, cases.c.assignee,
                         cases.c.created_at, cases.c.version)
                  .where(cases.c.status != "closed", cases.c.deleted_at.is_(None)))
            if assignee:
                cq = cq.where(cases.c.assignee == assignee)
            cq = cq.order_by(cases.c.urgency.desc(), cases.c.deadline, cases.c.id).limit(want)
            for r in conn.execute(cq).mappings():
                # titles are personal (encrypted on PostgreSQL): decrypted for the page
                items.append({**dict(r), "title": store.fields.decrypt(r["title"]),
                              "kind": "case", "type": None, "location_name": None,
                              "admin1": None, "date_start": None})
    far = dt.date.max
    items.sort(key=lambda i: (-int(i["urgency"]), i["deadline"] or far,
                              aware(i["created_at"]) or utcnow()))
    items = items[PAGE * page: want]
    for i in items:
        i["age_hours"] = age_hours(i["created_at"])
    return items


def incident(store: Store, incident_id: int) -> dict[str, Any] | None:
    with store.connect() as conn:
        row = conn.execute(select(incidents).where(incidents.c.id == incident_id)
                           ).mappings().first()
    return dict(row) if row else None


def spans_to_segments(text: str, spans: list[tuple[int, int, str]]) -> list[dict[str, Any]]:
    """Text cut into plain and highlighted pieces; overlapping spans keep the first."""
    segments: list[dict[str, Any]] = []
    pos = 0
    for start, end, field in sorted(spans):
        start, end = max(start, pos), min(end, len(text))
        if start >= end:
            continue
        if start > pos:
            segments.append({"text": text[pos:start], "field": None})
        segments.append({"text": text[start:end], "field": field})
        pos = end
    if pos < len(text):
        segments.append({"text": text[pos:], "field": None})
    return segments


def event_spans(result: dict[str, Any], event_index: int | None) -> list[tuple[int, int, str]]:
    """Evidence spans of one event of an extraction (all events when index is None)."""
    events = result.get("events") or []
    chosen = events if event_index is None else events[event_index:event_index + 1]
    return [(int(e["start"]), int(e["end"]), str(e.get("field", "")))
            for ev in chosen for e in ev.get("evidence") or []
            if isinstance(e.get("start"), int) and isinstance(e.get("end"), int)]


def sources(store: Store, incident_id: int, profile: str | None) -> list[dict[str, Any]]:
    """The reports linked to an incident, with what each says (and its evidence).

    ``profile`` is the reader's redaction profile (``khronika.security.redact``): texts
    and what each source says are shown through it, with the evidence marks moved to
    the redacted text; None leaves the texts out.
    """
    from khronika.security.redact import get_profile, redact, redact_record

    with store.connect() as conn:
        links = conn.execute(
            select(incident_reports.c.report_id, incident_reports.c.event_index,
                   incident_reports.c.reason, incident_reports.c.linked_by,
                   reports.c.title, reports.c.origin, reports.c.received_at,
                   reports.c.published, reports.c.lang, reports.c.text)
            .join(reports, reports.c.id == incident_reports.c.report_id)
            .where(incident_reports.c.incident_id == incident_id)
            .order_by(incident_reports.c.report_id, incident_reports.c.event_index)
        ).mappings().all()
        ids = sorted({int(r["report_id"]) for r in links})
        results: dict[int, dict[str, Any]] = {}
        if ids:
            for rid, result in conn.execute(
                    select(extractions.c.report_id, extractions.c.result)
                    .where(extractions.c.report_id.in_(ids))
                    .order_by(extractions.c.id)):
                results[int(rid)] = result or {}
    prof = get_profile(profile) if profile else None
    out = []
    for link in links:
        rid = int(link["report_id"])
        result = results.get(rid, {})
        events = result.get("events") or []
        idx = int(link["event_index"])
        event = events[idx] if 0 <= idx < len(events) else {}
        summary = _event_summary(event)
        item: dict[str, Any] = {
            "report_id": rid, "event_index": idx, "reason": link["reason"],
            "linked_by": link["linked_by"], "origin": None,
            "received_at": link["received_at"], "published": link["published"],
            "lang": link["lang"],
            "event": redact_record(summary, prof, suppressed=None) if prof else summary,
        }
        if prof is not None:
            # names the extraction found are redacted even where the detector misses them
            known = [(int(e["start"]), int(e["end"]), "NAME")
                     for e in result.get("entities") or [] if e.get("label") == "PER"
                     and isinstance(e.get("start"), int) and isinstance(e.get("end"), int)]
            shown = redact(store.report_text(link["text"]), prof, known)
            spans = [(shown.map_offset(a), shown.map_offset(b), f)
                     for a, b, f in event_spans(result, idx)]
            item["segments"] = spans_to_segments(shown.text, spans)
            item["title"] = redact(link["title"], prof).text if link["title"] else None
            item["origin"] = redact(link["origin"], prof).text if link["origin"] else None
        out.append(item)
    return out


def _event_summary(event: dict[str, Any]) -> dict[str, Any]:
    loc = event.get("location") or {}
    date = event.get("date") or {}
    counts = {k: v for k, v in (event.get("counts") or {}).items() if v}
    found = event.get("actors")
    actors: dict[str, Any] = found if isinstance(found, dict) else {}
    return {"type": event.get("type"), "date": date.get("start"), "place": loc.get("name"),
            "region": loc.get("admin1"),
            "counts": {k: {"min": v.get("min"), "max": v.get("max")} for k, v in counts.items()},
            # who did it to whom, as the report (or the ACLED row it came from) names them
            "actors": {k: str(actors[k]) for k in ("perpetrator", "victims")
                       if isinstance(actors.get(k), str) and actors[k].strip()}}


def conflicts(row: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Disagreements between sources by field (linker v2's list, or v1's count flags)."""
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in row.get("conflicts") or []:
        found[str(c.get("field"))].append(c)
    for kind, entry in (row.get("counts") or {}).items():
        if isinstance(entry, dict) and entry.get("conflict") and f"counts.{kind}" not in found:
            found[f"counts.{kind}"].append({
                "field": f"counts.{kind}",
                "values": [{"value": {"min": s.get("min"), "max": s.get("max")},
                            "reports": [s.get("report_id")]}
                           for s in entry.get("sources") or []]})
    return dict(found)


def history(store: Store, entity: str, entity_id: int, limit: int = 200) -> list[dict[str, Any]]:
    """Who changed what and when, from the change log (oldest first)."""
    with store.connect() as conn:
        rows = conn.execute(
            select(changes.c.id, changes.c.at, changes.c.actor, changes.c.action,
                   changes.c.data)
            .where(and_(changes.c.entity == entity, changes.c.entity_id == str(entity_id)))
            .order_by(changes.c.id.desc()).limit(limit)
        ).mappings().all()
    return [dict(r) for r in reversed(rows)]


def merges_into(store: Store, incident_id: int) -> list[dict[str, Any]]:
    with store.connect() as conn:
        rows = conn.execute(
            select(incident_merges.c.id, incident_merges.c.source_id, incident_merges.c.actor,
                   incident_merges.c.at, incident_merges.c.reason,
                   incident_merges.c.reverted_at)
            .where(incident_merges.c.target_id == incident_id)
            .order_by(incident_merges.c.id)).mappings().all()
    return [dict(r) for r in rows]


def cases_of_incident(store: Store, incident_id: int) -> list[dict[str, Any]]:
    with store.connect() as conn:
        rows = conn.execute(
            select(cases.c.id, cases.c.status, cases.c.assignee)
            .join(case_incidents, case_incidents.c.case_id == cases.c.id)
            .where(case_incidents.c.incident_id == incident_id)).mappings().all()
    return [dict(r) for r in rows]


# -- cases --------------------------------------------------------------------------------


def case_list(store: Store, status: str | None = None, assignee: str | None = None,
              page: int = 0) -> list[dict[str, Any]]:
    """One page of cases (not deleted), most urgent first; titles decrypted."""
    q = (select(cases.c.id, cases.c.title, cases.c.status, cases.c.urgency,
                cases.c.deadline, cases.c.assignee, cases.c.updated_at)
         .where(cases.c.deleted_at.is_(None)))
    if status:
        q = q.where(cases.c.status == status)
    if assignee:
        q = q.where(cases.c.assignee == assignee)
    q = q.order_by(cases.c.urgency.desc(), cases.c.deadline, cases.c.id)
    with store.connect() as conn:
        rows = [dict(r) for r in conn.execute(q.limit(PAGE).offset(PAGE * page)).mappings()]
    for r in rows:
        r["title"] = store.fields.decrypt(r["title"])
    return rows


def case(store: Store, case_id: int, actor: str) -> dict[str, Any] | None:
    """A case for its page: :func:`khronika.cases.get_case` (decrypted, the read audited)
    with its linked incidents summarised; None when there is no such case."""
    from khronika.cases import CaseError, get_case

    try:
        found = get_case(store, case_id, actor)
    except CaseError:
        return None
    out: dict[str, Any] = {
        "id": found.id, "title": found.title, "contact": found.contact,
        "details": found.details, "status": found.status, "urgency": found.urgency,
        "urgency_reasons": found.urgency_reasons, "deadline": found.deadline,
        "assignee": found.assignee, "outcome": found.outcome, "version": found.version,
        "deleted": found.deleted, "notes": found.notes, "incidents": []}
    if found.incidents:
        with store.connect() as conn:
            out["incidents"] = [dict(r) for r in conn.execute(
                select(incidents.c.id, incidents.c.type, incidents.c.date_start,
                       incidents.c.location_name, incidents.c.status)
                .where(incidents.c.id.in_(found.incidents))
                .order_by(incidents.c.id)).mappings()]
    return out


# -- figures ------------------------------------------------------------------------------


def week_of(day: dt.date) -> dt.date:
    """The Monday that starts ``day``'s ISO week."""
    return day - dt.timedelta(days=day.weekday())


def _weekly_by_type(store: Store, weeks: int = 16, top: int = 6) -> dict[str, Any]:
    """Incidents per week for the latest ``weeks`` weeks with data, by type (top types)."""
    with store.connect() as conn:
        latest = conn.execute(select(func.max(incidents.c.date_start))
                              .where(incidents.c.status != "rejected")).scalar_one_or_none()
        if latest is None:
            return {"weeks": [], "types": [], "rows": []}
        start = week_of(latest) - dt.timedelta(weeks=weeks - 1)
        rows = conn.execute(
            select(incidents.c.date_start, incidents.c.type, func.count())
            .where(incidents.c.date_start >= start, incidents.c.status != "rejected")
            .group_by(incidents.c.date_start, incidents.c.type)).all()
    per: dict[dt.date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    totals: dict[str, int] = defaultdict(int)
    for day, type_, n in rows:
        per[week_of(day)][type_] += int(n)
        totals[type_] += int(n)
    types = sorted(totals, key=lambda t: -totals[t])[:top]
    week_list = [start + dt.timedelta(weeks=i) for i in range(weeks)]
    table = []
    for w in week_list:
        counts = per.get(w, {})
        other = sum(n for t, n in counts.items() if t not in types)
        table.append({"week": w, "counts": {t: counts.get(t, 0) for t in types},
                      "other": other, "total": sum(counts.values())})
    return {"weeks": week_list, "types": types, "rows": table}


def _by_region(store: Store, top: int = 15) -> list[dict[str, Any]]:
    with store.connect() as conn:
        rows = conn.execute(
            select(incidents.c.admin1, incidents.c.country, func.count().label("n"))
            .where(incidents.c.status != "rejected", incidents.c.admin1.is_not(None))
            .group_by(incidents.c.admin1, incidents.c.country)
            .order_by(func.count().desc()).limit(top)).all()
    return [{"region": r, "country": c, "count": int(n)} for r, c, n in rows]


#: Rounding of map points per redaction profile: 0.1° (about 11 km) in public, 0.01°
#: in partner (as khronika.security.redact rounds coordinates), 0.001° internally.
MAP_SCALE = {"public": 10, "partner": 100, "internal": 1000}


def _map_points(store: Store, profile: str, limit: int = 2000) -> list[dict[str, Any]]:
    """Incidents grouped by place; coordinates rounded as the reader's profile says."""
    from khronika.security.redact import redact_text

    scale = MAP_SCALE.get(profile, 10)
    # round(x * f) exists on both backends (PostgreSQL has no round(double, digits));
    # grouping by the output labels keeps the two expressions identical in the SQL
    factor: Any = literal_column(f"{scale}.0")
    lat = func.round(incidents.c.lat * factor).label("glat")
    lon = func.round(incidents.c.lon * factor).label("glon")
    with store.connect() as conn:
        rows = conn.execute(
            select(lat, lon, func.min(incidents.c.location_name), func.count())
            .where(incidents.c.lat.is_not(None), incidents.c.lon.is_not(None),
                   incidents.c.status != "rejected")
            .group_by("glat", "glon").order_by(func.count().desc()).limit(limit)).all()
    return [{"lat": float(a) / scale, "lon": float(b) / scale,
             "place": redact_text(p, profile) if p else p, "count": int(n)}
            for a, b, p, n in rows]


def _regions(store: Store, limit: int = 200) -> list[str]:
    with store.connect() as conn:
        return [r for (r,) in conn.execute(
            select(incidents.c.admin1).where(incidents.c.admin1.is_not(None))
            .group_by(incidents.c.admin1).order_by(func.count().desc()).limit(limit))]


# The figures above read every incident; the pages get them through the figure cache,
# computed again only when the incidents changed (khronika.web.cache).


def weekly_by_type(store: Store, weeks: int = 16, top: int = 6) -> dict[str, Any]:
    """Incidents per week by type (see :func:`_weekly_by_type`), cached per change."""
    return cached(store, ("weekly", weeks, top), lambda: _weekly_by_type(store, weeks, top))


def by_region(store: Store, top: int = 15) -> list[dict[str, Any]]:
    """Incidents per region, most first (not rejected), cached per change."""
    return cached(store, ("by_region", top), lambda: _by_region(store, top))


def map_points(store: Store, profile: str, limit: int = 2000) -> list[dict[str, Any]]:
    """Places with their incident counts (see :func:`_map_points`), cached per change."""
    return cached(store, ("map", profile, limit), lambda: _map_points(store, profile, limit))


def regions(store: Store, limit: int = 200) -> list[str]:
    """The regions that have incidents, most incidents first, cached per change."""
    return cached(store, ("regions", limit), lambda: _regions(store, limit))
