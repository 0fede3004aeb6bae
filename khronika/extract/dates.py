"""Stage ``dates``: dates stated in the text, absolute or relative to ``published``."""

from __future__ import annotations

import datetime as dt
import re

from khronika.model import DateMention, Document

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
_DAY_MONTH_YEAR = re.compile(
    r"\b(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE
)


class DateStage:
    name = "dates"
    requires: tuple[str, ...] = ("text", "sentences")
    assigns: tuple[str, ...] = ("dates",)

    def __call__(self, doc: Document) -> None:
        found = []
        for m in _DAY_MONTH_YEAR.finditer(doc.text):
            try:
                day = dt.date(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
            except ValueError:
                continue
            found.append(DateMention(day, day, "day", m[0], m.start(), m.end(),
                                     doc.sentence_of(m.start())))
        doc.dates = found
