"""Stage ``events``: what happened, typed in the project's taxonomy, with date, place, counts."""

from __future__ import annotations

import re

from khronika.model import Document, Event, Trigger

_RULES = [
    ("armed_clash", re.compile(r"\b(clash\w*|fight\w*)\b", re.IGNORECASE)),
    ("peaceful_protest", re.compile(r"\b(protest\w*|demonstrat\w*|rally)\b", re.IGNORECASE)),
    ("arrest", re.compile(r"\b(arrest\w*|detain\w*|задерж\w*)\b", re.IGNORECASE)),
]


class EventStage:
    name = "events"
    requires: tuple[str, ...] = ("text", "sentences", "dates", "places", "counts")
    assigns: tuple[str, ...] = ("events", "triggers")

    def __call__(self, doc: Document) -> None:
        for code, rx in _RULES:
            m = rx.search(doc.text)
            if m:
                trig = Trigger(code, m.start(), m.end(), doc.sentence_of(m.start()), 1.0)
                ev = Event(code, trigger=trig)
                ev.add_evidence("type", m.start(), m.end())
                ev.date = doc.dates[0] if doc.dates else None
                ev.location = next((p for p in doc.places if p.resolved), None)
                for c in doc.counts:
                    ev.counts.setdefault(c.kind, c)
                doc.events = [ev]
                return
        doc.events = []
