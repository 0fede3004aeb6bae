"""What every importer shares: read options, streamed line decoding, size checks.

Importers are generators of :class:`~khronika.intake.files.Item` and
:class:`~khronika.intake.files.Problem`; nothing here holds a whole file in memory, so a
50 MB spreadsheet or a 100,000-message chat export is read in constant memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from khronika.intake.files import Problem

#: How much of a file is looked at to decide its encoding before streaming the rest.
SNIFF_BYTES = 256 * 1024


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Options an importer may use; each format ignores what it does not need.

    ``mapping`` is a column-mapping file for CSV/XLSX: read when it exists, written with
    the guessed mapping when it does not, so that the next import of the same kind of
    sheet reuses (and the user can correct) it.
    """

    mapping: Path | None = None
    #: seconds to wait for a feed URL (the only network access, and only when asked)
    timeout: float = 20.0


def empty_file(path: Path) -> Problem | None:
    """A problem for a 0-byte file, else None."""
    if path.stat().st_size == 0:
        return Problem(str(path), "empty file (0 bytes): nothing to import")
    return None


def sniff_encoding(fh: BinaryIO) -> tuple[str, str | None]:
    """The encoding of a stream from its first bytes: UTF-8, else Windows-1251 (noted).

    The stream is rewound. A cut in the middle of a multi-byte character at the end of the
    sample is not held against UTF-8.
    """
    head = fh.read(SNIFF_BYTES)
    fh.seek(0)
    try:
        head.decode("utf-8")
        return "utf-8", None
    except UnicodeDecodeError as exc:
        first = exc.start
    # A UTF-8 file with one corrupt byte is still UTF-8 (that line is reported); a file in
    # which most non-ASCII bytes fail is Windows-1251, which Russian Windows tools write.
    errors = head.decode("utf-8", errors="replace").count("\ufffd")
    non_ascii = sum(1 for b in head if b >= 0x80)
    if first < len(head) - 4 and errors > 0.3 * non_ascii:
        return "cp1251", f"not valid UTF-8 (byte {first}); read as Windows-1251"
    return "utf-8", None


def decoded_lines(path: Path, fh: BinaryIO,
                  encoding: str) -> Iterator[tuple[int, str | None, str | None]]:
    """(line number, text or None, reason when the line could not be decoded), streamed.

    A line with a broken byte is reported by number and skipped: the rest of the file
    still imports.
    """
    for n, raw in enumerate(fh, start=1):
        if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            yield n, raw.decode(encoding), None
        except UnicodeDecodeError as exc:
            yield n, None, f"not valid {encoding} text (byte {exc.start} of the line)"


def parse_when(value: str | None) -> dt.datetime | None:
    """A date or timestamp in the common ISO and numeric day-first forms, else None."""
    if not value:
        return None
    value = value.strip()
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    for fmt in ("%d.%m.%Y %H:%M", "%d.%m.%Y", "%d/%m/%Y", "%d %B %Y", "%d %b %Y",
                "%Y/%m/%d", "%m/%d/%Y"):
        try:
            return dt.datetime.strptime(value, fmt)
        except ValueError:
            continue
    return None
