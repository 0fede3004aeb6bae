"""The records every export writes: incidents with their sources, through a redaction profile.

:func:`collect` reads incidents, the reports linked to them and those reports' latest
extractions (for the evidence sentence, the place precision and the names to mask), and
returns plain dicts that the CSV, JSON, GeoJSON, ACLED and brief writers share. Every
record carries the ids and origins of its reports, so each figure can cite them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from khronika import taxonomy
from khronika.export.redact import Profile
from khronika.model import COUNT_KINDS
from khronika.store.schema import extractions, incident_reports, reports
from khronika.store.store import Store, chunked

#: Longest excerpt of a report shown as an incident's notes.
NOTES_CHARS = 400


def _excerpt(text: str, start: int) -> tuple[int, int]:
    """The sentence around ``start``, up to :data:`NOTES_CHARS` characters."""
    dot, newline = text.rfind(". ", 0, start), text.rfind("\n", 0, start)
    begin = max(dot + 2 if dot >= 0 else 0, newline + 1)
    end = min(len(text), begin + NOTES_CHARS)
    stop = text.find(". ", start, end)
    if stop != -1:
        end = stop + 1
    return begin, end


def _sources(store: Store, report_ids: Iterable[int]) -> tuple[dict[int, dict[str, Any]],
                                                                dict[int, dict[str, Any]]]:
    """Reports and their latest extraction results, by report id."""
    ids = sorted(set(report_ids))
    reps: dict[int, dict[str, Any]] = {}
    results: dict[int, dict[str, Any]] = {}
    with store.connect() as conn:
        for part in chunked(ids, 500):
            for row in conn.execute(
                select(reports.c.id, reports.c.origin, reports.c.kind, reports.c.title,
                       reports.c.published, reports.c.text).where(reports.c.id.in_(part))
            ).mappings():
                reps[int(row["id"])] = dict(row)
            for row in conn.execute(
                select(extractions.c.report_id, extractions.c.result)
                .where(extractions.c.report_id.in_(part)).order_by(extractions.c.id)
            ).mappings():
                results[int(row["report_id"])] = row["result"] or {}
    return reps, results


def _event_index(store: Store, incident_ids: list[int]) -> dict[tuple[int, int], int]:
    out: dict[tuple[int, int], int] = {}
    with store.connect() as conn:
        for part in chunked(incident_ids, 500):
            for inc, rep, idx in conn.execute(
                select(incident_reports.c.incident_id, incident_reports.c.report_id,
                       incident_reports.c.event_index)
                .where(incident_reports.c.incident_id.in_(part))
            ):
                out.setdefault((int(inc), int(rep)), int(idx))
    return out


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else None


def collect(store: Store, profile: Profile, since: dt.date | None = None,
            until: dt.date | None = None) -> list[dict[str, Any]]:
    """Export records of the incidents in the period, as ``profile`` allows them to be seen."""
    rows = store.incidents(since=since, until=until)
    rows.sort(key=lambda r: (r["date_start"] or dt.date.min, r["id"]))
    reps, results = _sources(store, (i for r in rows for i in r["report_ids"]))
    events = _event_index(store, [int(r["id"]) for r in rows])
    out = []
    for r in rows:
        first = r["report_ids"][0] if r["report_ids"] else None
        rep = reps.get(first) if first is not None else None
        result = results.get(first, {}) if first is not None else {}
        ev_list = result.get("events") or []
        idx = events.get((int(r["id"]), first), 0) if first is not None else 0
        event = ev_list[idx] if idx < len(ev_list) else {}
        notes = None
        if rep is not None:
            text = store.report_text(rep["text"])
            starts = [int(e["start"]) for e in event.get("evidence") or []]
            b, e = _excerpt(text, min(starts) if starts else 0)
            persons = [(int(x["start"]) - b, int(x["end"]) - b)
                       for x in result.get("entities") or [] if x.get("label") == "PER"]
            notes = profile.text(text[b:e].strip(), persons)
        counts: dict[str, Any] = {}
        for kind in COUNT_KINDS:
            c = (r["counts"] or {}).get(kind)
            if not c:
                continue
            lo, hi = profile.count(c.get("min")), profile.count(c.get("max"))
            counts[kind] = {"min": lo, "max": hi, "conflict": bool(c.get("conflict")),
                            "suppressed": (lo is None) != (c.get("min") is None),
                            "report_ids": sorted({int(s["report_id"]) for s in
                                                  c.get("sources") or [] if "report_id" in s})}
        acled = taxonomy.acled_for(r["type"], detained="detained" in counts) \
            if r["type"] in taxonomy.TYPES else None
        loc = event.get("location") or {}
        sources = [{"report_id": i,
                    "origin": profile.origin(reps[i]["origin"], reps[i]["kind"]) if i in reps
                    else None,
                    "kind": reps[i]["kind"] if i in reps else None,
                    "published": _iso(reps[i]["published"]) if i in reps else None}
                   for i in r["report_ids"]]
        out.append({
            "id": int(r["id"]),
            "type": r["type"],
            "acled_event_type": acled["event_type"] if acled else None,
            "acled_sub_event_type": acled["sub_event_type"] if acled else None,
            "date_start": _iso(r["date_start"]),
            "date_end": _iso(r["date_end"]),
            "date_precision": r["date_precision"],
            "location": r["location_name"],
            "country": r["country"],
            "admin1": r["admin1"],
            "lat": profile.coord(r["lat"]),
            "lon": profile.coord(r["lon"]),
            "geo_precision": loc.get("precision"),
            "counts": counts,
            "status": r["status"],
            "urgency": r["urgency"],
            "urgency_reasons": list(r["urgency_reasons"] or []),
            "report_ids": list(r["report_ids"]),
            "sources": sources,
            "notes": notes,
        })
    return out
