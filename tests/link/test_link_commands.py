"""The link, merge and split commands through the CLI runner, with their exact messages."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from khronika.cli import app
from tests.conftest import PASSPHRASE

runner = CliRunner(env={"KHRONIKA_PASSPHRASE": PASSPHRASE})


def test_link_merge_split(tmp_path: Path) -> None:
    db = str(tmp_path / "k.db")
    assert runner.invoke(app, ["init", "--db", db]).exit_code == 0
    linked = runner.invoke(app, ["link", "--db", db])
    assert linked.exit_code == 0, linked.output
    assert linked.output.strip() == (
        "reports 0, events 0, incidents created 0, linked to existing 0")
    no_merge = runner.invoke(app, ["split", "1", "--by", "anna", "--db", db])
    assert no_merge.exit_code == 1
    assert "no incident 1" in no_merge.output or "no merge to split" in no_merge.output
    missing = runner.invoke(app, ["merge", "1", "2", "--by", "anna", "--db", db])
    assert missing.exit_code == 1 and "no incident 1" in missing.output
