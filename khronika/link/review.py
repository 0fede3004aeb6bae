"""Manual merge and split of incidents by a named user, reversible and in the change log.

- :func:`merge` moves every link of incident B into incident A and removes B's row; both
  rows as they were and the moved links are kept in ``incident_merges``.
- :func:`split` undoes the latest merge into an incident: B comes back with its id and
  every column as it was, its links go back to it, and A gets back every column it had
  before the merge. Only ``version`` (bumped: readers holding the merged version must not
  win an optimistic-lock race) and ``updated_at`` differ. If reports were linked to A after
  the merge, A's derived fields are then recomputed so that they count.
- :func:`detach` splits chosen reports out of an incident into a new one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, Date, DateTime, select, update

from khronika.link.linker import LinkError, _insert_incident, members_of, recompute
from khronika.store.schema import incident_merges, incident_reports, incidents
from khronika.store.store import Store, utcnow

#: Columns a split does not restore (see the module docstring).
NOT_RESTORED = ("id", "version", "updated_at")


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v)
            for k, v in row.items()}


def _from_json(table: Any, data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for col in table.columns:
        if col.name not in data:
            continue
        v = data[col.name]
        if v is not None and isinstance(col.type, DateTime):
            v = dt.datetime.fromisoformat(v)
        elif v is not None and isinstance(col.type, Date):
            v = dt.date.fromisoformat(v)
        out[col.name] = v
    return out


def _row(conn: Connection, incident_id: int) -> dict[str, Any]:
    row = conn.execute(select(incidents).where(incidents.c.id == incident_id)).mappings().first()
    if row is None:
        raise LinkError(f"no incident {incident_id}")
    return dict(row)


def _links(conn: Connection, incident_id: int) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(
        select(incident_reports).where(incident_reports.c.incident_id == incident_id)
        .order_by(incident_reports.c.report_id, incident_reports.c.event_index)).mappings()]


def _actor(by: str) -> str:
    if not by.strip():
        raise LinkError("a merge or split needs the name of the person making it (--by NAME)")
    return by.strip()


def merge(store: Store, target: int, source: int, by: str, reason: str | None = None) -> int:
    """Merge incident ``source`` into ``target``; returns the merge's id (for the log)."""
    actor = _actor(by)
    if target == source:
        raise LinkError("cannot merge an incident into itself")
    with store.engine.begin() as conn:
        target_row, source_row = _row(conn, target), _row(conn, source)
        moved = _links(conn, source)
        moved_keys = {(int(x["report_id"]), int(x["event_index"])) for x in moved}
        conn.execute(update(incident_reports).where(incident_reports.c.incident_id == source)
                     .values(incident_id=target, linked_by=actor))
        conn.execute(incidents.delete().where(incidents.c.id == source))
        recompute(conn, target)
        # status: the merged incident is no better verified than its least verified part
        conn.execute(update(incidents).where(incidents.c.id == target).values(
            status=_weaker(str(target_row["status"]), str(source_row["status"]))))
        merge_id = conn.execute(incident_merges.insert().values(
            target_id=target, source_id=source, actor=actor, at=utcnow(), reason=reason,
            source_row=_jsonable(source_row),
            target_row=_jsonable(target_row) | {"_links": [
                [int(x["report_id"]), int(x["event_index"])] for x in _links(conn, target)
                if (int(x["report_id"]), int(x["event_index"])) not in moved_keys]},
            moved_links=[_jsonable(link) for link in moved],
        )).inserted_primary_key
        assert merge_id is not None
        store.log_change(conn, actor, "incident.merge", "incident", target,
                         {"merged": source, "merge_id": int(merge_id[0]), "reason": reason,
                          "moved_reports": sorted({int(x["report_id"]) for x in moved})})
        return int(merge_id[0])


_ORDER = ["rejected", "unverified", "corroborated", "verified"]


def _weaker(a: str, b: str) -> str:
    if a in _ORDER and b in _ORDER:
        return min(a, b, key=_ORDER.index)
    return a


def split(store: Store, incident_id: int, by: str) -> int:
    """Undo the latest merge into ``incident_id``; returns the id of the restored incident."""
    actor = _actor(by)
    with store.engine.begin() as conn:
        m = conn.execute(
            select(incident_merges).where((incident_merges.c.target_id == incident_id)
                                          & incident_merges.c.reverted_at.is_(None))
            .order_by(incident_merges.c.id.desc()).limit(1)).mappings().first()
        if m is None:
            raise LinkError(
                f"incident {incident_id} has no merge to split; to move reports out of it "
                "use: khronika split INCIDENT --reports ID,ID --by NAME")
        current = _row(conn, incident_id)
        source = _from_json(incidents, m["source_row"])
        conn.execute(incidents.insert().values(**source))
        keys = [(int(x["report_id"]), int(x["event_index"])) for x in m["moved_links"]]
        for link in m["moved_links"]:
            values = _from_json(incident_reports, link)
            conn.execute(incident_reports.delete().where(
                (incident_reports.c.incident_id == incident_id)
                & (incident_reports.c.report_id == values["report_id"])
                & (incident_reports.c.event_index == values["event_index"])))
            conn.execute(incident_reports.insert().values(**values))
        before = _from_json(incidents, m["target_row"])
        restored = {k: v for k, v in before.items() if k not in NOT_RESTORED}
        conn.execute(update(incidents).where(incidents.c.id == incident_id).values(
            **restored, version=int(current["version"]) + 1, updated_at=utcnow()))
        kept = {(r, e) for r, e, _ in members_of(conn, incident_id)}
        before_links = {(int(r), int(e)) for r, e in m["target_row"].get("_links", [])}
        if kept - before_links:  # reports linked after the merge: let them count
            recompute(conn, incident_id)
        conn.execute(update(incident_merges).where(incident_merges.c.id == m["id"])
                     .values(reverted_at=utcnow(), reverted_by=actor))
        store.log_change(conn, actor, "incident.split", "incident", incident_id,
                         {"restored": int(m["source_id"]), "merge_id": int(m["id"]),
                          "moved_back": sorted({r for r, _ in keys})})
        return int(m["source_id"])


def detach(store: Store, incident_id: int, report_ids: list[int], by: str) -> int:
    """Move the given reports' links out of an incident into a new one; returns its id."""
    actor = _actor(by)
    with store.engine.begin() as conn:
        _row(conn, incident_id)
        members = members_of(conn, incident_id)
        out = [m for m in members if m[0] in set(report_ids)]
        if not out:
            raise LinkError(f"none of reports {report_ids} is linked to incident {incident_id}")
        if len(out) == len(members):
            raise LinkError("detaching every report would leave the incident empty")
        new_id = _insert_incident(conn, out)
        for rid, idx, _ in out:
            conn.execute(update(incident_reports).where(
                (incident_reports.c.incident_id == incident_id)
                & (incident_reports.c.report_id == rid)
                & (incident_reports.c.event_index == idx)
            ).values(incident_id=new_id, linked_by=actor,
                     reason=f"split out of incident {incident_id} by {actor}"))
        recompute(conn, incident_id)
        store.log_change(conn, actor, "incident.detach", "incident", incident_id,
                         {"new_incident": new_id, "reports": sorted(set(report_ids))})
        return new_id
