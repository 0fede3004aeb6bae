"""Stage ``counts``: how many people were killed, injured, detained, deported or took part."""

from __future__ import annotations

import re

from khronika.model import Count, Document

_KILLED = re.compile(r"\b(\d+)\b[^.]{0,40}?\bkilled\b", re.IGNORECASE)


class CountStage:
    name = "counts"
    requires: tuple[str, ...] = ("text", "sentences", "lang")
    assigns: tuple[str, ...] = ("counts",)

    def __call__(self, doc: Document) -> None:
        doc.counts = [
            Count("killed", int(m[1]), int(m[1]), m[0], m.start(), m.end(),
                  doc.sentence_of(m.start()))
            for m in _KILLED.finditer(doc.text)
        ]
