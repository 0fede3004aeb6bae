"""Urgency: a score and the stated reasons it rests on.

The default rules follow the brief: a detention in progress or whereabouts unknown,
imminent deportation, torture, forced recruitment, minors involved, medical emergency.
Each reason adds weight; the score orders the caseworkers' queue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from khronika import taxonomy

if TYPE_CHECKING:
    from khronika.extract.prefilter import GateSet

# (reason code, weight, pattern). Patterns are stems in both languages so that case
# endings and tense do not matter; they are deliberately short and reviewed by hand.
_RULES: list[tuple[str, int, re.Pattern[str]]] = [
    ("whereabouts_unknown", 50, re.compile(
        r"whereabouts (?:are |is )?unknown|lost (?:all )?(?:contact|touch)|cannot be reached|"
        r"no (?:news|word) (?:of|from)|not (?:holding|holding him|holding her)|"
        r"не выходит на связь|местонахождени\w* неизвестн|пропал\w*|не могут найти|"
        r"нет (?:связи|вестей|новостей)|связь (?:с ним |с ней )?пропала|"
        r"телефон\w* (?:выключен|молчит)|не знают,? где|"
        r"телефонаш хомӯш|намедонанд[^.]{0,40}куҷо|дарак нест", re.IGNORECASE)),
    ("detention_in_progress", 40, re.compile(
        r"right now|happening now|still (?:held|detained|in custody)|(?:is|are) being held|"
        r"прямо сейчас|сейчас (?:снова|идёт|идет|находится|находятся|в отделе|в ОВД|в полиции)|"
        r"до сих пор (?:в|не отпуст)|удерживают|держат (?:в|во)|задержан\w* сегодня|"
        r"(?:забирают|увозят|выводят) (?:всех|ребят|людей)|уже увезли|"
        r"detained (?:this morning|today)|\bҳозир\b|ҳоло дар", re.IGNORECASE)),
    ("imminent_deportation", 35, re.compile(
        r"deport\w*[^.]{0,60}\b(?:tomorrow|tonight|within 24|today)|"
        r"(?:tomorrow|today)[^.]{0,60}deport\w*|ordered (?:\w+ )?(?:expelled|deported)|"
        r"expulsion order|pending (?:removal|deportation)|refused entry|denied entry|stranded|"
        r"(?:депорт|выдвор)\w*[^.]{0,60}(?:завтра|сегодня|в ближайшие)|"
        r"(?:завтра|сегодня)[^.]{0,60}(?:депорт|выдвор)\w*|спецприёмник|спецприемник|ЦВСИГ|"
        r"назначен\w* (?:\w+ )?выдворени\w*|оформил\w* на выдворение|"
        r"(?:запрет|отказ\w*) (?:на |во )?въезд\w*|не пускают|транзитной зоне|"
        r"роҳ намедиҳанд|ихроҷ", re.IGNORECASE)),
    ("torture", 45, re.compile(
        r"\btortur\w*|beat (?:them|him|her|us|detainees)\b[^.]{0,40}(?:baton|custody|station)|"
        r"electric shock|пытк\w*|пытал\w*|били дубинк\w*|избивал\w* в отдел\w*|"
        r"током|шиканҷа\w*", re.IGNORECASE)),
    ("forced_recruitment", 45, re.compile(
        r"sign (?:a |one-year )?contracts? (?:to fight|with the (?:defen[cs]e|army))|"
        r"enlistment papers|fight in Ukraine|контракт\w* с (?:Министерством обороны|Минобороны)|"
        r"(?:подписать|подписали) контракт|отправ\w* на (?:фронт|СВО)|шартнома имзо",
        re.IGNORECASE)),
    ("minors", 30, re.compile(
        r"\bminors?\b|\bchild(?:ren)?\b|\bteen\w*|\b1[0-7]-year-old|несовершеннолетн\w*|"
        r"\bдет(?:и|ей|ям)\b|ребён\w*|ребен\w*|подрост\w*|школьник\w*|\b1[0-7] лет\b|"
        r"\b1[0-7]-сола|кӯдак\w*", re.IGNORECASE)),
    ("medical", 30, re.compile(
        r"needs? (?:medical|insulin|a doctor)|no (?:food|water|medicine)|intensive care|"
        r"unconscious|нужна (?:медицинская|помощь врача)|без (?:еды|воды|лекарств)|"
        r"(?:еды|воды) (?:почти )?нет|реанимаци\w*|без сознания|бе об|бе хӯрок", re.IGNORECASE)),
]

_TYPE_REASON = {
    "torture": ("torture", 45),
    "forced_recruitment": ("forced_recruitment", 45),
    "abduction": ("whereabouts_unknown", 50),
    "abduction_forced_disappearance": ("whereabouts_unknown", 50),
}


# The order reasons are listed in: the brief's.
_REASON_ORDER = list(taxonomy.URGENT_REASONS)

#: A score at or above this puts a case at the top of the queue as urgent. One strong
#: reason (minors, medical, imminent deportation...) reaches it on its own.
URGENT_THRESHOLD = 30


@lru_cache(maxsize=1)
def _gated_rules() -> GateSet[tuple[str, int, re.Pattern[str]]]:
    """The rules with their gates, which skip a rule on a text lacking every word it needs
    (built on first use; imported late, since the extraction package is large to load)."""
    from khronika.extract.prefilter import GateSet, gate_for

    return GateSet([(rule, gate_for(rule[2])) for rule in _RULES])


_DENIAL = re.compile(r"\bden(?:y|ied|ies)\b|\brejected (?:reports|claims)|опроверг\w*|"
                     r"отрица\w*|не подтвержда\w*|рад кард", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?\n]")


def _denied(text: str, offset: int) -> bool:
    """True when the sentence around ``offset`` denies what it reports."""
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, offset)]
    start = starts[-1] if starts else 0
    end_m = _SENTENCE_END.search(text, offset)
    return bool(_DENIAL.search(text[start:end_m.end() if end_m else len(text)]))


@dataclass(frozen=True, slots=True)
class Urgency:
    score: int
    reasons: list[str]

    def to_json(self) -> dict[str, Any]:
        return {"score": self.score, "reasons": list(self.reasons)}


def assess(text: str, event_types: list[str]) -> Urgency:
    """Urgency of a report from its text and the types of the events found in it.

    Pass only events the report does not deny: a denial is not an emergency.
    """
    found: dict[str, int] = {}
    for code in event_types:
        if code in _TYPE_REASON:
            reason, weight = _TYPE_REASON[code]
            found[reason] = max(found.get(reason, 0), weight)
    from khronika.extract.prefilter import probe_of

    for reason, weight, rx in _gated_rules().admitted(probe_of(text)):
        if any(not _denied(text, m.start()) for m in rx.finditer(text)):
            found[reason] = max(found.get(reason, 0), weight)
    score = sum(found.values())
    if score == 0 and any(code in ("arrest", "raid", "deportation") for code in event_types):
        score = 5  # people affected, but nothing says it is happening now
    reasons = sorted(found, key=_REASON_ORDER.index)
    return Urgency(min(score, 100), reasons)


def describe(reasons: list[str]) -> str:
    return "; ".join(taxonomy.URGENT_REASONS.get(r, r) for r in reasons)
