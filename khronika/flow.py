"""The flow from intake to incidents: store each report first, then extract and link it.

Reports are committed in batches (of :data:`STORE_BATCH`, growing to :data:`LARGE_BATCH` in
a long import, and of at most :data:`BATCH_CHARS` characters of text) before anything else
is done with them. Each stored batch is then extracted
(in this process, or for a large import by a pool of forked workers,
:mod:`khronika.extract.pool`, while this process links the batch before) and its
extractions are saved and linked in one transaction. If that transaction fails, the batch's
reports are saved and linked one transaction each, so that a failing report costs only
itself: it stays stored, unprocessed, is named in the summary, and is processed by the next
import of the same files, like every report an interrupted import stored but did not
process. An extraction that fails is recorded on its report and the import goes on.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, select

from khronika.intake.base import ReadOptions
from khronika.intake.files import Item, Problem
from khronika.store.schema import extractions, reports
from khronika.store.store import Store

if TYPE_CHECKING:
    from khronika.extract.pool import Done, Extractor, Job, Pending
    from khronika.link.linker import Linker

ProgressFn = Callable[[int], None]
TotalFn = Callable[[int | None], None]


@dataclass(slots=True)
class IngestSummary:
    read: int = 0
    new: int = 0
    duplicate: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    extraction_errors: int = 0
    incidents_touched: set[int] = field(default_factory=set)
    #: things left out by design (a photo-only message, a system line), with their place
    skipped: list[tuple[str, str]] = field(default_factory=list)
    #: stored by an earlier, interrupted import and processed now
    resumed: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "new": self.new,
            "duplicate": self.duplicate,
            "rejected": [{"where": w, "reason": r} for w, r in self.rejected],
            "notes": [{"where": w, "note": r} for w, r in self.notes],
            "extraction_errors": self.extraction_errors,
            "incidents": len(self.incidents_touched),
            "skipped": len(self.skipped),
            "resumed": self.resumed,
        }


def process_report(store: Store, report_id: int) -> list[int]:
    """Extract and link one stored report; returns the incidents it was linked to."""
    from khronika.extract.pool import run_job
    from khronika.link.linker import Linker

    rows = _stored_reports(store, [report_id])
    if report_id not in rows:
        raise KeyError(f"no report {report_id}")
    done = run_job(rows[report_id])
    if done.failure:
        raise RuntimeError(done.failure)
    with store.engine.begin() as conn:
        return _save_and_link(store, Linker(store), conn, [done])[report_id]


def _stored_reports(store: Store, ids: list[int]) -> dict[int, Job]:
    """The extraction job of each stored report of ``ids`` (one query)."""
    from khronika.extract.pool import job_for

    cols = reports.c
    with store.connect() as conn:
        rows = conn.execute(
            select(cols.id, cols.text, cols.published, cols.received_at, cols.lang,
                   cols.meta, cols.origin).where(cols.id.in_(ids))
        ).mappings().all()
    return {int(r["id"]): job_for({**r, "text": store.report_text(r["text"])}) for r in rows}


def _save_and_link(store: Store, linker: Linker, conn: Connection,
                   done: list[Done]) -> dict[int, list[int]]:
    """Save each report's extraction, then link those that succeeded, in ``conn``'s
    transaction; the incidents of each report."""
    from khronika.extract import PIPELINE_VERSION

    store.save_extractions(conn, PIPELINE_VERSION, [(d.report_id, d.result, d.error) for d in done])
    linked = linker.link_many(conn, [(d.report_id, d.features) for d in done if not d.error])
    return {d.report_id: linked.get(d.report_id, []) for d in done}


#: Reports stored per transaction: one commit per report costs an fsync each (minutes for
#: 100k rows on SQLCipher); a batch is committed before any of its reports is processed,
#: and its extractions and links are then committed together.
STORE_BATCH = 500

#: The size batches grow to, doubling from :data:`STORE_BATCH`, in a long import. Linking a
#: batch rewrites every incident it touched once, and an incident's row (its provenance,
#: its counts' sources) grows with its reports: with batches of a fixed size that work grows
#: with the square of the import (10k generated rows linked at 321 reports/s, 100k at 173).
#: Larger batches cost memory (two batches are in flight: texts, results and link features,
#: some kB a short report) and a coarser progress bar.
LARGE_BATCH = 8000

#: A batch is also closed when its texts reach this many characters, so that a long import
#: of long texts (news articles, whose results grow with them) holds no more at once than
#: one of short messages.
BATCH_CHARS = 2_000_000

#: Reports to process in one batch from which extraction goes to a pool of workers: below
#: it the import is small (a handful of files, a web upload) and stays in this process.
PARALLEL_FROM = 200


def ingest_items(
    store: Store,
    items: Iterable[Item | Problem],
    summary: IngestSummary | None = None,
    process: bool = True,
    progress: ProgressFn | None = None,
    workers: int = 1,
) -> IngestSummary:
    """Store every item (idempotent by content hash) and process the new ones.

    With ``workers`` above 1, batches of at least :data:`PARALLEL_FROM` reports are extracted
    by that many forked worker processes (see :mod:`khronika.extract.pool` for when forking
    is safe); the incidents and links are the same as with one.
    """
    importer = _Importer(store, summary or IngestSummary(), process, progress, workers)
    try:
        batch: list[Item] = []
        size, chars = STORE_BATCH, 0
        for item in items:
            if isinstance(item, Problem):
                importer.problem(item)
                continue
            batch.append(item)
            chars += len(item.report.text)
            if len(batch) >= size or chars >= BATCH_CHARS:
                importer.add(batch)
                batch, chars = [], 0
                size = max(size, min(2 * size, LARGE_BATCH))
        if batch:
            importer.add(batch)
        importer.finish()
    finally:
        importer.close()
    return importer.summary


@dataclass(slots=True)
class _Batch:
    """A stored batch under extraction."""

    where: dict[int, str]  # report id -> where it was read, for reports to process
    pending: Pending
    read: int  # reports read when it was stored (for progress)


class _Importer:
    """Stores batches and processes them, one batch behind: while batch N is extracted
    (by workers), batch N-1 is linked."""

    def __init__(self, store: Store, summary: IngestSummary, process: bool,
                 progress: ProgressFn | None, workers: int) -> None:
        from khronika.extract.pool import InProcess
        from khronika.link.linker import Linker

        self.store, self.summary, self.process = store, summary, process
        self.progress, self.workers = progress, workers
        self.extractor: Extractor = InProcess()
        self.parallel = False
        # candidates from memory: one query per event was most of an import's linking time
        self.linker = Linker(store, index=True)
        self.seen: set[int] = set()  # reports this import queued for processing
        self.behind: _Batch | None = None

    def problem(self, item: Problem) -> None:
        if item.severity == "skip":
            self.summary.skipped.append((item.where, item.reason))
        elif item.severity == "note" or item.reason.endswith("(imported)"):
            self.summary.notes.append((item.where, item.reason))
        else:
            self.summary.rejected.append((item.where, item.reason))

    def add(self, batch: list[Item]) -> None:
        """Store a batch in one transaction, start extracting it, link the one before."""
        with self.store.engine.begin() as conn:
            added = self.store.add_reports([item.report for item in batch], conn)
        stored = [(item, rid, new) for item, (rid, new) in zip(batch, added, strict=True)]
        self.summary.read += len(stored)
        created = sum(1 for _, _, new in stored if new)
        self.summary.new += created
        self.summary.duplicate += len(stored) - created
        if not self.process:
            self._progress(self.summary.read)
            return
        where = self._to_process(stored)
        jobs = _stored_reports(self.store, list(where)) if where else {}
        if self.workers > 1 and not self.parallel and len(jobs) >= PARALLEL_FROM:
            self._go_parallel()
        ahead = _Batch(where, self.extractor.submit([jobs[r] for r in where if r in jobs]),
                       self.summary.read)
        self.behind, before = ahead, self.behind
        if before is not None:
            self._link(before)

    def finish(self) -> None:
        """Link the last batch."""
        if self.behind is not None:
            before, self.behind = self.behind, None
            self._link(before)

    def close(self) -> None:
        self.extractor.close()

    def _go_parallel(self) -> None:
        from khronika.extract.pool import ForkPool

        engine = self.store.engine
        self.extractor = ForkPool(self.workers, lambda: engine.dispose(close=False))
        self.parallel = True

    def _to_process(self, stored: list[tuple[Item, int, bool]]) -> dict[int, str]:
        """New reports, and those an interrupted import stored but did not process."""
        again = {rid for _, rid, new in stored if not new and rid not in self.seen}
        if again:
            with self.store.connect() as conn:
                again -= {int(r) for r in conn.execute(
                    select(extractions.c.report_id).where(extractions.c.report_id.in_(again))
                ).scalars()}
        where: dict[int, str] = {}
        for item, rid, new in stored:
            if rid in self.seen or not (new or rid in again):
                continue
            self.seen.add(rid)
            where[rid] = item.where
            self.summary.resumed += 0 if new else 1
        return where

    def _link(self, batch: _Batch) -> None:
        """Save and link a batch's results in one transaction; if that fails, each report
        in a transaction of its own."""
        done = batch.pending.result()
        for d in done:
            if d.failure:
                self._failed(batch.where[d.report_id], d.failure)
        done = [d for d in done if not d.failure]
        try:
            with self.store.engine.begin() as conn:
                linked = _save_and_link(self.store, self.linker, conn, done)
        except Exception:  # one report's failure must not cost the batch: one at a time
            self.linker.forget()
            linked = {}
            for d in done:
                try:
                    with self.store.engine.begin() as conn:
                        linked |= _save_and_link(self.store, self.linker, conn, [d])
                except Exception as exc:  # the report is stored; say what failed, go on
                    self.linker.forget()
                    self._failed(batch.where[d.report_id], str(exc))
        for ids in linked.values():
            self.summary.incidents_touched.update(ids)
        self._progress(batch.read)

    def _failed(self, where: str, why: str) -> None:
        self.summary.extraction_errors += 1
        self.summary.rejected.append((where, f"stored, but processing failed: {why}"))

    def _progress(self, read: int) -> None:
        if self.progress is not None:
            self.progress(read)


def ingest_paths(store: Store, paths: Iterable[Path | str], process: bool = True,
                 progress: ProgressFn | None = None, fmt: str = "auto",
                 options: ReadOptions | None = None,
                 on_total: TotalFn | None = None, workers: int | None = None) -> IngestSummary:
    """Import files, folders or feed URLs in format ``fmt`` (``auto`` detects each file).

    The import's start and end (with its summary) are written to the change log, so an
    interrupted import shows as a start without an end; running it again resumes it: what
    is stored is skipped by content hash and what was stored but not processed is processed.
    ``on_total`` is told a cheap estimate of how many reports there are, before reading.
    ``workers`` extraction processes for a large import: by default one per core.
    """
    import uuid

    from khronika.extract.pool import default_workers
    from khronika.intake.formats import estimate_total, read_any

    targets = list(paths)
    run = uuid.uuid4().hex[:12]
    with store.engine.begin() as conn:
        store.log_change(conn, "intake", "import.start", "import", run,
                         {"paths": [str(p) for p in targets], "format": fmt})
    if on_total is not None:
        totals = [estimate_total(p) for p in targets]
        on_total(None if None in totals else sum(t or 0 for t in totals))
    items = itertools.chain.from_iterable(read_any(t, fmt, options) for t in targets)
    summary = ingest_items(store, items, process=process, progress=progress,
                           workers=default_workers() if workers is None else workers)
    with store.engine.begin() as conn:
        data = summary.to_json()
        data["rejected"] = len(summary.rejected)
        data["notes"] = len(summary.notes)
        store.log_change(conn, "intake", "import.end", "import", run, data)
    return summary
