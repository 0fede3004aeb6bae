"""Extraction: turning a report's text into events, places and entities with evidence.

``build_pipeline()`` assembles the stages in order; ``extract_record()`` takes one
contract input record and returns one contract output record.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from khronika.extract.attribution import AttributionStage
from khronika.extract.contract import (
    InputError,
    document_from_record,
    document_to_json,
    error_line,
)
from khronika.extract.counts import CountStage
from khronika.extract.dates import DateStage
from khronika.extract.entities import EntityStage
from khronika.extract.events import EventStage
from khronika.extract.language import LanguageStage
from khronika.extract.places import PlaceStage
from khronika.extract.sentences import SentenceStage
from khronika.model import Document
from khronika.pipeline import Pipeline

#: Longer texts are analysed on their first this-many characters (a warning says so): the
#: events of a report are in its lead, and a 5 MB paste must not stall an import.
ANALYSE_CHARS = 200_000

#: Bumped whenever the output of the default pipeline changes; stored with extractions.
PIPELINE_VERSION = "1"


def build_pipeline() -> Pipeline:
    """The default extraction pipeline."""
    return Pipeline(
        [
            LanguageStage(),
            SentenceStage(),
            DateStage(),
            PlaceStage(),
            EntityStage(),
            CountStage(),
            EventStage(),
            AttributionStage(),
        ]
    )


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    return build_pipeline()


def extract_document(doc: Document) -> Document:
    """Run the default pipeline over one document (in place) and return it."""
    return default_pipeline()(doc)


def extract_record(record: Any) -> dict[str, Any]:
    """One contract output object for one decoded input record (an error line if invalid)."""
    try:
        doc = document_from_record(record)
    except InputError as exc:
        rid = record.get("id") if isinstance(record, dict) else None
        return error_line(rid, str(exc))
    note = None
    if len(doc.text) > ANALYSE_CHARS:
        note = f"text has {len(doc.text)} characters; only the first {ANALYSE_CHARS} were analysed"
        doc.text = doc.text[:ANALYSE_CHARS]
    out = document_to_json(extract_document(doc))
    if note:
        out.setdefault("warnings", []).insert(0, note)
    return out


def extract_text(text: str, *, doc_id: str = "text", published: str | None = None,
                 lang: str | None = None) -> dict[str, Any]:
    """Convenience wrapper: the contract output for a bare text."""
    record: dict[str, Any] = {"id": doc_id, "text": text}
    if published:
        record["published"] = published
    if lang:
        record["lang"] = lang
    return extract_record(record)


__all__ = [
    "PIPELINE_VERSION",
    "InputError",
    "build_pipeline",
    "default_pipeline",
    "extract_document",
    "extract_record",
    "extract_text",
]
