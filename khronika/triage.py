"""Urgency: a score and the stated reasons it rests on.

The default rules follow the brief: a detention in progress or whereabouts unknown,
imminent deportation, torture, forced recruitment, minors involved, medical emergency.
Each reason adds weight; the score orders the caseworkers' queue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from khronika import taxonomy

# (reason code, weight, pattern). Patterns are stems in both languages so that case
# endings and tense do not matter; they are deliberately short and reviewed by hand.
_RULES: list[tuple[str, int, re.Pattern[str]]] = [
    ("whereabouts_unknown", 50, re.compile(
        r"whereabouts (?:are |is )?unknown|lost (?:contact|touch)|cannot be reached|"
        r"не выходит на связь|местонахождени\w* неизвестн|пропал\w*|не могут найти|"
        r"нет связи|связь (?:с ним |с ней )?пропала", re.IGNORECASE)),
    ("detention_in_progress", 40, re.compile(
        r"right now|still (?:held|detained|in custody)|is being held|are being held|"
        r"сейчас (?:находится|находятся|в отделе|в ОВД|в полиции)|до сих пор (?:в|не отпуст)|"
        r"удерживают|держат в отделе|задержан\w* сегодня|detained (?:this morning|today)",
        re.IGNORECASE)),
    ("imminent_deportation", 35, re.compile(
        r"deport\w*[^.]{0,60}\b(?:tomorrow|tonight|within 24|today)|"
        r"(?:tomorrow|today)[^.]{0,60}deport\w*|"
        r"(?:депорт|выдвор)\w*[^.]{0,60}(?:завтра|сегодня|в ближайшие)|"
        r"(?:завтра|сегодня)[^.]{0,60}(?:депорт|выдвор)\w*|спецприёмник|спецприемник|ЦВСИГ",
        re.IGNORECASE)),
    ("minors", 30, re.compile(
        r"\bminors?\b|\bchild(?:ren)?\b|\bteen\w*|\b1[0-7]-year-old|несовершеннолетн\w*|"
        r"\bдет(?:и|ей|ям)\b|ребён\w*|ребен\w*|подрост\w*|школьник\w*", re.IGNORECASE)),
    ("medical", 30, re.compile(
        r"hospitali[sz]\w*|in hospital|ambulance|intensive care|unconscious|"
        r"needs? (?:medical|insulin)|госпитализ\w*|в больниц\w*|скорая|реанимаци\w*|"
        r"без сознания|нужна медицинская", re.IGNORECASE)),
]

_TYPE_REASON = {
    "torture": ("torture", 45),
    "forced_recruitment": ("forced_recruitment", 45),
    "abduction": ("whereabouts_unknown", 50),
    "abduction_forced_disappearance": ("whereabouts_unknown", 50),
}


#: A score at or above this puts a case at the top of the queue as urgent. One strong
#: reason (minors, medical, imminent deportation...) reaches it on its own.
URGENT_THRESHOLD = 30


@dataclass(frozen=True, slots=True)
class Urgency:
    score: int
    reasons: list[str]

    def to_json(self) -> dict[str, Any]:
        return {"score": self.score, "reasons": list(self.reasons)}


def assess(text: str, event_types: list[str]) -> Urgency:
    """Urgency of a report from its text and the types of the events found in it."""
    found: dict[str, int] = {}
    for code in event_types:
        if code in _TYPE_REASON:
            reason, weight = _TYPE_REASON[code]
            found[reason] = max(found.get(reason, 0), weight)
    for reason, weight, rx in _RULES:
        if rx.search(text):
            found[reason] = max(found.get(reason, 0), weight)
    score = sum(found.values())
    if score == 0 and any(code in ("arrest", "raid", "deportation") for code in event_types):
        score = 5  # people affected, but nothing says it is happening now
    order = list(taxonomy.URGENT_REASONS)
    reasons = sorted(found, key=order.index)
    return Urgency(min(score, 100), reasons)


def describe(reasons: list[str]) -> str:
    return "; ".join(taxonomy.URGENT_REASONS.get(r, r) for r in reasons)
