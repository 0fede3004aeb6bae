"""The embedded store is encrypted by default and useless without the passphrase."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khronika.cli import app
from khronika.security.keys import PassphraseError
from khronika.security.rekey import change_passphrase
from khronika.store.engine import StoreError
from khronika.store.store import NewReport, init_store, open_store

PASS = "seven tired owls at dawn"
SECRET_TEXT = "Звонила Мадина Рахимова, тел. +7 916 555-01-23: мужа задержали у метро Текстильщики."


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _all_bytes(path: Path) -> bytes:
    data = b""
    for suffix in ("", "-wal", "-shm"):
        p = Path(str(path) + suffix)
        if p.exists():
            data += p.read_bytes()
    return data


def test_new_store_is_encrypted_and_holds_no_plaintext(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    with init_store(str(path), passphrase=PASS) as store:
        assert store.encrypted
        store.add_report(NewReport(text=SECRET_TEXT, origin="hotline", kind="call"))
        raw = _all_bytes(path)  # while open: the WAL holds the newest pages
    raw += _all_bytes(path)
    assert not raw.startswith(b"SQLite format 3")
    for needle in ("Рахимова", "+7 916 555-01-23", "Текстильщики", "hotline", "reports"):
        assert needle.encode("utf-8") not in raw, needle
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(str(path)).execute("SELECT * FROM reports").fetchall()


def test_wrong_passphrase_is_a_clear_error_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    with init_store(str(path), passphrase=PASS) as store:
        store.add_report(NewReport(text=SECRET_TEXT, origin="hotline"))
    before = _digest(path)
    with pytest.raises(StoreError, match="wrong passphrase"):
        open_store(str(path), passphrase="seven tired owls at dusk")
    with pytest.raises(PassphraseError, match="passphrase is needed"):
        open_store(str(path))
    assert _digest(path) == before
    with open_store(str(path), passphrase=PASS) as store:
        assert store.count("reports") == 1


def test_change_passphrase_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    with init_store(str(path), passphrase=PASS) as store:
        for i in range(50):
            store.add_report(NewReport(text=f"{SECRET_TEXT} #{i}", origin="hotline"))
    with pytest.raises(PassphraseError, match="wrong passphrase"):
        change_passphrase(path, "not the passphrase", "a brand new passphrase")
    change_passphrase(path, PASS, "a brand new passphrase")
    with pytest.raises(StoreError, match="wrong passphrase"):
        open_store(str(path), passphrase=PASS)
    with open_store(str(path), passphrase="a brand new passphrase") as store:
        assert store.count("reports") == 50
        row = store.get_report(50)
        assert row is not None and row["text"].endswith("#49")


def test_short_passphrase_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PassphraseError, match="at least 8 characters"):
        init_store(str(tmp_path / "x.db"), passphrase="short")


def test_plaintext_only_on_request(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    with pytest.raises(PassphraseError):
        init_store(str(path))
    with init_store(str(path), plaintext=True) as store:
        assert not store.encrypted
    assert sqlite3.connect(str(path)).execute("SELECT count(*) FROM reports").fetchone() == (0,)


runner = CliRunner()


def test_cli_init_needs_a_passphrase_and_labels_plaintext(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    env = {k: v for k, v in os.environ.items() if k != "KHRONIKA_PASSPHRASE"}
    missing = runner.invoke(app, ["init", "--db", db], env=env)
    assert missing.exit_code == 1
    assert "set KHRONIKA_PASSPHRASE or run on a terminal" in missing.output
    ok = runner.invoke(app, ["init", "--db", db], env={"KHRONIKA_PASSPHRASE": PASS})
    assert ok.exit_code == 0 and "(encrypted)" in ok.output
    wrong = runner.invoke(app, ["incidents", "--db", db],
                          env={"KHRONIKA_PASSPHRASE": "another passphrase"})
    assert wrong.exit_code == 1 and "wrong passphrase" in wrong.output
    plain = runner.invoke(app, ["init", "--plaintext", "--db", str(tmp_path / "p.db")])
    assert plain.exit_code == 0 and "NOT encrypted" in plain.output


def test_cli_rekey(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    runner.invoke(app, ["init", "--db", db], env={"KHRONIKA_PASSPHRASE": PASS})
    done = runner.invoke(app, ["rekey", "--db", db], env={
        "KHRONIKA_PASSPHRASE": PASS, "KHRONIKA_NEW_PASSPHRASE": "another long passphrase"})
    assert done.exit_code == 0, done.output
    listed = runner.invoke(app, ["incidents", "--db", db],
                           env={"KHRONIKA_PASSPHRASE": "another long passphrase"})
    assert listed.exit_code == 0
