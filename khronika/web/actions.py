"""Write-side actions of the desk: review, corrections, merge and split, intake, cases.

Every action runs in one transaction, checks the row's ``version`` it was shown
(optimistic locking: two caseworkers verifying at once cannot overwrite each other), and
appends what it did to the change log with the acting user's name.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from khronika.store.schema import (
    case_incidents,
    cases,
    incident_merges,
    incident_reports,
    incidents,
)
from khronika.store.store import NewReport, Store, utcnow
from khronika.web.auth import WebError

REVIEW = {"corroborate": "corroborated", "verify": "verified", "reject": "rejected",
          "reopen": "unverified"}
#: The case workflow of the desk, over khronika.cases.STATUSES.
CASE_FLOW: dict[str, tuple[str, ...]] = {
    "open": ("in_progress", "closed"),
    "in_progress": ("waiting", "resolved", "closed"),
    "waiting": ("in_progress", "resolved", "closed"),
    "resolved": ("closed", "in_progress"),
    "closed": ("open",),
}
CORRECTABLE = ("type", "date_start", "location_name", "admin1")


def stale() -> WebError:
    return WebError(409, "stale", "someone else changed this record since you loaded it; "
                    "reload and try again")


def not_found(what: str, ident: int) -> WebError:
    return WebError(404, "not_found", f"no {what} {ident}")


def _locked_update(conn: Connection, table: Any, ident: int, version: int,
                   values: dict[str, Any]) -> None:
    """Update one row only if it still has ``version``; bump the version."""
    n = conn.execute(update(table).where(table.c.id == ident, table.c.version == version)
                     .values(**values, version=version + 1, updated_at=utcnow())).rowcount
    if n == 1:
        return
    if conn.execute(select(table.c.id).where(table.c.id == ident)).first() is None:
        raise not_found(table.name.rstrip("s"), ident)
    raise stale()


def review(store: Store, incident_id: int, action: str, version: int, actor: str) -> None:
    """Corroborate, verify, reject or reopen an incident."""
    if action not in REVIEW:
        raise WebError(422, "invalid", f"unknown review action {action!r}; valid: "
                       + ", ".join(REVIEW))
    with store.engine.begin() as conn:
        before = conn.execute(select(incidents.c.status)
                              .where(incidents.c.id == incident_id)).scalar_one_or_none()
        _locked_update(conn, incidents, incident_id, version, {"status": REVIEW[action]})
        store.log_change(conn, actor, f"incident.{action}", "incident", incident_id,
                         {"from": before, "to": REVIEW[action]})


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise WebError(422, "invalid", f"not a date (YYYY-MM-DD): {value!r}") from None


def correct(store: Store, incident_id: int, version: int, fields: dict[str, Any],
            counts: dict[str, int | None], actor: str) -> None:
    """Set incident fields by hand; the earlier values are kept in the change log."""
    with store.engine.begin() as conn:
        row = conn.execute(select(incidents).where(incidents.c.id == incident_id)
                           ).mappings().first()
        if row is None:
            raise not_found("incident", incident_id)
        _correct(conn, store, dict(row), version, fields, counts, actor)


def _correct(conn: Connection, store: Store, row: dict[str, Any], version: int,
             fields: dict[str, Any], counts: dict[str, int | None], actor: str) -> None:
    values: dict[str, Any] = {}
    if "type" in fields:
        from khronika import taxonomy

        if fields["type"] not in taxonomy.TYPES:  # every incident has a type, from the list
            raise WebError(422, "invalid", f"unknown event type {fields['type']!r}; valid: "
                           + ", ".join(sorted(taxonomy.TYPES)))
    for name in CORRECTABLE:
        if name in fields:
            new = _parse_date(fields[name]) if name == "date_start" else (fields[name] or None)
            if new != row[name]:
                values[name] = new
    if "date_start" in values:
        values["date_end"] = values["date_start"]
    new_counts = {k: dict(v) for k, v in (row["counts"] or {}).items()}
    for kind, n in counts.items():
        entry = new_counts.get(kind) or {}
        if n != entry.get("min"):
            entry.update({"min": n, "max": n, "corrected_by": actor})
            new_counts[kind] = entry
    if new_counts != (row["counts"] or {}):
        values["counts"] = new_counts
    if not values:
        return
    _locked_update(conn, incidents, int(row["id"]), version, values)
    store.log_change(conn, actor, "incident.correct", "incident", int(row["id"]), {
        "before": {k: _plain(row[k]) for k in values},
        "after": {k: _plain(v) for k, v in values.items()}})


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


# -- merge and split -----------------------------------------------------------------------


def _link_function(name: str) -> Callable[..., Any] | None:
    """The linker's own merge/split when it has one (khronika.link is being rewritten)."""
    for module in ("khronika.link.merge", "khronika.link.manual", "khronika.link"):
        try:
            found = getattr(importlib.import_module(module), name, None)
        except ImportError:
            continue
        if callable(found):
            return found  # type: ignore[no-any-return]
    return None


def _row_json(row: dict[str, Any]) -> dict[str, Any]:
    return {k: _plain(v) if not isinstance(v, dt.datetime) else v.isoformat()
            for k, v in row.items()}


def merge(store: Store, target_id: int, source_id: int, actor: str,
          reason: str | None = None) -> int:
    """Merge incident ``source_id`` into ``target_id``; returns the merge's id."""
    if target_id == source_id:
        raise WebError(422, "invalid", "an incident cannot be merged into itself")
    linked = _link_function("merge_incidents")
    if linked is not None:
        return int(linked(store, target_id, source_id, actor=actor, reason=reason))
    with store.engine.begin() as conn:
        rows = {int(r["id"]): dict(r) for r in conn.execute(
            select(incidents).where(incidents.c.id.in_([target_id, source_id]))).mappings()}
        for ident in (target_id, source_id):
            if ident not in rows:
                raise not_found("incident", ident)
        moved = [dict(r) for r in conn.execute(select(incident_reports).where(
            incident_reports.c.incident_id == source_id)).mappings()]
        cases_moved = [int(c) for c in conn.execute(select(case_incidents.c.case_id).where(
            case_incidents.c.incident_id == source_id)).scalars()]
        pk = conn.execute(insert(incident_merges).values(
            target_id=target_id, source_id=source_id, actor=actor, at=utcnow(), reason=reason,
            source_row=_row_json(rows[source_id]), target_row=_row_json(rows[target_id]),
            moved_links=[{**_row_json(m), "cases": cases_moved} for m in moved] or
            [{"cases": cases_moved}])).inserted_primary_key
        assert pk is not None
        conn.execute(update(incident_reports).where(incident_reports.c.incident_id == source_id)
                     .values(incident_id=target_id, linked_by=actor))
        for case_id in cases_moved:
            conn.execute(delete(case_incidents).where(case_incidents.c.case_id == case_id,
                                                      case_incidents.c.incident_id == source_id))
            if conn.execute(select(case_incidents).where(
                    case_incidents.c.case_id == case_id,
                    case_incidents.c.incident_id == target_id)).first() is None:
                conn.execute(insert(case_incidents).values(case_id=case_id,
                                                           incident_id=target_id))
        target, source = rows[target_id], rows[source_id]
        counts = _merged_counts(target["counts"] or {}, source["counts"] or {})
        conn.execute(update(incidents).where(incidents.c.id == target_id).values(
            counts=counts, urgency=max(int(target["urgency"]), int(source["urgency"])),
            urgency_reasons=sorted(set(target["urgency_reasons"] or [])
                                   | set(source["urgency_reasons"] or [])),
            version=int(target["version"]) + 1, updated_at=utcnow()))
        conn.execute(delete(incidents).where(incidents.c.id == source_id))
        store.log_change(conn, actor, "incident.merge", "incident", target_id,
                         {"merged": source_id, "merge_id": int(pk[0]), "reason": reason})
        store.log_change(conn, actor, "incident.merged_into", "incident", source_id,
                         {"into": target_id, "merge_id": int(pk[0])})
    return int(pk[0])


def _merged_counts(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    out = {k: dict(v) for k, v in a.items() if isinstance(v, dict)}
    for kind, entry in b.items():
        if not isinstance(entry, dict):
            continue
        mine = out.setdefault(kind, {"min": None, "max": None, "sources": []})
        srcs = list(mine.get("sources") or []) + list(entry.get("sources") or [])
        mins = [s.get("min") for s in srcs if s.get("min") is not None] or \
            [x for x in (mine.get("min"), entry.get("min")) if x is not None]
        maxs = [s.get("max") for s in srcs if s.get("max") is not None]
        mine.update({"sources": srcs, "min": min(mins) if mins else None,
                     "max": max(maxs) if maxs else mine.get("max") or entry.get("max"),
                     "conflict": len({(s.get("min"), s.get("max")) for s in srcs}) > 1})
    return out


def split(store: Store, merge_id: int, actor: str) -> int:
    """Undo a merge: the absorbed incident comes back as it was; returns its id."""
    linked = _link_function("split_incident") or _link_function("undo_merge")
    if linked is not None:
        return int(linked(store, merge_id, actor=actor))
    with store.engine.begin() as conn:
        m = conn.execute(select(incident_merges).where(incident_merges.c.id == merge_id)
                         ).mappings().first()
        if m is None:
            raise not_found("merge", merge_id)
        if m["reverted_at"] is not None:
            raise WebError(409, "already_split", f"merge {merge_id} was already undone")
        source = {k: v for k, v in m["source_row"].items() if k in incidents.c}
        target = {k: v for k, v in m["target_row"].items() if k in incidents.c}
        for row in (source, target):
            for k in ("date_start", "date_end"):
                row[k] = dt.date.fromisoformat(row[k]) if row.get(k) else None
            for k in ("created_at", "updated_at"):
                row[k] = dt.datetime.fromisoformat(row[k]) if row.get(k) else utcnow()
        conn.execute(insert(incidents).values(**source))
        links = [x for x in m["moved_links"] if "report_id" in x]
        for link in links:
            conn.execute(update(incident_reports).where(
                incident_reports.c.incident_id == m["target_id"],
                incident_reports.c.report_id == link["report_id"],
                incident_reports.c.event_index == link["event_index"])
                .values(incident_id=m["source_id"], linked_by=actor))
        cur = conn.execute(select(incidents.c.version).where(
            incidents.c.id == m["target_id"])).scalar_one()
        target.pop("id", None)
        target["version"] = int(cur) + 1
        target["updated_at"] = utcnow()
        conn.execute(update(incidents).where(incidents.c.id == m["target_id"]).values(**target))
        for case_id in (m["moved_links"][0].get("cases") or []) if m["moved_links"] else []:
            if conn.execute(select(case_incidents).where(
                    case_incidents.c.case_id == case_id,
                    case_incidents.c.incident_id == m["source_id"])).first() is None:
                conn.execute(insert(case_incidents).values(case_id=case_id,
                                                           incident_id=m["source_id"]))
        conn.execute(update(incident_merges).where(incident_merges.c.id == merge_id)
                     .values(reverted_at=utcnow(), reverted_by=actor))
        store.log_change(conn, actor, "incident.split", "incident", m["target_id"],
                         {"restored": m["source_id"], "merge_id": merge_id})
        store.log_change(conn, actor, "incident.restored", "incident", m["source_id"],
                         {"from": m["target_id"], "merge_id": merge_id})
    return int(m["source_id"])


# -- intake --------------------------------------------------------------------------------


def save_intake(store: Store, text: str, origin: str, actor: str,
                fields: dict[str, Any], counts: dict[str, int | None],
                lang: str | None = None) -> tuple[int, bool, list[int]]:
    """Store the text as a report, extract and link it, then apply the corrections.

    Returns (report id, whether it was new, incident ids). The report keeps the text
    exactly as typed; the caseworker's corrections go to the incident of the report's
    first event and, for the record, into the report's metadata.
    """
    from khronika.flow import process_report

    if not text.strip():
        raise WebError(422, "invalid", "the report text is empty")
    report = NewReport(text=text, origin=f"desk:{origin or 'call'}", kind="call",
                       lang=lang or None, meta={"logged_by": actor, "corrections": {
                           **{k: v for k, v in fields.items() if v},
                           **{f"counts.{k}": v for k, v in counts.items()}}})
    report_id, created = store.add_report(report)
    with store.engine.begin() as conn:
        store.log_change(conn, actor, "report.intake", "report", report_id,
                         {"new": created, "origin": report.origin})
    incident_ids = process_report(store, report_id) if created else \
        store.incidents_of_report(report_id)
    if incident_ids and (fields or counts):
        with store.engine.begin() as conn:
            row = conn.execute(select(incidents).where(incidents.c.id == incident_ids[0])
                               ).mappings().first()
            if row is not None:
                _correct(conn, store, dict(row), int(row["version"]), fields, counts, actor)
    return report_id, created, incident_ids


# -- cases ---------------------------------------------------------------------------------
# The domain rules (encryption of personal fields, audited reads, optimistic locking,
# secure deletion) live in khronika.cases; the desk adds the workflow, checks what a
# form or a request names, and turns the domain's refusals into HTTP answers.


def _case_call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call a khronika.cases function; its refusals become 409 (stale) or 422."""
    from khronika.cases import CaseError, StaleCase

    try:
        return fn(*args, **kwargs)
    except StaleCase as exc:
        raise WebError(409, "stale", str(exc)) from None
    except CaseError as exc:
        raise WebError(422, "invalid", str(exc)) from None


def _live_case(conn: Connection, case_id: int) -> dict[str, Any]:
    row = conn.execute(select(cases).where(cases.c.id == case_id)).mappings().first()
    if row is None:
        raise not_found("case", case_id)
    if row["deleted_at"] is not None:
        raise WebError(410, "deleted", f"the personal data of case {case_id} was deleted; "
                       "it can no longer be changed")
    return dict(row)


def _check_incident(conn: Connection, incident_id: int) -> None:
    if conn.execute(select(incidents.c.id).where(incidents.c.id == incident_id)
                    ).first() is None:
        raise not_found("incident", incident_id)


def create_case(store: Store, actor: str, title: str, contact: str | None = None,
                details: str | None = None, deadline: str | None = None,
                assignee: str | None = None, incident_id: int | None = None) -> int:
    """Open a case (personal fields encrypted by khronika.cases); returns its id."""
    from khronika import cases as domain

    if not title.strip():
        raise WebError(422, "invalid", "a case needs a title")
    if incident_id is not None:
        with store.connect() as conn:
            _check_incident(conn, incident_id)
    return int(_case_call(domain.create_case, store, actor, title.strip(), contact or None,
                          details or None, _parse_date(deadline), assignee or None,
                          [incident_id] if incident_id is not None else None))


def update_case(store: Store, case_id: int, version: int, actor: str,
                values: dict[str, Any]) -> None:
    """Change a case's status (along the workflow), assignee, deadline, outcome or
    personal fields; only what differs from the stored case is written."""
    from khronika import cases as domain

    with store.connect() as conn:
        row = _live_case(conn, case_id)
    dec = store.fields.decrypt
    new: dict[str, Any] = {}
    status = values.get("status")
    if status and status != row["status"]:
        allowed = CASE_FLOW.get(row["status"], ())
        if status not in allowed:
            raise WebError(422, "invalid_transition",
                           f"a case that is {row['status']} can move to "
                           + " or ".join(allowed) + f", not {status}")
        new["status"] = status
    for name in ("assignee", "outcome", "contact", "details", "title"):
        if name in values:
            stored = dec(row[name]) if name in domain.PERSONAL else row[name]
            if (values[name] or None) != stored:
                new[name] = values[name] or None
    if new.get("title", "") is None:
        raise WebError(422, "invalid", "a case needs a title")
    if "deadline" in values and _parse_date(values["deadline"]) != row["deadline"]:
        new["deadline"] = _parse_date(values["deadline"])
    if not new:
        return
    _case_call(domain.update_case, store, case_id, actor, version, **new)


def add_note(store: Store, case_id: int, actor: str, text_: str) -> None:
    """Add a note (encrypted on PostgreSQL) to a case that still has its personal data."""
    from khronika import cases as domain

    if not text_.strip():
        raise WebError(422, "invalid", "the note is empty")
    with store.connect() as conn:
        _live_case(conn, case_id)
    _case_call(domain.add_note, store, case_id, actor, text_)


def delete_personal(store: Store, case_id: int, actor: str) -> None:
    """Secure deletion of a case's personal data (the anonymous remainder is kept)."""
    from khronika import cases as domain

    with store.connect() as conn:
        _live_case(conn, case_id)
    _case_call(domain.delete_personal, store, case_id, actor)


def link_case(store: Store, case_id: int, incident_id: int, actor: str) -> None:
    with store.engine.begin() as conn:
        _live_case(conn, case_id)
        _check_incident(conn, incident_id)
        if conn.execute(select(case_incidents).where(
                case_incidents.c.case_id == case_id,
                case_incidents.c.incident_id == incident_id)).first() is None:
            conn.execute(insert(case_incidents).values(case_id=case_id, incident_id=incident_id))
            store.log_change(conn, actor, "case.link", "case", case_id,
                             {"incident": incident_id})


def assign_incident(store: Store, incident_id: int, assignee: str, actor: str) -> int:
    """Give an incident to a caseworker: through the open case that follows it (made if
    there is none, since incidents have no assignee of their own); returns the case id."""
    from khronika.security.accounts import list_users

    users = {u.name: u for u in list_users(store)}
    user = users.get(assignee)
    if user is None or not user.active or user.role.value not in ("caseworker", "admin"):
        raise WebError(422, "invalid", f"{assignee!r} is not an active caseworker or admin")
    with store.connect() as conn:
        _check_incident(conn, incident_id)
        open_case = conn.execute(
            select(cases.c.id, cases.c.version)
            .join(case_incidents, case_incidents.c.case_id == cases.c.id)
            .where(case_incidents.c.incident_id == incident_id,
                   cases.c.status.not_in(("closed", "resolved")), cases.c.deleted_at.is_(None))
            .order_by(cases.c.id)).first()
    if open_case is None:
        return create_case(store, actor, f"Incident {incident_id}", assignee=assignee,
                           incident_id=incident_id)
    update_case(store, int(open_case[0]), int(open_case[1]), actor, {"assignee": assignee})
    return int(open_case[0])


# -- splitting a report out ----------------------------------------------------------------


def detach(store: Store, incident_id: int, report_ids: list[int], actor: str) -> int:
    """Move reports out of an incident into a new one (khronika.link.review.detach);
    returns the new incident's id. Logged as ``incident.detach``; undone by merging the
    new incident back, which is itself reversible."""
    from khronika.link.linker import LinkError
    from khronika.link.review import detach as link_detach

    if not report_ids:
        raise WebError(422, "invalid", "name at least one report to split out")
    with store.connect() as conn:
        _check_incident(conn, incident_id)
    try:
        new_id = link_detach(store, incident_id, report_ids, actor)
    except LinkError as exc:
        raise WebError(422, "invalid", str(exc)) from None
    # the linker logs the split on the incident it came out of; the new incident's own
    # history says where it came from and how to undo it
    with store.engine.begin() as conn:
        store.log_change(conn, actor, "incident.split_from", "incident", new_id,
                         {"from": incident_id, "reports": sorted(set(report_ids)),
                          "undo": f"merge {new_id} into {incident_id}"})
    return new_id
