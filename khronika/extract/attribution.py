"""Stage ``attribution``: who says so, and how sure the text is (certainty)."""

from __future__ import annotations

from khronika.model import Document


class AttributionStage:
    name = "attribution"
    requires: tuple[str, ...] = ("text", "sentences", "events")
    assigns: tuple[str, ...] = ("attributions",)

    def __call__(self, doc: Document) -> None:
        doc.attributions = []
