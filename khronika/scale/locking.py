"""Optimistic locking for incidents, for callers outside the web desk (scripts, batch jobs).

Every change to an incident row bumps ``incidents.version``: the desk's actions
(``khronika.web.actions``) and the linker's recompute when a new report joins. An update
here only applies if the row still has the version the caller read; otherwise it raises
:class:`StaleIncident` naming what to do, exactly as cases do (``khronika.cases``). The
check and the write are one ``UPDATE ... WHERE version = :read`` statement, so two
writers can never both succeed from the same version, on SQLite or PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from khronika.store.schema import incidents
from khronika.store.store import Store, utcnow

#: review actions and the status each one sets (the desk's vocabulary)
REVIEW = {"corroborate": "corroborated", "verify": "verified", "reject": "rejected",
          "reopen": "unverified"}


class IncidentError(ValueError):
    """A refused incident change, with a message for the user."""


class StaleIncident(IncidentError):
    """The incident changed since it was read."""


def update_incident(store: Store, incident_id: int, expected_version: int, actor: str,
                    action: str, values: dict[str, Any]) -> int:
    """Set ``values`` on an incident still at ``expected_version``; returns the new version.

    The change and its change-log entry (``incident.<action>``) commit together.
    """
    with store.engine.begin() as conn:
        before = conn.execute(select(incidents).where(incidents.c.id == incident_id)
                              ).mappings().first()
        if before is None:
            raise IncidentError(f"no incident {incident_id}")
        n = conn.execute(
            update(incidents)
            .where((incidents.c.id == incident_id) & (incidents.c.version == expected_version))
            .values(**values, version=expected_version + 1, updated_at=utcnow())
        ).rowcount
        if n != 1:
            raise StaleIncident(
                f"incident {incident_id} was changed by someone else (a reviewer, or a new "
                f"report linked to it) since you read version {expected_version}; reload "
                "it, check the change, then apply yours again")
        store.log_change(conn, actor, f"incident.{action}", "incident", incident_id,
                         {"version": expected_version + 1,
                          "from": {k: _plain(before[k]) for k in values},
                          "to": {k: _plain(v) for k, v in values.items()}})
    return expected_version + 1


def review_incident(store: Store, incident_id: int, action: str, expected_version: int,
                    actor: str) -> int:
    """Corroborate, verify, reject or reopen an incident; returns the new version."""
    if action not in REVIEW:
        raise IncidentError(f"unknown review action {action!r}; valid: {', '.join(REVIEW)}")
    return update_incident(store, incident_id, expected_version, actor, action,
                           {"status": REVIEW[action]})


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value
