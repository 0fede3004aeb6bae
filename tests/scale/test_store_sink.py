"""``khronika batch --db`` stores a chunk in one transaction and saves its extractions (and
links them) in one more: the same reports, extractions, incidents and change log as storing,
saving and linking one report at a time, on SQLCipher and PostgreSQL; a report whose
extraction fails, or whose saving fails, costs only itself.

The chunks are extracted in this process (a runner without Dask): what a cluster adds —
lost and resubmitted chunks — is tested in test_batch.py and test_lost_chunks.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from sqlalchemy import func, select

import khronika.extract
import khronika.link.linker
from khronika.extract import PIPELINE_VERSION
from khronika.link.linker import link_report
from khronika.scale.batch import BatchSummary, _Runner
from khronika.scale.ingest import StoreSink, extract_reports, new_report, record_for
from khronika.store.schema import changes, extractions, reports
from khronika.store.store import Store, init_store
from tests.conftest import PASSPHRASE, linking_rows, pg_test_url
from tests.scale.conftest import write_input


class InProcess:
    """What :class:`~khronika.scale.batch._Runner` does, without a cluster: each chunk is
    extracted when submitted and handed back at once."""

    def submit(self, function: Callable[[list[Any]], list[Any]], payload: list[Any],
               lost: Any = None) -> Iterator[list[Any]]:
        yield function(payload)

    def drain(self) -> Iterator[list[Any]]:
        return iter(())


def bulk(store: Store, inputs: list[Path], chunk: int = 4) -> BatchSummary:
    """The batch path, linking in the driver (as into a store that holds incidents)."""
    summary = BatchSummary()
    StoreSink(store, cast(_Runner, InProcess()), summary, link=True).run(inputs, chunk)
    return summary


def one_at_a_time(store: Store, inputs: list[Path]) -> None:
    """What the batch path did before chunks were written in bulk: each report stored in
    a transaction of its own, then extracted, then saved and linked in another."""
    from khronika.extract.contract import decode_line, document_from_record

    for path in inputs:
        for n, raw in enumerate(path.read_bytes().splitlines(keepends=True), start=1):
            record, problem = decode_line(n, raw)
            if problem is not None:
                continue
            try:
                document_from_record(record)
            except Exception:
                continue
            report_id, created = store.add_report(new_report(record, f"batch:{path.name}"))
            if not created:
                continue
            report = store.get_report(report_id)
            assert report is not None
            [(_, result, error)] = extract_reports([(report_id, record_for(report))])
            with store.engine.begin() as conn:
                store.save_extraction(conn, report_id, PIPELINE_VERSION, result, error)
                if not error:
                    link_report(store, conn, report_id, report["text"], result)


def written(store: Store) -> dict[str, Any]:
    """Everything the two ways must agree on, without the moments rows were written at
    (and with report texts decrypted: PostgreSQL encrypts each with a nonce of its own)."""
    with store.connect() as conn:
        rows = [{k: (store.report_text(v) if k == "text" else v) for k, v in r.items()
                 if k != "received_at"}
                for r in conn.execute(select(reports).order_by(reports.c.id)).mappings()]
        extracted = [tuple(r) for r in conn.execute(
            select(extractions.c.report_id, extractions.c.pipeline_version,
                   extractions.c.status, extractions.c.error, extractions.c.result)
            .order_by(extractions.c.report_id, extractions.c.id))]
        log = [tuple(r) for r in conn.execute(
            select(changes.c.actor, changes.c.action, changes.c.entity, changes.c.entity_id,
                   changes.c.data).order_by(changes.c.id))]
        incidents, links = linking_rows(conn)
    assert store.verify_changes() is None  # one unbroken hash chain
    return {"reports": rows, "extractions": extracted, "changes": log,
            "incidents": incidents, "links": links}


def with_events(state: dict[str, Any]) -> set[int]:
    """Reports extracted with at least one event: those linking must have linked."""
    return {rid for rid, _, status, _, result in state["extractions"]
            if status == "ok" and result["events"]}


def another_store(store_url: str) -> str:
    """A second new store on the same backend (PostgreSQL: the test database emptied)."""
    return pg_test_url() if store_url.startswith("postgresql") else store_url + ".2"


@pytest.fixture
def inputs(tmp_path: Path) -> list[Path]:
    """20 notes in two files, bad lines among them, and one note twice."""
    first = write_input(tmp_path / "a.jsonl", 14)
    second = write_input(tmp_path / "b.jsonl", 6, 9, False)
    with second.open("ab") as fh:
        fh.write(first.read_bytes().splitlines(keepends=True)[0])
    return [first, second]


def test_chunks_write_what_one_at_a_time_wrote(store_url: str, inputs: list[Path]) -> None:
    with init_store(store_url, passphrase=PASSPHRASE) as store:
        one_at_a_time(store, inputs)
        reference = written(store)
    with init_store(another_store(store_url), passphrase=PASSPHRASE) as store:
        summary = bulk(store, inputs)
        assert written(store) == reference
        assert (summary.documents, summary.stored, summary.skipped,
                summary.error_lines) == (24, 20, 1, 3)
    assert len(reference["reports"]) == len(reference["extractions"]) == 20
    assert reference["links"] and len(reference["changes"]) >= len(reference["links"])


def test_failed_extraction_costs_only_its_report(store: Store, inputs: list[Path],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """One report of a chunk fails in extraction: it is stored with its error, the rest
    of the chunk is saved and linked; a second run skips all of them."""
    victim = json.loads(inputs[1].read_bytes().splitlines()[2])["text"]
    real = khronika.extract.extract_record

    def failing(record: dict[str, Any]) -> dict[str, Any]:
        if record["text"] == victim:
            raise RuntimeError("the extractor broke on this one")
        return real(record)

    monkeypatch.setattr(khronika.extract, "extract_record", failing)
    summary = bulk(store, inputs)
    assert (summary.stored, summary.error_lines) == (20, 4)
    assert any("the extractor broke" in e for e in summary.errors)
    state = written(store)
    assert len(state["reports"]) == len(state["extractions"]) == 20
    statuses = [status for _, _, status, _, _ in state["extractions"]]
    assert statuses.count("error") == 1
    assert {rid for _, rid, *_ in state["links"]} == with_events(state)
    again = bulk(store, inputs)
    assert (again.stored, again.skipped) == (0, 21)
    assert written(store) == state


def test_failed_save_costs_only_its_report(store: Store, inputs: list[Path],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Linking one report fails: its chunk is saved one report at a time, so only that
    report is left without an extraction, and the next run extracts and links it."""
    real = khronika.link.linker.features_for

    def failing(conn: Any, report_id: int, text: str, result: dict[str, Any]) -> Any:
        if report_id == 3:
            raise RuntimeError("linking broke on this one")
        return real(conn, report_id, text, result)

    monkeypatch.setattr(khronika.link.linker, "features_for", failing)
    summary = bulk(store, inputs)
    assert summary.stored == 20
    assert [e for e in summary.errors if "linking broke" in e] == [
        "report 3: stored, but saving its extraction failed: linking broke on this one"]
    state = written(store)
    assert {rid for rid, *_ in state["extractions"]} == set(range(1, 21)) - {3}
    assert {rid for _, rid, *_ in state["links"]} == with_events(state)

    monkeypatch.undo()
    again = bulk(store, inputs)
    assert (again.stored, again.skipped, again.error_lines) == (0, 20, 3)
    with store.connect() as conn:
        per_report = conn.execute(select(extractions.c.report_id, func.count())
                                  .group_by(extractions.c.report_id)).all()
    assert sorted(per_report) == [(rid, 1) for rid in range(1, 21)]
    assert 3 in {rid for _, rid, *_ in written(store)["links"]}
