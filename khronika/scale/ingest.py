"""Streaming a batch into a store: each report stored first, then extracted and linked.

The driver (this process) stores every valid input line as a report — idempotent by
content hash — and sends only reports without an extraction of the current pipeline
version to the workers. Results come back in input order; each is saved (and, when the
batch does not link by blocks afterwards, linked) in one transaction, as
:func:`khronika.flow.process_report` does. So a batch that stops
half-way (its driver killed, the machine rebooted) is resumed by running it again: the
stored reports are found by hash, the extracted ones are skipped, and no report,
extraction or link row is ever written twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from khronika.store.schema import extractions
from khronika.store.store import NewReport, Store

if TYPE_CHECKING:
    from khronika.scale.batch import BatchSummary, ProgressFn, _Runner

#: fields of an input line that become report columns; any others go to ``meta``
COLUMNS = ("id", "text", "lang", "published", "title")

#: (report id, contract input record) sent to a worker
Job = tuple[int, dict[str, Any]]
#: (report id, contract output, error or None) sent back
Done = tuple[int, dict[str, Any], str | None]


def extract_reports(jobs: list[Job]) -> list[Done]:
    """Extract stored reports (runs on a worker); a failure becomes that report's error."""
    from khronika.extract import extract_record

    out: list[Done] = []
    for report_id, record in jobs:
        try:
            result = extract_record(record)
            error = result.get("error")
        except Exception as exc:  # recorded on the report, as khronika.flow does
            result, error = {"id": str(report_id), "events": []}, f"{type(exc).__name__}: {exc}"
        out.append((report_id, result, error))
    return out


def record_for(report: dict[str, Any]) -> dict[str, Any]:
    """The contract input record for a stored report (the one an import's job carries)."""
    from khronika.extract.pool import job_for

    return job_for(report).record


def new_report(record: dict[str, Any], origin: str) -> NewReport:
    """The report for a valid contract input record."""
    from khronika.extract.contract import parse_published

    lang = record.get("lang")
    title = record.get("title")
    meta = {k: v for k, v in record.items() if k not in COLUMNS}
    return NewReport(text=record["text"], origin=origin, kind="text",
                     title=title if isinstance(title, str) else None,
                     external_id=str(record["id"]), lang=lang.lower() if lang else None,
                     published=parse_published(record.get("published")), meta=meta or None)


def numbered_sources(inputs: Iterable[str | Path]) -> Iterator[tuple[str, int, bytes]]:
    """(origin, line number, raw line) for every line of every input."""
    from khronika.scale.batch import read_inputs

    for name in inputs:
        origin = "batch:stdin" if str(name) == "-" else f"batch:{Path(name).name}"
        for n, raw in read_inputs([name]):
            yield origin, n, raw


class StoreSink:
    """Streams a batch into ``store`` through ``runner``; counts into ``summary``."""

    def __init__(self, store: Store, runner: _Runner, summary: BatchSummary,
                 progress: ProgressFn | None = None, link: bool = True) -> None:
        from khronika.extract import PIPELINE_VERSION

        self.store = store
        self.runner = runner
        self.summary = summary
        self.progress = progress
        #: link each report as it is saved (else the batch links by blocks afterwards)
        self.link = link
        self.version = PIPELINE_VERSION
        #: text of each report in flight, for linking when its result is back; also keeps
        #: a report that appears twice in the input from being extracted twice
        self.inflight: dict[int, str] = {}

    def run(self, inputs: Iterable[str | Path], chunk_size: int) -> None:
        from khronika.scale.batch import chunks

        for chunk in chunks(numbered_sources(inputs), chunk_size):
            jobs = self._store_chunk(chunk)
            if jobs:
                for done in self.runner.submit(extract_reports, jobs):
                    self._save(done)
        for done in self.runner.drain():
            self._save(done)

    def _store_chunk(self, chunk: list[tuple[str, int, bytes]]) -> list[Job]:
        """Store each line's report; the jobs for those that still need extracting."""
        from khronika.extract.contract import InputError, decode_line, document_from_record

        jobs: list[Job] = []
        for origin, n, raw in chunk:
            record, problem = decode_line(n, raw)
            if problem is None:
                try:
                    document_from_record(record)
                except InputError as exc:
                    problem = f"line {n}: {exc}"
            if problem is not None:
                self._count_error(f"{origin.removeprefix('batch:')}: {problem}")
                continue
            report_id, created = self.store.add_report(new_report(record, origin))
            self.summary.stored += int(created)
            if report_id in self.inflight or (not created and self._extracted(report_id)):
                self.summary.skipped += 1
                self.summary.documents += 1
                continue
            report = self.store.get_report(report_id)
            assert report is not None
            structured = (report["meta"] or {}).get("events")
            if isinstance(structured, list):
                # coded events (an ACLED import) are kept as coded, as khronika.flow does
                self._finish(report_id, report["text"], {
                    "id": str(report_id), "lang": report["lang"], "events": structured,
                    "places": [], "entities": []}, None)
                continue
            self.inflight[report_id] = report["text"]
            jobs.append((report_id, record_for(report)))
        return jobs

    def _extracted(self, report_id: int) -> bool:
        with self.store.connect() as conn:
            return conn.execute(
                select(extractions.c.id).where((extractions.c.report_id == report_id)
                                               & (extractions.c.pipeline_version == self.version))
            ).first() is not None

    def _save(self, done: list[Done]) -> None:
        for report_id, result, error in done:
            self._finish(report_id, self.inflight.pop(report_id), result, error)
        if self.progress is not None:
            self.progress(self.summary)

    def _finish(self, report_id: int, text: str, result: dict[str, Any],
                error: str | None) -> None:
        """Save one extraction and link it (when linking here), in one transaction
        (idempotent)."""
        from khronika.link.linker import link_report

        with self.store.engine.begin() as conn:
            self.store.save_extraction(conn, report_id, self.version, result, error)
            if self.link and not error:
                link_report(self.store, conn, report_id, text, result)
        self.summary.documents += 1
        if error:
            self._count_error(f"report {report_id}: {error}")
            self.summary.documents -= 1  # counted by _count_error

    def _count_error(self, message: str) -> None:
        self.summary.documents += 1
        self.summary.error_lines += 1
        if len(self.summary.errors) < 1000:  # keep memory bounded on a very bad input
            self.summary.errors.append(message)
