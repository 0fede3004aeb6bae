"""The flow from intake to incidents: store each report first, then extract and link it.

Reports are committed (in batches of :data:`STORE_BATCH`) before anything else is done
with them; extraction and linking of each report then run in a transaction of its own, so
a failure there leaves the report stored (with an error extraction) and the import goes
on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khronika.intake.base import ReadOptions
from khronika.intake.files import Item, Problem
from khronika.store.store import Store

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
    from khronika.extract import PIPELINE_VERSION, extract_record
    from khronika.link.linker import link_report

    report = store.get_report(report_id)
    if report is None:
        raise KeyError(f"no report {report_id}")
    record: dict[str, Any] = {"id": str(report_id), "text": report["text"]}
    published = report["published"] or _as_date(report["received_at"])
    if published:
        record["published"] = published.isoformat()
    if report["lang"]:
        record["lang"] = report["lang"]
    structured = (report["meta"] or {}).get("events")
    try:
        if isinstance(structured, list):
            # Importers of coded data (ACLED) hand over their events: keep them as coded.
            result = {"id": str(report_id), "lang": report["lang"], "events": structured,
                      "places": [], "entities": []}
        else:
            result = extract_record(record)
        error = result.get("error")
    except Exception as exc:  # recorded on the report; the import goes on
        result, error = {"id": str(report_id), "events": []}, f"{type(exc).__name__}: {exc}"
    with store.engine.begin() as conn:
        store.save_extraction(conn, report_id, PIPELINE_VERSION, result, error)
        if error:
            return []
        return link_report(store, conn, report_id, report["text"], result)


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


#: Reports stored per transaction: one commit per report costs an fsync each (minutes for
#: 100k rows on SQLCipher); a batch is committed before any of its reports is processed.
STORE_BATCH = 500


def ingest_items(
    store: Store,
    items: Iterable[Item | Problem],
    summary: IngestSummary | None = None,
    process: bool = True,
    progress: ProgressFn | None = None,
) -> IngestSummary:
    """Store every item (idempotent by content hash) and process the new ones."""
    summary = summary or IngestSummary()
    batch: list[Item] = []
    for item in items:
        if isinstance(item, Problem):
            if item.severity == "skip":
                summary.skipped.append((item.where, item.reason))
            elif item.severity == "note" or item.reason.endswith("(imported)"):
                summary.notes.append((item.where, item.reason))
            else:
                summary.rejected.append((item.where, item.reason))
            continue
        batch.append(item)
        if len(batch) >= STORE_BATCH:
            _store_batch(store, batch, summary, process, progress)
            batch = []
    if batch:
        _store_batch(store, batch, summary, process, progress)
    return summary


def _store_batch(store: Store, batch: list[Item], summary: IngestSummary, process: bool,
                 progress: ProgressFn | None) -> None:
    """Store a batch in one transaction, then extract and link its reports one by one."""
    with store.engine.begin() as conn:
        stored = [(item, *store.add_report(item.report, conn)) for item in batch]
    for item, report_id, created in stored:
        summary.read += 1
        if not created:
            summary.duplicate += 1
            if process and store.latest_extraction(report_id) is None:
                # stored by an import that was interrupted before processing it: resume
                summary.resumed += 1
                _process(store, item, report_id, summary)
        else:
            summary.new += 1
            if process:
                _process(store, item, report_id, summary)
        if progress is not None:
            progress(summary.read)


def _process(store: Store, item: Item, report_id: int, summary: IngestSummary) -> None:
    try:
        summary.incidents_touched.update(process_report(store, report_id))
    except Exception as exc:  # the report is stored; say what failed and go on
        summary.extraction_errors += 1
        summary.rejected.append((item.where, f"stored, but processing failed: {exc}"))


def ingest_paths(store: Store, paths: Iterable[Path | str], process: bool = True,
                 progress: ProgressFn | None = None, fmt: str = "auto",
                 options: ReadOptions | None = None,
                 on_total: TotalFn | None = None) -> IngestSummary:
    """Import files, folders or feed URLs in format ``fmt`` (``auto`` detects each file).

    The import's start and end (with its summary) are written to the change log, so an
    interrupted import shows as a start without an end; running it again resumes it: what
    is stored is skipped by content hash and what was stored but not processed is processed.
    ``on_total`` is told a cheap estimate of how many reports there are, before reading.
    """
    import uuid

    from khronika.intake.formats import estimate_total, read_any

    targets = list(paths)
    run = uuid.uuid4().hex[:12]
    with store.engine.begin() as conn:
        store.log_change(conn, "intake", "import.start", "import", run,
                         {"paths": [str(p) for p in targets], "format": fmt})
    if on_total is not None:
        totals = [estimate_total(p) for p in targets]
        on_total(None if None in totals else sum(t or 0 for t in totals))
    summary = IngestSummary()
    for target in targets:
        ingest_items(store, read_any(target, fmt, options), summary, process=process,
                     progress=progress)
    with store.engine.begin() as conn:
        data = summary.to_json()
        data["rejected"] = len(summary.rejected)
        data["notes"] = len(summary.notes)
        store.log_change(conn, "intake", "import.end", "import", run, data)
    return summary
