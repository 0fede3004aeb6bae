"""The audit trail: every read of personal data, every change, every export.

Entries go to the store's append-only, hash-chained change log (``changes``); a read is
recorded in a transaction of its own so that it is kept even if the caller fails later.
"""

from __future__ import annotations

from typing import Any

from khronika.store.store import Store


def record(store: Store, actor: str, action: str, entity: str,
           entity_id: str | int | None = None, data: dict[str, Any] | None = None) -> None:
    """Append one audit entry (e.g. action ``report.read``, ``export.csv``)."""
    with store.engine.begin() as conn:
        store.log_change(conn, actor, action, entity, entity_id, data or {})
