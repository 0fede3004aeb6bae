"""Imports through the store: idempotent, resumable, logged, and the command line."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

from khronika.cli import app
from khronika.flow import ingest_paths
from khronika.intake.files import Item
from khronika.intake.formats import read_any
from khronika.store.schema import changes
from khronika.store.store import Store
from tests.intake import samples as s


def _inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    s.write(inbox / "kazan.html", s.ARTICLE)
    s.write(inbox / "calls.csv", f"text,date\n{s.RU_1},2024-03-26\n,2024-03-27\n")
    s.write(inbox / "result.json", s.telegram_export(s.telegram_messages()))
    s.write(inbox / "WhatsApp Chat with Hotline.txt", s.WHATSAPP_ANDROID)
    s.write(inbox / "call.eml", s.EML)
    s.write(inbox / "feed.rss", s.RSS)
    (inbox / "empty.csv").write_bytes(b"")
    return inbox


def test_every_format_in_one_folder_then_again_adds_nothing(store: Store, tmp_path: Path) -> None:
    inbox = _inbox(tmp_path)
    first = ingest_paths(store, [inbox], process=False)
    rejected = dict(first.rejected)
    # html 1, csv 1, telegram 3, whatsapp 2, eml 1, rss 2; the CSV's text is also a
    # Telegram message: stored once
    assert (first.read, first.new, first.duplicate) == (10, 9, 1), first.to_json()
    assert "empty text column" in rejected[f"{inbox / 'calls.csv'}:3"]
    assert "empty file" in rejected[str(inbox / "empty.csv")]
    assert len(first.skipped) == 4  # service + photo (Telegram), system + media (WhatsApp)
    reports = store.count("reports")
    again = ingest_paths(store, [inbox], process=False)
    assert again.new == 0 and again.duplicate == 10
    assert store.count("reports") == reports
    with store.connect() as conn:
        actions = [r[0] for r in conn.execute(select(changes.c.action).order_by(changes.c.id))]
    assert actions.count("import.start") == 2 and actions.count("import.end") == 2


def test_interrupted_import_resumes(store: Store, tmp_path: Path) -> None:
    path = s.write(tmp_path / "result.json", s.telegram_export(s.telegram_messages()))
    # an import stopped after storing two messages, before processing them
    items = [r for r in read_any(path) if isinstance(r, Item)]
    for item in items[:2]:
        store.add_report(item.report)
    summary = ingest_paths(store, [path])
    assert summary.duplicate == 2 and summary.resumed == 2 and summary.new == 1
    assert store.count("extractions") == 3
    assert ingest_paths(store, [path]).resumed == 0


def test_fifty_megabyte_files_stream_in_little_memory(store: Store, tmp_path: Path) -> None:
    # 5,000 rows of about 10 KB: 50 MB of CSV and 50 MB of Telegram export
    body = (s.RU_1 + " " + s.EN_1 + " ") * 55
    big_csv = tmp_path / "big.csv"
    with big_csv.open("w", encoding="utf-8") as fh:
        fh.write("id,text\n")
        for i in range(5_000):
            fh.write(f'{i},"{i} {body}"\n')
    msgs = [{"id": i, "type": "message", "date": "2024-03-26T10:00:00", "text": f"{i} {body}"}
            for i in range(5_000)]
    big_tg = s.write(tmp_path / "result.json", s.telegram_export(msgs))
    del msgs
    for path in (big_csv, big_tg):
        assert path.stat().st_size > 50_000_000
        tracemalloc.start()
        n = sum(1 for r in read_any(path) if isinstance(r, Item))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert n == 5_000
        assert peak < 10_000_000, f"{path.name}: peak {peak} bytes while reading"
    summary = ingest_paths(store, [big_csv], process=False)
    assert summary.new == 5_000 and not summary.rejected


def test_cli_ingest_format_mapping_and_problem_places(tmp_path: Path,
                                                      monkeypatch: object) -> None:
    import os

    db = str(tmp_path / "cli.db")
    env = {"KHRONIKA_PASSPHRASE": "correct horse battery staple"}
    runner = CliRunner()
    assert runner.invoke(app, ["init", "--db", db], env=env).exit_code == 0
    sheet = s.write(tmp_path / "calls.csv", f"what,when\n{s.EN_1},2024-03-28\n\n,2024-03-01\n")
    mapping = s.write(tmp_path / "map.json", json.dumps({"text": ["what"], "date": "when"}))
    res = runner.invoke(app, ["ingest", "--db", db, "--no-process", "--mapping", str(mapping),
                              str(sheet)], env=env)
    assert res.exit_code == 3, res.output
    assert "read 1, new 1, duplicate 0, rejected 1" in res.stdout
    assert f"rejected: {sheet}:4: empty text column 'what'" in res.stderr
    res = runner.invoke(app, ["ingest", "--db", db, "--format", "telegram", "--json",
                              "--no-process", str(sheet)], env=env)
    assert res.exit_code == 3 and json.loads(res.stdout)["rejected"][0]["where"].startswith(
        str(sheet))
    res = runner.invoke(app, ["ingest", "--db", db, "--format", "docx", str(sheet)], env=env)
    assert res.exit_code == 2 and "unknown --format 'docx'" in res.stderr
    assert os.path.exists(db)
