"""Streaming a batch into a store: each chunk stored first, then extracted and linked.

The driver (this process) stores the valid input lines of each chunk as reports, in one
transaction — idempotent by content hash — and sends only reports without an extraction of
the current pipeline version to the workers. Results come back a chunk at a time, in input
order; each chunk's extractions are saved (and, when the batch does not link by blocks
afterwards, linked) in one transaction, as :mod:`khronika.flow` does for a local import; if
that transaction fails, the chunk's reports are saved one transaction each, so a failing
report costs only itself. So a batch that stops half-way (its driver killed, the machine
rebooted) is resumed by running it again: the stored reports are found by hash, the
extracted ones are skipped, and no report, extraction or link row is ever written twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from khronika.store.schema import extractions, reports
from khronika.store.store import IN_CHUNK, NewReport, Store, chunked

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
        from khronika.link.linker import Linker

        self.store = store
        self.runner = runner
        self.summary = summary
        self.progress = progress
        #: link each chunk as it is saved (else the batch links by blocks afterwards)
        self.link = link
        # candidates from memory, as a local import links: one query per event otherwise
        self.linker = Linker(store, index=True)
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
        """Store the chunk's reports in one transaction; the jobs for those that still need
        extracting."""
        from khronika.extract.contract import InputError, decode_line, document_from_record

        valid: list[NewReport] = []
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
            valid.append(new_report(record, origin))
        if not valid:
            return []
        with self.store.engine.begin() as conn:
            added = self.store.add_reports(valid, conn)
        self.summary.stored += sum(created for _, created in added)
        # done: extracted by an earlier run, or met earlier in this one
        done = self._extracted([rid for rid, created in added if not created])
        done |= set(self.inflight)
        todo = [rid for rid, _ in added if rid not in done]
        stored = self._reports(todo)
        jobs: list[Job] = []
        coded: list[tuple[int, str, dict[str, Any], str | None]] = []
        for report_id, _ in added:
            if report_id in done:
                self.summary.skipped += 1
                self.summary.documents += 1
                continue
            done.add(report_id)
            report = stored[report_id]
            structured = (report["meta"] or {}).get("events")
            if isinstance(structured, list):
                # coded events (an ACLED import) are kept as coded, as khronika.flow does
                coded.append((report_id, report["text"], {
                    "id": str(report_id), "lang": report["lang"], "events": structured,
                    "places": [], "entities": []}, None))
                continue
            self.inflight[report_id] = report["text"]
            jobs.append((report_id, record_for(report)))
        if coded:
            self._finish(coded)
        return jobs

    def _extracted(self, ids: list[int]) -> set[int]:
        """Those of ``ids`` that have an extraction of this pipeline version."""
        found: set[int] = set()
        with self.store.connect() as conn:
            for part in chunked(ids, IN_CHUNK):
                found.update(int(r) for r in conn.execute(
                    select(extractions.c.report_id).where(
                        extractions.c.report_id.in_(part)
                        & (extractions.c.pipeline_version == self.version))).scalars())
        return found

    def _reports(self, ids: list[int]) -> dict[int, dict[str, Any]]:
        """The stored reports of ``ids``, their text decrypted (one query)."""
        out: dict[int, dict[str, Any]] = {}
        with self.store.connect() as conn:
            for part in chunked(ids, IN_CHUNK):
                for r in conn.execute(select(reports).where(reports.c.id.in_(part))).mappings():
                    out[int(r["id"])] = {**r, "text": self.store.report_text(r["text"])}
        return out

    def _save(self, done: list[Done]) -> None:
        self._finish([(report_id, self.inflight.pop(report_id), result, error)
                      for report_id, result, error in done])
        if self.progress is not None:
            self.progress(self.summary)

    def _finish(self, batch: list[tuple[int, str, dict[str, Any], str | None]]) -> None:
        """Save a chunk's extractions, and link them when linking here, in one transaction;
        if it fails, each report in one of its own (idempotent)."""
        try:
            self._write(batch)
        except Exception:  # one report's failure must not cost the chunk: one at a time
            self.linker.forget()
            for one in batch:
                try:
                    self._write([one])
                except Exception as exc:  # the report stays stored; a rerun tries again
                    self.linker.forget()
                    self._count_error(f"report {one[0]}: stored, but saving its "
                                      f"extraction failed: {exc}")
                    continue
                self._count_saved(one)
            return
        for one in batch:
            self._count_saved(one)

    def _write(self, batch: list[tuple[int, str, dict[str, Any], str | None]]) -> None:
        from khronika.link.linker import features_for

        with self.store.engine.begin() as conn:
            self.store.save_extractions(conn, self.version,
                                        [(rid, result, error) for rid, _, result, error in batch])
            if self.link:
                self.linker.link_many(conn, [(rid, features_for(conn, rid, text, result))
                                             for rid, text, result, error in batch if not error])

    def _count_saved(self, saved: tuple[int, str, dict[str, Any], str | None]) -> None:
        report_id, _, _, error = saved
        if error:
            self._count_error(f"report {report_id}: {error}")
        else:
            self.summary.documents += 1

    def _count_error(self, message: str) -> None:
        self.summary.documents += 1
        self.summary.error_lines += 1
        if len(self.summary.errors) < 1000:  # keep memory bounded on a very bad input
            self.summary.errors.append(message)
