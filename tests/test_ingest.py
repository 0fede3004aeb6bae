"""Ingest: every report stored before processing, once by content hash, problems reported."""

from __future__ import annotations

import json
from pathlib import Path

from khronika.flow import ingest_paths
from khronika.store.store import Store

RU = "Вчера вечером в Екатеринбурге полиция задержала 14 граждан Таджикистана в общежитии."
EN = "Police raided a hostel in Yekaterinburg on 26 March 2024 and detained 14 Tajik citizens."


def _files(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    (folder / "calls").mkdir(parents=True)
    (folder / "a.txt").write_text(RU, encoding="utf-8")
    (folder / "calls" / "b.md").write_text("# Hostel raid\n\n" + EN, encoding="utf-8")
    (folder / "c.jsonl").write_text(
        json.dumps({"id": "x1", "text": "Raid at a market in Kazan, 40 detained.",
                    "published": "2024-03-28", "source": "Telegram"}) + "\n"
        + "{broken json\n"
        + json.dumps({"id": "x2", "text": ""}) + "\n",
        encoding="utf-8",
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "cp1251.txt").write_bytes("Рейд на рынке в Самаре.".encode("cp1251"))
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    return folder


def test_ingest_folder_reports_problems_and_keeps_the_rest(store: Store, tmp_path: Path) -> None:
    folder = _files(tmp_path)
    summary = ingest_paths(store, [folder])
    assert summary.new == 4  # a.txt, b.md, c.jsonl line 1, cp1251.txt
    reasons = dict(summary.rejected)
    assert "not valid JSON" in reasons[f"{folder / 'c.jsonl'}:2"]
    assert "missing or empty 'text'" in reasons[f"{folder / 'c.jsonl'}:3"]
    assert "empty file" in reasons[str(folder / "empty.txt")]
    assert "binary" in reasons[str(folder / "photo.txt")]
    assert "unsupported file type .pdf" in reasons[str(folder / "scan.pdf")]
    assert "Windows-1251" in dict(summary.notes)[str(folder / "cp1251.txt")]
    assert store.count("reports") == 4
    assert store.count("extractions") == 4


def test_ingest_twice_adds_nothing(store: Store, tmp_path: Path) -> None:
    folder = _files(tmp_path)
    ingest_paths(store, [folder])
    before = {t: store.count(t)
              for t in ("reports", "extractions", "incidents", "incident_reports", "changes")}
    again = ingest_paths(store, [folder])
    assert again.new == 0 and again.duplicate == 4
    after = {t: store.count(t) for t in before}
    # the change log records the import attempt itself (import.start, import.end), nothing else
    assert after.pop("changes") == before.pop("changes") + 2
    assert after == before


def test_markdown_title_and_jsonl_fields_are_kept(store: Store, tmp_path: Path) -> None:
    folder = _files(tmp_path)
    ingest_paths(store, [folder / "calls" / "b.md", folder / "c.jsonl"])
    md = store.get_report(1)
    js = store.get_report(2)
    assert md is not None and js is not None
    assert md["title"] == "Hostel raid"
    assert js["external_id"] == "x1" and js["origin"] == "Telegram"
    assert js["published"].isoformat() == "2024-03-28"


def test_report_is_stored_even_when_processing_is_off(store: Store, tmp_path: Path) -> None:
    folder = _files(tmp_path)
    summary = ingest_paths(store, [folder / "a.txt"], process=False)
    assert summary.new == 1 and store.count("reports") == 1 and store.count("extractions") == 0


def test_large_document_is_stored_whole(store: Store, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    text = (EN + "\n") * (5_000_000 // (len(EN) + 1))
    big.write_text(text, encoding="utf-8")
    summary = ingest_paths(store, [big])
    assert summary.new == 1 and not summary.rejected
    row = store.get_report(1)
    assert row is not None and row["text"] == text
