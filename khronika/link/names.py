"""Spelling-independent keys for names and words across Cyrillic and Latin scripts.

The same person or place is written Чупик / Chupik, Вахдат / Ваҳдат / Vahdat / Vakhdat,
Каримова (genitive) / Karimov. :func:`skeleton` maps a word to a Latin consonant-and-vowel
skeleton in which those variants coincide: Russian and Tajik letters are transliterated
with our own table, then digraphs that English, French and Russian-style romanisations
spell differently are collapsed (kh→h, zh/dzh/dj→j, shch/sh→s, ch→c, ts→c, y→i ...).
:func:`word_key` truncates the skeleton to :data:`KEY_CHARS` characters, a crude stemmer
that makes Russian case endings (Москве / Москва, Каримова / Каримов) meet.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from functools import lru_cache

from khronika.memo import Memo

# Russian and Tajik Cyrillic to Latin, close to the BGN/PCGN romanisation that English news
# uses; soft and hard signs vanish. Tajik ғ/қ/ҳ/ҷ/ӣ/ӯ are mapped to what Russian-language
# and English sources write for them (Ваҳдат → vahdat, Ҷамшед → jamshed, Қурбон → kurbon).
_CYR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "ғ": "gh", "ӣ": "i", "қ": "k", "ӯ": "u", "ҳ": "h", "ҷ": "j", "ә": "a",
    "ө": "o", "ү": "u", "ң": "n", "і": "i", "ї": "i", "є": "e", "ґ": "g",
}

# Romanisation variants collapsed after transliteration, longest first (order matters:
# shch before sh and ch, dzh before zh). Calibrated on the names of the demo corpus and
# their spellings in English, Russian and Tajik sources.
_DIGRAPHS = [
    ("shch", "s"), ("sch", "s"), ("dzh", "j"), ("tch", "c"), ("kh", "h"), ("zh", "j"),
    ("dj", "j"), ("sh", "s"), ("ch", "c"), ("ts", "c"), ("tz", "c"), ("gh", "g"),
    ("ph", "f"), ("yu", "u"), ("iu", "u"), ("ya", "a"), ("ia", "a"),
    ("ye", "e"), ("ck", "k"), ("q", "k"), ("w", "v"), ("x", "ks"),
    ("y", "i"), ("ou", "u"), ("oo", "u"), ("ee", "i"),
]
_DIGRAPH_RE = re.compile("|".join(re.escape(a) for a, _ in _DIGRAPHS))
_DIGRAPH_MAP = dict(_DIGRAPHS)
_DOUBLE_RE = re.compile(r"(.)\1+")
_NON_ALNUM_RE = re.compile(r"[^a-z0-9]")
_ACCENTS = str.maketrans("áàâäãåéèêëíìîïóòôöõúùûüýÿçčšžñ", "aaaaaaeeeeiiiiooooouuuuyycsszn")

#: Characters of a skeleton kept in a key: enough to tell names apart, few enough that
#: Russian case endings fall off (Москвой/Москве/Москва → moskva/moskve/moskvo → "moskv").
KEY_CHARS = 5

WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+(?:[.,]\d+)?", re.UNICODE)

_CYR_TABLE = str.maketrans(_CYR)


def translit(text: str) -> str:
    """Lower-case Latin transliteration of any Cyrillic in ``text`` (other letters kept)."""
    return text.lower().translate(_CYR_TABLE).translate(_ACCENTS)


def _digraph(m: re.Match[str]) -> str:
    """What a matched spelling is reduced to ("shch" → "s", "x" → "ks")."""
    return _DIGRAPH_MAP[m.group(0)]


def skeleton(word: str) -> str:
    """Spelling-independent form of one word: Вахдат, Ваҳдат, Vakhdat and Vahdat → 'vahdat'."""
    if word.isascii() and word.isdigit():
        # a figure has nothing to transliterate, strip or collapse but repeated digits
        return _DOUBLE_RE.sub(r"\1", word) if _DOUBLE_RE.search(word) else word
    s = translit(word)
    s = _NON_ALNUM_RE.sub("", s)
    s = _DIGRAPH_RE.sub(_digraph, s)
    return _DOUBLE_RE.sub(r"\1", s)


@lru_cache(maxsize=200_000)
def word_key(word: str) -> str:
    """The key under which spellings and case forms of a word meet (see :data:`KEY_CHARS`)."""
    return skeleton(word)[:KEY_CHARS]


def words(text: str) -> list[str]:
    """The words and numbers of a text, in order."""
    return WORD_RE.findall(text)


def stable_hash(key: str) -> int:
    """A hash that is the same in every process (Python's ``hash`` of str is salted)."""
    return zlib.crc32(key.encode("utf-8"))


# Words too common in this domain to say anything about which event a report describes;
# dropped from names. Written by hand from the demo corpus (en, ru, tg).
_NAME_STOP_WORDS = (
    # en
    "the police a an in on at of and for with after before this that these those it they "
    "he she we his her their monday tuesday wednesday thursday friday saturday sunday "
    "january february march april may june july august september october november december "
    "russia russian russians tajik tajiks tajikistan moscow migrants migrant according "
    "interior ministry mvd fsb telegram hotline news update breaking",
    # ru
    "в на по и из у о от до за после полиция полиции сотрудники мвд фсб россия россии "
    "москва москве москвы мигранты мигрантов таджики таджиков таджикистан таджикистана "
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря "
    "понедельник вторник среда четверг пятница суббота воскресенье по данным как "
    "срочно телеграм новости",
    # tg
    "дар ва аз ба бо ки ин он точикистон тоҷикистон муҳоҷирон муҳоҷир русия маскав "
    "марти апрели полис",
)
NAME_STOP = {word_key(w) for group in _NAME_STOP_WORDS for w in group.split()}


def name_keys(names: Iterable[str]) -> list[str]:
    """Keys of the words of names (people, organisations, places), common words dropped."""
    keys: set[str] = set()
    memo = _name_keys_memo
    for name in names:
        keys.update(memo[name])
    return sorted(keys)


def _keys_of(name: str) -> tuple[str, ...]:
    """:func:`name_keys` of one name (remembered in :data:`_name_keys_memo`: the same names
    and capitalised words recur report after report)."""
    keys = []
    for w in words(name):
        if w.isdigit() or len(w) < 3:
            continue
        k = word_key(w)
        if len(k) >= 3 and k not in NAME_STOP:
            keys.append(k)
    return tuple(keys)


_name_keys_memo = Memo(_keys_of)


def capitalised(text: str) -> list[str]:
    """Capitalised words of a text that do not open a sentence: likely proper names.

    A fallback when the extractor found no entities; sentence-initial words are skipped
    because in every language the first word is capitalised whatever it is.
    """
    return [m.group(1) for m in _CAP_RE.finditer(text)]


# a capitalised word preceded by a letter, digit or comma and spaces or opening quotes:
# that is, not at the start of the text or of a sentence
_CAP_RE = re.compile(r"(?<=[\w,;])[\s«\"'(]+([A-ZА-ЯЁҒҚҲҶӢӮ][^\W\d_]{2,})")
