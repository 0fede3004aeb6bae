"""Linking stored reports to incidents: one report on ingest, or all of them again.

:func:`link_report` (called by ``khronika.flow`` for each new report) compares each event of
the report with the incidents the store holds in the same event family, within
:data:`~khronika.link.score.WINDOW_DAYS` days and near the same place (one indexed query),
joins the best one scoring at or above the threshold or opens a new one, stores the
decision with its score and reason on the link row, recomputes the incident's fields from
its members and appends the change to the log.

:func:`relink_all` links every stored report that has an extraction: either only those not
linked yet, or (``rebuild=True``) from scratch through the in-memory index, written in bulk.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, func, select, update

from khronika import triage
from khronika.link.features import LinkFeatures, related_families, report_features
from khronika.link.incident import Member, summarise
from khronika.link.index import MAX_MEMBERS, Decision, LinkIndex
from khronika.link.score import MAX_KM, WINDOW_DAYS, Comparison, compare, decide
from khronika.store.schema import (
    extractions,
    incident_merges,
    incident_reports,
    incidents,
    reports,
)
from khronika.store.store import Store, utcnow

ACTOR = "linker"


class LinkError(Exception):
    """A linking request that cannot be carried out; the message says why and what to do."""


def features_for(conn: Connection, report_id: int, text: str,
                 result: dict[str, Any]) -> list[LinkFeatures]:
    """Link features of every event of a stored report's extraction."""
    row = conn.execute(
        select(reports.c.published, reports.c.received_at, reports.c.origin)
        .where(reports.c.id == report_id)
    ).first()
    published: Any = None
    origin = None
    if row is not None:
        published = row.published or (row.received_at.date() if row.received_at else None)
        origin = row.origin
    events = result.get("events") or []
    urgency = triage.assess(text, [e["type"] for e in events if e.get("certainty") != "denied"])
    return report_features(text, result, published, (urgency.score, list(urgency.reasons)),
                           origin)


def _candidates(conn: Connection, f: LinkFeatures) -> list[tuple[int, Comparison]]:
    """Stored incidents that could hold ``f``, each with its best-agreeing member."""
    if f.day is None:
        return []
    day = dt.date.fromordinal(f.day)
    q = select(incidents.c.id).where(
        incidents.c.family.in_(related_families(f.family))
        & incidents.c.date_start.between(day - dt.timedelta(days=WINDOW_DAYS),
                                         day + dt.timedelta(days=WINDOW_DAYS))
    )
    if f.lat is not None and f.lon is not None:
        # a box a little larger than MAX_KM; exact distances are checked by compare()
        dlat, dlon = MAX_KM / 100.0, MAX_KM / 50.0
        q = q.where((incidents.c.lat.between(f.lat - dlat, f.lat + dlat)
                     & incidents.c.lon.between(f.lon - dlon, f.lon + dlon))
                    | (incidents.c.lat.is_(None) & incidents.c.location_name.is_(None)))
    elif f.admin1:
        q = q.where((incidents.c.admin1 == f.admin1) | incidents.c.location_name.is_(None))
    ids = [int(i) for i in conn.execute(q.limit(500)).scalars()]
    if not ids:
        return []
    by_inc: dict[int, list[LinkFeatures]] = defaultdict(list)
    for inc, feats in conn.execute(
        select(incident_reports.c.incident_id, incident_reports.c.features)
        .where(incident_reports.c.incident_id.in_(ids))
        .order_by(incident_reports.c.incident_id, incident_reports.c.report_id.desc())
    ):
        if feats and len(by_inc[int(inc)]) < MAX_MEMBERS:
            by_inc[int(inc)].append(LinkFeatures.from_json(feats))
    out = []
    for inc, members in by_inc.items():
        comps = [compare(f, m) for m in members]
        ok = [c for c in comps if c.compatible]
        out.append((inc, max(ok or comps, key=lambda c: c.score)))
    return out


def members_of(conn: Connection, incident_id: int) -> list[Member]:
    """The member events of an incident, from the link rows."""
    return [
        (int(r.report_id), int(r.event_index), LinkFeatures.from_json(r.features))
        for r in conn.execute(
            select(incident_reports.c.report_id, incident_reports.c.event_index,
                   incident_reports.c.features)
            .where(incident_reports.c.incident_id == incident_id)
        )
        if r.features
    ]


def recompute(conn: Connection, incident_id: int) -> dict[str, Any]:
    """Recompute an incident's fields from its members and store them; returns them."""
    members = members_of(conn, incident_id)
    if not members:
        return {}
    values = summarise(members)
    conn.execute(
        update(incidents).where(incidents.c.id == incident_id)
        .values(**values, updated_at=utcnow(), version=incidents.c.version + 1)
    )
    return values


def _insert_incident(conn: Connection, members: list[Member]) -> int:
    now = utcnow()
    values = summarise(members)
    pk = conn.execute(
        incidents.insert().values(**values, status="unverified", created_at=now,
                                  updated_at=now, version=1)
    ).inserted_primary_key
    assert pk is not None
    return int(pk[0])


def _insert_link(conn: Connection, inc: int, report_id: int, index: int, f: LinkFeatures,
                 score: float, reason: str, by: str = ACTOR) -> None:
    conn.execute(incident_reports.insert().values(
        incident_id=inc, report_id=report_id, event_index=index, score=score,
        reason=reason, linked_at=utcnow(), features=f.to_json(), linked_by=by))


def link_report(store: Store, conn: Connection, report_id: int, text: str,
                result: dict[str, Any]) -> list[int]:
    """Attach each event of a report's extraction to an incident; returns the incident ids.

    Linking the same report again is a no-op for the events already linked.
    """
    done = {int(i) for i in conn.execute(
        select(incident_reports.c.event_index).where(incident_reports.c.report_id == report_id)
    ).scalars()}
    linked: list[int] = []
    for index, f in enumerate(features_for(conn, report_id, text, result)):
        if index in done:
            continue
        inc, score, reason = decide(_candidates(conn, f))
        if inc is None:
            inc = _insert_incident(conn, [(report_id, index, f)])
            action = "incident.create"
            score = 1.0 if score == 0.0 else score
        else:
            action = "incident.link"
        _insert_link(conn, inc, report_id, index, f, score, reason)
        if action == "incident.link":
            recompute(conn, inc)
        store.log_change(conn, ACTOR, action, "incident", inc,
                         {"report_id": report_id, "event_index": index,
                          "score": round(score, 3), "reason": reason})
        linked.append(inc)
    return linked


@dataclass(slots=True)
class RelinkSummary:
    reports: int = 0
    events: int = 0
    incidents_created: int = 0
    linked_to_existing: int = 0

    def to_json(self) -> dict[str, int]:
        return {"reports": self.reports, "events": self.events,
                "incidents_created": self.incidents_created,
                "linked_to_existing": self.linked_to_existing}


def _latest_extractions(conn: Connection, only_unlinked: bool) -> Iterable[Any]:
    latest = (select(extractions.c.report_id, func.max(extractions.c.id).label("xid"))
              .where(extractions.c.status == "ok").group_by(extractions.c.report_id).subquery())
    q = (select(reports.c.id, reports.c.text, extractions.c.result)
         .join(latest, latest.c.report_id == reports.c.id)
         .join(extractions, extractions.c.id == latest.c.xid)
         .order_by(reports.c.id))
    if only_unlinked:
        q = q.where(reports.c.id.not_in(select(incident_reports.c.report_id)))
    return conn.execute(q).all()


def relink_all(store: Store, rebuild: bool = False, force: bool = False,
               actor: str = ACTOR) -> RelinkSummary:
    """Link every stored report with an extraction.

    Without ``rebuild``, only reports with no link yet are linked (incrementally, as on
    ingest). With ``rebuild``, all incidents are rebuilt from scratch; that discards review
    statuses and manual merges, so it is refused when there are any unless ``force``.
    """
    summary = RelinkSummary()
    with store.engine.begin() as conn:
        if not rebuild:
            for rid, stored, result in _latest_extractions(conn, only_unlinked=True):
                text = store.report_text(stored)
                summary.reports += 1
                before = int(conn.execute(select(func.count()).select_from(incidents))
                             .scalar_one())
                ids = link_report(store, conn, int(rid), text, result)
                after = int(conn.execute(select(func.count()).select_from(incidents))
                            .scalar_one())
                summary.events += len(ids)
                summary.incidents_created += after - before
                summary.linked_to_existing += len(ids) - (after - before)
            return summary
        reviewed = conn.execute(select(func.count()).select_from(incidents)
                                .where(incidents.c.status != "unverified")).scalar_one()
        merged = conn.execute(select(func.count()).select_from(incident_merges)
                              .where(incident_merges.c.reverted_at.is_(None))).scalar_one()
        if (reviewed or merged) and not force:
            raise LinkError(
                f"rebuilding would discard {reviewed} review statuses and {merged} manual "
                "merges; link only new reports (without --rebuild) or pass --force")
        rows = [(int(rid), text, result) for rid, text, result in
                _latest_extractions(conn, only_unlinked=False)]
        conn.execute(delete(incident_reports))
        conn.execute(delete(incident_merges))
        conn.execute(delete(incidents))
        feats = {rid: features_for(conn, rid, store.report_text(text), result)
                 for rid, text, result in rows}
        summary = write_clusters(conn, cluster(feats))
        summary.reports = len(rows)
        store.log_change(conn, actor, "incident.relink", "incident", None, summary.to_json())
    return summary


Clustered = list[tuple[list[Member], list[Decision]]]


def cluster(feats: dict[int, list[LinkFeatures]]) -> Clustered:
    """Group events with the in-memory index, reports in id order; members per incident."""
    index = LinkIndex()
    groups: dict[int, tuple[list[Member], list[Decision]]] = {}
    for rid in sorted(feats):
        for i, f in enumerate(feats[rid]):
            d = index.add(f)
            g = groups.setdefault(d.incident, ([], []))
            g[0].append((rid, i, f))
            g[1].append(d)
    return [groups[k] for k in sorted(groups)]


def write_clusters(conn: Connection, clusters: Clustered) -> RelinkSummary:
    """Insert incidents and their link rows in bulk (one statement per table and chunk)."""
    summary = RelinkSummary()
    now = utcnow()
    chunk = 2000
    for start in range(0, len(clusters), chunk):
        part = clusters[start:start + chunk]
        rows = [dict(summarise(members), status="unverified", created_at=now,
                     updated_at=now, version=1) for members, _ in part]
        ids = conn.execute(
            incidents.insert().returning(incidents.c.id, sort_by_parameter_order=True), rows
        ).scalars().all()
        links = []
        for inc, (members, decisions) in zip(ids, part, strict=True):
            for (rid, idx, f), d in zip(members, decisions, strict=True):
                links.append({"incident_id": int(inc), "report_id": rid, "event_index": idx,
                              "score": 1.0 if d.new and d.score == 0.0 else d.score,
                              "reason": d.reason, "linked_at": now,
                              "features": f.to_json(), "linked_by": ACTOR})
                summary.events += 1
                summary.linked_to_existing += 0 if d.new else 1
        conn.execute(incident_reports.insert(), links)
        summary.incidents_created += len(part)
    return summary
