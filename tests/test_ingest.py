"""Ingest: every report stored before processing, once by content hash, problems reported."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from khronika import flow
from khronika.flow import ingest_items, ingest_paths
from khronika.intake.files import Item
from khronika.store.schema import changes, extractions
from khronika.store.store import NewReport, Store, init_store
from tests.conftest import PASSPHRASE, linking_rows, pg_test_url

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


# -- batches, workers, failures ------------------------------------------------------------

CORPUS = [
    RU, EN,
    "Дар Екатеринбург 26 март полис 14 шаҳрванди Тоҷикистонро дар хобгоҳ боздошт кард.",
    "Police raided a market in Kazan on 28 March 2024 and detained 40 migrants.",
    "28 марта в Казани полиция провела рейд на рынке, задержаны 40 мигрантов.",
    "Unknown men beat three Tajik migrants in Kaluga on 24 March; one was taken to hospital.",
    "В Калуге 24 марта неизвестные избили трёх мигрантов из Таджикистана.",
    "A court in Samara ordered 12 Tajik citizens deported on 27 March 2024.",
    "Суд в Самаре 27 марта постановил выдворить 12 граждан Таджикистана.",
    "Police in Novosibirsk detained 7 migrants at a construction site on 29 March 2024.",
]


def _corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps({"id": f"c{i}", "text": t, "published": "2024-03-29"},
                                       ensure_ascii=False) + "\n"
                            for i, t in enumerate(CORPUS)), encoding="utf-8")
    return path


def _outcome(store: Store) -> dict[str, Any]:
    """Everything processing wrote, without the moments it was written at."""
    with store.connect() as conn:
        incs, links = linking_rows(conn)
        results = [tuple(r) for r in conn.execute(
            select(extractions.c.report_id, extractions.c.status, extractions.c.result)
            .order_by(extractions.c.report_id))]
        log = [tuple(r) for r in conn.execute(
            select(changes.c.action, changes.c.entity_id, changes.c.data)
            .where(changes.c.actor == "linker").order_by(changes.c.id))]
    return {"incidents": incs, "links": links, "extractions": results, "log": log}


def _fresh_store(store_url: str, tmp_path: Path, n: int) -> Store:
    if store_url.startswith("postgresql"):
        return init_store(pg_test_url(), passphrase=PASSPHRASE)  # emptied
    return init_store(str(tmp_path / f"store{n}.db"), passphrase=PASSPHRASE)


def test_worker_processes_give_the_same_incidents_and_links(
        store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from khronika.extract import pool

    # small batches, so that several are in flight and the pool is used at all
    monkeypatch.setattr(flow, "STORE_BATCH", 3)
    monkeypatch.setattr(flow, "PARALLEL_FROM", 2)
    pooled: list[int] = []
    submit = pool.ForkPool.submit

    def counted(self: pool.ForkPool, jobs: list[pool.Job]) -> pool.Pending:
        pooled.append(len(jobs))
        return submit(self, jobs)

    monkeypatch.setattr(pool.ForkPool, "submit", counted)
    corpus = _corpus(tmp_path)
    outcomes = []
    for workers in (1, 2):
        s = _fresh_store(store_url, tmp_path, workers)
        try:
            summary = ingest_paths(s, [corpus], workers=workers)
            assert summary.new == len(CORPUS) and not summary.rejected
            outcomes.append(_outcome(s))
        finally:
            s.close()
    assert sum(pooled) == len(CORPUS)  # the second run extracted everything in workers
    single, parallel = outcomes
    assert len(single["incidents"]) < len(CORPUS)  # the corpus does link across languages
    assert parallel == single


def _coded(text: str, detained: Any, place: str = "Kaluga") -> Item:
    event = {"type": "raid", "date": {"start": "2024-03-24", "end": "2024-03-24",
                                      "precision": "day"},
             "location": {"name": place, "lat": 54.53 if place == "Kaluga" else 53.2,
                          "lon": 36.27 if place == "Kaluga" else 50.15, "country": "RU",
                          "precision": 1},
             "counts": {"detained": {"min": detained, "max": None}}}
    return Item(NewReport(text=text, origin="coded.csv", published=dt.date(2024, 3, 25),
                          meta={"events": [event]}), where=f"coded.csv:{text[-2]}")


def test_a_report_that_cannot_be_linked_costs_only_itself(store: Store) -> None:
    raid = "Police raided the central market in Kaluga on 24 March, migrants detained, row "
    items = [_coded(raid + "1.", 30),
             # joins the first; a figure that is not a number cannot be summarised with 30
             _coded(raid + "2.", "several"),
             _coded("Police raided a hostel in Samara on 24 March, 12 detained, row 3.", 12,
                    "Samara")]
    summary = ingest_items(store, items)
    assert summary.new == 3 and summary.extraction_errors == 1
    assert [w for w, _ in summary.rejected] == ["coded.csv:2"]
    assert "stored, but processing failed" in summary.rejected[0][1]
    assert store.count("reports") == 3
    assert store.count("extractions") == 2 and store.count("incidents") == 2
    again = ingest_items(store, items)  # the failed report is tried again, and only it
    assert again.resumed == 1 and again.extraction_errors == 1


def test_a_text_twice_in_one_import_is_processed_once(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "twice.jsonl"
    path.write_text(json.dumps({"id": "a", "text": EN}) + "\n"
                    + json.dumps({"id": "b", "text": EN}) + "\n", encoding="utf-8")
    summary = ingest_paths(store, [path])
    assert (summary.new, summary.duplicate, summary.resumed) == (1, 1, 0)
    assert store.count("extractions") == 1


def test_batches_close_at_their_size_or_their_characters(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches double up to LARGE_BATCH reports, and close early once their texts reach
    BATCH_CHARS characters (long texts: fewer at once)."""
    sizes: list[int] = []
    add = flow._Importer.add

    def counted(self: flow._Importer, batch: list[Item]) -> None:
        sizes.append(len(batch))
        add(self, batch)

    monkeypatch.setattr(flow._Importer, "add", counted)
    monkeypatch.setattr(flow, "STORE_BATCH", 2)
    monkeypatch.setattr(flow, "LARGE_BATCH", 8)
    monkeypatch.setattr(flow, "BATCH_CHARS", 10 * len(EN))
    short = [Item(NewReport(text=f"{EN} Call {i}.", origin="hotline"), f"calls.csv:{i}")
             for i in range(20)]
    ingest_items(store, short, process=False)
    assert sizes == [2, 4, 8, 6]
    sizes.clear()
    long = [Item(NewReport(text=f"{EN * 4} Article {i}.", origin="news"), f"news:{i}")
            for i in range(8)]
    ingest_items(store, long, process=False)
    assert sizes == [2, 3, 3]  # 3 long texts reach the characters before 4 or 8 reports
    assert store.count("reports") == 28


def test_extraction_workers_yield_the_cpu_to_the_importing_process(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A forked worker's nice value is the importer's plus WORKER_NICENESS (at most 19)."""
    import os

    from khronika.extract import pool

    def niceness(jobs: list[pool.Job]) -> list[pool.Done]:  # runs in the worker
        return [pool.Done(j.report_id, {"nice": os.nice(0)}, None, []) for j in jobs]

    monkeypatch.setattr(pool, "run_jobs", niceness)  # forked workers inherit the patch
    workers = pool.ForkPool(1)
    try:
        done = workers.submit([pool.Job(1, {"id": "1", "text": EN})]).result()
    finally:
        workers.close()
    assert json.loads(str(done[0].result)) == {
        "nice": min(19, os.nice(0) + pool.WORKER_NICENESS)}
