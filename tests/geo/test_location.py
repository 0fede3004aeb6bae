"""The event-location helper for the events stage."""

from khronika.geo import best_event_location
from khronika.model import Document, Place


def _place(text: str, start: int, feature: str, sentence: int) -> Place:
    return Place(text=text, start=start, end=start + len(text), lat=1.0, lon=2.0,
                 feature=feature, sentence=sentence)


def test_prefers_town_in_sentence_and_skips_demonyms() -> None:
    doc = Document("d", "x" * 200)
    doc.places = [
        _place("Tajik", 0, "demonym", 0),
        _place("Northland", 10, "admin1", 0),
        _place("Millbrook", 30, "city", 0),
        _place("Otherton", 120, "city", 2),
    ]
    best = best_event_location(doc, 0)
    assert best is not None and best.text == "Millbrook"
    assert best_event_location(doc, [2], 125) is not None


def test_none_without_resolved_places() -> None:
    doc = Document("d", "nothing here")
    doc.places = [Place(text="Nowhere", start=0, end=7)]
    assert best_event_location(doc, 0) is None
