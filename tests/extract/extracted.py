"""What the extractor makes of a short text, for the event-typing tests."""

from __future__ import annotations

from khronika.extract import extract_text


def event_types(text: str, lang: str, published: str | None = None) -> list[str]:
    """The types of the events extracted from ``text``, most salient first."""
    return [e["type"] for e in extract_text(text, lang=lang, published=published)["events"]]
