"""The event-location helper for the events stage."""

import pytest

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


def test_town_inside_the_chosen_country_wins() -> None:
    doc = Document("d", "x" * 200)
    doc.places = [
        Place(text="Pakistan", start=0, end=8, lat=30.0, lon=70.0, country="PK",
              feature="country", sentence=0),
        Place(text="Mardan", start=120, end=126, lat=34.2, lon=72.0, country="PK",
              admin1="Khyber Pakhtunkhwa", feature="city", sentence=2),
    ]
    best = best_event_location(doc, 0, 3)
    assert best is not None and best.text == "Mardan"


def test_places_of_the_main_country_come_first() -> None:
    doc = Document("d", "x" * 200)
    doc.places = [
        Place(text="Farland", start=5, end=12, lat=1.0, lon=1.0, country="AA",
              feature="city", sentence=0),
        Place(text="Homeville", start=40, end=49, lat=5.0, lon=5.0, country="BB",
              feature="city", sentence=0),
        Place(text="Homeshire", start=60, end=69, lat=5.0, lon=6.0, country="BB",
              feature="admin1", sentence=0),
    ]
    best = best_event_location(doc, 0, 6)
    assert best is not None and best.text == "Homeville"


@pytest.mark.slow
def test_a_province_is_placed_at_its_seat() -> None:
    from khronika.extract.places import find_places
    from khronika.extract.sentences import split_sentences

    text = "Hundreds of workers protested in Sindh province on Friday."
    doc = Document("d", text, lang="en")
    doc.sentences = split_sentences(text)
    doc.places = find_places(doc)
    best = best_event_location(doc, 0)
    assert best is not None and best.feature == "admin1" and best.admin1 == "Sindh"
    # Karachi, the province's capital and largest town
    assert best.lat is not None and best.lon is not None
    assert abs(best.lat - 24.86) < 0.3 and abs(best.lon - 67.01) < 0.3


def test_destination_or_home_base_is_not_the_scene() -> None:
    text = "A Riverton-bound bus was set on fire near Oakfield district on Monday."
    doc = Document("d", text)
    doc.places = [
        Place(text="Riverton", start=2, end=10, lat=1.0, lon=2.0, country="XX",
              feature="city", sentence=0),
        Place(text="Oakfield district", start=42, end=59, lat=3.0, lon=4.0, country="XX",
              feature="admin2", sentence=0),
    ]
    best = best_event_location(doc, 0)
    assert best is not None and best.text == "Oakfield district"
