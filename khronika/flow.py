"""The flow from intake to incidents: store each report first, then extract and link it.

A report is committed on its own before anything can fail on it; extraction and linking
for that report then run in a second transaction, so a failure there leaves the report
stored (with an error extraction) and the import goes on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khronika.intake.files import Item, Problem, read_path
from khronika.store.store import Store

ProgressFn = Callable[[int], None]


@dataclass(slots=True)
class IngestSummary:
    read: int = 0
    new: int = 0
    duplicate: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    extraction_errors: int = 0
    incidents_touched: set[int] = field(default_factory=set)

    def to_json(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "new": self.new,
            "duplicate": self.duplicate,
            "rejected": [{"where": w, "reason": r} for w, r in self.rejected],
            "notes": [{"where": w, "note": r} for w, r in self.notes],
            "extraction_errors": self.extraction_errors,
            "incidents": len(self.incidents_touched),
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
    try:
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


def ingest_items(
    store: Store,
    items: Iterable[Item | Problem],
    summary: IngestSummary | None = None,
    process: bool = True,
    progress: ProgressFn | None = None,
) -> IngestSummary:
    """Store every item (idempotent by content hash) and process the new ones."""
    summary = summary or IngestSummary()
    for item in items:
        if isinstance(item, Problem):
            if item.reason.endswith("(imported)"):
                summary.notes.append((item.where, item.reason))
            else:
                summary.rejected.append((item.where, item.reason))
            continue
        summary.read += 1
        report_id, created = store.add_report(item.report)
        if not created:
            summary.duplicate += 1
        else:
            summary.new += 1
            if process:
                try:
                    summary.incidents_touched.update(process_report(store, report_id))
                except Exception as exc:  # the report is stored; say what failed and go on
                    summary.extraction_errors += 1
                    summary.rejected.append((item.where, f"stored, but processing failed: {exc}"))
        if progress is not None:
            progress(summary.read)
    return summary


def ingest_paths(store: Store, paths: Iterable[Path], process: bool = True,
                 progress: ProgressFn | None = None) -> IngestSummary:
    summary = IngestSummary()
    for path in paths:
        ingest_items(store, read_path(path), summary, process=process, progress=progress)
    return summary
