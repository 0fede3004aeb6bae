"""Tests of the Russian recogniser's NEREL-convention rules (khronika.extract.ner_ru):
adjectives made from places and people, bodies named by a common noun, a body's office
for a region, quoted names after their kind, people that streets are named after. Three
parts are in the default convention too (surname adjectives, place adjectives capitalised
inside a sentence, police and embassies named by a place); the rest only under
``KHRONIKA_NER_CONVENTION=nerel`` (the ``nerel`` fixture).

Every sentence is written for these tests (no corpus text). Each rule is asserted on
the recogniser's output; the word rules (which adjective is a place's) on their own.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from khronika.extract import ner_en, ner_ru
from khronika.extract.entities import find_entities
from khronika.model import Document, Place


def _ents(text: str) -> set[tuple[str, str]]:
    found = set()
    for e in find_entities(Document(id="t", text=text, lang="ru")):
        assert text[e.start : e.end] == e.text  # offsets are exact
        found.add((e.label, e.text))
    return found


@pytest.fixture
def nerel(monkeypatch: pytest.MonkeyPatch) -> None:
    """NEREL's convention switched on (the default marks proper names only)."""
    monkeypatch.setattr(ner_ru, "CONVENTION", "nerel")


def test_by_default_only_proper_names_are_marked() -> None:
    assert ner_ru.CONVENTION == "names"
    found = _ents("Российские власти и правительство Словении обсудили новый договор.")
    assert ("LOC", "Российские") not in found
    assert not any(t.startswith("правительство") for _, t in found)
    assert ("LOC", "Словении") in found


def test_by_default_police_and_embassies_with_a_place_are_organisations() -> None:
    found = _ents("Вчера полиция Малайзии задержала двоих, а посольство Канады выразило протест.")
    assert ("ORG", "полиция Малайзии") in found
    assert ("LOC", "Малайзии") in found  # the place stays, nested
    assert ("ORG", "посольство Канады") in found


def test_by_default_courts_and_described_police_are_no_names() -> None:
    found = _ents("Суд Малайзии отклонил жалобу, которую подала эстонская полиция.")
    assert not any(t.startswith(("Суд", "эстонская")) for _, t in found)


def test_by_default_a_named_body_takes_its_adjective_but_a_described_one_is_none() -> None:
    text = "Вчера эстонская полиция Тарту задержала двух угонщиков."
    spans = ner_ru._add_bodies(text, [(text.index("Тарту"), text.index("Тарту") + 5, "LOC")],
                               ner_ru._NAMED_BODIES_DEFAULT)
    assert {text[s:e] for s, e, label in spans if label == "ORG"} == {"эстонская полиция Тарту"}
    text = "Вчера эстонская полиция задержала двух угонщиков."
    spans = ner_ru._add_bodies(text, [], ner_ru._NAMED_BODIES_DEFAULT)
    assert not any(label == "ORG" for _, _, label in spans)


# ---------------------------------------------------------------- place adjectives


@pytest.mark.parametrize(
    "lemma",
    ["российский", "нью-йоркский", "каннский", "чешский", "норвежский", "брянский",
     "итальянский", "южноафриканский", "немецкий", "московский"],
)
def test_adjectives_made_from_places(lemma: str) -> None:
    assert ner_ru._place_adjective_lemma(lemma)


@pytest.mark.parametrize(
    "lemma",
    ["русский", "политический", "банковский", "городской", "ленинский", "детский",
     "александровский"],
)
def test_adjectives_that_name_no_place(lemma: str) -> None:
    assert not ner_ru._place_adjective_lemma(lemma)


@pytest.mark.usefixtures("nerel")
def test_a_place_adjective_is_a_place() -> None:
    found = _ents("Жюри Каннского фестиваля назвало лучший фильм года.")
    assert ("LOC", "Каннского") in found
    found = _ents("Вчера начались российско-американские переговоры о поставках зерна.")
    assert ("LOC", "российско") in found
    assert ("LOC", "американские") in found


def test_by_default_only_a_capitalised_place_adjective_is_a_place() -> None:
    found = _ents("Вчера жюри Каннского фестиваля отметило фильм о российских беженцах.")
    assert ("LOC", "Каннского") in found
    assert ("LOC", "российских") not in found


@pytest.mark.usefixtures("nerel")
def test_a_language_is_no_place() -> None:
    found = _ents("Сборник вышел на английском и французском языках в прошлом году.")
    assert not any(label == "LOC" for label, _ in found)


@pytest.mark.usefixtures("nerel")
def test_one_person_origin_is_no_place() -> None:
    found = _ents("В больнице скончался известный американский актёр Джон Смит.")
    assert ("LOC", "американский") not in found
    assert ("PER", "Джон Смит") in found


# ---------------------------------------------------------------- bodies


@pytest.mark.usefixtures("nerel")
def test_a_government_is_named_bare_and_with_its_country() -> None:
    assert ("ORG", "Правительство") in _ents("Правительство одобрило новый законопроект.")
    found = _ents("Вчера полиция Малайзии задержала двоих подозреваемых.")
    assert ("ORG", "полиция Малайзии") in found
    assert ("LOC", "Малайзии") in found  # the place stays, nested


@pytest.mark.usefixtures("nerel")
def test_a_body_with_a_place_adjective() -> None:
    found = _ents("Итальянские власти закрыли аэропорт на сутки.")
    assert ("ORG", "Итальянские власти") in found
    assert ("LOC", "Итальянские") in found


@pytest.mark.usefixtures("nerel")
def test_words_of_time_stay_out_of_a_body_name() -> None:
    found = _ents("Премьер пообещал, что новое правительство соберётся в понедельник.")
    assert ("ORG", "правительство") in found


@pytest.mark.usefixtures("nerel")
def test_bare_police_courts_and_authorities_are_no_names() -> None:
    found = _ents("Потерпевший обратился в полицию, затем в суд, но власти не ответили.")
    assert not any(label == "ORG" for label, _ in found)


@pytest.mark.usefixtures("nerel")
def test_a_press_service_and_a_cabinet() -> None:
    found = _ents("Об этом сообщила пресс-служба МВД, заседание кабинета министров перенесли.")
    assert ("ORG", "пресс-служба МВД") in found
    assert ("ORG", "МВД") in found
    assert ("ORG", "кабинета министров") in found


def test_an_office_for_a_region_is_one_organisation() -> None:
    found = _ents("Как сообщили в ГУ МВД России по Москве, задержанных отпустили.")
    assert ("ORG", "ГУ МВД России по Москве") in found
    assert ("LOC", "Москве") in found


# ---------------------------------------------------------------- people and quoted names


def test_an_adjective_made_from_a_surname_is_the_person() -> None:  # in both conventions
    found = _ents("Учёный стал лауреатом Нобелевской премии по химии.")
    assert ("PER", "Нобелевской") in found


def test_a_street_is_named_after_a_person() -> None:
    found = _ents("Авария произошла вечером на улице Лобачевского.")
    assert ("PER", "Лобачевского") in found
    assert ("LOC", "Лобачевского") not in found


def test_a_quoted_name_after_its_kind_is_an_organisation() -> None:
    found = _ents("Об этом написала газета ''Morning Tribune'' в субботнем номере.")
    assert ("ORG", "Morning Tribune") in found


# ---------------------------------------------------------------- English demonyms


def test_english_demonyms_are_no_places() -> None:
    text = "Tajik migrants and Syrians were questioned by Russian police in Moscow."
    places = [Place(text=w, start=text.index(w), end=text.index(w) + len(w))
              for w in ("Tajik", "Syrians", "Russian", "Moscow")]
    found = {(e.label, e.text) for e in ner_en.recognise(text, places)}
    assert ("LOC", "Moscow") in found
    assert not {"Tajik", "Syrians", "Russian"} & {t for _, t in found}


def test_an_unknown_convention_is_refused_by_name() -> None:
    env = {**os.environ, "KHRONIKA_NER_CONVENTION": "wikiner"}
    run = subprocess.run([sys.executable, "-c", "import khronika.extract.ner_ru"],
                         env=env, capture_output=True, text=True, check=False)
    assert run.returncode != 0
    assert "KHRONIKA_NER_CONVENTION must be one of names, nerel" in run.stderr
