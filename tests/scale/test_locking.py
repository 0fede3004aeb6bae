"""Optimistic locking on incidents: of many writers starting from one version, exactly
one wins; the others get a clear conflict, and nothing is overwritten silently."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import insert, select

from khronika.scale.locking import IncidentError, StaleIncident, review_incident
from khronika.store.schema import changes, incidents
from khronika.store.store import Store, utcnow


def new_incident(store: Store) -> int:
    with store.engine.begin() as conn:
        pk = conn.execute(insert(incidents).values(
            type="arrest", counts={}, urgency_reasons=[], created_at=utcnow(),
            updated_at=utcnow(), version=1)).inserted_primary_key
    assert pk is not None
    return int(pk[0])


def test_stale_version_refused(store: Store) -> None:
    inc = new_incident(store)
    assert review_incident(store, inc, "verify", 1, "ana") == 2
    with pytest.raises(StaleIncident, match="reload it"):
        review_incident(store, inc, "reject", 1, "boris")
    with pytest.raises(IncidentError, match="valid: corroborate"):
        review_incident(store, inc, "approve", 2, "ana")
    with store.connect() as conn:
        assert conn.execute(select(incidents.c.status).where(incidents.c.id == inc)
                            ).scalar_one() == "verified"


def test_concurrent_writers_one_wins(store: Store) -> None:
    inc = new_incident(store)
    barrier = threading.Barrier(8)
    outcomes: list[str] = []

    def writer(i: int) -> None:
        barrier.wait()
        try:
            review_incident(store, inc, "corroborate" if i % 2 else "reject", 1, f"w{i}")
            outcomes.append("won")
        except StaleIncident:
            outcomes.append("stale")

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["stale"] * 7 + ["won"]
    with store.connect() as conn:
        logged = conn.execute(select(changes.c.actor).where(
            changes.c.action.like("incident.%"))).scalars().all()
        version = conn.execute(select(incidents.c.version).where(incidents.c.id == inc)
                               ).scalar_one()
    assert len(logged) == 1 and version == 2
