"""Stage ``counts``: how many people were killed, injured, detained, deported or took part.

The stage anchors on *triggers* (a word that names what happened to people: "killed",
"wounded", "задержаны", "выдворены", "protested") and attaches to each the quantity
(:mod:`khronika.extract.numbers`) that grammar links to it, within one sentence:

- **right** of a verb used actively or of a Russian/Tajik verb (free word order):
  "killing three civilians", "police detained 30 migrants", "погибли 137 человек";
- else **left**, the nearest quantity before it in the same clause: "12 Taliban militants
  were killed", "более 400 иностранцев выдворены", "left 4 dead";
- else, for a singular passive ("a civilian was killed", "He died") or an active verb
  with "a/an/one" object ("killing a policeman"), the count is 1.

A quantity is used at most once (no double counting), and quantities that only qualify
another one are skipped: "including 2 commanders" (a subset), "(4 according to Taliban
sources)" (a parenthetical alternative), ages, years, money, distances, vehicles.
ACLED crowd-size tags ("[crowd size=about 100]", "[size=no report]") give participants.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from khronika.extract.numbers import Quantity, find_quantities, parse_quantity, twin_text
from khronika.extract.prefilter import gate_for, needles_in, uncased
from khronika.model import Count, Document

# Trigger modes: how the quantity is found relative to the trigger.
ACTIVE = "active"  # an English verb that may be active: right first, left only when near
PASSIVE = "passive"  # left only ("N people died", "N protesters")
RIGHT = "right"  # right only ("death toll rose to N", "a crowd of N")
BOTH = "both"  # right first, then left (Russian and Tajik word order)
NEAR = "near"  # left, adjacent only ("4 dead", "N bodies")
OBJECT = "object"  # the figure is inside the trigger ("shot two guards dead"), else one
SELF = "self"  # one person by nature ("blew himself up", "committed suicide")
INSIDE = "inside"  # the figure is inside the trigger, else nothing ("taking 70 people to")

_EN: list[tuple[str, str, str]] = [
    ("killed", RIGHT, r"(?:total\s+)?fatalit(?:y|ies)\s+(?:were\s+|was\s+|are\s+|is\s+)?"
                      r"(?:coded|recorded)\s+as|death\s+toll(?:\s+\w+){0,4}?\s+(?:to|of|at|reached|is|was)"
                      r"|deaths?\s+of|(?:dead\s+)?bod(?:y|ies)\s+of|lives\s+of|killings?\s+of|murders?\s+of"),
    ("killed", ACTIVE, r"claim(?:ed|ing|s)?\s+the\s+lives?\s+of|shot\s+and\s+killed"
                       r"|shot\s+dead|gunned\s+down|kill+(?:ed|ing|s)?|murder(?:ed|ing|s)?"
                       r"|execut(?:ed|ing|es)|behead(?:ed|ing|s)?|massacr(?:ed|ing|es)"
                       r"|lynch(?:ed|ing|es)?|slaughter(?:ed|ing|s)?|slain|slew"),
    ("killed", OBJECT, r"shot\s+(?!dead\b)(?:[\w'’.-]+,?\s+){1,6}?dead"),
    ("killed", SELF, r"blew\s+(?:himself|herself)\s+up|committed\s+suicide"
                     r"|killing\s+(?:himself|herself)"),
    ("killed", PASSIVE, r"died|dies|perished|succumb?ed|martyred|lost\s+(?:their|his|her)\s+lives?"
                        r"|\w+ed\s+to\s+death|(?:burnt|beaten|shot|stabbed)\s+to\s+death"
                        r"|(?:burnt|burned)\s+alive|beaten\s+dead|drowned|found\s+dead"),
    ("killed", NEAR, r"dead|deaths|fatalities|bodies|corpses"),
    ("injured", ACTIVE, r"injur(?:ed|ing|es)|wound(?:ed|ing|s)?|hurt|hospitali[sz]ed"
                        r"|maimed"),
    ("injured", NEAR, r"injuries|injured|casualties"),
    # the victims of a beating are counted as injured (ACLED's rule for assaults)
    ("injured", ACTIVE, r"(?:beat(?:en|ing)?|assaulted)(?![\w-])(?!(?:\s+[\w-]+){0,3}\s+"
                        r"(?:to\s+death|dead))"),
    ("injured", PASSIVE, r"ha(?:ve|d)\s+(?:had\s+)?(?:their|his|her)\s+injuries\s+"
                         r"(?:recorded|documented|registered)"),
    ("detained", RIGHT, r"arrests?\s+of|detention\s+of"),
    ("detained", ACTIVE, r"arrest(?:ed|ing|s)?|detain(?:ed|ing|s)?|apprehend(?:ed|ing|s)?"
                         r"|rounded\s+up|taken\s+into\s+custody|nabbed|remanded|sentenced|jailed"),
    ("detained", INSIDE, r"(?:tak(?:ing|en)|took|brought|bringing)\s+(?:[\w'’.-]+\s+){1,5}?to\s+"
                         r"(?:a\s+|the\s+)?police\s+stations?"
                         r"|ordered\s+(?:[\w'’.-]+\s+){1,10}?(?:to\s+be\s+)?(?:held|detained|remanded"
                         r"|jailed|kept)\b"),
    ("injured", PASSIVE, r"taken\s+to\s+(?:a\s+|the\s+)?hospitals?"),
    ("detained", NEAR, r"detainees|arrestees"),
    ("deported", RIGHT, r"deportation\s+of|expulsion\s+of"),
    ("deported", ACTIVE, r"deport(?:ed|ing|s)?|expel(?:led|ling|s)?"),
    ("deported", RIGHT, r"(?:refused|denied|barred)\s+entry\s+to"),
    ("deported", NEAR, r"deportees"),
    ("participants", RIGHT, r"(?:crowd|gathering|rally|protest|demonstration|march|picket)"
                            r"\s+of"),
    ("participants", PASSIVE, r"protest(?:ed|ing|s)?|demonstrat(?:ed|ing|es)|rall(?:ied|ying)"
                              r"|march(?:ed|ing)|gathered|assembled|took\s+part|participated"
                              r"|picketed|staged|held\s+(?:a|an)\b|went\s+on\s+strike"
                              r"|joined"),
    ("participants", NEAR, r"protesters|protestors|demonstrators|participants|marchers"
                           r"|picketers|strikers|activists|people\s+protest\w*"),
]

_RU: list[tuple[str, str, str]] = [
    ("killed", RIGHT, r"число\s+(?:погибших|жертв|убитых)(?:[^.;!?]{0,120}?)\s+"
                      r"(?:достигло|возросло|выросло|составило|превысило)"
                      r"|шумораи\s+(?:қурбониён|кушташудагон|ҳалокшудагон|фавтидагон)\w*"
                      r"(?:[^.;!?]{0,150}?)\s+ба(?=\s+(?:беш\s+аз\s+|зиёда\s+аз\s+)?\d)"
                      r"|жертвами\s+стали|унес(?:ла|ло|ли)?\s+жизни|тела"),
    ("killed", BOTH, r"погиб(?:ли|ло|ла|ших|шие|шим|ших)?|убит(?:ы|о|а|ых|ые)?|убил[иа]?"
                     r"|застрелен(?:ы|о|а)?|застрелил[иа]?|скончал(?:ись|ся|ась|ось)"
                     r"|расстрелян(?:ы|о|а)?|расстрелял[иа]?|умерл[иао]|умер"
                     r"|жертв(?:ами|ы)?"),
    ("killed", BOTH, r"кушта\s+шуд\w*|ҳалок(?:\s+(?:шуд|гардид)\w*)?|фавт\w*|ҷон\s+бохт\w*"),
    ("injured", BOTH, r"ранен(?:ы|о|а|ых|ые|ий|ия)?|ранил[иа]?|пострадал(?:и|о|а)?"
                      r"|пострадавш\w+|госпитализирован(?:ы|о|а)?|получил[иа]?\s+ранения"
                      r"|получил[иа]?\s+травмы|травмирован(?:ы|о|а)?"),
    ("injured", BOTH, r"захмӣ|маҷрӯҳ\w*|ярадор\w*|ба\s+беморхона\s+бурда\s+шуд\w*|бистарӣ"
                      r"|избил[аио]?|избит(?:ы|о|а|ых)?|избива\w*|латукӯб\s+карда\w*"),
    ("injured", SELF, r"на\s+(?:него|неё|нее)\s+напал[иа]?"),
    ("detained", RIGHT, r"число\s+задержанных(?:\s+\w+){0,3}?\s+"
                        r"(?:достигло|возросло|выросло|составило|превысило)"),
    ("detained", BOTH, r"задержан(?:ы|о|а|ных|ные|ным|ный|ного)?|задержал[иа]?"
                       r"|задерживают|арестован(?:ы|о|а|ных|ные)?|арестовал[иа]?"
                       r"|доставлен(?:ы|о|а)?\s+в\s+(?:отдел\w*|полицию|отделени\w*)"
                       r"|увезл[иа]|увозят|забрал[иа]|забирают|везут|выводят"
                       r"|в\s+(?:автобус\w*|автозак\w*)|отправил\w*\s+под\s+(?:арест|стражу)"
                       r"|заключил\w*\s+под\s+стражу|приговорил[иа]?|осужден(?:ы|о|а)?"),
    ("detained", BOTH, r"боздошт\w*|дастгир\w*|ҳабс\w*"),
    ("deported", BOTH, r"выдворен(?:ы|о|а|ию|ия|ных|ные)?|выдворить|выдворят|выдворил[иа]?"
                       r"|депортирован(?:ы|о|а|ных|ные)?|депортировал[иа]?|депортаци\w+"
                       r"|выслан(?:ы|о|а)?|выдворени\w+"),
    ("deported", BOTH, r"ихроҷ\w*|депорт\w*|роҳ\s+(?:на)?(?:медиҳ|дод)\w*|роҳ\s+надод\w*"
                       r"|отказал[иа]?\s+(?:во|в)\s+въезд\w*|(?:во|в)\s+въезде\s+отказал[иа]?"),
    ("participants", BOTH, r"(?:вышл[иао]|выйти|выходят)\s+на\s+(?:акци\w+|митинг\w*|пикет\w*"
                           r"|протест\w*|улиц\w*)|на\s+(?:акци\w+|митинг\w*|пикет\w*|протест\w*"
                           r"|улиц\w*)\s+(?:вышл[иао]|выходят)"
                           r"|(?:митинг\w*|пикет\w*|акци\w+|шестви\w+)\s+(?:собрал[аио]?|прош[её]л)"
                           r"|принял[иао]?\s+участие|приняли\s+участие"
                           r"|участник(?:ов|и|ами)?|собрал(?:ись|ось|ся|о|а)|протестующ\w+"
                           r"|демонстрант\w*|митингующ\w+|пикетчик\w*"),
    ("participants", BOTH, r"тазоҳурот\w*|эътироз\w*|ширкат\s+варзид\w*"),
]

def _build(rules: list[tuple[str, str, str]]) -> tuple[re.Pattern[str], list[tuple[str, str]]]:
    """One alternation with a group per rule; the group index says kind and mode."""
    alternation = "|".join(f"({rx})" for _, _, rx in rules)
    rx = re.compile(r"(?<![\w-])(?:" + alternation + r")(?![\w-])", re.IGNORECASE)
    return rx, [(kind, mode) for kind, mode, _ in rules]


_EN_RX, _EN_MODES = _build(_EN)
_RU_RX, _RU_MODES = _build(_RU)
# twins for lower-cased text (:func:`~khronika.extract.prefilter.uncased`)
_EN_TWIN, _RU_TWIN = uncased(_EN_RX), uncased(_RU_RX)

# Passive auxiliaries in front of an English trigger: "were killed", "have been arrested".
_ADVERBS = (r"(?:(?:also|later|subsequently|then|too|reportedly|allegedly|\w+ly|all|both)\s+)"
            r"{0,2}(?:(?:ordered|sentenced|set|due)\s+(?:to\s+be\s+)?)?")
_AUX_PLURAL = re.compile(
    rf"\b(?:were|are|have\s+been|had\s+been|got|being|be|been)\s+{_ADVERBS}"
    r"(?:\w+\s+(?:and|or)\s+)?$", re.IGNORECASE)
_AUX_SINGULAR = re.compile(
    rf"\b(?:was|is|has\s+(?:\w+ly\s+)?been|gets)\s+{_ADVERBS}(?:\w+\s+(?:and|or)\s+)?$",
    re.IGNORECASE)
# What may stand between an active verb and its quantity: "killing at least" is in the
# quantity itself; "killed the", "detained another".
_RIGHT_GAP_EN = re.compile(
    r"[\s,\"“']*(?:(?:the|some|another|an\s+additional|a\s+further|all|off|up|of)\s+)*$",
    re.IGNORECASE)
_RIGHT_GAP_RU = re.compile(
    # no bare comma: "доставлены в отделы, 40 будут выдворены" starts another clause
    r"[\s:—–-]*(?:(?:ещё|еще|всего|уже|сразу|как|не|в|из|,?\s*по\s+данным\s+\w+,?"
    r"|до\s+\d{1,2}\s+\w+)\s+)*$",
    re.IGNORECASE)
_NOBODY = re.compile(r"\b(?:no\s+one|nobody|none|no\s+\w+)\s+(?:\w+\s+)?$", re.IGNORECASE)
# Two people named one by one: "A teacher and a village head were gunned down".
_PAIR = re.compile(
    r"\b(?:an?|one|the)\s+[^,.;()]{1,50}?"
    r"(?:,[^.;]{1,40}?,)?\s+and\s+(?:an?|one|the|his|her|their)\s+[^,.;]{1,50}?"
    r"(?:,[^.;]{1,40}?,)?\s+(?:(?:were|have\s+been|had\s+been)\s+(?:\w+\s+){0,2})?$",
    re.IGNORECASE)
# A named person as object: "police killed Dinesh Sahu, 30, a commander".
_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2}(?=\s*[,(]|\s+(?:in|on|at)\b)")
# One person: "killing a policeman", "a civilian was killed".
_ONE_AFTER = re.compile(r"\s+(?:a|an|one)\s+(?!\w+s\b)(?!few\b|number\b|total\b)\w",
                        re.IGNORECASE)
# A left quantity and its trigger must be in one clause: these words or marks start another.
_CLAUSE_BREAK = re.compile(
    r"[;:()\[\]]|\b(?:when|while|after|before|as|but|whereas|which|because|since|during"
    r"|following|where|said|says|according|когда|после|пока|который|которые|которых"
    r"|однако|но|а\s+также)\b", re.IGNORECASE)
# A quantity that only qualifies another one, or is an alternative figure.
_SUBSET_BEFORE = re.compile(
    r"(?:including|incl\.|among\s+them|among\s+whom|of\s+whom|of\s+them|out\s+of|among"
    r"|включая|в\s+том\s+числе|среди\s+них|из\s+них|из\s+которых|аз\s+ҷумла)"
    r"(?:\s+(?:the|these|those|them))?\s*$|\b(?:the|these|those)\s*$",
    re.IGNORECASE)
_NEGATION_BEFORE = re.compile(r"(?:\bno|\bnot|\bни|\bне)\s*$", re.IGNORECASE)
_MONTH = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
          r"|январ\w*|феврал\w*|март\w*|апрел\w*|ма[яеий]|июн\w*|июл\w*|август\w*"
          r"|сентябр\w*|октябр\w*|ноябр\w*|декабр\w*")
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTH})\.?\s*$", re.IGNORECASE)
_MONEY_BEFORE = re.compile(r"(?:[$€£₽]|\b(?:rs|usd|afn|inr|pkr|rub|no|number|#))\.?\s*$",
                           re.IGNORECASE)
# Units after a figure that make it something other than a number of people.
_UNIT_AFTER = re.compile(
    rf"\s*(?:%|(?:st|nd|rd|th)\b|(?:{_MONTH})\b|-?\s*(?:years?|yrs?)[\s-]*old|\)"
    r"|(?:percent|per\s*cent|years?|months?|weeks?|days?|hours?|hrs|minutes?|mins?|seconds?"
    r"|km|kms|kilomet(?:er|re)s?|miles?|met(?:er|re)s?|m|kg|kilos?|tons?|tonnes?|feet|ft"
    r"|am|pm|a\.m|p\.m|o'clock|rupees?|dollars?|afghanis?|taka|rubles?|roubles?|euros?|lakh"
    r"|crore|houses?|homes?|shops?|buildings?|vehicles?|cars?|trucks?|buses|motorcycles?"
    r"|motorbikes?|tankers?|bombs?|mines?|ieds?|weapons?|rifles?|guns?|rounds?|bullets?"
    r"|shells?|rockets?|mortars?|missiles?|grenades?|cattle|animals?|cows?|goats?|sheep"
    r"|camels?|villages?|times|acres|tents|huts|posts?|checkpoints?|cases|incidents"
    r"|attacks?|districts?|provinces?|schools?|groups?|factions?|parties|sides|families"
    r"|locations?|areas?|places?|occasions?|sectors?|tribes?|communities|organi[sz]ations"
    r"|kg|лет|года?|год|месяц\w*|дн\w+|сут\w+"
    r"|час\w*|минут\w*|рубл\w+|долл\w+|км|километр\w*|метр\w*|тонн\w*|процент\w*|раз\w*"
    r"|автомобил\w+|машин\w*|дом\w*|район\w*|город\w*|сол\w*|сум\w*|сомон\w*|ч\.)\b"
    r"(?!\s+(?:guards?|owners?|keepers?|workers?|drivers?|members?|personnel|staff|employees"
    r"|officers?|residents?|dwellers?|labou?rers?|traders?)))",
    re.IGNORECASE)
_YEAR = re.compile(r"(?:1[89]|20)\d\d$")
_CHECKED_BEFORE = re.compile(
    r"(?:(?<!\w)у|провер\w+(?:\s+\w+)?|(?:papers|documents|ids)\s+of|check(?:ed|ing)|"
    r"checks\s+of)\s*$", re.IGNORECASE)
_AGE_AFTER = re.compile(r"-?\s*(?:летн\w*|year-old)", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"[A-ZА-Я][\w.]*,\s*$")
_PERSON_AFTER = re.compile(r"\s+(?:people|persons|civilians|men|women|children|человек)",
                           re.IGNORECASE)
# "Fatalities are split across 2 events (6)": the figure in brackets is this event's share.
_SPLIT = re.compile(r"fatalities\s+(?:are\s+|were\s+)?split\s+(?:across|over|between)\s+"
                    r"\w+\s+\w+\s*\((\d+)\)", re.IGNORECASE)
_TAG = re.compile(r"\[(?:crowd\s+)?size\s*=\s*([^\]]*)\]", re.IGNORECASE)
_NOT_PEOPLE = re.compile(r"\b(?:cars?|vehicles?|trucks?|автомобил\w*|машин\w*)\b",
                         re.IGNORECASE)

_PARENS = re.compile(r"\([^()]*\)|\[[^\]]*\]")
# Between two coordinated subjects: "4 pro-government militia members and 3 ..."
_COORD = re.compile(r"(?:\s+[\w'’.-]+){0,7}?\s*(?:,\s*(?:and\s+|и\s+)?|\s+(?:and|as\s+well\s+as"
                    r"|plus|и|а\s+также)\s+)", re.IGNORECASE)
# "Two BCL activists of Hazi Danesh Science and Technology University Unit were killed"
# A verb between two figures means two clauses, not one coordinated subject.
_VERB_IN_LINK = re.compile(r"\b(?:were|was|are|is|had|have|has|были|был[аио]?|будут)\b",
                           re.IGNORECASE)
# An injured/arrested verb after "and" starts a new clause: "killed 3 and injured 2".
_VERB_AFTER_AND = re.compile(r"\b(?:and|и)\s+\w+(?:ed|ing)\b", re.IGNORECASE)
# A figure with a predicate of its own after it starts a new clause, about part of the
# figure before: "избили 27 мигрантов, один госпитализирован" (27, not 28), "beat 27
# migrants, one was hospitalised". Russian short participles and past forms, English
# auxiliaries.
_OWN_PREDICATE = re.compile(
    r"\s+(?:(?:of\s+them|из\s+них)\s+)?(?:was|were|is|are|has|had|have|died|remains?"
    r"|был[аио]?|были|погиб(?:л[аи])?|\w{3,}(?:ован|ен|ан)[аоы]?|\w{3,}(?:л|ла|ли|лся|лась"
    r"|лись))(?!\w)", re.IGNORECASE)
# "killed one monk and a policeman": one more person, named with an article.
_AND_ONE = re.compile(r"(?:\s+[\w'’-]+){1,3}?\s+and\s+(?:a|an|one|another)\s+[\w'’-]+",
                      re.IGNORECASE)
_MAX_LEFT_WORDS = 16
# The word before "died" when one person died: "He died", "his driver (a jawan) died".
_SINGULAR_SUBJECT = re.compile(
    r"(?:\b(?:he|she)|\b(?!the\b|who\b|and\b|had\b|have\b|also\b)[\w'-]*[^s\W]),?\s+"
    r"(?:(?:has|had|later|subsequently|also|then|reportedly|allegedly|eventually)\s+){0,2}$",
    re.IGNORECASE)
_MAX_NEAR_WORDS = 2  # "4 dead", "4 people dead"
_MAX_ACTIVE_LEFT_WORDS = 3  # "3 soldiers killed" (headline style), not "3 Taliban attacked"


class _Rule:
    """A case-insensitive pattern with its twin for lower-cased text (``uncased``) and,
    when ``gated``, the words one of which every match holds (found by
    :func:`~khronika.extract.prefilter.gate_for`): where none of them is in the lower-cased
    text, the pattern is not run. Worth it for patterns of few, rare words."""

    __slots__ = ("needles", "rx", "twin")

    def __init__(self, rx: re.Pattern[str], gated: bool = False) -> None:
        self.rx = rx
        self.twin = uncased(rx)
        self.needles = gate_for(rx).needles if gated else None

    def may_match(self, low: str) -> bool:
        """False when the pattern cannot match in the lower-cased text ``low``."""
        return needles_in(self.needles, low)

    def search(self, s: str, lowered: bool) -> bool:
        """Whether the pattern matches in ``s``, which :func:`twin_text` lower-cased when
        ``lowered``."""
        if not lowered:
            return self.rx.search(s) is not None
        return self.may_match(s) and self.twin.search(s) is not None

    def match(self, s: str, lowered: bool) -> bool:
        """Whether the pattern matches at the start of ``s`` (as :meth:`search`)."""
        if not lowered:
            return self.rx.match(s) is not None
        return self.may_match(s) and self.twin.match(s) is not None


_SUBSET_RULE = _Rule(_SUBSET_BEFORE)
_NEGATION_RULE = _Rule(_NEGATION_BEFORE)
_MONTH_RULE = _Rule(_MONTH_BEFORE)
_MONEY_RULE = _Rule(_MONEY_BEFORE)
_CHECKED_RULE = _Rule(_CHECKED_BEFORE)
_UNIT_RULE = _Rule(_UNIT_AFTER)
_AGE_RULE = _Rule(_AGE_AFTER, gated=True)
_PERSON_RULE = _Rule(_PERSON_AFTER)
_PLURAL_RULE = _Rule(_AUX_PLURAL, gated=True)
_SINGULAR_RULE = _Rule(_AUX_SINGULAR, gated=True)
_SPLIT_TAG_RULE = _Rule(_SPLIT, gated=True)
_SIZE_TAG_RULE = _Rule(_TAG, gated=True)


def _usable(q: Quantity, text: str, low: str | None, sent_start: int) -> bool:
    """False for figures that are no count of people (dates, ages, units) or only a subset.
    ``low`` is :func:`~khronika.extract.numbers.twin_text` of ``text``."""
    lowered = low is not None
    read = text if low is None else low  # the same characters, maybe lower-cased
    before = read[max(sent_start, q.start - 40):q.start]
    after = read[q.end:q.end + 40]
    if _SUBSET_RULE.search(before, lowered) or _NEGATION_RULE.search(before, lowered):
        return False
    # "March 2020", "мая 2024": digits after a month are a year; "до 22 мая четверых" is not
    if (_MONTH_RULE.search(before, lowered) and q.text[:1].isdigit()) \
            or _MONEY_RULE.search(before, lowered):
        return False
    if _CHECKED_RULE.search(before, lowered):
        return False  # people whose papers were checked are not thereby detained
    if _UNIT_RULE.match(after, lowered) or _AGE_RULE.match(after, lowered):
        return False
    if q.exact and _YEAR.match(q.text.strip()) and not _PERSON_RULE.match(after, lowered):
        return False
    # "Rajaram Jha, 25, died" (a capital letter: read in the original text)
    if after.startswith(",") and _AGE_BEFORE.search(text[max(sent_start, q.start - 40):q.start]):
        return False
    # inside an open parenthesis: an alternative figure ("(6 according to Taliban)")
    lpar = max(before.rfind("("), before.rfind("["))
    return not (lpar >= 0 and ")" not in before[lpar:] and "]" not in before[lpar:])


def _words(s: str) -> int:
    return len(s.split())


class _Matcher:
    """Pairs triggers with quantities inside one sentence."""

    def __init__(self, doc: Document, quantities: list[Quantity]) -> None:
        self.doc = doc
        self.text = doc.text
        self.quantities = quantities
        self.used: set[int] = set()  # indexes of quantities already counted
        self.cyrillic = (doc.lang or "") in ("ru", "tg", "uk", "be", "kk", "ky", "bg")
        self.low = twin_text(self.text)  # the text lower-cased for twins, or None

    def right(self, end: int, limit: int) -> int | None:
        gap_rx = _RIGHT_GAP_RU if self.cyrillic else _RIGHT_GAP_EN
        for i, q in enumerate(self.quantities):
            if q.start < end:
                continue
            if q.start > limit or q.start - end > 30:
                return None
            if gap_rx.match(self.text, end, q.start) and i not in self.used:
                return i
            return None
        return None

    def following(self, i: int, limit: int) -> tuple[list[int], int]:
        """Figures coordinated after quantity ``i`` ("killed one soldier and one civilian"),
        and how many "and a/an X" objects follow ("one monk and a policeman")."""
        found, extra = [i], 0
        while True:
            last = self.quantities[found[-1]]
            nxt = found[-1] + 1
            if nxt < len(self.quantities) and nxt not in self.used \
                    and self.quantities[nxt].start <= limit:
                link = _PARENS.sub(" ", self.text[last.end:self.quantities[nxt].start])
                if _COORD.fullmatch(link) and not _VERB_IN_LINK.search(link) \
                        and not _VERB_AFTER_AND.search(link) \
                        and not _OWN_PREDICATE.match(self.text, self.quantities[nxt].end):
                    found.append(nxt)
                    continue
            one = _AND_ONE.match(self.text, last.end, limit)
            if one:
                extra = 1
            return found, extra

    def left(self, start: int, floor: int, max_words: int) -> list[int]:
        """The nearest usable quantity before ``start``, with any it is coordinated with
        ("4 militia members and 3 militants were killed" = 4 + 3); [] when none."""
        for i in range(len(self.quantities) - 1, -1, -1):
            q = self.quantities[i]
            if q.end > start or q.start < floor:
                continue
            gap = _PARENS.sub(" ", self.text[q.end:start])
            if _words(gap) > max_words or _CLAUSE_BREAK.search(gap) or i in self.used:
                return []
            found = [i]
            while i > 0:
                prev = self.quantities[i - 1]
                link = _PARENS.sub(" ", self.text[prev.end:self.quantities[i].start])
                if prev.start < floor or (i - 1) in self.used or not _COORD.fullmatch(link) \
                        or _VERB_IN_LINK.search(link):
                    break
                i -= 1
                found.insert(0, i)
            return found
        return []


class CountStage:
    """Assigns ``doc.counts``: every count of people stated, in text order."""

    name = "counts"
    requires: tuple[str, ...] = ("text", "sentences", "lang")
    assigns: tuple[str, ...] = ("counts",)

    def __call__(self, doc: Document) -> None:
        doc.counts = find_counts(doc)


def _tag_counts(doc: Document) -> list[Count]:
    """Counts from coders' tags: crowd size, and fatalities split over several events."""
    out: list[Count] = []
    low = twin_text(doc.text)
    if low is not None and not (_SPLIT_TAG_RULE.may_match(low) or _SIZE_TAG_RULE.may_match(low)):
        return out  # neither tag's word is in the text
    for m in _SPLIT.finditer(doc.text):
        n = int(m[1])
        out.append(Count("killed", n, n, m[0], m.start(), m.end(), doc.sentence_of(m.start())))
    for m in _TAG.finditer(doc.text):
        value = m[1].strip()
        if _NOT_PEOPLE.search(value):
            continue
        rng = parse_quantity(value)
        if rng is None:
            found = find_quantities(value)
            rng = (found[0].min, found[0].max) if found else None
        if rng is None:
            continue
        out.append(Count("participants", rng[0], rng[1], m[0], m.start(), m.end(),
                         doc.sentence_of(m.start())))
    return out


def find_counts(doc: Document) -> list[Count]:
    """Every count in ``doc`` (sentences must be set), ordered by position."""
    text = doc.text
    cyrillic = (doc.lang or "") in ("ru", "tg", "uk", "be", "kk", "ky", "bg")
    rx, modes = (_RU_RX, _RU_MODES) if cyrillic else (_EN_RX, _EN_MODES)
    # triggers are found by the twin in the lower-cased text where it may stand in
    low = twin_text(text)
    if low is not None:
        rx = _RU_TWIN if cyrillic else _EN_TWIN
    tags = _tag_counts(doc)
    tag_spans = [(c.start, c.end) for c in tags]
    out: list[Count] = list(tags)
    sentences = doc.sentences or []
    for si, sent in enumerate(sentences):
        triggers = list(rx.finditer(text if low is None else low, sent.start, sent.end))
        if not triggers:
            continue
        # Figures inside a date ("21-03-2020", "24 марта") are no counts; doc.dates is
        # there when the dates stage ran first, as in the default pipeline.
        skip = tag_spans + [(d.start, d.end) for d in (*doc.dates, *doc.deadlines)]
        # the cheap overlap test first: a figure inside a date needs no reading of context
        qs = [q for q in find_quantities(text, sent.start, sent.end, doc.lang)
              if not any(q.start < b and a < q.end for a, b in skip)
              and _usable(q, text, low, sent.start)]
        matcher = _Matcher(doc, qs)
        # What happened to people outranks taking part: in "Two protesters were killed"
        # the figure belongs to "killed", so participants pick last.
        ranked = sorted(((modes[(m.lastindex or 1) - 1], m) for m in triggers),
                        key=lambda km: (km[0][0] == "participants", km[1].start()))
        for (kind, mode), m in ranked:
            if any(a <= m.start() < b for a, b in tag_spans):
                continue
            c = _attach(matcher, m, kind, mode, sent.start, sent.end, si)
            if c is not None:
                out.append(c)
    out.sort(key=lambda c: c.start)
    return out


def _attach(mt: _Matcher, m: re.Match[str], kind: str, mode: str,
            s_start: int, s_end: int, si: int) -> Count | None:
    """The count a trigger states, or None."""
    text = mt.text
    found: list[int] = []
    extra = 0
    if mode == INSIDE:
        inside = [i for i, q in enumerate(mt.quantities)
                  if m.start() <= q.start < m.end() and i not in mt.used]
        if not inside:
            return None
        mt.used.update(inside)
        lo = _tally(kind, [mt.quantities[i] for i in inside])
        return Count(kind, lo, lo, text[m.start():m.end()], m.start(), m.end(), si)
    if mode in (OBJECT, SELF):
        inside = [i for i, q in enumerate(mt.quantities)
                  if m.start() <= q.start < m.end() and i not in mt.used]
        mt.used.update(inside)
        n = sum(mt.quantities[i].min for i in inside) if inside and mode == OBJECT else 1
        return Count(kind, n, n, text[m.start():m.end()], m.start(), m.end(), si)
    before = text[max(s_start, m.start() - 30):m.start()]
    # passive auxiliaries, read in the lower-cased text where there is one
    lowered = mt.low is not None
    aux = before if mt.low is None else mt.low[max(s_start, m.start() - 30):m.start()]
    plural = _PLURAL_RULE.search(aux, lowered)
    singular = _SINGULAR_RULE.search(aux, lowered)
    passive = plural or singular
    if mode in (ACTIVE, RIGHT, BOTH) and not (mode == ACTIVE and passive):
        idx = mt.right(m.end(), s_end)
        if idx is not None:
            found, extra = mt.following(idx, s_end)
    if not found:
        max_words = {NEAR: _MAX_NEAR_WORDS, RIGHT: 0, ACTIVE: _MAX_LEFT_WORDS if passive
                     else _MAX_ACTIVE_LEFT_WORDS}.get(mode, _MAX_LEFT_WORDS)
        found = mt.left(m.start(), s_start, max_words)
    if found:
        mt.used.update(found)
        qs = [mt.quantities[i] for i in found]
        lo = _tally(kind, qs) + extra
        hi = None if any(q.max is None for q in qs) else sum(q.max or 0 for q in qs) + extra
        if mode == RIGHT and hi is not None and re.match(r"(?:до|to)\s", qs[0].text, re.I):
            lo = hi  # "число погибших возросло до 143": the figure reached, not a bound
        start, end = min(qs[0].start, m.start()), max(qs[-1].end, m.end())
        if extra:
            tail = _AND_ONE.match(text, qs[-1].end, s_end)
            end = tail.end() if tail else end
        return Count(kind, lo, hi, text[start:end], start, end, si)
    return _singular(mt, m, kind, mode, before, plural, singular, si)


# Round estimates of people held or expelled are tallied conservatively: "about 70 taken
# to police stations" is at least 63. Fatalities and crowd sizes keep the stated figure,
# as ACLED codes them ("about 10 killed" is coded 10).
_APPROX_KINDS = frozenset({"detained", "deported", "injured"})
_APPROX_SHARE = 0.9


def _tally(kind: str, qs: list[Quantity]) -> int:
    """The conservative sum of coordinated quantities for a count of ``kind``."""
    if kind in _APPROX_KINDS:
        return sum(int(q.min * _APPROX_SHARE) if q.approx else q.min for q in qs)
    return sum(q.min for q in qs)


# Russian singular objects: "арестовал 23-летнего гражданина", "задержали мужчину".
_ONE_AFTER_RU = re.compile(
    r"[^.;:]{0,40}?(?<!\w)(?:\d+-летн(?:его|юю|ий|яя)|гражданина|гражданку|мужчину|женщину|"
    r"жителя|жительницу|уроженца|уроженку|мигранта|подозреваемого|обвиняемого|брата|мужа|"
    r"сына|курьера|рабочего|водителя|таксиста|продавца|торговца|студента|подростка|парня|"
    r"девушку|человека)(?!\w)", re.IGNORECASE)
# "избили брата и ещё двоих ребят": one named person plus N more.
_AND_MORE_RU = re.compile(r"(?:[^.;:()]|\([^)]*\)){1,60}?\s+и\s+ещ[её]\s+$", re.IGNORECASE)


def _singular_ru(mt: _Matcher, m: re.Match[str], kind: str, si: int) -> Count | None:
    """One person (or one plus N more) after a Russian verb of detention, expulsion or
    beating."""
    if kind not in _APPROX_KINDS:
        return None
    for i, q in enumerate(mt.quantities):
        if q.start >= m.end() and q.start - m.end() <= 70 and i not in mt.used \
                and _AND_MORE_RU.fullmatch(mt.text, m.end(), q.start):
            mt.used.add(i)
            n = q.min + 1
            return Count(kind, n, n, mt.text[m.start():q.end], m.start(), q.end, si)
    one = _ONE_AFTER_RU.match(mt.text, m.end())
    if one:
        return Count(kind, 1, 1, mt.text[m.start():one.end()], m.start(), one.end(), si)
    return None


def _singular(mt: _Matcher, m: re.Match[str], kind: str, mode: str, before: str,
              plural: bool, singular: bool, si: int) -> Count | None:
    """One person: "a civilian was killed", "He died", "killing a policeman". ``plural``
    and ``singular`` say whether ``before`` ends with a passive auxiliary of that number."""
    text = mt.text
    if mt.cyrillic and kind != "participants":
        return _singular_ru(mt, m, kind, si)
    if kind == "participants" or mt.cyrillic or _NOBODY.search(before):
        return None
    wide = text[max(0, m.start() - 120):m.start()]
    if plural or mode == PASSIVE:
        pair = _PAIR.search(wide)
        if pair:  # "a teacher and a village head were gunned down"
            start = m.start() - len(wide) + pair.start()
            return Count(kind, 2, 2, text[start:m.end()], start, m.end(), si)
    if mode in (ACTIVE, RIGHT) and not singular and not plural:
        one = _ONE_AFTER.match(text, m.end()) or _NAME_AFTER.match(text, m.end())
        if one:
            end = text.find(" ", one.end())
            end = len(text) if end < 0 else end
            return Count(kind, 1, 1, text[m.start():end].rstrip(",."), m.start(), end, si)
        return None
    if singular or (mode == PASSIVE and kind == "killed"
                                        and _SINGULAR_SUBJECT.search(_PARENS.sub("", before))):
        start = m.start() - len(before)
        space = text.find(" ", start, m.start())
        start = space + 1 if space >= 0 and start > 0 and text[start - 1].isalnum() else start
        return Count(kind, 1, 1, text[start:m.end()], start, m.end(), si)
    return None


_TOTAL = re.compile(r"(?:total\s+)?fatalit|split|death\s+toll"
                    r"|число\s+(?:погибших|жертв|убитых|задержанных)|всего|in\s+total"
                    r"|a\s+total\s+of", re.IGNORECASE)


_ADDITIONAL = re.compile(r"\b(?:also|another|more|others?|additional|further|as\s+well|too"
                         r"|ещё|еще|также|други[ех])\b", re.IGNORECASE)


_BACKGROUND = re.compile(
    r"\b(?:against|over|protest\w*|condemn\w*|demand\w*|justice|compensat\w*|remembrance"
    r"|memory|anniversary|mourn\w*|outrage\w*|anger\w*|after|following|trigger\w*|spark\w*"
    r"|because|since|probe|investigat\w*|против|из-за|после|в\s+связи\s+с|память)\b[^.;]*$",
    re.IGNORECASE)
_PROTEST = re.compile(r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ied)|strike|shutdown|bandh"
                      r"|hartal|blockade|blocked|sit-in|митинг\w*|пикет\w*|протест\w*|акци\w+)",
                      re.IGNORECASE)


def is_background(doc: Document, count: Count) -> bool:
    """True for a count given as the reason for something else, not as what happened:
    "protested against the killing of two labourers", "rioted after a laborer died"."""
    sent = doc.sentences[count.sentence] if 0 <= count.sentence < len(doc.sentences) else None
    s_start = sent.start if sent else 0
    before = doc.text[s_start:count.start]
    if not _BACKGROUND.search(before[-80:]):
        return False
    sentence = doc.text[s_start:sent.end] if sent else doc.text
    return bool(_PROTEST.search(sentence))


def total(doc: Document, kind: str, sentences: Iterable[int] | None = None) -> Count | None:
    """One figure of ``kind`` for a document (or the given sentences), as ACLED codes one
    event: a stated total ("Total fatalities coded as 5", "death toll rose to 12") wins;
    otherwise the counts are added up ("2 soldiers were killed ... 3 militants were also
    killed" = 5), since each quantity was counted once only. Counts given only as the
    reason for a protest (:func:`is_background`) are left out."""
    wanted = None if sentences is None else set(sentences)
    picked = [c for c in doc.counts if c.kind == kind
              and (wanted is None or c.sentence in wanted) and not is_background(doc, c)]
    if not picked:
        return None
    stated = [c for c in picked if _TOTAL.search(c.text) or c.text.startswith("[")]
    if stated:
        return stated[-1]
    if kind == "participants":  # crowd sizes of one event are restated, not added up
        return max(picked, key=lambda c: c.min or 0)
    # A later sentence mostly retells the same deaths ("Three militants were killed ...
    # Police identified the three dead as ..."); it adds to the tally only when it says so.
    first_sentence = picked[0].sentence
    picked = [c for c in picked
              if c.sentence == first_sentence or _ADDITIONAL.search(c.text)]
    if len(picked) == 1:
        return picked[0]
    lo = sum(c.min or 0 for c in picked)
    hi = None if any(c.max is None for c in picked) else sum(c.max or 0 for c in picked)
    first, last = picked[0], picked[-1]
    return Count(kind, lo, hi, " … ".join(c.text for c in picked), first.start, last.end,
                 first.sentence)
