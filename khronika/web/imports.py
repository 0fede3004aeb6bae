"""Importing a file from the desk: the web side of ``khronika ingest``.

The upload (already spooled to disk by the form parser) is copied in chunks to a file of
its own name in a temporary folder (:func:`stage`), so that format detection sees its
ending, and is refused with 413 as soon as it passes the limit. The import itself runs
later, in the background (:mod:`khronika.web.import_jobs`): :func:`run_staged` streams the
file through :func:`khronika.flow.ingest_items` exactly as the command line does, with the
format named or detected and, for CSV and XLSX, a column mapping (uploaded, adjusted on the
form or saved under a name: :mod:`khronika.web.mappings`). The summary says what was read,
stored, already known and rejected (with the reason and the place: the file name and line,
never the server's temporary path).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from starlette.datastructures import UploadFile

from khronika.flow import IngestSummary
from khronika.intake.files import Item, Problem
from khronika.intake.tabular import ColumnMapping
from khronika.store.store import Store
from khronika.web.auth import WebError
from khronika.web.mappings import parse

#: Uploaded files are copied this many bytes at a time (never read whole into memory).
CHUNK = 1024 * 1024
#: A column mapping is a small JSON object; anything bigger is not one.
MAX_MAPPING = 64 * 1024
#: Rejections and notes shown (and audited) one by one; the rest are counted.
SHOWN = 200


@dataclass(slots=True)
class ImportResult:
    """What one upload did, for the page, the API and the audit log."""

    file: str
    format: str
    read: int = 0
    new: int = 0
    duplicate: int = 0
    rejected: list[dict[str, str]] = field(default_factory=list)
    rejected_total: int = 0
    notes: list[dict[str, str]] = field(default_factory=list)
    skipped: int = 0
    extraction_errors: int = 0
    incidents: list[int] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "format": self.format, "read": self.read, "new": self.new,
                "duplicate": self.duplicate, "rejected": self.rejected,
                "rejected_total": self.rejected_total, "notes": self.notes,
                "skipped": self.skipped, "extraction_errors": self.extraction_errors,
                "incidents": self.incidents}

    @classmethod
    def of(cls, name: str, fmt: str, summary: IngestSummary, folder: Path) -> ImportResult:
        """The result of ``summary`` (also of an import that failed half-way: what it had
        stored by then), placed in the upload by its own name."""
        return cls(file=name, format=fmt, read=summary.read, new=summary.new,
                   duplicate=summary.duplicate, rejected=_placed(summary.rejected, folder),
                   rejected_total=len(summary.rejected),
                   notes=_placed(summary.notes, folder), skipped=len(summary.skipped),
                   extraction_errors=summary.extraction_errors,
                   incidents=sorted(summary.incidents_touched))


@dataclass(slots=True)
class Staged:
    """An upload copied to a temporary folder of its own, waiting to be imported."""

    folder: Path
    path: Path
    name: str
    size: int

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def safe_name(filename: str | None) -> str:
    """The upload's own file name, without folders or characters a path should not have
    (its ending is kept: it chooses the format when the format is ``auto``)."""
    name = re.split(r"[/\\]", filename or "")[-1]
    name = re.sub(r"[^\w.\- ]", "_", name).strip(" .")[:120]
    return name or "upload"


def copy_limited(source: IO[bytes], dest: Path, limit: int) -> int:
    """Copy ``source`` to ``dest`` in chunks; 413 once more than ``limit`` bytes came."""
    size = 0
    with dest.open("wb") as out:
        while chunk := source.read(CHUNK):
            size += len(chunk)
            if size > limit:
                raise too_large(limit)
            out.write(chunk)
    return size


def too_large(limit: int) -> WebError:
    return WebError(413, "too_large", f"the file is larger than the limit of "
                    f"{limit // (1024 * 1024)} MB for an import; split it, or import it on "
                    "the desk's computer with: khronika ingest FILE")


def given_file(upload: UploadFile | None) -> IO[bytes] | None:
    """The file of an optional upload field; None when the field was left empty (a
    browser then sends a part with no file name)."""
    return upload.file if upload is not None and upload.filename else None


def check_format(fmt: str) -> str:
    """``fmt`` when it is ``auto`` or a registered format, else 422 with the valid ones."""
    from khronika.intake.formats import names

    if fmt not in names():
        raise WebError(422, "invalid", f"unknown format {fmt!r}; valid: {', '.join(names())}")
    return fmt


def stage(upload: IO[bytes], filename: str | None, limit: int) -> Staged:
    """Copy an upload to a new temporary folder (removed again if the copy fails)."""
    folder = Path(tempfile.mkdtemp(prefix="khronika-import-"))
    name = safe_name(filename)
    try:
        size = copy_limited(upload, folder / name, limit)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Staged(folder, folder / name, name, size)


def used_format(staged: Staged, fmt: str) -> str | None:
    """The format ``staged`` will be read as: ``fmt``, or the one detected for ``auto``
    (None when nothing claims the file: the import then says so as a rejection)."""
    from khronika.intake.formats import detect

    return detect(staged.path) if fmt == "auto" else fmt


def read_mapping(source: IO[bytes]) -> ColumnMapping:
    """An uploaded column-mapping file, checked; 422 when it is not one."""
    raw = source.read(MAX_MAPPING + 1)
    if len(raw) > MAX_MAPPING:
        raise WebError(422, "invalid", "the column mapping is not a mapping file (over "
                       f"{MAX_MAPPING // 1024} KB)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise WebError(422, "invalid", f"the column mapping cannot be used: {exc}") from None
    return parse_mapping_text(text)


def parse_mapping_text(text: str) -> ColumnMapping:
    """A mapping from JSON text (a form field or a file); 422 when it is not one."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise WebError(422, "invalid", f"the column mapping cannot be used: {exc}") from None
    return parse(data)


def run_staged(store: Store, staged: Staged, fmt: str, mapping: ColumnMapping | None,
               summary: IngestSummary, on_row: Callable[[], None],
               on_progress: Callable[[int], None]) -> ImportResult:
    """Import a staged upload into ``store`` through the command line's functions.

    ``summary`` is filled as the import goes (so that a caller still has what was stored
    when it fails half-way); ``on_row`` is called for every entry the importer reads (a
    report or a problem), ``on_progress`` by :func:`~khronika.flow.ingest_items` with the
    reports read when a batch is stored and processed.
    """
    from khronika.flow import ingest_items
    from khronika.intake.base import ReadOptions
    from khronika.intake.formats import read_any

    options = ReadOptions()
    if mapping is not None:
        path = staged.folder / ".mapping.json"
        path.write_text(json.dumps(mapping.to_json(), ensure_ascii=False), encoding="utf-8")
        options = ReadOptions(mapping=path)
    items = _counted(_as_uploaded(read_any(staged.path, fmt, options), staged.folder), on_row)
    ingest_items(store, items, summary=summary, progress=on_progress)
    return ImportResult.of(staged.name, fmt, summary, staged.folder)


def _counted(items: Iterator[Item | Problem],
             on_row: Callable[[], None]) -> Iterator[Item | Problem]:
    for item in items:
        on_row()
        yield item


def _as_uploaded(items: Iterator[Item | Problem], folder: Path) -> Iterator[Item | Problem]:
    """The reports with ``upload:NAME`` as origin where an importer named the file (a
    CSV row without a source column): the temporary copy is gone once the import ends."""
    temp = f"{folder}{os.sep}"
    for item in items:
        if isinstance(item, Item) and temp in item.report.origin:
            report = replace(item.report, origin=item.report.origin.replace(temp, "upload:"))
            item = Item(report, item.where)
        yield item


def placed(text: str, folder: Path) -> str:
    """``text`` with the server's temporary folder taken out."""
    return text.replace(f"{folder}{os.sep}", "").replace(str(folder), "")


def _placed(problems: list[tuple[str, str]], folder: Path) -> list[dict[str, str]]:
    """The first :data:`SHOWN` problems, placed in the uploaded file by its own name: the
    server's temporary folder is nobody's business and means nothing to the user."""
    return [{"where": placed(where, folder), "reason": placed(reason, folder)}
            for where, reason in problems[:SHOWN]]
