"""CSV and XLSX importers: one report per row, through a saved, reusable column mapping.

A :class:`ColumnMapping` says which column holds the report text (several may be joined),
the title, the date, the source and the row's own id; every other non-empty cell is kept
in the report's ``meta``. Without a mapping file the mapping is guessed from the header
(English and Russian names); with ``--mapping FILE`` it is read from the file, or, when
the file does not exist yet, the guess is written there to be corrected and reused.

Rows are streamed (CSV through the ``csv`` module over decoded lines, XLSX through
openpyxl's read-only mode), so memory does not grow with the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Generator, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from khronika.intake.base import ReadOptions, decoded_lines, empty_file, parse_when, sniff_encoding
from khronika.intake.files import Item, Problem
from khronika.store.store import NewReport

# A report's text may be long (an article pasted into a cell); csv's default is 128 KB.
csv.field_size_limit(50 * 1024 * 1024)

#: Header names (lower case) recognised for each field when no mapping is given.
GUESSES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "message", "content", "report", "description", "notes",
             "текст", "сообщение", "описание", "содержание"),
    "title": ("title", "headline", "subject", "заголовок", "тема"),
    "date": ("date", "published", "event_date", "datetime", "time", "дата", "время"),
    "id": ("id", "report_id", "uid", "номер"),
    "source": ("source", "origin", "channel", "url", "источник", "канал"),
    "lang": ("lang", "language", "язык"),
}


@dataclass(slots=True)
class ColumnMapping:
    """Which columns make a report. Column names are matched case-insensitively."""

    text: list[str]
    title: str | None = None
    date: str | None = None
    id: str | None = None
    source: str | None = None
    lang: str | None = None
    #: the header the mapping was made for (information for whoever edits the file)
    header: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> ColumnMapping:
        if not isinstance(data, dict) or not data.get("text"):
            raise ValueError("a mapping is a JSON object with at least \"text\": [column, ...]")
        text = data["text"]
        return cls(
            text=[text] if isinstance(text, str) else [str(t) for t in text],
            title=data.get("title"), date=data.get("date"), id=data.get("id"),
            source=data.get("source"), lang=data.get("lang"),
            header=[str(h) for h in data.get("header") or []],
        )


def guess_mapping(header: Sequence[str]) -> ColumnMapping | None:
    """A mapping from the header's names, or None when no text column is recognisable."""
    lower = {h.strip().lower(): h for h in header if h}
    found: dict[str, str | None] = {}
    for key, names in GUESSES.items():
        found[key] = next((lower[n] for n in names if n in lower), None)
    if found["text"] is None:
        return None
    return ColumnMapping(text=[found["text"]], title=found["title"], date=found["date"],
                         id=found["id"], source=found["source"], lang=found["lang"],
                         header=list(header))


def resolve_mapping(header: Sequence[str], options: ReadOptions,
                    where: str) -> ColumnMapping | Problem:
    """The mapping to use for ``header``: the saved one, else a guess (saved when asked)."""
    path = options.mapping
    if path is not None and path.exists():
        try:
            mapping = ColumnMapping.from_json(json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, OSError) as exc:
            return Problem(where, f"cannot use mapping file {path}: {exc}")
    else:
        guessed = guess_mapping(header)
        if guessed is None:
            return Problem(where, "no text column: the header has "
                           f"{', '.join(repr(h) for h in header) or 'no names'}; name the "
                           "text column in a mapping file (--mapping FILE, "
                           '{"text": ["column"]})')
        mapping = guessed
        if path is not None:
            path.write_text(json.dumps(mapping.to_json(), ensure_ascii=False, indent=2),
                            encoding="utf-8")
    lower = {h.strip().lower() for h in header}
    missing = [c for c in mapping.text + [c for c in (mapping.title, mapping.date, mapping.id,
                                                      mapping.source, mapping.lang) if c]
               if c.strip().lower() not in lower]
    if missing:
        return Problem(where, f"missing column(s) {', '.join(repr(m) for m in missing)}; "
                       f"the header has {', '.join(repr(h) for h in header)}")
    return mapping


def row_item(path: Path, where: str, header: Sequence[str], row: Sequence[Any],
             mapping: ColumnMapping, kind: str) -> Item | Problem:
    """One report from one row, or why not."""
    index = {h.strip().lower(): i for i, h in enumerate(header)}

    def cell(name: str | None) -> str:
        if name is None:
            return ""
        i = index[name.strip().lower()]
        value = row[i] if i < len(row) else None
        if value is None:
            return ""
        if isinstance(value, dt.datetime | dt.date):
            return value.isoformat()
        return str(value)

    text = "\n\n".join(t for t in (cell(c).strip() for c in mapping.text) if t)
    if not text:
        short = len(row) < len(header)
        reason = (f"row has {len(row)} fields, the header has {len(header)}; no text"
                  if short else f"empty text column {', '.join(mapping.text)!r}")
        return Problem(where, reason)
    when = parse_when(cell(mapping.date))
    used = {c.strip().lower() for c in mapping.text} | {
        c.strip().lower() for c in (mapping.title, mapping.date, mapping.id, mapping.source,
                                    mapping.lang) if c}
    meta: dict[str, Any] = {"row": where.rsplit(":", 1)[-1]}
    for h, i in index.items():
        if h not in used and i < len(row) and row[i] not in (None, ""):
            v = row[i]
            meta[header[i]] = v.isoformat() if isinstance(v, dt.datetime | dt.date) else str(v)
    if cell(mapping.date) and when is None:
        meta["date_unparsed"] = cell(mapping.date)
    return Item(NewReport(
        text=text, origin=cell(mapping.source) or str(path), kind=kind,
        title=cell(mapping.title) or None, external_id=cell(mapping.id) or None,
        lang=cell(mapping.lang).lower() or None,
        published=when.date() if when else None, meta=meta,
    ), where)


def csv_rows(path: Path) -> Iterator[tuple[int, list[str]] | Problem]:
    """(first line of the row, cells) for every row of a CSV file, streamed, or problems.

    The delimiter (comma, semicolon, tab) is sniffed from the first line. A line with a
    broken byte is reported and left out; a malformed row is reported by its line.
    """
    problem = empty_file(path)
    if problem:
        yield problem
        return
    with path.open("rb") as fh:
        encoding, note = sniff_encoding(fh)
        if note:
            yield Problem(str(path), note + " (imported)", "note")
        first = fh.readline().decode(encoding, errors="replace")
        fh.seek(0)
        delimiter = max(",;\t", key=first.count)
        pending: list[Problem] = []
        last_line = 0
        row_first: int | None = None  # the first line of the row being read

        def lines() -> Iterator[str]:
            nonlocal last_line, row_first
            for n, text, reason in decoded_lines(path, fh, encoding):
                last_line = n
                if text is None:
                    pending.append(Problem(f"{path}:{n}", reason or "unreadable line"))
                    continue
                if row_first is None:
                    row_first = n
                yield text

        reader = csv.reader(lines(), delimiter=delimiter)
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                pending.append(Problem(f"{path}:{row_first or last_line}",
                                       f"malformed CSV: {exc}"))
                row_first = None
                continue
            yield from pending
            pending.clear()
            if any(c.strip() for c in row):
                yield row_first or last_line, row
            row_first = None
        yield from pending


def read_csv(path: Path, options: ReadOptions | None = None,
             kind: str = "csv") -> Iterator[Item | Problem]:
    """Reports from a CSV file with a header row."""
    options = options or ReadOptions()
    header: list[str] | None = None
    mapping: ColumnMapping | None = None
    for entry in csv_rows(path):
        if isinstance(entry, Problem):
            yield entry
            continue
        line, row = entry
        if header is None:
            header = row
            resolved = resolve_mapping(header, options, f"{path}:{line}")
            if isinstance(resolved, Problem):
                yield resolved
                return
            mapping = resolved
            continue
        assert mapping is not None
        yield row_item(path, f"{path}:{line}", header, row, mapping, kind)
    if header is None and path.stat().st_size:
        yield Problem(str(path), "no header row: the file holds no rows")


def xlsx_rows(path: Path) -> Generator[tuple[str, int, list[Any]] | Problem, None, None]:
    """(sheet title, row number, cells) for every non-empty row of every sheet of an XLSX
    workbook, streamed (read-only mode), or a problem when it cannot be read."""
    import zipfile

    from openpyxl import load_workbook

    problem = empty_file(path)
    if problem:
        yield problem
        return
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        yield Problem(str(path), f"not a readable XLSX workbook: {exc}")
        return
    try:
        for ws in wb.worksheets:
            for n, row in enumerate(ws.iter_rows(values_only=True), start=1):
                if any(v not in (None, "") for v in row):
                    yield ws.title, n, list(row)
    finally:
        wb.close()


def read_xlsx(path: Path, options: ReadOptions | None = None) -> Iterator[Item | Problem]:
    """Reports from every sheet of an XLSX workbook (first non-empty row = header)."""
    options = options or ReadOptions()
    sheet: str | None = None
    header: list[str] | None = None
    mapping: ColumnMapping | None = None
    for entry in xlsx_rows(path):
        if isinstance(entry, Problem):
            yield entry
            return
        title, n, row = entry
        if title != sheet:  # every sheet has its own header
            sheet, header, mapping = title, None, None
        if header is None:
            header = ["" if v is None else str(v) for v in row]
            resolved = resolve_mapping(header, options, f"{path}:{title}:{n}")
            if isinstance(resolved, Problem):
                yield resolved
                continue
            mapping = resolved
            continue
        if mapping is None:
            continue  # the rest of a sheet whose header did not map
        yield row_item(path, f"{path}:{title}:{n}", header, row, mapping, "xlsx")
