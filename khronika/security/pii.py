"""Personal data in Russian, Tajik (Cyrillic) and English text: what a redaction must hide.

:func:`detect` returns :class:`Finding` records (kind, start, end, text, confidence) of six
kinds:

- ``PHONE``: Russian numbers (+7 / 8, with spaces, dashes, brackets or none), Tajik +992,
  other international numbers written with "+", and local ``123-45-67``;
- ``DOCUMENT``: passport, migrant work patent, residence permit (ВНЖ, РВП), migration
  card, ID card, birth certificate and insurance numbers. A number counts only after a
  document word in the same clause ("патент 77 № 2400123456", "passport number 400123456",
  "шиносномаи ... № 401234567"), or in a shape nothing else has (``FA7654321``, a bare
  nine-digit "№ 401234567");
- ``ADDRESS``: a street with a house number, in either order, with building and flat
  ("ул. Ленина, д. 5, кв. 12", "12 Baker Street, flat 3", "кӯчаи Рӯдакӣ 45"); a street
  named without a number is not an address;
- ``EMAIL`` and ``HANDLE`` (messenger ``@name``);
- ``NAME``: people. Cyrillic text goes through natasha's NER (its PER entities; the
  model is loaded lazily, once per process, and only for text with capitalised Cyrillic
  words); both scripts also go through rules: given names from a gazetteer
  (:mod:`khronika.security.pii_names`) with the surname beside them, a title or role before
  capitalised words ("Lawyer Olga Smirnova", "гражданин Рахимов"), surname-shaped pairs.

Overlaps are settled by kind (an e-mail beats the handle inside it, an address beats the
"Ленина" inside "ул. Ленина, 5"), then by length. Every pattern is compiled once at import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from khronika.security.pii_names import (
    AMBIGUOUS,
    GIVEN_CYRILLIC,
    GIVEN_LATIN,
    NOT_NAME,
    TITLES,
    words,
)

KINDS = ("EMAIL", "HANDLE", "DOCUMENT", "PHONE", "ADDRESS", "NAME")
#: Lower wins an overlap.
_PRIORITY = {kind: i for i, kind in enumerate(KINDS)}


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of personal data: ``text == source[start:end]``."""

    kind: str
    start: int
    end: int
    text: str
    confidence: float


# ---------------------------------------------------------------- e-mail, handles

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
# Telegram names are 5-32 characters; 4 is allowed for older and other messengers. Not after
# a word character or "@", so the domain of an e-mail is never a handle.
_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z][A-Za-z0-9_]{3,31}\b")


# ---------------------------------------------------------------- phones

# A run of digits with the separators people type; validated by :func:`_phone_confidence`.
# Not inside a longer number, a date ("22.03.2024"), a case number ("5-1234/2024") or a
# decimal ("92,5").
_PHONE = re.compile(
    r"(?<![\w+/.,-])(?:\+\s?)?(?:\(\d{1,5}\)|\d)[\d\s().-]{5,20}\d(?![\w/]|[.,-]\d)"
)
_LOCAL = re.compile(r"(?<![\w/.,-])\d{3}-\d{2}-\d{2}(?![\w/]|[.,-]\d)")
_MULTISPACE = re.compile(r"\s{2,}|\n")


def _phone_confidence(raw: str) -> float:
    """How much ``raw`` (a candidate) looks like a phone number; 0 when not at all."""
    if _MULTISPACE.search(raw) or raw.count("(") != raw.count(")"):
        return 0.0
    digits = re.sub(r"\D", "", raw)
    n = len(digits)
    groups = len(re.findall(r"\d+", raw))
    if raw.startswith("+"):
        return 0.95 if 10 <= n <= 15 else 0.0
    if n == 11 and digits[0] in "78" and digits[1] in "3489":
        # 8 9xx / 8 4xx / 8 800 / 7 9xx: Russian mobile, city and free-phone codes
        return 0.9
    if n == 10 and digits[0] == "9" and (groups >= 3 or "(" in raw or groups == 1):
        return 0.75  # a Russian mobile without its country code
    if n == 12 and digits.startswith("992") and groups >= 3:
        return 0.8  # Tajik number, "+" dropped
    if n == 9 and digits[0] == "9" and groups >= 4:
        return 0.6  # Tajik mobile dialled locally: "93 555 12 40"
    return 0.0


def _phones(text: str) -> list[Finding]:
    out = []
    for m in _PHONE.finditer(text):
        raw = m.group().rstrip(" -.")
        conf = _phone_confidence(raw)
        if conf:
            out.append(Finding("PHONE", m.start(), m.start() + len(raw), raw, conf))
    out += [Finding("PHONE", m.start(), m.end(), m.group(), 0.6) for m in _LOCAL.finditer(text)]
    return out


# ---------------------------------------------------------------- documents

_DOC_WORD = re.compile(
    r"(?i)\b(?:паспорт\w*|шиноснома\w*|патент\w*|внж|рвп|вид\w* на жительство|"
    r"разрешени\w* на (?:временное проживание|работу)|миграционн\w* карт\w*|"
    r"id[- ]?карт\w*|удостоверени\w* личности|свидетельств\w* о рождении|полис\w*|снилс|"
    r"passports?|patents?|(?:residence|work) permits?|migration cards?|id cards?|"
    r"identity cards?|birth certificates?|series|серия|серии)(?!\w)"
)
# Words that start another numbered thing: the document's window ends there, so that
# "патента 7 560 рублей, квитанция № 0045213" leaves the receipt alone.
_DOC_STOP = re.compile(
    r"(?i)(?:квитанц|протокол|\bдел[оау]\b|приказ|постановлен|справк|\bст\.|стать|рейс|"
    r"палат|больниц|тел\.|телефон|\bномер телефона|receipt|protocol|\bcase\b|order|decree|"
    r"badge|room|article|flight|phone|\bcall)"
)
_DOC_NUM = re.compile(
    r"(?<![\w/.,+-])(?:"
    r"[A-Z]{2}\s?\d{7}"  # Uzbek and Kyrgyz passports and ID cards: FA7654321, ID 1234567
    r"|[IVX]{1,3}-[А-ЯЁA-Z]{2}\s*(?:№|No\.?)?\s*\d{6}"  # birth certificate I-ТД № 512345
    r"|\d{2}\s?\d{2}\s*(?:№|No\.?|N)\s*\d{6,7}"  # 4509 № 123456, 4617 № 0923456
    r"|\d{2}\s*(?:№|No\.?|N)?\s*\d{7,10}"  # patent 77 № 2400123456, ВНЖ 82 1234567
    r"|\d{2}\s\d{2}\s\d{6}|\d{4}\s\d{6}"  # Russian passport 45 09 123456, 4612 345678
    r"|\d{6,16}"  # anything else long enough to be a number of one person's document
    r")(?![\w/]|[.,-]\d)"
)
_SERIES = re.compile(r"(?i)\b(?:серии|серия|series)\s+(\d{4})\b")
_NUMBER_WORD = re.compile(r"(?i)(?:номер|number|№|No\.?)\s*(\d{6,10})\b")
_BARE_SHAPES = re.compile(
    r"(?<![\w/.,-])(?:[A-Z]{2}\d{7}|(?<=№ )\d{9}|(?<=№)\d{9})(?![\w/]|[.,-]\d)"
)
_WINDOW = 60
# A clause ends at a full stop, but not at the dot of "No." or of a one-letter abbreviation.
_CLAUSE_END = re.compile(r"(?<!\b[Nn]o)(?<!\b\w)[.;!?]\s|\n")


def _documents(text: str) -> list[Finding]:
    out: list[Finding] = []
    for word in _DOC_WORD.finditer(text):
        end = min(len(text), word.end() + _WINDOW)
        window = text[word.end():end]
        cut = _CLAUSE_END.search(window)
        if cut:
            window = window[: cut.start()]
        stop = _DOC_STOP.search(window)
        if stop:
            window = window[: stop.start()]
        base = word.end()
        for rx, conf in ((_DOC_NUM, 0.9), (_SERIES, 0.8), (_NUMBER_WORD, 0.85)):
            for m in rx.finditer(window):
                g = 1 if rx.groups else 0
                out.append(Finding("DOCUMENT", base + m.start(g), base + m.end(g), m.group(g),
                                   conf))
    out += [Finding("DOCUMENT", m.start(), m.end(), m.group(), 0.6)
            for m in _BARE_SHAPES.finditer(text)]
    return out


# ---------------------------------------------------------------- addresses

_CAPW = r"[A-ZА-ЯЁҒҚҲҶӢӮ][\w’'-]*"
_STREET_RU = (
    r"(?:ул\.|улиц[аеуы]|пр-к?те?\.?|просп\.|проспект[аеу]?|пер\.|переул(?:ок|ке|ка)|ш\.|"
    r"шоссе|б-р|бульвар[аеу]?|наб\.|набережн(?:ая|ой)|пл\.|площад[ьи]|мкр\.?|"
    r"микрорайон[аеу]?|проезд[аеу]?|туп\.|тупик[аеу]?|кӯчаи)"
)
_STREET_RU_AFTER = (
    r"(?:улиц[аеуы]|проспект[аеу]?|переул(?:ок|ке|ка)|шоссе|бульвар[аеу]?|набережн(?:ая|ой)|"
    r"площад[ьи]|проезд[аеу]?|тупик[аеу]?)"
)
_HOUSE_RU = r"(?:(?:д\.|дом[ау]?)\s*(?:№\s*)?)?\d{1,4}[а-яА-Я]?(?:/\d{1,3})?(?:-\d{1,4})?"
_EXTRA_RU = (
    r"(?:,?\s*(?:корп\.|корпус|к\.|стр\.|строение|кв\.|квартира|комн\.|хонаи)\s*\d{1,4}[а-я]?)*"
)
_NAME_RU = rf"(?:{_CAPW}|\d{{1,2}}-?(?:я|й|го)?)(?:\s{_CAPW}){{0,2}}"
_ADDRESS = [
    # ул. Ленина, д. 5, кв. 12 / кӯчаи Рӯдакӣ 45, хонаи 12 / пр-те Мира, 101
    (re.compile(rf"(?:г\.\s?{_CAPW},\s)?{_STREET_RU}\s?{_NAME_RU},?\s*{_HOUSE_RU}"
                rf"(?![\d.,]\d){_EXTRA_RU}"), 0.9),
    # Рязанский проспект, д. 8 / Складочной улице, дом 1, строение 4
    (re.compile(rf"{_CAPW}\s{_STREET_RU_AFTER},?\s*{_HOUSE_RU}(?![\d.,]\d){_EXTRA_RU}"), 0.85),
    # д. 17 по ул. Тверской / дома № 15 на Бирюлёвской
    (re.compile(rf"\b(?:д\.|дом[ау]?)\s*(?:№\s*)?\d{{1,4}}[а-я]?{_EXTRA_RU}\s(?:по|на)\s"
                rf"(?:{_STREET_RU}\s?)?{_CAPW}"), 0.8),
    # "на Люблинской, 27": a street adjective standing alone, after "на"
    (re.compile(r"(?<=\bна\s)[А-ЯЁ][а-яё]+(?:ской|цкой|ной|вой)(?=,\s\d)"
                rf",\s{_HOUSE_RU}(?!\s(?:человек|тыс|млн|%))(?![\d.,]\d){_EXTRA_RU}"), 0.6),
    # 12 Baker Street, flat 3 / 8 Ryazansky Prospekt, apt 44
    (re.compile(rf"\b\d{{1,4}}[A-Za-z]?(?:/\d{{1,3}})?\s(?:{_CAPW}\s){{1,3}}"
                r"(?:Street|St\b\.?|Avenue|Ave\b\.?|Road|Rd\b\.?|Lane|Prospekt|Prospect|"
                r"Boulevard|Shosse|Highway|Embankment|Square|Drive|Way|Place|Ulitsa)"
                r"(?:,?\s*(?:flat|apt\.?|apartment|building|bldg\.?|block|unit|room|house)"
                r"\s*\d{1,4}\w?)*"), 0.9),
    # house 14, Sadovaya Street / ul. Lenina 5-12
    (re.compile(rf"\bhouse\s\d{{1,4}}\w?,?\s(?:on\s)?(?:{_CAPW}\s){{1,3}}"
                r"(?:Street|St\b\.?|Avenue|Road|Lane|Prospekt|Prospect|Boulevard)"), 0.85),
    (re.compile(rf"\bul\.\s?{_CAPW}\s?,?\s*\d{{1,4}}(?:-\d{{1,4}})?"), 0.85),
]


def _addresses(text: str) -> list[Finding]:
    out = []
    for rx, conf in _ADDRESS:
        for m in rx.finditer(text):
            raw = m.group().rstrip(" ,")
            out.append(Finding("ADDRESS", m.start(), m.start() + len(raw), raw, conf))
    return out


# ---------------------------------------------------------------- names: rules

# A word; "'s" is split off so that "Mirzoev's" is a surname.
_L = "A-Za-zА-ЯЁа-яёҒғҚқҲҳҶҷӢӣӮӯ"
_WORD = re.compile(rf"[{_L}]+(?:[-'’][{_L}]{{2,}})*|\S")
_CAP = re.compile(r"[A-ZА-ЯЁҒҚҲҶӢӮ][a-zа-яёғқҳҷӣӯ’'-]+$")
_INITIAL = re.compile(r"[A-ZА-ЯЁ]\.$")
# Surnames of the region: Russian -ов/-ев/-ин, Tajik -зода/-ӣ, Kyrgyz -уулу, in the case
# forms a sentence puts them in; Latin spellings likewise.
_SURNAME = re.compile(
    r"[А-ЯЁҲҶҚҒ][а-яёҳҷқғӣӯ]+(?:ов|ев|ёв|ин|ын|зода|заде|иён|ий|ский|цкий|енко|ян)"
    r"(?:а|у|ым|ой|ых|ым|ыми|е|ою)?$"
    r"|[A-Z][a-z’']+(?:ov|ova|ev|eva|yev|yeva|yov|in|ina|zoda|zade|sky|skiy|skaya|enko|yan|"
    r"uulu|kyzy|iy|ovich|evich|ovna|evna|chenko|ik)$"
)
# A surname standing alone must look more like one: not "Гражданин", "Красногорский".
_STRONG_SURNAME = re.compile(
    r"[А-ЯЁҲҶҚҒ][а-яёҳҷқғӣӯ]+(?:ов|ев|ёв|зода|заде|иён)(?:а|у|ым|ой|ых|е)?$"
    r"|[A-Z][a-z’']+(?:ov|ova|ev|eva|yev|yeva|zoda|zade|uulu|kyzy)$"
)
_PATRONYMIC = re.compile(r"[А-ЯЁ][а-яё]+(?:ович|евич|ич|овна|евна|ична|инична)(?:а|у|ем)?$")
# Towns and words shaped like surnames: never a name on their own.
_SURNAME_LIKE_PLACES = words(
    """Rostov Saratov Pskov Kirov Korolev Kiev Lvov Kharkov Tambov Azov Chekhov Pushkin
    Kremlin Berlin Dublin Lenin Stalin Ростов Саратов Псков Киров Королёв Киев Львов
    Харьков Тамбов Азов Чехов Пушкин Кремль Ленин Ленина Сталина Владимир Dzerzhinsky
    Basmanny Meshchansky Presnensky Tverskoy Crimean Ryazansky Oktyabrsky Ленинский
    Мещанский Басманный Пресненский Дзержинский"""
)
_CASE_ENDINGS = ("ом", "ем", "ой", "ей", "ою", "ым", "ы", "и", "у", "ю", "е", "а", "я")


# Endings that make a Central Asian given name whatever the stem: Умедҷон, Azizbek,
# Rahmatullo, Shamsiddin, Amirkhon.
_GIVEN_ENDING = re.compile(
    r"[А-ЯЁҲҶҚҒ][а-яёҳҷқғӣӯ]+(?:джон|ҷон|жон|бек|улло|иддин|хон)(?:а|у|ом|е)?$"
    r"|[A-Z][a-z]+(?:jon|dzhon|bek|ullo|iddin|khon)$"
)


def _given(word: str) -> bool:
    """Whether ``word`` is a given name of the gazetteer, in any Russian case form."""
    if word in GIVEN_LATIN or word in GIVEN_CYRILLIC or _GIVEN_ENDING.match(word):
        return True
    for ending in _CASE_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            for nominative in (stem, stem + "а", stem + "я", stem + "й", stem + "ия"):
                if nominative in GIVEN_CYRILLIC:
                    return True
    return False


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


_TITLES_LOWER = frozenset(t.lower().rstrip(":") for t in TITLES)


def _title(word: str) -> bool:
    return word.lower().rstrip(":") in _TITLES_LOWER


def _nameish(word: str) -> bool:
    """A capitalised word that may be part of a name."""
    return bool(_CAP.match(word)) and word not in NOT_NAME and not _title(word)


def _surname(word: str) -> bool:
    return bool(_SURNAME.match(word)) and word not in _SURNAME_LIKE_PLACES \
        and word not in NOT_NAME


def _adjacent(text: str, a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    """Whether two tokens are separated by one space (a name never spans a comma)."""
    return text[a[1]:b[0]] == " "


# "I. V. Petrov", "А. Иванов": initials before a surname.
_INITIALS_NAME = re.compile(
    r"(?<![\w.])(?:[A-ZА-ЯЁ]\.\s?){1,2}([A-ZА-ЯЁ][a-zа-яё’'-]{2,})\b"
)


def _rule_names(text: str) -> list[Finding]:
    toks = _tokens(text)
    out: list[Finding] = [
        Finding("NAME", m.start(), m.end(), m.group(), 0.75)
        for m in _INITIALS_NAME.finditer(text) if _nameish(m.group(1))
    ]
    i = 0
    while i < len(toks):
        word = toks[i][2]
        start = i
        conf = 0.0
        if _nameish(word) and _given(word):
            conf = 0.7 if word not in AMBIGUOUS else 0.0
        elif _title(word):
            # skip a chain of titles ("Deputy Prime Minister") to the name that follows
            j = i + 1
            while j < len(toks) and _title(toks[j][2]) and _adjacent(text, toks[j - 1], toks[j]):
                j += 1
            if j < len(toks) and _nameish(toks[j][2]) and _adjacent(text, toks[j - 1], toks[j]) \
                    and (_given(toks[j][2]) or _surname(toks[j][2])
                         or (j + 1 < len(toks) and _nameish(toks[j + 1][2]))):
                start, conf = j, 0.75
            else:
                i += 1
                continue
        elif (0 < i < len(toks) - 1 and toks[i - 1][2] not in ".!?" and _nameish(word)
              and _adjacent(text, toks[i], toks[i + 1])
              and _STRONG_SURNAME.match(toks[i + 1][2]) and _surname(toks[i + 1][2])):
            # "Yaroslav Nilov": an unknown given name before a surname; not first in a
            # sentence, where a capitalised word is any word ("Задержанных Олимов")
            conf = 0.75
        elif _surname(word) and _CAP.match(word):
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if nxt and _adjacent(text, toks[i], nxt) and _nameish(nxt[2]) and (
                    _given(nxt[2]) or _PATRONYMIC.match(nxt[2])):
                conf = 0.8  # "Рахимов Фаррух", "Sharipov Faizullo"
            elif nxt and _INITIAL.match(nxt[2] + text[nxt[1]:nxt[1] + 1]):
                conf = 0.8  # "Кузнецова Е. А."
            elif _STRONG_SURNAME.match(word):
                conf = 0.55
        if not conf:
            i += 1
            continue
        # extend to the right over surname, patronymic, initials
        end = start
        while end + 1 < len(toks) and end - start < 2:
            nxt = toks[end + 1]
            if not _adjacent(text, toks[end], nxt):
                break
            if _nameish(nxt[2]) and (_surname(nxt[2]) or _PATRONYMIC.match(nxt[2])
                                     or _given(nxt[2]) or conf >= 0.75):
                end += 1
            else:
                break
        stop = toks[end][1]
        # "Е. А." after a surname
        m = re.compile(r"\s[А-ЯЁA-Z]\.\s?(?:[А-ЯЁA-Z]\.)?").match(text, stop)
        if m and _surname(toks[end][2]):
            stop = m.end()
        if end == start and toks[start][2] in AMBIGUOUS:
            i += 1
            continue
        if end > start:
            conf = max(conf, 0.8)
        out.append(Finding("NAME", toks[start][0], stop, text[toks[start][0]:stop], conf))
        i = end + 1
    return out


# ---------------------------------------------------------------- names: natasha

_CYR_CAP = re.compile(r"[А-ЯЁҒҚҲҶӢӮ][а-яёғқҳҷӣӯ]")
# Letters Russian lacks: the text is Tajik, where the Russian model takes places for people.
_TAJIK = re.compile(r"[ҒғҚқҲҳҶҷӢӣӮӯ]|\b(?:дар|шуд|аст|ба|ки|ва|аз)\b")
_ADJECTIVE = re.compile(r"(?:ский|цкий|ской|ская|ое|ый)$")
_STREET_BEFORE = re.compile(r"(?i)(?:ул\.|улиц\w+|проспект\w*|пр-т\w*|пер\.|им\.|имени|"
                            r"переул\w+|бульвар\w*|шоссе|площад\w+)\s*$")


def _ner_names(text: str) -> list[Finding]:
    """natasha's PER entities, for Cyrillic text with capitalised words only."""
    if not _CYR_CAP.search(text):
        return []
    from khronika.extract.ner_ru import raw_spans  # loads the model once, on first use

    out = []
    tajik = bool(_TAJIK.search(text))
    for start, end, label in raw_spans(text):
        if label != "PER":
            continue
        span = text[start:end].strip(" .,«»\"'()")
        start = text.find(span, start)
        # a title the model took into the name ("Бародарам Фаррух")
        first = span.split(" ", 1)
        if len(first) == 2 and _title(first[0]):
            span, start = first[1], start + len(first[0]) + 1
        end = start + len(span)
        parts = span.split()
        if len(parts) == 1 and not (_given(span) or _surname(span)) and (
                tajik or _ADJECTIVE.search(span)):
            continue  # "Подолск", "Русия" in Tajik text; "Жуковский" (a town) alone
        if not span or _STREET_BEFORE.search(text[max(0, start - 12):start]) \
                or span in _SURNAME_LIKE_PLACES or span in NOT_NAME:
            continue
        out.append(Finding("NAME", start, end, span, 0.85))
    return out


# ---------------------------------------------------------------- all together


def _resolve(found: Iterable[Finding]) -> list[Finding]:
    """Non-overlapping findings: by kind priority, then the longer, then the earlier."""
    chosen: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for f in sorted(found, key=lambda f: (_PRIORITY[f.kind], -(f.end - f.start), f.start)):
        if f.end <= f.start or any(f.start < e and s < f.end for s, e in taken):
            continue
        chosen.append(f)
        taken.append((f.start, f.end))
    return sorted(chosen, key=lambda f: f.start)


def _merge_names(text: str, found: list[Finding]) -> list[Finding]:
    """Rule and model names joined where they overlap (the model's "Гульнора" and the
    rules' "Гульнора Рахимова" become one span)."""
    names = sorted((f for f in found if f.kind == "NAME"), key=lambda f: f.start)
    merged: list[Finding] = []
    for f in names:
        if merged and f.start < merged[-1].end:
            last = merged[-1]
            start, end = last.start, max(last.end, f.end)
            merged[-1] = Finding("NAME", start, end, text[start:end],
                                 max(last.confidence, f.confidence))
        else:
            merged.append(f)
    return [f for f in found if f.kind != "NAME"] + merged


def detect(text: str, kinds: Iterable[str] | None = None, use_ner: bool = True) -> list[Finding]:
    """Personal data in ``text``, sorted by offset, never overlapping.

    ``kinds`` limits the search (default: all of :data:`KINDS`); ``use_ner=False`` skips
    natasha (rules only: faster, lower recall for Russian names).
    """
    want = set(KINDS if kinds is None else kinds)
    unknown = want - set(KINDS)
    if unknown:
        raise ValueError(f"unknown PII kind(s) {sorted(unknown)}; valid: {', '.join(KINDS)}")
    found: list[Finding] = []
    if "EMAIL" in want or "HANDLE" in want:
        # e-mails are found even when not wanted, so that their domains are not handles
        found += [Finding("EMAIL", m.start(), m.end(), m.group(), 0.99)
                  for m in _EMAIL.finditer(text)]
        found += [Finding("HANDLE", m.start(), m.end(), m.group(), 0.9)
                  for m in _HANDLE.finditer(text)]
    if "DOCUMENT" in want or "PHONE" in want:
        found += _documents(text) + _phones(text)
    if "ADDRESS" in want:
        found += _addresses(text)
    if "NAME" in want:
        names = _rule_names(text) + (_ner_names(text) if use_ner else [])
        found = _merge_names(text, found + names)
    return [f for f in _resolve(found) if f.kind in want]


def spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` of :func:`detect`: the detector shape exports plug in."""
    return [(f.start, f.end, f.kind) for f in detect(text)]
