"""``khronika backup`` / ``restore``: round trips on both backends, verification that
fails on a tampered or truncated backup, and the commands' messages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khronika.cases import create_case, get_case
from khronika.cli import app
from khronika.store.backup import BackupError, backup, digest_tables, restore, verify_backup
from khronika.store.store import NewReport, Store, open_store
from tests.conftest import PASSPHRASE, PG_URL, require_postgres

RESTORE_DB = PG_URL.rsplit("/", 1)[0] + "/khronika_restore_test"


def fill(store: Store) -> int:
    """Reports (Cyrillic included), an extraction, a change, and a case with personal data."""
    for i, text in enumerate(["Police detained 12 migrants at a market in Kaluga.",
                              "В Калуге задержали 12 мигрантов на рынке.", "A third report"]):
        rid, _ = store.add_report(NewReport(text=text, origin="test", lang=None,
                                            published=dt.date(2024, 3, 25 + i),
                                            meta={"n": i, "nested": {"x": [1, 2.5]}}))
        with store.engine.begin() as conn:
            store.save_extraction(conn, rid, "1", {"id": str(rid), "events": []})
            store.log_change(conn, "tester", "test.change", "report", rid, {"i": i})
    return create_case(store, "tester", "Case of A. Karimov", contact="+7 900 000 00 00",
                       details="passport 4510 123456")


@pytest.fixture
def restore_target(store: Store, tmp_path: Path) -> Iterator[str]:
    """An empty place of the same backend to restore into."""
    if store.location.backend == "sqlite":
        yield str(tmp_path / "restored.db")
        return
    require_postgres()
    import psycopg

    admin = PG_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                            ("khronika_restore_test",)).fetchone():
            conn.execute("CREATE DATABASE khronika_restore_test")
    with psycopg.connect(RESTORE_DB, autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
        conn.execute("CREATE SCHEMA public")
    yield RESTORE_DB


@pytest.mark.parametrize("logical", [False, True], ids=["native", "logical"])
def test_round_trip(store: Store, restore_target: str, tmp_path: Path, logical: bool) -> None:
    case_id = fill(store)
    with store.connect() as conn:
        before = digest_tables(conn)
    dest = tmp_path / "store.backup"
    manifest = backup(store, dest, PASSPHRASE, logical=logical)
    assert manifest.tables["reports"]["rows"] == 3
    assert manifest.kind == ("archive" if logical or store.location.backend == "postgresql"
                             else "sqlite")
    assert b"Karimov" not in dest.read_bytes() and b"Kaluga" not in dest.read_bytes()
    assert verify_backup(dest, PASSPHRASE).tables == before
    restore(dest, restore_target, PASSPHRASE)
    with open_store(restore_target, PASSPHRASE) as restored:
        with restored.connect() as conn:
            assert digest_tables(conn) == before
        assert restored.verify_changes() is None  # the audit chain survives intact
        assert get_case(restored, case_id, "tester").contact == "+7 900 000 00 00"
        # new rows get new ids after a restore (PostgreSQL sequences were moved on)
        new_id, created = restored.add_report(NewReport(text="after restore", origin="t"))
        assert created and new_id == 4


def test_tampered_backups_fail_verification(store: Store, tmp_path: Path) -> None:
    fill(store)
    for logical in (False, True):
        dest = tmp_path / f"backup-{logical}"
        backup(store, dest, PASSPHRASE, logical=logical)
        data = bytearray(dest.read_bytes())
        tampered = tmp_path / f"tampered-{logical}"
        data[len(data) * 2 // 3] ^= 0x01
        tampered.write_bytes(bytes(data))
        with pytest.raises(BackupError, match="altered or damaged"):
            verify_backup(tampered, PASSPHRASE)
        with pytest.raises(BackupError):
            verify_backup(dest, "not the passphrase")
        with pytest.raises(BackupError):
            restore(tampered, str(tmp_path / f"never-{logical}.db"), PASSPHRASE)
        assert not (tmp_path / f"never-{logical}.db").exists()
    archive = tmp_path / "backup-True"
    cut = tmp_path / "truncated"
    cut.write_bytes(archive.read_bytes()[:-40])
    with pytest.raises(BackupError, match="truncated"):
        verify_backup(cut, PASSPHRASE)


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    from khronika.store.store import init_store

    dest = tmp_path / "b"
    with init_store(str(tmp_path / "s.db"), passphrase=PASSPHRASE) as store:
        fill(store)
        backup(store, dest, PASSPHRASE)
        with pytest.raises(BackupError, match="never overwritten"):
            backup(store, dest, PASSPHRASE)
    target = tmp_path / "target.db"
    restore(dest, str(target), PASSPHRASE)
    with pytest.raises(BackupError, match="--force"):
        restore(dest, str(target), PASSPHRASE)
    restore(dest, str(target), PASSPHRASE, force=True)


def test_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KHRONIKA_PASSPHRASE", PASSPHRASE)
    runner = CliRunner()
    db, dest = str(tmp_path / "s.db"), tmp_path / "s.backup"
    assert runner.invoke(app, ["init", "--db", db]).exit_code == 0
    made = runner.invoke(app, ["backup", str(dest), "--db", db])
    assert made.exit_code == 0 and "backup written" in made.output
    ok = runner.invoke(app, ["backup", "--verify", str(dest)])
    assert ok.exit_code == 0 and "backup intact" in ok.output
    data = bytearray(dest.read_bytes())
    data[-100] ^= 0x10
    dest.write_bytes(bytes(data))
    bad = runner.invoke(app, ["backup", "--verify", str(dest)])
    assert bad.exit_code == 1 and "altered or damaged" in bad.output
    back = runner.invoke(app, ["restore", str(dest), "--db", str(tmp_path / "r.db")])
    assert back.exit_code == 1 and not (tmp_path / "r.db").exists()


def test_archives_stay_on_their_backend(tmp_path: Path) -> None:
    """Personal fields are protected differently per backend: no silent cross-restore."""
    from khronika.store.store import init_store

    with init_store(str(tmp_path / "s.db"), passphrase=PASSPHRASE) as store:
        fill(store)
        backup(store, tmp_path / "a", PASSPHRASE, logical=True)
    with pytest.raises(BackupError, match="made from a sqlite store"):
        restore(tmp_path / "a", "postgresql://nobody@127.0.0.1:1/none", PASSPHRASE)
