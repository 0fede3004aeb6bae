"""RSS and Atom feeds, from a file or a URL: one report per entry.

feedparser reads every RSS and Atom variant and tolerates broken feeds (it flags them as
"bozo"): a broken feed with entries imports them with a note; one without entries is
rejected with the parser's reason. Fetching a URL is the one network access in intake and
happens only when the user names a URL; it has a timeout and a size cap.
"""

from __future__ import annotations

import datetime as dt
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from khronika.intake.base import ReadOptions, empty_file
from khronika.intake.email import html_to_text
from khronika.intake.files import Item, Problem
from khronika.store.store import NewReport

MAX_FEED_BYTES = 20 * 1024 * 1024


def fetch(url: str, timeout: float) -> bytes:
    """The body of ``url``, at most :data:`MAX_FEED_BYTES`."""
    req = urllib.request.Request(url, headers={"User-Agent": "khronika-feed-reader"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        data: bytes = resp.read(MAX_FEED_BYTES + 1)
    if len(data) > MAX_FEED_BYTES:
        raise ValueError(f"feed is larger than {MAX_FEED_BYTES} bytes")
    return data


def _entry_text(entry: Any) -> str:
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if value.strip():
            return html_to_text(value) if "html" in (content.get("type") or "html") else value
    summary = entry.get("summary") or ""
    return html_to_text(summary) if "<" in summary else summary.strip()


def feed_items(data: bytes, origin: str, where: str) -> Iterator[Item | Problem]:
    """Reports from the bytes of a feed."""
    import feedparser

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if parsed.get("bozo") and not entries:
        yield Problem(where, f"not a readable RSS/Atom feed: {parsed.get('bozo_exception')}")
        return
    if parsed.get("bozo"):
        yield Problem(where, f"feed is malformed ({parsed.get('bozo_exception')}); "
                      "its readable entries were imported", "note")
    feed_title = (parsed.get("feed") or {}).get("title") or origin
    for n, entry in enumerate(entries, start=1):
        at = f"{where}#entry {n}"
        title = (entry.get("title") or "").strip() or None
        text = _entry_text(entry).strip() or (title or "")
        if not text:
            yield Problem(at, "entry has neither title nor text")
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None
        meta = {"feed": feed_title, "link": entry.get("link"),
                "author": entry.get("author"), "date": entry.get("published")
                or entry.get("updated")}
        yield Item(NewReport(
            text=text, origin=f"feed:{feed_title}", kind="feed", title=title,
            external_id=entry.get("id") or entry.get("link"), published=published,
            meta={k: v for k, v in meta.items() if v},
        ), at)


def read_feed(path: Path, options: ReadOptions | None = None) -> Iterator[Item | Problem]:
    """Reports from a feed file."""
    problem = empty_file(path)
    if problem:
        yield problem
        return
    yield from feed_items(path.read_bytes(), str(path), str(path))


def read_feed_url(url: str, options: ReadOptions | None = None) -> Iterator[Item | Problem]:
    """Reports from a feed URL (fetched once, with a timeout)."""
    options = options or ReadOptions()
    try:
        data = fetch(url, options.timeout)
    except Exception as exc:  # network errors come in many types; say which and go on
        yield Problem(url, f"cannot fetch the feed: {type(exc).__name__}: {exc}")
        return
    yield from feed_items(data, url, url)
