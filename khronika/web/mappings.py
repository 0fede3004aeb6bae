"""Saved CSV/XLSX column mappings for the desk's import, and the header a mapping is for.

A mapping is :class:`khronika.intake.tabular.ColumnMapping`, the same object the command
line's ``--mapping FILE`` reads and writes. The desk keeps named mappings in the store's
``settings`` table (key ``import.mapping:NAME``, value ``{"mapping", "saved_by",
"saved_at"}``) rather than in a table of their own: a mapping is a small store-wide
setting, it then travels with backups and restores like every setting, and no schema
change or migration is needed. The key column holds 64 characters, so a name holds
:data:`NAME_MAX`.

:func:`preview` reads only a file's header and first rows (CSV streamed, XLSX in
openpyxl's read-only mode), so showing the guessed mapping of a 100 MB sheet is cheap.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from khronika.intake.files import Problem
from khronika.intake.tabular import ColumnMapping, csv_rows, guess_mapping, xlsx_rows
from khronika.security import audit
from khronika.store.schema import settings
from khronika.store.store import Store
from khronika.web.auth import WebError

PREFIX = "import.mapping:"
#: settings.key is String(64)
NAME_MAX = 64 - len(PREFIX)
#: The formats whose reports come from columns through a mapping.
TABULAR = ("csv", "xlsx")
#: Rows shown under the header in the preview, and the characters shown of each cell.
SAMPLE_ROWS = 3
SAMPLE_CHARS = 80
_NAME = re.compile(r"^[\w][\w .\-]*$")


@dataclass(slots=True)
class Preview:
    """What the import form needs to show and adjust a tabular file's mapping."""

    header: list[str]
    sample: list[list[str]] = field(default_factory=list)
    guessed: ColumnMapping | None = None


def check_name(name: str) -> str:
    """A mapping name, stripped; 422 unless it is 1..NAME_MAX letters, digits, spaces,
    dots, dashes or underscores."""
    clean = name.strip()
    if not clean or len(clean) > NAME_MAX or not _NAME.match(clean):
        raise WebError(422, "invalid", f"a mapping name is 1 to {NAME_MAX} letters, digits, "
                       "spaces, dots, dashes or underscores, starting with a letter or digit")
    return clean


def parse(data: Any) -> ColumnMapping:
    """A mapping from decoded JSON; 422 with the reason when it is not one."""
    try:
        mapping = ColumnMapping.from_json(data)
        text = data["text"]
        named = [*([text] if isinstance(text, str) else text),
                 *(data.get(k) for k in ("title", "date", "id", "source", "lang"))]
        if not all(v is None or (isinstance(v, str) and "\x00" not in v) for v in named):
            raise ValueError("column names are strings without NUL characters")
    except (ValueError, TypeError) as exc:
        raise WebError(422, "invalid", f"the column mapping cannot be used: {exc}") from None
    return mapping


def missing_columns(mapping: ColumnMapping, header: list[str]) -> list[str]:
    """The columns ``mapping`` names that ``header`` lacks (case-insensitive, as the
    importer matches them)."""
    have = {h.strip().lower() for h in header}
    named = [*mapping.text, *(c for c in (mapping.title, mapping.date, mapping.id,
                                          mapping.source, mapping.lang) if c)]
    return [c for c in named if c.strip().lower() not in have]


def save(store: Store, name: str, mapping: ColumnMapping, actor: str) -> dict[str, Any]:
    """Save (or replace) the mapping ``name``; audited. Returns the saved entry."""
    name = check_name(name)
    value = {"mapping": mapping.to_json(), "saved_by": actor,
             "saved_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    key = PREFIX + name
    for _attempt in range(2):  # a concurrent first save of the same name: update it
        try:
            with store.engine.begin() as conn:
                found = conn.execute(select(settings.c.key).where(settings.c.key == key)
                                     ).first()
                if found is None:
                    conn.execute(insert(settings).values(key=key, value=value))
                else:
                    conn.execute(update(settings).where(settings.c.key == key)
                                 .values(value=value))
            break
        except IntegrityError:
            continue
    audit.record(store, actor, "import.mapping.save", "mapping", name,
                 {"mapping": value["mapping"]})
    return {"name": name, **value}


def load(store: Store, name: str) -> ColumnMapping:
    """The saved mapping ``name``; 404 when there is none."""
    value = None
    if _NAME.match(name.strip()):  # no query for a name that could never be saved
        with store.connect() as conn:
            value = conn.execute(select(settings.c.value)
                                 .where(settings.c.key == PREFIX + name.strip())).scalar()
    if not isinstance(value, dict):
        raise WebError(404, "not_found", f"no saved column mapping named {name!r}")
    return ColumnMapping.from_json(value["mapping"])


def list_saved(store: Store) -> list[dict[str, Any]]:
    """Every saved mapping, by name: ``{"name", "mapping", "saved_by", "saved_at"}``."""
    with store.connect() as conn:
        rows = conn.execute(select(settings.c.key, settings.c.value)
                            .where(settings.c.key.startswith(PREFIX, autoescape=True))
                            .order_by(settings.c.key)).all()
    return [{"name": key[len(PREFIX):], **value} for key, value in rows
            if isinstance(value, dict)]


def remove(store: Store, name: str, actor: str) -> None:
    """Delete the saved mapping ``name`` (404 when there is none); audited."""
    gone = 0
    if _NAME.match(name.strip()):
        with store.engine.begin() as conn:
            gone = conn.execute(delete(settings).where(settings.c.key == PREFIX + name.strip())
                                ).rowcount
    if not gone:
        raise WebError(404, "not_found", f"no saved column mapping named {name!r}")
    audit.record(store, actor, "import.mapping.delete", "mapping", name.strip(), {})


def preview(path: Path, fmt: str) -> Preview | None:
    """The header, first rows and guessed mapping of a CSV or XLSX file (``fmt`` is the
    format it will be read as); None for other formats or a file without a header."""
    if fmt not in TABULAR:
        return None
    rows = _xlsx_rows(path) if fmt == "xlsx" else _csv_rows(path)
    if not rows:
        return None
    header, body = rows[0], rows[1:]
    return Preview(header=header,
                   sample=[[cell[:SAMPLE_CHARS] for cell in row] for row in body],
                   guessed=guess_mapping(header))


def _csv_rows(path: Path) -> list[list[str]]:
    rows = (entry[1] for entry in csv_rows(path) if not isinstance(entry, Problem))
    return list(islice(rows, SAMPLE_ROWS + 1))


def _xlsx_rows(path: Path) -> list[list[str]]:
    """The first non-empty rows of the first sheet that has any (as the importer reads
    its header)."""
    entries = xlsx_rows(path)
    try:
        first = next(entries, None)
        if first is None or isinstance(first, Problem):
            return []
        sheet = first[0]
        rows = [first[2]]
        for entry in entries:
            if len(rows) > SAMPLE_ROWS or isinstance(entry, Problem) or entry[0] != sheet:
                break
            rows.append(entry[2])
        return [["" if v is None else str(v) for v in row] for row in rows]
    finally:
        entries.close()  # read no further than the sample: the workbook is closed now
