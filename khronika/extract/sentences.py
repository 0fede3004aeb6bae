"""Stage ``sentences``: sentence boundaries as character spans.

razdel's rule-based splitter handles Russian abbreviations ("г.", "т.е.") and works
acceptably on English news; it is fast and needs no model.
"""

from __future__ import annotations

from razdel import sentenize

from khronika.model import Document, Span


def split_sentences(text: str) -> list[Span]:
    """Sentence spans covering the text's non-blank stretches."""
    spans = [Span(s.start, s.stop) for s in sentenize(text)]
    return spans or ([Span(0, len(text))] if text.strip() else [])


class SentenceStage:
    name = "sentences"
    requires: tuple[str, ...] = ("text",)
    assigns: tuple[str, ...] = ("sentences",)

    def __call__(self, doc: Document) -> None:
        doc.sentences = split_sentences(doc.text)
