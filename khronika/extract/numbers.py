"""Numbers as news text writes them, in English, Russian and (best effort) Tajik.

:func:`find_quantities` finds every stated quantity in a stretch of text — digits
("12", "1,200", "95 000", "3.5 thousand"), number words ("twelve", "twenty-five",
"двенадцать", "сорока", "двое", "бисту панҷ"), vague amounts ("dozens", "hundreds",
"десятки", "несколько") — with the modifier in front of it ("more than", "nearly",
"около", "более") and ranges ("3-4", "between 500 and 800", "от 50 до 100"). Each is
returned as a conservative range, following ACLED's coding rule for vague figures
(``shared/CONTRACT.md``):

==========================  ======================  ==========================
stated                      min                     max
==========================  ======================  ==========================
"40", "about 40", "около"   40                      40 (ACLED keeps the number)
"at least 40", "не менее"   40                      None
"more than 400", "более"    401                     None
"nearly 150", "почти"       N - max(1, N // 15)     N - 1      (150 → 140..149)
"up to 30", "до 30"         1                       30
"fewer than 30"             1                       29
"3-4", "between 3 and 4"    3                       4
"dozens", "десятки"         12                      None
"hundreds", "сотни"         100                     None
"thousands", "тысячи"       1000                    None
"several", "a few", ...     see ``VAGUE``           None
==========================  ======================  ==========================

"a/an" alone is not a quantity here: whether "a civilian" means one person depends on
the verb, which the counts stage decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from khronika.extract.prefilter import probe_of, uncased

# -- number words --------------------------------------------------------------------

_EN_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
             "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
             "seventeen", "eighteen", "nineteen"]
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
            "seventy": 70, "eighty": 80, "ninety": 90}

#: Additive word values (units, tens, Russian hundreds); multipliers are separate.
WORD_VALUES: dict[str, int] = {w: i for i, w in enumerate(_EN_UNITS)}
WORD_VALUES.update(_EN_TENS)
WORD_VALUES.update({"a hundred": 100, "a thousand": 1000, "both": 2})

# Russian cardinals in every case: a stem plus its endings keeps the table short.
_RU_FORMS: dict[int, str] = {
    1: "один одна одно одного одной одному одним одном одну",
    2: "два две двух двум двумя оба обе обоих обеих двое двоих двоим",
    3: "три трех трёх трем трём тремя трое троих троим",
    4: "четыре четырех четырёх четырем четырём четырьмя четверо четверых",
    8: "восемь восьми восемью восьмью восьмеро восьмерых",
    40: "сорок сорока",
    90: "девяносто девяноста",
    100: "сто ста сотня сотни сотню",
    200: "двести двухсот двумстам двумястами двухстах",
    300: "триста трехсот трёхсот тремстам",
    400: "четыреста четырехсот четырёхсот",
}
_RU_STEM_I = {  # stems declined -ь / -и / -ью
    5: "пят", 6: "шест", 7: "сем", 9: "девят", 10: "десят", 11: "одиннадцат",
    12: "двенадцат", 13: "тринадцат", 14: "четырнадцат", 15: "пятнадцат",
    16: "шестнадцат", 17: "семнадцат", 18: "восемнадцат", 19: "девятнадцат",
    20: "двадцат", 30: "тридцат",
}
_RU_COLLECTIVE = {5: "пятер", 6: "шестер", 7: "семер", 9: "девятер", 10: "десятер"}
_RU_TENS = {50: ("пятьдесят", "пятидесяти"), 60: ("шестьдесят", "шестидесяти"),
            70: ("семьдесят", "семидесяти"), 80: ("восемьдесят", "восьмидесяти")}
_RU_HUNDREDS = {500: ("пятьсот", "пятисот"), 600: ("шестьсот", "шестисот"),
                700: ("семьсот", "семисот"), 800: ("восемьсот", "восьмисот"),
                900: ("девятьсот", "девятисот")}
for _v, _forms in _RU_FORMS.items():
    WORD_VALUES.update({f: _v for f in _forms.split()})
for _v, _stem in _RU_STEM_I.items():
    WORD_VALUES.update({_stem + e: _v for e in ("ь", "и", "ью")})
for _v, _stem in _RU_COLLECTIVE.items():
    WORD_VALUES.update({_stem + e: _v for e in ("о", "ых", "ым")})
for _v, _pair in (_RU_TENS | _RU_HUNDREDS).items():
    WORD_VALUES.update({f: _v for f in _pair})
# Tajik cardinals; "-у"/"-ю" joins tens to units ("бисту панҷ" = 25).
_TG = {"як": 1, "ду": 2, "се": 3, "чор": 4, "панҷ": 5, "шаш": 6, "ҳафт": 7, "ҳашт": 8,
       "нӯҳ": 9, "даҳ": 10, "ёздаҳ": 11, "дувоздаҳ": 12, "бист": 20, "сӣ": 30, "чил": 40,
       "панҷоҳ": 50, "шаст": 60, "ҳафтод": 70, "ҳаштод": 80, "навад": 90, "сад": 100}
_TG_WORDS = dict(_TG)
_TG_WORDS.update({w + ("ю" if w[-1] in "аӣ" else "у"): v for w, v in _TG.items() if v >= 20})
WORD_VALUES.update(_TG_WORDS)

#: Multipliers: "three hundred", "две тысячи", "1.5 million".
MULTIPLIERS: dict[str, int] = {
    "hundred": 100, "thousand": 1000, "million": 1_000_000, "k": 1000,
    "тысяча": 1000, "тысячи": 1000, "тысяч": 1000, "тысячу": 1000, "тыс": 1000,
    "миллион": 1_000_000, "миллиона": 1_000_000, "миллионов": 1_000_000, "млн": 1_000_000,
    "ҳазор": 1000,
    # "два десятка" is twenty, "две сотни" two hundred
    "десятка": 10, "десятков": 10, "сотня": 100, "сотни": 100, "сотню": 100, "сотен": 100,
}

#: "One and a half", only before a multiplier: "полторы тысячи" is 1500, "полтора десятка"
#: fifteen; alone ("полтора часа") it is no count of people.
HALVES = frozenset({"полтора", "полторы", "полутора"})

#: Vague amounts: (min, max). ACLED's rule gives "dozens" 12 and "hundreds" 100; "several"
#: and "a few" are read as at least 2 (a conservative tally never invents a third person),
#: except for the dead, which ACLED codes as 10 where a report says "several" or "many"
#: (see ``counts._tally``).
VAGUE: dict[str, tuple[int, int | None]] = {
    "dozens": (12, None), "scores": (20, None), "hundreds": (100, None),
    "thousands": (1000, None), "tens of thousands": (10000, None), "tens of": (10, None),
    "hundreds of thousands": (100000, None), "several dozen": (24, None),
    "a few dozen": (24, None), "several hundred": (200, None), "a few hundred": (200, None),
    "several thousand": (2000, None), "a few thousand": (2000, None),
    "several": (2, None), "a few": (2, None), "a number of": (2, None),
    "multiple": (2, None), "many": (2, None), "numerous": (2, None), "a handful of": (2, None),
    "a couple of": (2, 2), "a couple": (2, 2), "a group of": (2, None),
    "an unknown number of": (1, None), "unknown number of": (1, None),
    "десятки": (12, None), "десятков": (12, None), "десятках": (12, None),
    "десятками": (12, None), "десяток": (10, 10), "десятка": (10, 10),
    "сотни": (100, None), "сотен": (100, None), "сотнями": (100, None),
    "тысячи": (1000, None), "тысяч": (1000, None), "тысячами": (1000, None),
    "несколько": (2, None), "нескольких": (2, None), "нескольким": (2, None),
    # "десяток" is ten, so "several tens" is at least twenty (English "several dozen" is 24)
    "несколько десятков": (20, None), "нескольких десятков": (20, None),
    "несколько сотен": (200, None), "нескольких сотен": (200, None),
    "несколько тысяч": (2000, None), "нескольких тысяч": (2000, None),
    # "десятки тысяч" is "tens of thousands", not tens and then thousands
    "десятки тысяч": (10000, None), "десятков тысяч": (10000, None),
    "десятками тысяч": (10000, None), "сотни тысяч": (100000, None),
    "сотен тысяч": (100000, None), "сотнями тысяч": (100000, None),
    "несколько десятков тысяч": (20000, None), "нескольких десятков тысяч": (20000, None),
    "многие": (2, None), "многих": (2, None), "множество": (2, None),
    "ряд": (2, None), "группа": (2, None), "группу": (2, None), "группы": (2, None),
    "полсотни": (50, 50), "полусотни": (50, 50), "полсотне": (50, 50),
    "дюжина": (12, 12), "дюжины": (12, 12),
    "даҳҳо": (12, None), "садҳо": (100, None), "ҳазорҳо": (1000, None), "чанд": (2, None),
}

# Modifiers, mapped to how they turn N into (min, max).
_MORE = ("more than", "over", "above", "in excess of", "upwards of", "more then",
         "более чем", "более", "больше", "свыше", "больше чем", "зиёда аз", "беш аз")
_AT_LEAST = ("at least", "atleast", "no fewer than", "no less than", "a minimum of", "minimum of",
             "не менее", "не меньше", "как минимум", "минимум", "по меньшей мере",
             "по крайней мере", "по меньшей мере", "камаш", "ҳадди ақал")
_NEARLY = ("nearly", "almost", "close to", "just under", "почти", "едва ли не", "қариб")
_UP_TO = ("up to", "as many as", "at most", "no more than", "до", "не более", "не больше",
          "вплоть до")
_UNDER = ("fewer than", "less than", "under", "менее", "меньше", "менее чем", "камтар аз")
_ABOUT = ("about", "around", "approximately", "approx.", "roughly", "some", "an estimated",
          "estimated", "a total of", "total of", "около", "порядка", "примерно",
          "приблизительно", "ориентировочно", "всего", "тақрибан")
_MODIFIERS: dict[str, str] = {}
for _kind, _words in (("about", _ABOUT), ("under", _UNDER), ("up_to", _UP_TO),
                      ("nearly", _NEARLY), ("at_least", _AT_LEAST), ("more", _MORE)):
    _MODIFIERS.update({w: _kind for w in _words})


def _alt(words: Iterable[str]) -> str:
    """A regex alternation, longest first so that "more than" wins over "more"; a space in
    a phrase stands for any run of white space.

    The words are written as a trie ("tw(?:elve|enty|o)"), not as a flat list: the regex
    engine tries every alternative of a flat list at every word start, and these lists
    hold hundreds of words. The trie matches what the flat list matches, in the same
    order of preference: words that part at a character cannot both match at one place,
    and a word that ends where longer ones go on is tried after them, as it was.
    """
    return "|".join(_trie(sorted(words, key=len, reverse=True)))


def _trie(words: list[str]) -> list[str]:
    """The alternatives of a trie over ``words`` (in order of preference), one per first
    character, in the order the characters first appear; "" last for an ended word."""
    rests: dict[str, list[str]] = {}
    ended = False
    for word in words:
        if word:
            rests.setdefault(word[0], []).append(word[1:])
        else:
            ended = True  # the shortest word of its branch: preferred last
    alternatives = []
    for char, tails in rests.items():
        branch = _trie(tails)
        atom = r"\s+" if char == " " else re.escape(char)
        alternatives.append(atom + (branch[0] if len(branch) == 1
                                    else "(?:" + "|".join(branch) + ")"))
    return [*alternatives, ""] if ended else alternatives


_DIGITS = r"\d{1,3}(?:(?:,|\u00a0|\u202f| )\d{3})+(?!\d)|\d+(?:[.,]\d+)?"
# Range separators; "and" only after "between" (else "3 soldiers and 2 civilians" would
# read "3 and 2" as a range), which the conditional group ``(?(between)...)`` expresses.
_RANGE_SEP = r"\s*(?:-|–|—|to|or|или|до)\s*"


def _quantity_rx(words: Iterable[str]) -> re.Pattern[str]:
    word = _alt(words)
    core = (
        rf"(?:(?:{_DIGITS})(?:\s*(?:{_alt(MULTIPLIERS)})\b\.?)?"
        rf"|(?:(?:{word})(?:[\s-]+(?:and\s+|и\s+)?(?:{word}|{_alt(MULTIPLIERS)}))*)(?![\w-]))"
    )
    return re.compile(
        # "...the bomb.Four soldiers died": a word figure may follow a full stop with no
        # space; a digit may not ("1.5", ".5")
        rf"(?<![\w,/-])(?<!\d\.)(?!(?<=\.)\d)(?:(?P<between>between|from|от|между)\s+)?"
        rf"(?:(?P<mod>{_alt(_MODIFIERS)})\s+)?"
        rf"(?:(?P<dozens>(?:a\s+couple\s+of|{word}|\d+)\s+dozens?|a\s+dozen)(?![\w-])"
        rf"|(?P<vague>{_alt(VAGUE)})(?![\w-])"
        rf"|(?P<core>{core})(?:{_RANGE_SEP}(?P<core2>{core})"
        rf"|(?(between)\s+(?:and|и)\s+(?P<core3>{core})))?)",
        re.IGNORECASE,
    )


# Tajik words ("сад" = 100, "се" = 3) are ordinary Russian words too: only for Tajik text.
_NOT_TG = {w: v for w, v in WORD_VALUES.items() if w not in _TG_WORDS}
QUANTITY_RX = _quantity_rx([*_NOT_TG, *HALVES])
QUANTITY_RX_TG = _quantity_rx([*WORD_VALUES, *HALVES])


# The patterns without IGNORECASE, for lower-cased text (every letter in them is lower
# case: a test checks), several times faster: the engine skips a case-sensitive
# alternative on its first letter. Keyed by identity: a compiled pattern hashes its whole
# program, which for these (thousands of words) takes longer than finding the quantities
# of a short report.
_TWINS = {id(QUANTITY_RX): uncased(QUANTITY_RX), id(QUANTITY_RX_TG): uncased(QUANTITY_RX_TG)}


def twin_text(text: str) -> str | None:
    """``text`` lower-cased when lower-casing keeps every character in place and the regex
    engine's case rules agree with it, so that a pattern's case-sensitive twin
    (:func:`~khronika.extract.prefilter.uncased`) may search it in the original's stead;
    else None. It is the report's shared probe's (:attr:`~khronika.extract.prefilter.Probe.
    lowered`): the stages that probe a report lower-case it once between them."""
    return probe_of(text).lowered


def _quantity_matches(rx: re.Pattern[str], text: str, start: int, stop: int
                      ) -> Iterator[re.Match[str]]:
    """``rx``'s matches in ``text[start:stop]``. When lower-casing keeps every character in
    place, they come from the twin over the lower-cased text: the same spans, with groups
    in lower case (every reader of the groups lower-cases them)."""
    low = twin_text(text)
    twin = _TWINS.get(id(rx))
    if low is not None and twin is not None:
        return twin.finditer(low, start, stop)
    return rx.finditer(text, start, stop)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A stated amount: ``text[start:end]`` read as ``min``..``max`` (None = open)."""

    min: int
    max: int | None
    start: int
    end: int
    text: str
    exact: bool  # a stated figure rather than a vague one ("dozens", "several")
    approx: bool = False  # "about 70", "около 70", "человек 30": a round estimate


_A_MULTIPLIER = re.compile(r"\ba (?=hundred|thousand)")
_WORD_BREAK = re.compile(r"[\s-]+")
_INTEGER = re.compile(r"\d+")
_DECIMAL = re.compile(r"\d+[.,]\d+")


@lru_cache(maxsize=4096)
def words_to_int(phrase: str) -> int | None:
    """Value of a run of number words or digits: "twenty-five", "две тысячи", "3.5 thousand".
    (Remembered per phrase: the same few figures and words recur in every report.)"""
    total = current = 0.0
    seen = half = fraction = False
    text = _A_MULTIPLIER.sub("one ", phrase.lower().replace("\u00a0", " "))
    for tok in _WORD_BREAK.split(text):
        tok = tok.rstrip(".")
        if not tok or tok in ("and", "и"):
            continue
        if _INTEGER.fullmatch(tok):
            current += int(tok)
        elif _DECIMAL.fullmatch(tok):
            current += float(tok.replace(",", "."))
            fraction = True  # a count only with a multiplier after it ("2.5 thousand")
        elif tok in HALVES:
            current += 1.5
            half = True
        elif tok in MULTIPLIERS:
            mult = MULTIPLIERS[tok]
            if mult == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * mult
                current = 0
            half = fraction = False
        elif tok in WORD_VALUES:
            current += WORD_VALUES[tok]
        else:
            return None
        seen = True
    # A decimal with no multiplier after it is no count of people: "12.04" in a Russian
    # message is a date (12 April), "1.5" a measure.
    return round(total + current) if seen and not half and not fraction else None


_GROUPED_DIGITS = re.compile(r"\d{1,3}(?:[,\u00a0\u202f ]\d{3})+")
_NOT_DIGIT = re.compile(r"\D")


def _digits_value(s: str) -> int | None:
    """Digits with thousands separators ("1,200", "95 000") or a bare integer."""
    s = s.strip()
    if _GROUPED_DIGITS.fullmatch(s):
        return int(_NOT_DIGIT.sub("", s))
    return words_to_int(s)


def _apply_modifier(mod: str | None, lo: int, hi: int | None) -> tuple[int, int | None]:
    kind = _MODIFIERS.get(re.sub(r"\s+", " ", mod.lower())) if mod else None
    if kind == "more":
        return (hi if hi is not None else lo) + 1, None
    if kind == "at_least":
        return lo, None
    if kind == "nearly":
        return max(lo - max(1, lo // 15), 0), max(lo - 1, 0)
    if kind == "up_to":
        return min(1, lo), hi
    if kind == "under":
        return min(1, lo - 1), max(lo - 1, 0)
    return lo, hi


# After a modifier these are one unit in the genitive singular ("около тысячи" is about a
# thousand, as "about 1,000"), where alone they are plural ("тысячи" = thousands).
_ONE_UNIT: dict[str, int] = {"тысячи": 1000, "сотни": 100, "десятка": 10, "полсотни": 50,
                             "полусотни": 50}


def _value(m: re.Match[str]) -> tuple[int, int | None, bool] | None:
    if m["vague"]:
        word = re.sub(r"\s+", " ", m["vague"].lower())
        if m["mod"] and word in _ONE_UNIT:
            return _ONE_UNIT[word], _ONE_UNIT[word], True
        vague = VAGUE[word]
        return vague[0], vague[1], False
    if m["dozens"]:
        low = m["dozens"].lower()
        head = low.split()[0]
        mult = 2 if "couple" in low else 1 if head == "a" else (words_to_int(head) or 1)
        return 12 * mult, 12 * mult, True
    first = _digits_value(m["core"])
    if first is None:
        return None
    lo = first
    second = m["core2"] or m["core3"]
    hi = _digits_value(second) if second else lo
    if hi is None or hi < lo:
        # "5 to 4" is no range; "1 or 2" is, and "2 and 3" may be two separate figures
        hi = lo
    return lo, hi, True


# Russian puts the noun first to say "roughly": "человек 30" is about thirty people.
_INVERTED_RU = re.compile(
    r"(?<![\w-])(?:человек|людей|мигрантов|ребят)\s+(\d{1,4}|пять|десять|пятнадцать|двадцать|"
    r"тридцать|сорок|пятьдесят|шестьдесят|семьдесят|восемьдесят|девяносто|сто|двести|триста)"
    r"(?![\d\w-])", re.IGNORECASE)
_INVERTED_RU_TWIN = uncased(_INVERTED_RU)
# Every match holds one of these nouns: where none is, the pattern need not be run.
_INVERTED_NOUNS = ("человек", "людей", "мигрантов", "ребят")
# Tajik "як" is also the indefinite article ("як гурӯҳ ҷавонон", a group of youths); it
# counts one person only before a counting word.
_TG_ONE = re.compile(r"як(?!\s+(?:нафар|тан|кас)\b)", re.IGNORECASE)


def _inverted(text: str, start: int, stop: int) -> Iterator[re.Match[str]]:
    """``_INVERTED_RU``'s matches in ``text[start:stop]``, its group in lower case when the
    lower-cased text was searched."""
    low = twin_text(text)
    if low is None:
        return _INVERTED_RU.finditer(text, start, stop)
    if not any(low.find(noun, start, stop) >= 0 for noun in _INVERTED_NOUNS):
        return iter(())
    return _INVERTED_RU_TWIN.finditer(low, start, stop)


def find_quantities(text: str, start: int = 0, end: int | None = None,
                    lang: str | None = None) -> list[Quantity]:
    """Every quantity in ``text[start:end]``, in order, offsets into ``text``."""
    out: list[Quantity] = []
    stop = len(text) if end is None else end
    rx = QUANTITY_RX_TG if lang == "tg" else QUANTITY_RX
    for m in _quantity_matches(rx, text, start, stop):
        val = _value(m)
        if val is None:
            continue
        if lang == "tg" and _TG_ONE.match(text, m.start(), m.end() + 8) and m[0].lower() == "як":
            continue
        lo, hi, exact = val
        lo2, hi2 = _apply_modifier(m["mod"], lo, hi)
        approx = bool(m["mod"]) and _MODIFIERS.get(
            re.sub(r"\s+", " ", m["mod"].lower())) == "about" and exact
        out.append(Quantity(lo2, hi2, m.start(), m.end(), text[m.start():m.end()], exact,
                            approx))
    for m in _inverted(text, start, stop):
        n = int(m[1]) if m[1].isdigit() else (words_to_int(m[1]) or 0)
        out = [q for q in out if not (m.start() <= q.start < m.end())]
        out.append(Quantity(n, n, m.start(), m.end(), text[m.start():m.end()], True, True))
    out.sort(key=lambda q: q.start)
    return out


def parse_quantity(phrase: str) -> tuple[int, int | None] | None:
    """(min, max) of a whole phrase such as "more than 400" or "около сорока"."""
    m = QUANTITY_RX_TG.fullmatch(phrase.strip())
    if not m:
        return None
    val = _value(m)
    if val is None:
        return None
    return _apply_modifier(m["mod"], val[0], val[1])
