"""Stage ``places``: place names in the text, resolved against the offline gazetteer."""

from __future__ import annotations

from khronika.model import Document


class PlaceStage:
    name = "places"
    requires: tuple[str, ...] = ("text", "sentences", "lang")
    assigns: tuple[str, ...] = ("places",)

    def __call__(self, doc: Document) -> None:
        doc.places = []
