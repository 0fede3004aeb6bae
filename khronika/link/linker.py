"""Linking a report's events to incidents (v1: exact blocking key).

Each extracted event is attached to the incident with the same key (event family, day,
place) or opens a new one. The decision and its reason are stored on the link. Fields of
an incident come from its first report; counts keep every source's figure, and a
disagreement is flagged as a conflict rather than averaged away.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, select, update

from khronika import triage
from khronika.store.schema import incident_reports, incidents
from khronika.store.store import Store, utcnow

# Codes that describe the same real happening from different angles share a family, so
# that "police raided the market" and "30 detained at the market" meet in one incident.
FAMILY = {
    "raid": "detention",
    "arrest": "detention",
    "arrests": "detention",
    "assault": "violence",
    "attack": "violence",
    "torture": "violence",
    "abduction": "abduction",
    "abduction_forced_disappearance": "abduction",
}

ACTOR = "linker"


def link_key(event: dict[str, Any]) -> str | None:
    """The blocking key of an event, or None when it is too vague to link (no day, no place)."""
    date = (event.get("date") or {}).get("start")
    loc = event.get("location") or {}
    place = loc.get("geonameid") or (loc.get("name") or "").lower() or None
    if not date or not place:
        return None
    return f"{FAMILY.get(event['type'], event['type'])}|{date}|{place}"


def _merge_counts(current: dict[str, Any], event: dict[str, Any], report_id: int) -> dict[str, Any]:
    merged = {k: dict(v, sources=list(v.get("sources", []))) for k, v in current.items()}
    for kind, c in (event.get("counts") or {}).items():
        if not c:
            continue
        src = {"report_id": report_id, "min": c.get("min"), "max": c.get("max"),
               "text": c.get("text")}
        entry = merged.setdefault(kind, {"min": None, "max": None, "sources": []})
        entry["sources"].append(src)
        mins = [s["min"] for s in entry["sources"] if s["min"] is not None]
        maxs = [s["max"] for s in entry["sources"] if s["max"] is not None]
        entry["min"] = min(mins) if mins else None  # ACLED's conservative tally
        entry["max"] = max(maxs) if maxs else None
        distinct = {(s["min"], s["max"]) for s in entry["sources"]}
        entry["conflict"] = len(distinct) > 1
    return merged


def _new_incident(conn: Connection, event: dict[str, Any], key: str | None,
                  urgency: triage.Urgency, report_id: int) -> int:
    date = event.get("date") or {}
    loc = event.get("location") or {}
    now = utcnow()
    result = conn.execute(
        incidents.insert().values(
            type=event["type"],
            date_start=dt.date.fromisoformat(date["start"]) if date.get("start") else None,
            date_end=dt.date.fromisoformat(date["end"]) if date.get("end") else None,
            date_precision=date.get("precision"),
            location_name=loc.get("name"),
            geonameid=loc.get("geonameid"),
            country=loc.get("country"),
            admin1=loc.get("admin1"),
            lat=loc.get("lat"),
            lon=loc.get("lon"),
            counts=_merge_counts({}, event, report_id),
            status="unverified",
            urgency=urgency.score,
            urgency_reasons=urgency.reasons,
            link_key=key,
            created_at=now,
            updated_at=now,
            version=1,
        )
    )
    pk = result.inserted_primary_key
    assert pk is not None
    return int(pk[0])


def link_report(store: Store, conn: Connection, report_id: int, text: str,
                result: dict[str, Any]) -> list[int]:
    """Attach each event of an extraction to an incident; returns the incident ids."""
    events = result.get("events") or []
    urgency = triage.assess(text, [e["type"] for e in events])
    linked: list[int] = []
    for index, event in enumerate(events):
        key = link_key(event)
        existing = None
        if key is not None:
            existing = conn.execute(
                select(incidents).where(incidents.c.link_key == key).order_by(incidents.c.id)
            ).mappings().first()
        if existing is None:
            inc_id = _new_incident(conn, event, key, urgency, report_id)
            score, reason = 1.0, "new incident: no incident with the same type, day and place"
            if key is None:
                reason = "new incident: event has no day or no place to link on"
            store.log_change(conn, ACTOR, "incident.create", "incident", inc_id,
                             {"report_id": report_id, "event_index": index, "key": key})
        else:
            inc_id = int(existing["id"])
            score, reason = 1.0, f"same type family, day and place ({key})"
            conn.execute(
                update(incidents)
                .where(incidents.c.id == inc_id)
                .values(
                    counts=_merge_counts(existing["counts"] or {}, event, report_id),
                    urgency=max(int(existing["urgency"]), urgency.score),
                    urgency_reasons=sorted(set(existing["urgency_reasons"] or [])
                                           | set(urgency.reasons)),
                    updated_at=utcnow(),
                    version=int(existing["version"]) + 1,
                )
            )
            store.log_change(conn, ACTOR, "incident.link", "incident", inc_id,
                             {"report_id": report_id, "event_index": index, "key": key})
        already = conn.execute(
            select(incident_reports.c.incident_id).where(
                (incident_reports.c.incident_id == inc_id)
                & (incident_reports.c.report_id == report_id)
                & (incident_reports.c.event_index == index)
            )
        ).first()
        if already is None:
            conn.execute(
                incident_reports.insert().values(
                    incident_id=inc_id, report_id=report_id, event_index=index,
                    score=score, reason=reason, linked_at=utcnow(),
                )
            )
        linked.append(inc_id)
    return linked
