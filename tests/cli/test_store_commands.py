"""The store commands through the CLI runner, with their exact messages."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from khronika.cli import app
from tests.conftest import PASSPHRASE

runner = CliRunner(env={"KHRONIKA_PASSPHRASE": PASSPHRASE})


def test_init_ingest_incidents_show(tmp_path: Path) -> None:
    db = str(tmp_path / "k.db")
    assert runner.invoke(app, ["init", "--db", db]).output.strip() == (
        f"Store ready: {db} (encrypted)")
    report = tmp_path / "call.txt"
    report.write_text("On 24 March 2024 police detained 30 migrants at a market in Kaluga.",
                      encoding="utf-8")
    first = runner.invoke(app, ["ingest", str(report), "--db", db, "--json"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["new"] == 1
    second = runner.invoke(app, ["ingest", str(report), "--db", db, "--json"])
    assert json.loads(second.stdout)["duplicate"] == 1
    listed = runner.invoke(app, ["incidents", "--db", db, "--json"])
    assert listed.exit_code == 0
    rows = [json.loads(x) for x in listed.stdout.splitlines()]
    assert rows and rows[0]["report_ids"] == [1]
    assert set(rows[0]) >= {"id", "type", "date", "location", "counts", "report_ids"}
    shown = runner.invoke(app, ["show", "1", "--db", db])
    assert shown.exit_code == 0 and "police detained 30 migrants" in shown.output
    as_json = json.loads(runner.invoke(app, ["show", "1", "--db", db, "--json"]).stdout)
    assert as_json["incidents"] == [rows[0]["id"]]
    verified = runner.invoke(app, ["audit", "verify", "--db", db])
    assert verified.exit_code == 0 and "audit log intact" in verified.output


def test_audit_verify_names_the_tampered_entry(tmp_path: Path) -> None:
    from sqlalchemy import update

    from khronika.store.schema import changes
    from khronika.store.store import open_store

    db = str(tmp_path / "k.db")
    runner.invoke(app, ["init", "--db", db])
    report = tmp_path / "r.txt"
    report.write_text("Police raided a hostel in Kazan on 25 March 2024.", encoding="utf-8")
    runner.invoke(app, ["ingest", str(report), "--db", db])
    with open_store(db, passphrase=PASSPHRASE) as store, store.engine.begin() as conn:
        conn.execute(update(changes).where(changes.c.id == 1).values(action="nothing"))
    bad = runner.invoke(app, ["audit", "verify", "--db", db])
    assert bad.exit_code == 1 and "audit log broken at entry 1" in bad.output


def test_commands_on_a_missing_store_say_how_to_create_one(tmp_path: Path) -> None:
    db = str(tmp_path / "none.db")
    result = runner.invoke(app, ["incidents", "--db", db])
    assert result.exit_code == 1
    assert f"no store at {db}; create one with: khronika init --db {db}" in result.output


def test_bad_filters_and_missing_report(tmp_path: Path) -> None:
    db = str(tmp_path / "k.db")
    runner.invoke(app, ["init", "--db", db])
    bad = runner.invoke(app, ["incidents", "--db", db, "--since", "March"])
    assert bad.exit_code == 2 and "--since must be a date like 2024-03-24" in bad.output
    missing = runner.invoke(app, ["show", "99", "--db", db])
    assert missing.exit_code == 1 and "no report 99" in missing.output


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    names = [c.name or (c.callback.__name__ if c.callback else "")
             for c in app.registered_commands]
    for group in app.registered_groups:
        assert group.typer_instance is not None
        names += [f"{group.name} {c.name or (c.callback.__name__ if c.callback else '')}"
                  for c in group.typer_instance.registered_commands]
    for name in names:
        assert f"khronika {name.replace('_', '-')}" in readme, f"{name} is not in the README"
