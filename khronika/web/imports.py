"""Importing a file from the desk: the web side of ``khronika ingest``.

The upload (already spooled to disk by the form parser) is copied in chunks to a file of
its own name in a temporary folder, so that format detection sees its ending, and is
refused with 413 as soon as it passes the limit. The importers then stream it through
:func:`khronika.flow.ingest_items` exactly as the command line does, with the format named
or detected and, for CSV and XLSX, an optional column-mapping file saved by an earlier
import. The summary says what was read, stored, already known and rejected (with the
reason and the place: the file name and line, never the server's temporary path), and
the import is written to the audit log under the user's name.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from starlette.datastructures import UploadFile

from khronika.intake.files import Item, Problem
from khronika.store.store import Store
from khronika.web.auth import WebError

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


def read_mapping(source: IO[bytes], dest: Path) -> Path:
    """Check an uploaded column mapping and write it to ``dest`` for the importer."""
    from khronika.intake.tabular import ColumnMapping

    raw = source.read(MAX_MAPPING + 1)
    if len(raw) > MAX_MAPPING:
        raise WebError(422, "invalid", "the column mapping is not a mapping file (over "
                       f"{MAX_MAPPING // 1024} KB)")
    try:
        ColumnMapping.from_json(json.loads(raw.decode("utf-8-sig")))
    except (ValueError, UnicodeDecodeError) as exc:
        raise WebError(422, "invalid", f"the column mapping cannot be used: {exc}") from None
    dest.write_bytes(raw)
    return dest


def run_import(store: Store, upload: IO[bytes], filename: str | None, actor: str, *,
               fmt: str = "auto", mapping: IO[bytes] | None = None,
               limit: int) -> ImportResult:
    """Import one uploaded file as ``actor``; see the module's docstring."""
    from khronika.flow import ingest_items
    from khronika.intake.base import ReadOptions
    from khronika.intake.formats import read_any
    from khronika.security import audit

    check_format(fmt)
    name = safe_name(filename)
    with tempfile.TemporaryDirectory(prefix="khronika-import-") as tmp:
        folder = Path(tmp)
        path = folder / name
        size = copy_limited(upload, path, limit)
        options = ReadOptions(mapping=read_mapping(mapping, folder / "mapping.json")
                              if mapping is not None else None)
        summary = ingest_items(store, _as_uploaded(read_any(path, fmt, options), folder))
    result = ImportResult(
        file=name, format=fmt, read=summary.read, new=summary.new,
        duplicate=summary.duplicate, rejected=_placed(summary.rejected, folder),
        rejected_total=len(summary.rejected),
        notes=_placed(summary.notes, folder), skipped=len(summary.skipped),
        extraction_errors=summary.extraction_errors,
        incidents=sorted(summary.incidents_touched))
    audit.record(store, actor, "import.upload", "import", None,
                 {**result.to_json(), "bytes": size, "incidents": len(result.incidents),
                  "mapping": mapping is not None})
    return result


def _as_uploaded(items: Iterator[Item | Problem], folder: Path) -> Iterator[Item | Problem]:
    """The reports with ``upload:NAME`` as origin where an importer named the file (a
    CSV row without a source column): the temporary copy is gone once the import ends."""
    temp = f"{folder}{os.sep}"
    for item in items:
        if isinstance(item, Item) and temp in item.report.origin:
            report = replace(item.report, origin=item.report.origin.replace(temp, "upload:"))
            item = Item(report, item.where)
        yield item


def _placed(problems: list[tuple[str, str]], folder: Path) -> list[dict[str, str]]:
    """The first :data:`SHOWN` problems, placed in the uploaded file by its own name: the
    server's temporary folder is nobody's business and means nothing to the user."""
    temp = f"{folder}{os.sep}"
    return [{"where": where.replace(temp, ""), "reason": reason.replace(temp, "")}
            for where, reason in problems[:SHOWN]]
