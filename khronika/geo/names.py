"""Name normalisation shared by the gazetteer index and the place finder.

Both sides of every look-up go through the same functions, so the index keys and the
query keys agree: :func:`norm` folds case, Latin accents, apostrophes and punctuation;
:func:`ru_stem` strips Russian (and most Tajik) case endings so that "Калуге", "Калуги"
and "Калуга" meet on one key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Abbreviations that place names are written with either way ("St. Louis", "Saint Louis").
_TOKEN_MAP = {
    "st": "saint",
    "ste": "sainte",
    "mt": "mount",
    "ft": "fort",
    "pt": "port",
    "gorod": "",
}

_APOSTROPHES = "'’`ʻʼ‘´"
_SEPARATORS = re.compile(r"[\s\-‐–—.,/()\[\]\"]+")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """Strip accents from Latin letters only: Cyrillic "й" must not become "и"."""
    if ord(ch) < 0x250:
        decomposed = unicodedata.normalize("NFKD", ch)
        return "".join(c for c in decomposed if not unicodedata.combining(c))
    if ch == "ё":
        return "е"
    return ch


@lru_cache(maxsize=200_000)
def norm(name: str) -> str:
    """The look-up key of a name: folded, lower-case, single-spaced words."""
    low = name.lower()
    for a in _APOSTROPHES:
        low = low.replace(a, "")
    if low.isascii():  # no accents to strip, nothing to replace
        folded = low
    else:
        folded = "".join(map(_fold_char, low)).replace("ß", "ss").replace("ø", "o")
    words = [w for w in _SEPARATORS.split(folded) if w]
    return " ".join(_TOKEN_MAP.get(w, w) for w in words if _TOKEN_MAP.get(w, w))


# Russian nominal and adjectival endings, longest first. Calibrated on city and region
# names in their six cases: the stem keeps >= 3 letters so short names ("Уфа", "Орск")
# are not reduced to a letter or two that collide with everything.
_RU_ENDINGS = sorted(
    {
        "иями", "ями", "ами", "ией", "ого", "его", "ему", "ому", "ыми", "ими", "ая", "яя",
        "ое", "ее", "ой", "ей", "ий", "ый", "ую", "юю", "ом", "ем", "ам", "ям", "ах", "ях",
        "ов", "ев", "ию", "ия", "ие", "ии", "ье", "ья", "ьи", "ью", "а", "я", "о", "е", "ы",
        "и", "у", "ю", "ь", "й",
    },
    key=len,
    reverse=True,
)
_CYRILLIC = re.compile(r"[а-яёА-ЯЁҳқғӯӣҷ]")


def has_cyrillic(text: str) -> bool:
    """True when ``text`` holds at least one Cyrillic letter."""
    return _CYRILLIC.search(text) is not None


@lru_cache(maxsize=50_000)
def ru_stem_word(word: str) -> str:
    """One normalised Cyrillic word without its case ending (a Latin word is returned as is;
    remembered per word: the place finder asks for the same words report after report)."""
    if not has_cyrillic(word):
        return word
    for ending in _RU_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=50_000)
def ru_stem(key: str) -> str:
    """A normalised key with every Cyrillic word stemmed."""
    return " ".join(ru_stem_word(w) for w in key.split(" "))


def is_latin_key(key: str) -> bool:
    """True for keys written in Latin letters (and digits or spaces) only."""
    return key.isascii()


def usable_alias(name: str) -> bool:
    """Whether an alternate name is worth indexing: Latin or Cyrillic, no digits, no codes."""
    if len(name) < 2 or len(name) > 60 or any(c.isdigit() for c in name):
        return False
    if name.startswith("http"):
        return False
    for c in name:
        if c.isalpha():
            o = ord(c)
            # Latin (with extensions) and Cyrillic; other scripts never appear in our input
            if not (o < 0x250 or 0x400 <= o < 0x530 or 0x1E00 <= o < 0x1F00):
                return False
    # All-capital short aliases are mostly codes ("LA", "NY"); they would match acronyms.
    return not (name.isupper() and len(name) <= 4)
