"""Reading contract input lines into documents and writing documents as output lines.

The shapes are those of ``shared/CONTRACT.md`` (v1). Input validation raises
:class:`InputError` with a message fit to show a user; the caller turns it into the
contract's error line.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from khronika import taxonomy
from khronika.model import COUNT_KINDS, Document, Event

MAX_TEXT_CHARS = 5_000_000


class InputError(ValueError):
    """An input record that cannot be processed, with a message for the user."""


def parse_published(value: Any) -> dt.date | None:
    """The date part of an ISO date or timestamp; None when absent or unreadable."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(f"'published' must be an ISO date string, got {type(value).__name__}")
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise InputError(f"'published' is not an ISO date (YYYY-MM-DD): {value[:40]!r}") from None


def document_from_record(record: Any) -> Document:
    """A :class:`Document` from one decoded input line, or :class:`InputError`."""
    if not isinstance(record, dict):
        raise InputError(f"each line must be a JSON object, got {type(record).__name__}")
    if "id" not in record or record["id"] is None:
        raise InputError("missing 'id': every input line needs an 'id'")
    if "text" not in record:
        raise InputError("missing 'text': every input line needs a 'text' string")
    text = record["text"]
    if not isinstance(text, str):
        raise InputError(f"'text' must be a string, got {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"'text' is {len(text)} characters; the limit is {MAX_TEXT_CHARS}")
    lang = record.get("lang")
    if lang is not None and not isinstance(lang, str):
        raise InputError(f"'lang' must be a string such as 'en' or 'ru', got {lang!r}")
    return Document(
        id=str(record["id"]),
        text=text,
        published=parse_published(record.get("published")),
        lang=lang.lower() if lang else None,
        lang_given=bool(lang),
    )


def event_to_json(event: Event) -> dict[str, Any]:
    detained = "detained" in event.counts
    return {
        "type": event.type,
        "acled": taxonomy.acled_for(event.type, detained=detained or event.type != "raid"),
        "date": event.date.to_json() if event.date else None,
        "location": event.location.location_json() if event.location and event.location.resolved
        else None,
        "counts": {
            kind: event.counts[kind].to_json() if kind in event.counts else None
            for kind in COUNT_KINDS
        },
        "actors": dict(event.actors),
        "attribution": [a.to_json() for a in event.attribution],
        "certainty": event.certainty,
        "confidence": round(event.confidence, 3),
        "evidence": [e.to_json() for e in event.evidence],
    }


def document_to_json(doc: Document) -> dict[str, Any]:
    """The contract's output object for a processed document."""
    out: dict[str, Any] = {
        "id": doc.id,
        "lang": doc.lang,
        "events": [event_to_json(e) for e in doc.events],
        "places": [p.to_json() for p in doc.places],
        "entities": [e.to_json() for e in doc.entities],
    }
    if doc.errors:
        out["warnings"] = list(doc.errors)
    return out


def error_line(record_id: Any, message: str) -> dict[str, Any]:
    """The contract's line for an input line that could not be processed."""
    usable = isinstance(record_id, str | int) and not isinstance(record_id, bool)
    rid = record_id if usable else None
    return {"id": rid, "error": message}


def decode_line(n: int, raw: bytes) -> tuple[Any, str | None]:
    """(decoded record, None) or (None, error message) for input line ``n``."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, f"line {n} is not valid UTF-8 (byte {exc.start})"
    if not line.strip():
        return None, f"line {n} is empty; expected a JSON object"
    try:
        return json.loads(line), None
    except json.JSONDecodeError as exc:
        return None, f"line {n} is not valid JSON: {exc.msg} at column {exc.colno}"


def process_line(n: int, raw: bytes) -> dict[str, Any]:
    """The contract's output object for input line ``n``: the extraction or an error line.

    The one definition used by ``khronika extract`` and ``khronika batch``, so that their
    outputs are identical by construction.
    """
    from khronika.extract import extract_record  # here: the pipeline imports this module

    record, problem = decode_line(n, raw)
    if problem is not None:
        return {"id": None, "error": problem}
    result = extract_record(record)
    if "error" in result:
        result["error"] = f"line {n}: {result['error']}"
    return result
