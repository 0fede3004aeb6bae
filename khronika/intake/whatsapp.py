"""WhatsApp chat export (``.txt``): one report per message.

Both export shapes are read: Android's ``12/03/2024, 14:05 - Name: text`` and iOS's
``[12.03.24, 14:05:33] Name: text``. A line that does not start with a timestamp
continues the message before it. Whether dates are day-first or month-first is decided
per file by a first streamed pass (a first field above 12 settles it; day-first is the
default, as in most of the world). System lines ("Messages are end-to-end encrypted")
and ``<Media omitted>`` are skipped and counted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from khronika.intake.base import ReadOptions, decoded_lines, empty_file, sniff_encoding
from khronika.intake.files import Item, Problem
from khronika.store.store import NewReport

LINE = re.compile(
    r"^\u200e?\[?(?P<a>\d{1,2})[./-](?P<b>\d{1,2})[./-](?P<y>\d{2,4}),?\s+"
    r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::\d{2})?(?:\s*(?P<ampm>[AaPp]\.?\s?[Mm]\.?))?\]?"
    r"\s*(?:-\s+)?(?P<rest>.*)$"
)
SENDER = re.compile(r"^(?P<who>[^:]{1,80}):\s(?P<text>.*)$", re.S)
MEDIA = re.compile(r"^\u200e?<(media omitted|без медиафайлов|медиафайл отсутствует)>$|"
                   r"^\u200e?(image|video|audio|sticker) omitted$", re.I)


def looks_like_whatsapp(first_line: str) -> bool:
    """True when a text file's first line is a WhatsApp message header."""
    return bool(LINE.match(first_line.strip()))


def _day_first(path: Path, encoding: str) -> bool:
    with path.open("rb") as fh:
        for _n, text, _r in decoded_lines(path, fh, encoding):
            m = LINE.match(text or "")
            if m:
                if int(m["a"]) > 12:
                    return True
                if int(m["b"]) > 12:
                    return False
    return True


def _when(m: re.Match[str], day_first: bool) -> dt.datetime | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    day, month = (a, b) if day_first else (b, a)
    hour = int(m["h"])
    ampm = (m["ampm"] or "").lower().replace(".", "").replace(" ", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    if ampm == "am" and hour == 12:
        hour = 0
    try:
        return dt.datetime(y + 2000 if y < 100 else y, month, day, hour, int(m["m"]))
    except ValueError:
        return None


def read_whatsapp(path: Path, options: ReadOptions | None = None) -> Iterator[Item | Problem]:
    """Every message of a WhatsApp ``.txt`` chat export, streamed."""
    problem = empty_file(path)
    if problem:
        yield problem
        return
    chat = path.stem.removeprefix("WhatsApp Chat with ").removeprefix("Чат WhatsApp с ")
    with path.open("rb") as fh:
        encoding, note = sniff_encoding(fh)
    if note:
        yield Problem(str(path), note + " (imported)", "note")
    day_first = _day_first(path, encoding)
    current: tuple[int, dt.datetime | None, str] | None = None
    lines: list[str] = []

    def flush() -> Iterator[Item | Problem]:
        if current is None:
            return
        n, when, head = current
        where = f"{path}:{n}"
        body = "\n".join([head, *lines])
        sender = SENDER.match(body)
        if sender is None:
            yield Problem(where, "skipped: system message", "skip")
            return
        text = sender["text"].strip()
        if not text or MEDIA.match(text):
            yield Problem(where, "skipped: no text (media only)", "skip")
            return
        yield Item(NewReport(
            text=text, origin=f"whatsapp:{chat}", kind="whatsapp",
            published=when.date() if when else None,
            meta={"chat": chat, "author": sender["who"].strip(),
                  "date": when.isoformat() if when else None, "line": n},
        ), where)

    with path.open("rb") as fh:
        for n, text, reason in decoded_lines(path, fh, encoding):
            if text is None:
                yield Problem(f"{path}:{n}", reason or "unreadable line")
                continue
            text = text.rstrip("\r\n")
            m = LINE.match(text)
            if m:
                yield from flush()
                when = _when(m, day_first)
                if when is None:
                    yield Problem(f"{path}:{n}", f"impossible date {text[:20]!r} (imported "
                                  "without a date)", "note")
                current, lines = (n, when, m["rest"]), []
            elif current is None:
                if text.strip():
                    yield Problem(f"{path}:{n}", "not a WhatsApp message line (no timestamp)")
            else:
                lines.append(text)
        yield from flush()
