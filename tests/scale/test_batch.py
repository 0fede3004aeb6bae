"""``khronika batch``: the same output as ``khronika extract``, into a store idempotently,
and complete with nothing lost or duplicated when a worker is killed mid-batch."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from khronika.cli.extract import run_extract
from khronika.extract import PIPELINE_VERSION
from khronika.scale.batch import BatchError, BatchSummary, run_batch
from khronika.store.schema import extractions
from khronika.store.store import Store
from tests.scale.conftest import kill_a_busy_worker, write_input

pytestmark = pytest.mark.slow


def reference(paths: list[Path]) -> str:
    """What ``khronika extract`` writes for each file, one after the other."""
    out = io.StringIO()
    for path in paths:
        with path.open("rb") as fh:
            run_extract(fh, out)
    return out.getvalue()


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A LocalCluster of two single-threaded worker processes, shared by this module."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,  # type: ignore[no-untyped-call]
                      dashboard_address=None) as local:
        yield str(local.scheduler_address)


def test_output_identical_to_extract(small_inputs: list[Path], tmp_path: Path,
                                     cluster: str) -> None:
    out = tmp_path / "out.jsonl"
    summary = run_batch(small_inputs, cluster=cluster, out=out, chunk_size=3)
    assert out.read_bytes() == reference(small_inputs).encode("utf-8")
    assert summary.documents == 23 and summary.error_lines == 3


def test_stream_output_and_local_cluster(small_inputs: list[Path]) -> None:
    """The default LocalCluster (one worker here) and an open stream as destination."""
    buf = io.StringIO()
    run_batch(small_inputs[1:], workers=1, out=buf, chunk_size=4)
    assert buf.getvalue() == reference(small_inputs[1:])


def test_resume_keeps_written_lines(small_inputs: list[Path], tmp_path: Path,
                                    cluster: str) -> None:
    expected = reference(small_inputs).encode("utf-8")
    out = tmp_path / "out.jsonl"
    cut = expected.index(b"\n", len(expected) // 2) + 1
    out.write_bytes(expected[:cut] + b'{"id": "half-writ')  # an interrupted run's file
    summary = run_batch(small_inputs, cluster=cluster, out=out, chunk_size=3, resume=True)
    assert out.read_bytes() == expected
    assert summary.skipped == expected[:cut].count(b"\n")


def test_needs_one_destination(small_inputs: list[Path]) -> None:
    with pytest.raises(BatchError, match="exactly one destination"):
        run_batch(small_inputs)


def test_worker_killed_mid_batch(tmp_path: Path) -> None:
    """Kill a busy worker process after the first results: the batch still completes,
    every line once, in order, byte-identical to ``khronika extract``."""
    from distributed import Client, LocalCluster

    inputs = [write_input(tmp_path / "in.jsonl", 40)]
    out = tmp_path / "out.jsonl"
    killed: list[int] = []
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,  # type: ignore[no-untyped-call]
                      dashboard_address=None) as local, \
            Client(local) as client:  # type: ignore[no-untyped-call]

        def kill_once(summary: BatchSummary) -> None:
            if killed or summary.documents < 4:
                return
            killed.append(kill_a_busy_worker(client))

        summary = run_batch(inputs, cluster=local.scheduler_address, out=out, chunk_size=2,
                            progress=kill_once)
        survivors = set(client.run(os.getpid).values())
    assert killed, "the test never killed a worker"
    assert killed[0] not in survivors
    lines = out.read_bytes().splitlines()
    assert len(lines) == 44 and len(set(lines)) == 44  # nothing lost, nothing twice
    assert out.read_bytes() == reference(inputs).encode("utf-8")
    assert summary.documents == 44


def _counts(store: Store) -> dict[str, Any]:
    with store.connect() as conn:
        per_report = conn.execute(
            select(func.count()).select_from(
                select(extractions.c.report_id).where(
                    extractions.c.pipeline_version == PIPELINE_VERSION)
                .group_by(extractions.c.report_id).having(func.count() > 1).subquery())
        ).scalar_one()
    return {t: store.count(t) for t in ("reports", "extractions", "incident_reports",
                                         "incidents")} | {"duplicated": per_report}


def test_into_store_idempotent(store: Store, small_inputs: list[Path], cluster: str) -> None:
    first = run_batch(small_inputs, cluster=cluster, store=store, chunk_size=3)
    assert (first.stored, first.error_lines, first.skipped) == (20, 3, 0)
    after = _counts(store)
    assert after["reports"] == after["extractions"] == 20
    assert after["incident_reports"] > 0 and after["duplicated"] == 0
    again = run_batch(small_inputs, cluster=cluster, store=store, chunk_size=3)
    assert (again.stored, again.skipped) == (0, 20)
    assert _counts(store) == after
    assert store.verify_changes() is None  # chunks written in bulk keep one hash chain
    report = store.get_report(1)
    extraction = store.latest_extraction(1)
    assert report is not None and extraction is not None
    assert extraction["result"]["id"] == "1" and report["origin"] == "batch:a.jsonl"


def test_store_resumes_reports_stored_but_not_extracted(store: Store, tmp_path: Path,
                                                        cluster: str) -> None:
    """A run killed after storing reports: the next run extracts them, nothing twice."""
    import json

    from khronika.scale.ingest import new_report

    inputs = [write_input(tmp_path / "in.jsonl", 8, bad=False)]
    for line in inputs[0].read_text(encoding="utf-8").splitlines()[:5]:
        store.add_report(new_report(json.loads(line), "batch:in.jsonl"))
    summary = run_batch(inputs, cluster=cluster, store=store, chunk_size=3)
    assert (summary.stored, summary.skipped, summary.documents) == (3, 0, 8)
    counts = _counts(store)
    assert counts["reports"] == counts["extractions"] == 8 and counts["duplicated"] == 0
