"""Cases: a person or group who asked for help, followed to an outcome.

Personal fields (title, contact, details, outcome, note texts) go through the store's
field cipher, so on PostgreSQL they are AES-GCM encrypted by the application; every read
of a case is audited; updates use optimistic locking on ``version`` so that two
caseworkers never silently overwrite each other; deletion wipes the personal fields and
notes but keeps the case's existence, status and linked incidents for anonymous counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, insert, select, update

from khronika import triage
from khronika.security.audit import record
from khronika.store.schema import case_incidents, case_notes, cases, incidents
from khronika.store.store import Store, utcnow

STATUSES = ("open", "in_progress", "waiting", "resolved", "closed")
PERSONAL = ("title", "contact", "details", "outcome")
WIPED = "[deleted]"


class CaseError(ValueError):
    """A refused case operation, with a message for the user."""


class StaleCase(CaseError):
    """The case changed since it was read (optimistic locking)."""


@dataclass(slots=True)
class Case:
    id: int
    title: str
    contact: str | None
    details: str | None
    status: str
    urgency: int
    urgency_reasons: list[str]
    deadline: dt.date | None
    assignee: str | None
    outcome: str | None
    version: int
    deleted: bool
    incidents: list[int] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)


def create_case(store: Store, actor: str, title: str, contact: str | None = None,
                details: str | None = None, deadline: dt.date | None = None,
                assignee: str | None = None, incident_ids: list[int] | None = None) -> int:
    """Open a case; urgency is assessed from its details."""
    if not title.strip():
        raise CaseError("a case needs a title")
    urgency = triage.assess(" ".join(x for x in (title, details or "") if x), [])
    score, reasons = urgency.score, set(urgency.reasons)
    enc = store.fields.encrypt
    now = utcnow()
    with store.engine.begin() as conn:
        # a case is at least as urgent as the incidents it follows
        for row in conn.execute(select(incidents.c.urgency, incidents.c.urgency_reasons)
                                .where(incidents.c.id.in_(incident_ids or []))):
            score = max(score, int(row.urgency))
            reasons.update(row.urgency_reasons or [])
        pk = conn.execute(insert(cases).values(
            title=enc(title), contact=enc(contact), details=enc(details), status="open",
            urgency=score, urgency_reasons=sorted(reasons), deadline=deadline,
            assignee=assignee, outcome=None, created_at=now, updated_at=now, version=1,
        )).inserted_primary_key
        assert pk is not None
        case_id = int(pk[0])
        for inc in incident_ids or []:
            conn.execute(insert(case_incidents).values(case_id=case_id, incident_id=inc))
        store.log_change(conn, actor, "case.create", "case", case_id,
                         {"incidents": incident_ids or [], "assignee": assignee})
    return case_id


def get_case(store: Store, case_id: int, actor: str) -> Case:
    """A case with its notes, decrypted; the read is audited."""
    dec = store.fields.decrypt
    with store.connect() as conn:
        row = conn.execute(select(cases).where(cases.c.id == case_id)).mappings().first()
        if row is None:
            raise CaseError(f"no case {case_id}")
        incs = [int(i) for i in conn.execute(
            select(case_incidents.c.incident_id).where(case_incidents.c.case_id == case_id)
        ).scalars()]
        notes = [
            {"id": int(n["id"]), "author": n["author"], "text": dec(n["text"]),
             "created_at": n["created_at"]}
            for n in conn.execute(select(case_notes).where(case_notes.c.case_id == case_id)
                                  .order_by(case_notes.c.id)).mappings()
        ]
    record(store, actor, "case.read", "case", case_id)
    return Case(
        id=int(row["id"]), title=dec(row["title"]) or "", contact=dec(row["contact"]),
        details=dec(row["details"]), status=row["status"], urgency=int(row["urgency"]),
        urgency_reasons=list(row["urgency_reasons"] or []), deadline=row["deadline"],
        assignee=row["assignee"], outcome=dec(row["outcome"]), version=int(row["version"]),
        deleted=row["deleted_at"] is not None, incidents=incs, notes=notes,
    )


def update_case(store: Store, case_id: int, actor: str, expected_version: int,
                **changes: Any) -> int:
    """Change fields of a case if nobody changed it since ``expected_version``.

    Returns the new version; raises :class:`StaleCase` with a message naming what to do.
    """
    allowed = {"title", "contact", "details", "status", "deadline", "assignee", "outcome"}
    unknown = set(changes) - allowed
    if unknown:
        raise CaseError(f"cannot change {', '.join(sorted(unknown))}; "
                        f"changeable: {', '.join(sorted(allowed))}")
    if "status" in changes and changes["status"] not in STATUSES:
        raise CaseError(f"unknown status {changes['status']!r}; valid: {', '.join(STATUSES)}")
    values = {k: store.fields.encrypt(v) if k in PERSONAL else v for k, v in changes.items()}
    with store.engine.begin() as conn:
        n = conn.execute(
            update(cases)
            .where((cases.c.id == case_id) & (cases.c.version == expected_version)
                   & cases.c.deleted_at.is_(None))
            .values(**values, version=expected_version + 1, updated_at=utcnow())
        ).rowcount
        if n != 1:
            raise StaleCase(
                f"case {case_id} was changed by someone else (or deleted) since you opened "
                "it; reload it, check their change, then apply yours again"
            )
        # the log names which fields changed, never their personal values
        store.log_change(conn, actor, "case.update", "case", case_id,
                         {"fields": sorted(changes), "version": expected_version + 1})
    return expected_version + 1


def add_note(store: Store, case_id: int, actor: str, text: str) -> None:
    """Add a note to a live case (not to one whose personal data was deleted)."""
    if not text.strip():
        raise CaseError("a note needs some text")
    with store.engine.begin() as conn:
        deleted = conn.execute(select(cases.c.deleted_at).where(cases.c.id == case_id)).first()
        if deleted is None:
            raise CaseError(f"no case {case_id}")
        if deleted[0] is not None:
            raise CaseError(f"case {case_id}: its personal data was deleted; no new notes")
        conn.execute(insert(case_notes).values(
            case_id=case_id, author=actor, text=store.fields.encrypt(text),
            created_at=utcnow()))
        store.log_change(conn, actor, "case.note", "case", case_id, {})


def delete_personal(store: Store, case_id: int, actor: str) -> None:
    """Secure deletion: wipe personal fields and notes, keep the anonymous remainder."""
    with store.engine.begin() as conn:
        n = conn.execute(
            update(cases).where(cases.c.id == case_id).values(
                title=WIPED, contact=None, details=None, outcome=None,
                deleted_at=utcnow(), version=cases.c.version + 1, updated_at=utcnow())
        ).rowcount
        if n != 1:
            raise CaseError(f"no case {case_id}")
        conn.execute(delete(case_notes).where(case_notes.c.case_id == case_id))
        store.log_change(conn, actor, "case.delete_personal", "case", case_id, {})
    if store.location.backend == "sqlite":
        # SQLite leaves deleted bytes in free pages until they are reused; VACUUM rewrites
        # the file so the wiped values are really gone (inside SQLCipher they were
        # encrypted anyway).
        with store.engine.connect() as conn:
            conn.exec_driver_sql("VACUUM")


def apply_retention(store: Store, actor: str, closed_days: int,
                    now: dt.datetime | None = None) -> list[int]:
    """Wipe personal data of cases closed or resolved more than ``closed_days`` ago."""
    cutoff = (now or utcnow()) - dt.timedelta(days=closed_days)
    with store.connect() as conn:
        due = [int(i) for i in conn.execute(
            select(cases.c.id).where(cases.c.status.in_(("closed", "resolved"))
                                     & (cases.c.updated_at < cutoff)
                                     & cases.c.deleted_at.is_(None))
        ).scalars()]
    for case_id in due:
        delete_personal(store, case_id, actor)
    return due
