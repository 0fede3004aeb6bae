"""Stage ``entities``: people, organisations and places named in the text."""

from __future__ import annotations

from khronika.model import Document


class EntityStage:
    name = "entities"
    requires: tuple[str, ...] = ("text", "sentences", "lang", "places")
    assigns: tuple[str, ...] = ("entities",)

    def __call__(self, doc: Document) -> None:
        doc.entities = []
