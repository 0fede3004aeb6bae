"""The format registry: every importer behind one interface, chosen by name or detected.

A :class:`Format` names a reader (``path, options -> Items and Problems``), the file name
endings it claims and, optionally, a content check that overrides the ending (a ``.txt``
that is a WhatsApp export, a ``.csv`` that is ACLED data). Built-in formats register
themselves here the same way an outside plugin would, through :func:`register`.

``read_any(path, "auto")`` walks folders, detects each file's format and streams its
reports; URLs are read as feeds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from khronika.intake.base import ReadOptions
from khronika.intake.files import Item, Problem, read_jsonl, read_text_file

Reader = Callable[[Path, ReadOptions], Iterator[Item | Problem]]


@dataclass(frozen=True, slots=True)
class Format:
    """One importable format."""

    name: str
    reader: Reader
    suffixes: tuple[str, ...] = ()
    #: given the first bytes of a file, True when the file is certainly this format
    sniff: Callable[[bytes], bool] | None = None
    help: str = ""


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> None:
    """Add (or replace) a format; detection tries sniffers in registration order."""
    FORMATS[fmt.name] = fmt


def names() -> list[str]:
    """The valid ``--format`` values."""
    return ["auto", *FORMATS]


def _head(path: Path, size: int = 8192) -> bytes:
    with path.open("rb") as fh:
        return fh.read(size)


def detect(path: Path) -> str | None:
    """The format of a file by content first, then by its ending; None when unknown."""
    suffix = path.suffix.lower()
    try:
        head = _head(path)
    except OSError:
        head = b""
    candidates = [f for f in FORMATS.values() if suffix in f.suffixes]
    for fmt in candidates:  # a content check among the formats that claim the ending
        if fmt.sniff is not None and head and fmt.sniff(head):
            return fmt.name
    for fmt in candidates:
        if fmt.sniff is None:
            return fmt.name
    if head:
        for fmt in FORMATS.values():
            if fmt.sniff is not None and fmt.sniff(head):
                return fmt.name
    return candidates[0].name if candidates else None


def read_any(target: str | Path, fmt: str = "auto",
             options: ReadOptions | None = None) -> Iterator[Item | Problem]:
    """Every report under ``target`` (a file, a folder or a feed URL) in format ``fmt``."""
    from khronika.intake.feeds import read_feed_url

    options = options or ReadOptions()
    if fmt != "auto" and fmt not in FORMATS:
        yield Problem(str(target), f"unknown format {fmt!r}; valid: {', '.join(names())}")
        return
    if isinstance(target, str) and target.startswith(("http://", "https://")):
        yield from read_feed_url(target, options)
        return
    path = Path(target)
    if not path.exists():
        yield Problem(str(path), "no such file or folder")
        return
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if child.name.startswith("."):
                continue
            if fmt == "auto" and detect(child) is None:
                yield Problem(str(child), "skipped: unsupported file type "
                              f"{child.suffix.lower() or '(none)'}")
                continue
            yield from read_any(child, fmt, options)
        return
    name = detect(path) if fmt == "auto" else fmt
    if name is None:
        yield Problem(str(path), f"unsupported file type {path.suffix.lower() or '(none)'}; "
                      f"name the format with --format ({', '.join(names())})")
        return
    yield from FORMATS[name].reader(path, options)


def estimate_total(target: str | Path) -> int | None:
    """A cheap estimate of how many reports ``target`` holds, for a progress bar.

    Counts lines (CSV, JSON Lines, chats) or message markers (Telegram) in one fast pass
    over the bytes; None when there is no cheap way (a URL).
    """
    if isinstance(target, str) and target.startswith(("http://", "https://")):
        return None
    path = Path(target)
    if not path.exists():
        return None
    if path.is_dir():
        return sum(estimate_total(p) or 0 for p in path.rglob("*") if p.is_file())
    name = detect(path)
    if name in ("text", "html", "eml", "xlsx", "rss"):
        return 1
    marker = {"telegram": b'"type": "message"', "mbox": b"\nFrom "}.get(name or "", b"\n")
    count, tail = 0, b""
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            count += (tail + chunk).count(marker)
            tail = chunk[-len(marker) + 1:] if len(marker) > 1 else b""
    if name in ("csv", "acled"):
        count -= 1  # the header
    return max(count, 1)


def _text(path: Path, options: ReadOptions) -> Iterator[Item | Problem]:
    return read_text_file(path)


def _jsonl(path: Path, options: ReadOptions) -> Iterator[Item | Problem]:
    return read_jsonl(path)


def _lazy(module: str, func: str) -> Reader:
    """A reader imported on first use, so that `--help` does not load trafilatura."""
    def reader(path: Path, options: ReadOptions) -> Iterator[Item | Problem]:
        import importlib

        fn: Reader = getattr(importlib.import_module(module), func)
        return fn(path, options)
    return reader


def _is_whatsapp(head: bytes) -> bool:
    from khronika.intake.whatsapp import looks_like_whatsapp

    first = head.split(b"\n", 1)[0].decode("utf-8", errors="ignore").lstrip("\ufeff")
    return looks_like_whatsapp(first)


def _is_acled(head: bytes) -> bool:
    from khronika.intake.acled import looks_like_acled

    return looks_like_acled(head.split(b"\n", 1)[0].decode("utf-8", errors="ignore"))


def _is_telegram(head: bytes) -> bool:
    s = head.lstrip()
    return s.startswith(b"{") and (
        b'"messages"' in head or b'"chats"' in head or b'"personal_information"' in head
        or (b'"type":' in head and b'"name":' in head))


def _is_feed(head: bytes) -> bool:
    low = head.lower()
    return b"<rss" in low or b"<feed" in low or b"<rdf:rdf" in low


def _is_mbox(head: bytes) -> bool:
    return head.startswith(b"From ")


def _is_html(head: bytes) -> bool:
    low = head.lstrip().lower()
    return low.startswith((b"<!doctype html", b"<html"))


register(Format("whatsapp", _lazy("khronika.intake.whatsapp", "read_whatsapp"), (".txt",),
                _is_whatsapp, "WhatsApp chat export (.txt)"))
register(Format("text", _text, (".txt", ".md", ".markdown", ".text"),
                help="plain text or Markdown, one report per file"))
register(Format("jsonl", _jsonl, (".jsonl", ".ndjson"),
                help="JSON Lines in the contract's input shape"))
register(Format("html", _lazy("khronika.intake.html", "read_html"), (".html", ".htm"),
                _is_html, "a web page or saved article"))
register(Format("acled", _lazy("khronika.intake.acled", "read_acled"), (".csv",), _is_acled,
                "ACLED CSV export"))
register(Format("csv", _lazy("khronika.intake.tabular", "read_csv"), (".csv", ".tsv"),
                help="CSV with a header row and a column mapping"))
register(Format("xlsx", _lazy("khronika.intake.tabular", "read_xlsx"), (".xlsx", ".xlsm"),
                help="Excel workbook with a header row and a column mapping"))
register(Format("telegram", _lazy("khronika.intake.telegram", "read_telegram"), (".json",),
                _is_telegram, "Telegram Desktop export (result.json), one chat or an account"))
register(Format("eml", _lazy("khronika.intake.email", "read_eml"), (".eml",),
                help="one e-mail message"))
register(Format("mbox", _lazy("khronika.intake.email", "read_mbox"), (".mbox", ".mbx"),
                _is_mbox, "a mailbox"))
register(Format("rss", _lazy("khronika.intake.feeds", "read_feed"),
                (".rss", ".atom", ".xml"), _is_feed, "RSS or Atom feed (file or URL)"))
