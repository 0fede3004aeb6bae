"""Stage ``attribution``: who says so, and how sure the text is (certainty).

Attributions are found with patterns around reporting phrases, in English ("according to
Xinhua", "told TASS", "Reuters reported", "as reported by", a "(Pajhwok)" dateline or
trailer) and Russian ("по данным «Медиазоны»", "сообщает Фонтанка", "как передает ТАСС",
"со ссылкой на МВД"). An attribution applies to the events stated in its sentence and the
next two (a report usually names its source first or last); a dateline or trailer source
applies to every event of the document.

Certainty, per event, from the words of its sentences: ``denied`` ("denied", "опроверг")
outranks ``confirmed`` ("confirmed", "подтвердил"), which outranks ``alleged``
("allegedly", "reportedly", "suspected", "по словам", "якобы"); otherwise ``reported``.
"""

from __future__ import annotations

import re

from khronika.extract.language import script_family
from khronika.extract.prefilter import fold, gate_for, needles_in, probe_of
from khronika.model import Attribution, Document, Event

# A source name: capitalised words (with "of", "the", "&" between them) or a «quoted» name.
_TOKEN_EN = r"[A-Z][\w&'’-]*(?:\.[\w&'’-]+)*"  # a dot only inside a token ("A.P"), not after it
_NAME_EN = (rf"(?:the )?(?:{_TOKEN_EN}(?:[ \t]+(?:of|the|for|and|&|de|al|news)?[ \t]*"
            rf"{_TOKEN_EN}){{0,5}})")
_DESCRIPTOR_EN = (r"(?:(?:local|provincial|district|government|military|security|police|"
                  r"hospital|medical|official|Taliban|rebel|opposition|tribal|human rights|"
                  r"unnamed|anonymous)\s+)?(?:officials?|sources?|police|witnesses|residents|governor|"
                  r"ministry|minister|spokeswoman|commander|"
                  r"eyewitnesses|activists|spokesm[ae]n|spokesperson|authorities|media|"
                  r"reports?|the army|the military|relatives|a source|a spokesman)")
_SOURCE_EN = rf"({_NAME_EN}|{_DESCRIPTOR_EN})"
_VERB_EN = (r"(?:reported|reports|said|says|told|stated|claimed|confirmed|announced|"
            r"alleged|tweeted|wrote|quoted)")

_PATTERNS_EN: list[re.Pattern[str]] = [
    re.compile(rf"\b(?i:according to|as reported by|reported by|citing|quoted by|cited by|"
               rf"as per|via)\s+{_SOURCE_EN}"),
    re.compile(rf"\b(?i:told)\s+({_NAME_EN})"),
    re.compile(rf"(?<![\w-]){_SOURCE_EN}\s+(?:also\s+|later\s+|has\s+|have\s+)?{_VERB_EN}\b"),
    re.compile(rf",\s*{_SOURCE_EN}\s+{_VERB_EN}\s*[.;]"),
]
_DATELINE_EN = re.compile(r"^[A-Z][A-Za-z .,'-]{1,40}\s+\(([A-Z][\w .&'-]{1,30})\)\s*[-—–:]")
_TRAILER = re.compile(r"[(\[]([A-ZА-ЯЁ][\w .&'«»\"-]{1,30})[)\]]\s*$")

_NAME_RU = (r"(?:«[^»]{1,60}»|\"[^\"]{1,60}\"|(?:[А-ЯЁA-Z][\w.-]*)(?:\s+(?:[А-ЯЁA-Z][\w.-]*|"
            r"«[^»]{1,60}»)){0,4})")
_DESCRIPTOR_RU = (r"(?:(?:[а-яё]+\s+){0,2}(?:источник\w*|очевид\w*|правозащитник\w*|"
                  r"родственник\w*|свидетел\w*|СМИ|полици\w*|МВД|ФСБ|власт\w*|"
                  r"пресс-служб\w*|сотрудник\w*|адвокат\w*|юрист\w*)(?:\s+NAME)?)")
_SOURCE_RU = rf"({_DESCRIPTOR_RU.replace('NAME', _NAME_RU)}|{_NAME_RU})"
_PATTERNS_RU: list[re.Pattern[str]] = [
    re.compile(rf"(?i:по данным|по словам|по информации|по сведениям|со ссылкой на|"
               rf"как (?:сообщает|сообщил\w*|передает|передал\w*|пишет|написал\w*|"
               rf"рассказал\w*|заявил\w*)|сообщает|сообщил\w*|передает|пишет|"
               rf"рассказал\w*|заявил\w*|об этом сообщ\w*)\s+{_SOURCE_RU}"),
    re.compile(rf"{_SOURCE_RU}\s+(?:сообщает|сообщил\w*|передает|передал\w*|пишет|"
               rf"заявил\w*|рассказал\w*|подтвердил\w*)"),
]

_STOP_SOURCES = frozenset({
    "he", "she", "they", "it", "we", "i", "the", "on", "in", "this", "that", "there", "later",
    "also", "and", "but", "police had", "on monday", "он", "она", "они", "это", "об",
    "ранее", "также", "как", "в",
})

_DENIED = re.compile(r"\b(?:den(?:ied|ies|y|ying)|rejected (?:the )?(?:claims?|reports?)|"
                     r"refuted|dismissed (?:the )?(?:claims?|reports?))\b|опроверг\w*|"
                     r"отрица\w*|не подтвер\w*", re.IGNORECASE)
_CONFIRMED = re.compile(r"\b(?:confirm(?:ed|s)|verified)\b|(?<!не )подтвердил\w*|"
                        r"(?<!не )подтвержд\w*", re.IGNORECASE)
_ALLEGED = re.compile(r"\b(?:alleged(?:ly)?|reportedly|suspected|purportedly|unconfirmed|"
                      r"claimed(?! (?:the )?responsibility)|claims? (?:that|to))\b|"
                      r"по словам|якобы|предположительно|по предварительным данным|"
                      r"по неподтвержденным данным|вероятно", re.IGNORECASE)


def _needles(*patterns: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings one of which (folded) every match of any of ``patterns`` contains, or None
    when a pattern needs none (:func:`~khronika.extract.prefilter.gate_for`)."""
    found: list[str] = []
    for rx in patterns:
        needles = gate_for(rx).needles
        if needles is None:
            return None
        found.extend(needles)
    return tuple(found)


# Most reports have no reporting verb and no word of certainty: where none of the words a
# pattern needs is in the text, it is not run.
_GATED_EN = [(rx, _needles(rx)) for rx in _PATTERNS_EN]
_GATED_RU = [(rx, _needles(rx)) for rx in _PATTERNS_RU]
_CERTAINTY_NEEDLES = _needles(_DENIED, _CONFIRMED, _ALLEGED)


def _clean(source: str) -> str:
    return source.strip(" ,.;:\"'«»").strip()


def _acceptable(source: str) -> bool:
    s = source.lower()
    return bool(s) and s not in _STOP_SOURCES and len(s) <= 80 and not s.isdigit()


def find_attributions(doc: Document) -> list[Attribution]:
    """Every attribution phrase of the document, in text order, one per span."""
    text = doc.text
    cyr = script_family(doc.lang) == "cyrillic"
    found: list[Attribution] = []
    taken: list[tuple[int, int]] = []
    folded = probe_of(text).folded  # shared with the other stages that probe the text
    for rx, needles in _GATED_RU if cyr else _GATED_EN:
        if not needles_in(needles, folded):
            continue
        for m in rx.finditer(text):
            src = _clean(m.group(1))
            if not _acceptable(src) or any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(Attribution(src, m.group(0).strip(), m.start(), m.end(),
                                     doc.sentence_of(m.start())))
    for rx in (_DATELINE_EN, _TRAILER):
        d = rx.search(text)
        if d and _acceptable(_clean(d.group(1))) and not any(
                a < d.end() and d.start() < b for a, b in taken):
            # -1: a dateline or trailer speaks for the whole document
            found.append(Attribution(_clean(d.group(1)), d.group(0).strip(), d.start(),
                                     d.end(), -1))
    found.sort(key=lambda a: a.start)
    return found


def certainty_of(doc: Document, event: Event) -> str:
    """reported | alleged | confirmed | denied, from the words of the event's sentences."""
    sents = list(event.sentences or ([event.trigger.sentence] if event.trigger else []))
    # a denial or confirmation often follows the account ("The ministry denied ...")
    sents = sorted(set(sents) | {max(sents) + 1}) if sents else sents
    if not doc.sentences or not sents:
        text = doc.text
    else:
        text = " ".join(doc.text[doc.sentences[i].start:doc.sentences[i].end]
                        for i in sents if 0 <= i < len(doc.sentences))
    if not needles_in(_CERTAINTY_NEEDLES, fold(text)):
        return "reported"
    if _DENIED.search(text):
        return "denied"
    if _CONFIRMED.search(text):
        return "confirmed"
    if _ALLEGED.search(text):
        return "alleged"
    return "reported"


def attach(doc: Document, attributions: list[Attribution]) -> None:
    """Give each event the attributions of its sentence and the two before it."""
    for ev in doc.events:
        sents = set(ev.sentences or ([ev.trigger.sentence] if ev.trigger else []))
        ev.attribution = [
            a for a in attributions
            if a.sentence < 0 or any(a.sentence <= s <= a.sentence + 2 for s in sents)
        ]
        ev.certainty = certainty_of(doc, ev)
        for a in ev.attribution:
            ev.add_evidence("attribution", a.start, a.end)


class AttributionStage:
    """Assigns ``attributions``; fills each event's ``attribution`` and ``certainty``."""

    name = "attribution"
    requires: tuple[str, ...] = ("text", "sentences", "events")
    assigns: tuple[str, ...] = ("attributions",)

    def __call__(self, doc: Document) -> None:
        doc.attributions = find_attributions(doc)
        attach(doc, doc.attributions)
