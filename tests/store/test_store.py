"""The store on every backend: schema from migrations, idempotent reports, the change log."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import update

from khronika.store import migrate
from khronika.store.engine import StoreError, resolve_location
from khronika.store.schema import changes, metadata
from khronika.store.store import NewReport, Store, content_hash, init_store, open_store
from tests.conftest import PASSPHRASE


def test_migrations_build_exactly_the_declared_schema(store: Store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    # Full-text search structures (migration 0004: an FTS5 virtual table with its shadow
    # tables, a PostgreSQL expression index) cannot be declared in schema.py.
    diff = [d for d in diff if not (d[0] in ("remove_table", "remove_index")
                                    and d[1].name.startswith(("reports_fts", "ix_reports_fts")))]
    assert diff == []
    assert migrate.current_revision(store.engine) == migrate.head_revision()


def test_same_text_is_stored_once(store: Store) -> None:
    text = "Полиция задержала 12 человек на рынке «Фуд Сити» в Москве."
    first = store.add_report(NewReport(text=text, origin="call"))
    again = store.add_report(NewReport(text=text, origin="telegram"))
    other = store.add_report(NewReport(text=text + " ", origin="call"))
    assert first[1] is True and again == (first[0], False)
    assert other[1] is True and other[0] != first[0]
    assert store.count("reports") == 2
    row = store.get_report(first[0])
    assert row is not None
    assert row["text"] == text and row["origin"] == "call"
    assert row["content_hash"] == content_hash(text)


def test_change_log_detects_an_edited_entry(store: Store) -> None:
    with store.engine.begin() as conn:
        for i in range(3):
            store.log_change(conn, "anna", "incident.verify", "incident", i, {"n": i})
    assert store.verify_changes() is None
    with store.engine.begin() as conn:
        conn.execute(update(changes).where(changes.c.id == 2).values(actor="mallory"))
    assert store.verify_changes() == 2


def test_change_log_detects_a_deleted_entry(store: Store) -> None:
    with store.engine.begin() as conn:
        for i in range(3):
            store.log_change(conn, "anna", "case.note", "case", i, {"n": i})
        conn.execute(changes.delete().where(changes.c.id == 2))
    assert store.verify_changes() == 3


def test_open_without_init_says_how_to_create(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="khronika init"):
        open_store(str(tmp_path / "missing.db"))


def test_a_file_that_is_not_a_store_is_a_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "notes.db"
    junk.write_bytes(b"these are my notes, not a database " * 200)
    with pytest.raises(StoreError, match="not a Khronika store"):
        init_store(str(junk), passphrase=PASSPHRASE)
    tiny = tmp_path / "tiny.db"
    tiny.write_bytes(b"tiny")
    with pytest.raises(StoreError, match="too small to be a Khronika store"):
        open_store(str(tiny), passphrase=PASSPHRASE)


def test_reopen_keeps_data(tmp_path: Path) -> None:
    path = str(tmp_path / "k.db")
    with init_store(path, passphrase=PASSPHRASE) as s:
        s.add_report(NewReport(text="Raid on a hostel in Kazan.", origin="test"))
    with open_store(path, passphrase=PASSPHRASE) as s:
        assert s.count("reports") == 1


def test_locations() -> None:
    assert resolve_location("postgresql://u@h/db").url == "postgresql+psycopg://u@h/db"
    assert resolve_location("/x/y.db").backend == "sqlite"
    with pytest.raises(StoreError, match="unsupported store URL"):
        resolve_location("mysql://h/db")


def test_concurrent_writers_keep_one_chain(store: Store) -> None:
    """Many threads appending at once must still leave a single unbroken chain."""
    import threading

    def write(n: int) -> None:
        for i in range(10):
            with store.engine.begin() as conn:
                store.log_change(conn, f"w{n}", "test.write", "test", i, {})

    threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.count("changes") == 60
    assert store.verify_changes() is None
