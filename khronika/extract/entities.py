"""Stage ``entities``: people, organisations and places named in the text.

Cyrillic text (Russian, Tajik) goes through natasha's slovnet model with boundary fixes
(:mod:`khronika.extract.ner_ru`), loaded only when such a document arrives; everything
else through cheap English rules (:mod:`khronika.extract.ner_en`) that also reuse the
places found by the ``places`` stage.
"""

from __future__ import annotations

import re

from khronika.extract.language import script_family
from khronika.model import Document, Entity

_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
_LATIN = re.compile(r"[a-zA-Z]")


def _is_cyrillic(doc: Document) -> bool:
    """Whether the text is mostly Cyrillic: the language code decides, and the script
    settles documents whose language is unknown or outside both paths."""
    if script_family(doc.lang) == "cyrillic":
        return True
    if doc.lang == "en":
        return False
    sample = doc.text[:2000]
    return len(_CYRILLIC.findall(sample)) > len(_LATIN.findall(sample))


def find_entities(doc: Document) -> list[Entity]:
    """The entities of one document (its ``lang`` and ``places`` already filled)."""
    if not doc.text.strip():
        return []
    if _is_cyrillic(doc):
        from khronika.extract import ner_ru  # loads the model on first use

        return ner_ru.recognise(doc.text)
    from khronika.extract import ner_en

    return ner_en.recognise(doc.text, doc.places)


class EntityStage:
    """Assigns ``entities``: PER, ORG and LOC spans with exact offsets into the text."""

    name = "entities"
    requires: tuple[str, ...] = ("text", "sentences", "lang", "places")
    assigns: tuple[str, ...] = ("entities",)

    def __call__(self, doc: Document) -> None:
        doc.entities = find_entities(doc)
