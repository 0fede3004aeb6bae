"""Importers for plain files: text and Markdown (one report per file), folders, and JSON
Lines in the extraction contract's input shape (one report per line).

Readers yield :class:`Item` for each report and :class:`Problem` for each thing that could
not be read, with the file and line, so that one bad line never stops an import.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from khronika.extract.contract import InputError, parse_published
from khronika.store.store import NewReport

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
MAX_FILE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Item:
    report: NewReport
    where: str  # file, or file:line


@dataclass(frozen=True, slots=True)
class Problem:
    """Something that was not imported (or imported with a caveat), with its place.

    ``severity`` is ``"error"`` (rejected: counted and makes the import exit non-zero),
    ``"note"`` (imported with a caveat) or ``"skip"`` (nothing to import there by design,
    such as a photo-only chat message; counted but not an error).
    """

    where: str
    reason: str
    severity: str = "error"


def decode_text(data: bytes, where: str) -> tuple[str, str | None]:
    """Text from bytes: UTF-8 (with or without BOM); Windows-1251 as a noted fallback."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{where}: looks like a binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        try:
            # Russian files saved on Windows are often cp1251; keep them rather than reject.
            return data.decode("cp1251"), (
                f"{where}: not valid UTF-8 (byte {exc.start}); read as Windows-1251"
            )
        except UnicodeDecodeError:
            raise InputError(f"{where}: not valid UTF-8 text (byte {exc.start})") from None


def read_text_file(path: Path) -> Iterator[Item | Problem]:
    where = str(path)
    size = path.stat().st_size
    if size == 0:
        yield Problem(where, "empty file (0 bytes): nothing to import")
        return
    if size > MAX_FILE_BYTES:
        yield Problem(where, f"file is {size} bytes; the limit for one report is {MAX_FILE_BYTES}")
        return
    try:
        text, note = decode_text(path.read_bytes(), where)
    except InputError as exc:
        yield Problem(where, str(exc).removeprefix(where + ": "))
        return
    if note:
        yield Problem(where, note.removeprefix(where + ": ") + " (imported)")
    if not text.strip():
        yield Problem(where, "file holds only white space: nothing to import")
        return
    title = None
    first = text.lstrip().splitlines()[0] if text.strip() else ""
    if path.suffix.lower() in {".md", ".markdown"} and first.startswith("#"):
        title = first.lstrip("#").strip() or None
    yield Item(NewReport(text=text, origin=where, kind="file", title=title), where)


def read_jsonl(path: Path) -> Iterator[Item | Problem]:
    """One report per line of a contract-shaped JSON Lines file."""
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, start=1):
            where = f"{path}:{n}"
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                yield Problem(where, f"not valid UTF-8 (byte {exc.start})")
                continue
            except json.JSONDecodeError as exc:
                yield Problem(where, f"not valid JSON: {exc.msg} at column {exc.colno}")
                continue
            if not isinstance(record, dict):
                yield Problem(where, "each line must be a JSON object")
                continue
            text = record.get("text")
            if not isinstance(text, str) or not text.strip():
                yield Problem(where, "missing or empty 'text'")
                continue
            try:
                published: dt.date | None = parse_published(record.get("published"))
            except InputError as exc:
                yield Problem(where, str(exc))
                continue
            extra = {k: v for k, v in record.items()
                     if k not in {"id", "text", "published", "lang", "title", "source", "kind"}}
            rid = record.get("id")
            yield Item(
                NewReport(
                    text=text,
                    origin=str(record.get("source") or path),
                    kind=str(record.get("kind") or "jsonl"),
                    title=record.get("title") if isinstance(record.get("title"), str) else None,
                    external_id=None if rid is None else str(rid),
                    lang=record.get("lang") if isinstance(record.get("lang"), str) else None,
                    published=published,
                    meta=extra,
                ),
                where,
            )


def read_path(path: Path) -> Iterator[Item | Problem]:
    """Every report under ``path``: a file, or a folder walked in name order.

    Only plain text and JSON Lines; :func:`khronika.intake.formats.read_any` reads every
    format and is what the import command uses.
    """
    if not path.exists():
        yield Problem(str(path), "no such file or folder")
        return
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            suffix = child.suffix.lower()
            if child.name.startswith("."):
                continue
            if suffix in TEXT_SUFFIXES or suffix in JSONL_SUFFIXES:
                yield from read_path(child)
            else:
                yield Problem(str(child), f"skipped: unsupported file type {suffix or '(none)'}")
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path)
    else:
        yield from read_text_file(path)
