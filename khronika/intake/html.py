"""HTML pages and saved articles: one report per file, its main text found by trafilatura.

trafilatura drops navigation, adverts and comments and gives the title, the publication
date and the body. A page where it finds no body (a bare index page) falls back to the
page's visible text, and is rejected only when that is empty too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from khronika.intake.base import ReadOptions, empty_file, parse_when
from khronika.intake.email import html_to_text
from khronika.intake.files import MAX_FILE_BYTES, Item, Problem, decode_text
from khronika.store.store import NewReport


def extract_article(html: str, url: str | None = None) -> dict[str, Any]:
    """``{"title", "date", "text", "url", "sitename"}`` of an HTML page (values may be None)."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                      include_comments=False, favor_precision=True)
    data: dict[str, Any] = {}
    if doc is not None:
        data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return {k: data.get(k) for k in ("title", "date", "text", "url", "sitename")}


def read_html(path: Path, options: ReadOptions | None = None) -> Iterator[Item | Problem]:
    """One report from one HTML file."""
    where = str(path)
    problem = empty_file(path)
    if problem:
        yield problem
        return
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        yield Problem(where, f"file is {size} bytes; the limit for one page is {MAX_FILE_BYTES}")
        return
    try:
        html, note = decode_text(path.read_bytes(), where)
    except Exception as exc:  # InputError from decode_text: binary content
        yield Problem(where, str(exc).removeprefix(where + ": "))
        return
    if note:
        yield Problem(where, note.removeprefix(where + ": ") + " (imported)", "note")
    article = extract_article(html)
    text = (article["text"] or "").strip() or html_to_text(html)
    if not text:
        yield Problem(where, "no text found in the page")
        return
    when = parse_when(article["date"])
    meta = {k: article[k] for k in ("url", "sitename", "date") if article[k]}
    yield Item(NewReport(
        text=text, origin=article["url"] or where, kind="html", title=article["title"],
        published=when.date() if when else None, meta=meta,
    ), where)
