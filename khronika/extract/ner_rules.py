"""Span helpers shared by the entity recognisers: splitting, trimming, de-duplicating.

A span here is ``(start, end, label)`` with offsets into the document text. The helpers
are language-neutral; the Russian and English recognisers build on them.
"""

from __future__ import annotations

import re

Raw = tuple[int, int, str]

_OPEN_QUOTES = "«„“\""
_CLOSE_QUOTES = "»“”\""
_QUOTES = set(_OPEN_QUOTES + _CLOSE_QUOTES + "'")

#: Characters a name never contains: a span is cut there. A bracket starts a gloss or an
#: abbreviation ("Комитет защиты журналистов (КЗЖ)"), which both corpora mark on its own.
_HARD = re.compile(r"\s*(?:\n|•|\||;|\(|\)|\[|\]|,(?=\s*[A-ZА-ЯЁ]))\s*")

#: Edge characters that are never part of a name (quotes are handled separately).
_EDGE = " \t\r\xa0.,:;!?—–-/\\*"

#: Words before a quoted name that are a legal form, a kind or an abbreviation of one:
#: the gold of both corpora keeps only the quoted name ("ОАО «Газпром»" -> "Газпром").
_ORG_FORM = re.compile(
    r"(?:[А-ЯЁA-Z]{2,6}|[а-яёa-z][\w-]*|"
    r"(?:Концерн|Компани|Корпораци|Холдинг|Издательств|Агентств|Газет|Журнал|Телеканал|"
    r"Радиостанци|Банк|Фирм|Групп|Организаци|Клуб|Театр|Завод|Фабрик|Комбинат|"
    r"Фонд|Движени|Парти|Объединени|Общество|Ассоциаци|Союз|Центр|Институт)\w*)"
)


def split_hard(text: str, span: Raw) -> list[Raw]:
    """The span cut at characters no name contains (line breaks, bullets, brackets ...)."""
    start, end, label = span
    parts: list[Raw] = []
    pos = start
    for m in _HARD.finditer(text, start, end):
        if m.start() > pos:
            parts.append((pos, m.start(), label))
        pos = m.end()
    if pos < end:
        parts.append((pos, end, label))
    return parts


def _strip_edges(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while start < end and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _balance_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in the quote that closes (or opens) a quote the span leaves unmatched."""
    inner = text[start:end]
    opened = sum(inner.count(q) for q in "«„")
    closed = sum(inner.count(q) for q in "»“")
    if opened > closed and end < len(text) and text[end] in _CLOSE_QUOTES:
        end += 1
    elif closed > opened and start > 0 and text[start - 1] in _OPEN_QUOTES:
        start -= 1
    return start, end


def _quoted_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Offsets of the quoted name when the span is ``FORM «Name»`` or ``«Name»``."""
    inner = text[start:end]
    m = re.fullmatch(r"(?P<form>(?:[^«„\"]*\s)?)[«„\"](?P<name>[^«»„\"]+)[»“\"]", inner)
    if m is None:
        # nested quotes: «ПКФ „Свой Дом“» or ЗАО «ПКФ „Свой Дом“»
        m = re.fullmatch(r"(?P<form>(?:[^«]*\s)?)«(?P<name>[^«»]+)»", inner)
    if m is None:
        return None
    form = m.group("form").split()
    if not all(_ORG_FORM.fullmatch(w) for w in form):
        return None
    s, e = start + m.start("name"), start + m.end("name")
    return (s, e) if s < e else None


def trim(text: str, span: Raw) -> Raw | None:
    """The span without edge punctuation and stray quotes; None when nothing is left."""
    start, end, label = span
    start, end = _strip_edges(text, start, end)
    start, end = _balance_quotes(text, start, end)
    quoted = _quoted_name(text, start, end)
    if quoted is not None:
        start, end = quoted
    # Quotes left at an edge are unmatched: the name is what they do not enclose.
    while start < end and text[start] in _QUOTES and not _closes_inside(text, start, end):
        start += 1
    while start < end and text[end - 1] in _QUOTES and not _opens_inside(text, start, end):
        end -= 1
    start, end = _strip_edges(text, start, end)
    if end - start < 1 or not any(ch.isalnum() for ch in text[start:end]):
        return None
    return start, end, label


def _closes_inside(text: str, start: int, end: int) -> bool:
    """Whether the quote at ``start`` is closed before ``end``."""
    return any(ch in _CLOSE_QUOTES for ch in text[start + 1 : end])


def _opens_inside(text: str, start: int, end: int) -> bool:
    """Whether the quote at ``end - 1`` was opened after ``start``."""
    return any(ch in _OPEN_QUOTES for ch in text[start : end - 1])


def dedupe(spans: list[Raw]) -> list[Raw]:
    """Spans in text order, each (start, end) once, overlapping later ones dropped."""
    out: list[Raw] = []
    last_end = -1
    for s, e, label in sorted(set(spans), key=lambda x: (x[0], -x[1], x[2])):
        if s >= last_end:
            out.append((s, e, label))
            last_end = e
    return out
