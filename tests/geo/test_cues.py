"""Country cues: parties, forces and currencies that tell which country a report is about,
used to choose among homonyms and to place an event that names no town."""

import pytest

from khronika.extract.places import find_places
from khronika.extract.sentences import split_sentences
from khronika.geo import best_event_location
from khronika.geo.cues import cue_country, cue_votes, find_cues
from khronika.model import Document, Place


def _doc(text: str, lang: str = "en") -> Document:
    doc = Document("t", text, lang=lang)
    doc.sentences = split_sentences(text)
    doc.places = find_places(doc)
    return doc


def test_cues_match_whole_words_in_their_case() -> None:
    text = "BNP activists and CRPF jawans clashed; сотрудники ОМОН и Росгвардии пришли."
    found = [(text[c.start : c.end], c.country) for c in find_cues(text)]
    assert found == [("BNP", "BD"), ("CRPF", "IN"), ("jawans", "IN"), ("ОМОН", "RU"),
                     ("Росгвардии", "RU")]
    # an acronym in lower case, or inside a longer word, is no cue
    assert find_cues("the bnp said; BNPX; ZBSF") == ()
    assert cue_votes("BNP, BNP and the Awami League") == {"BD": 2.0}


def test_cue_country_needs_agreement() -> None:
    assert cue_country("CRPF jawans were hurt") is not None
    assert cue_country("BJP and PPP leaders met") is None
    assert cue_country("Nothing here names a party") is None


@pytest.mark.slow
def test_cues_choose_among_homonyms() -> None:
    pk = _doc("PPP workers protested outside the press club in Hyderabad on Monday.")
    assert [p.country for p in pk.places if p.text == "Hyderabad"] == ["PK"]
    india = _doc("BJP workers protested outside the press club in Hyderabad on Monday.")
    assert [p.country for p in india.places if p.text == "Hyderabad"] == ["IN"]


@pytest.mark.slow
def test_place_inside_an_organisation_name_is_not_a_place() -> None:
    doc = _doc("Opposition members walked out of the Lok Sabha on Tuesday.")
    assert not any(p.text == "Sabha" for p in doc.places)


@pytest.mark.slow
def test_event_without_a_place_is_put_in_the_cued_country() -> None:
    text = "Unknown men threw a crude bomb at a BNP office late on Friday."
    doc = _doc(text)
    where = best_event_location(doc, 0)
    assert where is not None
    assert (where.country, where.precision, where.feature) == ("BD", 3, "country")
    assert text[where.start : where.end] == "BNP"  # the evidence is the cue itself
    capital = "Сотрудники ОМОН задержали в столице двадцать мигрантов."
    at = best_event_location(_doc(capital, "ru"), 0)
    assert at is not None and at.name == "Moscow" and at.precision == 1
    assert capital[at.start : at.end] == "столице"


def test_demonym_alone_places_nothing() -> None:
    doc = Document("d", "Tajik migrants were detained in the capital.")
    doc.places = [Place(text="Tajik", start=0, end=5, lat=38.5, lon=71.0, country="TJ",
                        feature="demonym", sentence=0)]
    assert best_event_location(doc, 0) is None
