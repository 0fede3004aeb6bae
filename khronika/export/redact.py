"""Redaction profiles for exports: what of a record may leave the desk, and for whom.

This is the small, stable interface the exports use; the security work can replace the
personal-data detector (:data:`DETECTOR`) or the profiles without touching the writers.

- ``public`` (the default): names, phones, e-mails and document numbers masked in text
  fields; coordinates rounded to 0.1° (about 11 km); counts of people below 5 suppressed;
  origins reduced to the report's kind or public channel (never a file path).
- ``partner``: the same masking of text; coordinates and counts as stored; origins as file
  names without their folders.
- ``internal``: everything as stored.

A writer asks the profile for every value it emits: :meth:`Profile.text`,
:meth:`Profile.coord`, :meth:`Profile.count`, :meth:`Profile.origin`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

#: (start, end, label) spans of personal data in a text
Spans = list[tuple[int, int, str]]
Detector = Callable[[str], Spans]

_PHONE = re.compile(r"(?<![\w+])(?:\+?\d[\d\s().-]{8,}\d)(?!\w)")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
# passport and document numbers: "паспорт 45 12 345678", "№ 123456", "passport AB1234567"
_DOC = re.compile(r"(?i)(?:паспорт\w*|passport|№|No\.?|серия|ID)\s*[:#]?\s*"
                  r"(?=[A-ZА-Я0-9 ]*\d)[A-ZА-Я0-9]{1,4}(?:[\s-]?\d{2,}){1,3}")
# Russian full names by patronymic ("Иванов Иван Иванович", "Иван Иванович"), initials
# ("А. Иванов", "Иванов А.А."), and English names after a title ("Mr Rahimov").
_NAME = re.compile(
    r"\b(?:[А-ЯЁ][а-яё]+\s+)?[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?:ович|евич|ич|овна|евна|ична|инична)\b"
    r"|\b[А-ЯЁA-Z]\.\s?(?:[А-ЯЁA-Z]\.\s?)?[А-ЯЁA-Z][а-яёa-z]{2,}\b"
    r"|\b[А-ЯЁ][а-яё]{2,}\s[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.)?"
    r"|\b(?:Mr|Mrs|Ms|Dr|гражданин|гражданка)\.?\s+[A-ZА-ЯЁ][a-zа-яё]+(?:\s[A-ZА-ЯЁ][a-zа-яё]+)?"
)


def detect_personal(text: str) -> Spans:
    """Phones, e-mails, document numbers and name patterns in ``text`` (rule-based).

    Rules miss names written without a patronymic, initials or title; exports therefore
    also mask the PER entities that extraction found (passed to :meth:`Profile.text`).
    """
    spans: Spans = []
    for label, rx in (("EMAIL", _EMAIL), ("DOC", _DOC), ("PHONE", _PHONE), ("PER", _NAME)):
        spans.extend((m.start(), m.end(), label) for m in rx.finditer(text))
    return spans


#: The detector the profiles use; replaceable (the security work plugs its own in here).
DETECTOR: Detector = detect_personal

_PUBLIC_ORIGIN_KINDS = {"feed", "html", "telegram", "acled"}


def mask(text: str, spans: Iterable[tuple[int, int, str]]) -> str:
    """``text`` with each span replaced by ``[LABEL]``; overlapping spans are merged."""
    out: list[str] = []
    pos = 0
    for start, end, label in sorted(spans):
        if end <= pos:
            continue
        start = max(start, pos)
        out.append(text[pos:start])
        out.append(f"[{label}]")
        pos = end
    out.append(text[pos:])
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Profile:
    """What an export may show; see the module's table."""

    name: str
    mask_personal: bool
    coord_decimals: int | None
    min_count: int
    origin_detail: str  # "kind" | "basename" | "full"

    def text(self, value: str | None, person_spans: Iterable[tuple[int, int]] = ()) -> str | None:
        """A text field as this profile may show it (``person_spans``: known names)."""
        if value is None or not self.mask_personal:
            return value
        spans = DETECTOR(value) + [(s, e, "PER") for s, e in person_spans
                                   if 0 <= s < e <= len(value)]
        return mask(value, spans)

    def coord(self, value: float | None) -> float | None:
        if value is None or self.coord_decimals is None:
            return value
        return round(float(value), self.coord_decimals)

    def count(self, value: int | None) -> int | None:
        """A count of people, or None when it is small enough to identify someone."""
        if value is None or value >= self.min_count:
            return value
        return None

    def origin(self, origin: str, kind: str) -> str:
        """Where a report came from, as far as this profile may say."""
        if self.origin_detail == "full":
            return origin
        looks_like_path = "/" in origin or "\\" in origin
        if self.origin_detail == "basename":
            return re.split(r"[/\\]", origin)[-1] if looks_like_path and "://" not in origin \
                else origin
        if (kind in _PUBLIC_ORIGIN_KINDS and not looks_like_path) or "://" in origin:
            return self.text(origin) or kind
        return kind


PROFILES: dict[str, Profile] = {
    "public": Profile("public", True, 1, 5, "kind"),
    "partner": Profile("partner", True, None, 0, "basename"),
    "internal": Profile("internal", False, None, 0, "full"),
}


def get_profile(name: str) -> Profile:
    """The profile called ``name``; a clear error lists the valid ones."""
    try:
        return PROFILES[name]
    except KeyError:
        raise ValueError(f"unknown profile {name!r}; valid: {', '.join(PROFILES)}") from None
