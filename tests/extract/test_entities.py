"""Tests of the ``entities`` stage: Russian through natasha, English by rule.

Every example is written for these tests (no corpus text).
"""

from __future__ import annotations

import pytest

from khronika.extract import ner_en, ner_rules
from khronika.extract.entities import EntityStage, find_entities
from khronika.model import Document, Place


def _ents(text: str, lang: str, places: list[Place] | None = None) -> set[tuple[str, str]]:
    doc = Document(id="t", text=text, lang=lang, places=places or [])
    EntityStage()(doc)
    for e in doc.entities:
        assert text[e.start : e.end] == e.text  # offsets are exact
    return {(e.label, e.text) for e in doc.entities}


def test_stage_declares_its_layers() -> None:
    stage = EntityStage()
    assert stage.name == "entities"
    assert stage.requires == ("text", "sentences", "lang", "places")
    assert stage.assigns == ("entities",)


def test_empty_text_has_no_entities() -> None:
    assert find_entities(Document(id="t", text="   ", lang="ru")) == []


# ---------------------------------------------------------------- Russian


def test_russian_people_places_organisations() -> None:
    found = _ents(
        "Вчера в Екатеринбурге сотрудники полиции задержали Ивана Петрова, "
        "сообщила пресс-служба МВД.",
        "ru",
    )
    assert ("LOC", "Екатеринбурге") in found
    assert ("PER", "Ивана Петрова") in found
    assert ("ORG", "МВД") in found


def test_name_at_the_very_start_is_found() -> None:
    # the model alone misses a name that is the first token of its input
    assert ("PER", "Путин") in _ents("Путин подписал указ о помиловании.", "ru")


def test_quoted_organisation_loses_legal_form_and_quotes() -> None:
    found = _ents("Акции ОАО «Уралхимпласт» подешевели на бирже в Казани.", "ru")
    assert ("ORG", "Уралхимпласт") in found
    assert not any("«" in text or "ОАО" in text for _, text in found)


def test_gloss_in_brackets_is_a_separate_name() -> None:
    found = _ents(
        "Об этом заявил Комитет защиты журналистов (КЗЖ) в своём докладе.", "ru"
    )
    assert ("ORG", "КЗЖ") in found
    assert not any("(" in text for _, text in found)


def test_entities_do_not_cross_lines() -> None:
    text = "Анна Смирнова\nМосква"
    for e in find_entities(Document(id="t", text=text, lang="ru")):
        assert "\n" not in e.text


def test_organisation_of_a_country_is_one_name_with_the_country_nested() -> None:
    found = _ents("Представитель ФСБ России отказался от комментариев.", "ru")
    assert ("ORG", "ФСБ России") in found
    assert ("LOC", "России") in found


def test_european_union_is_an_organisation() -> None:
    found = _ents("Страны ЕС обсудили новые санкции в Брюсселе.", "ru")
    assert ("ORG", "ЕС") in found


def test_tajik_cyrillic_goes_through_the_russian_path() -> None:
    doc = Document(id="t", text="Дар шаҳри Душанбе мулоқот баргузор шуд.", lang="tg")
    EntityStage()(doc)  # must not fail; the model may or may not find Душанбе
    assert all(doc.text[e.start : e.end] == e.text for e in doc.entities)


# ---------------------------------------------------------------- English


def test_english_organisations_by_keyword_and_known_groups() -> None:
    found = _ents(
        "On 3 May 2024, Taliban militants attacked a post of the Afghan National Police "
        "in Kunduz, the Ministry of Interior said.",
        "en",
    )
    assert ("ORG", "Taliban") in found
    assert ("ORG", "Afghan National Police") in found
    assert ("ORG", "Ministry of Interior") in found


def test_english_person_after_a_title_or_before_said() -> None:
    found = _ents(
        "President Emomali Rahmon met the delegation. Farrukh Yusupov said the "
        "detainees were released.",
        "en",
    )
    assert ("PER", "Emomali Rahmon") in found
    assert ("PER", "Farrukh Yusupov") in found


def test_english_places_from_the_places_stage_and_context() -> None:
    text = "Police raided a market in Lyublino district and a hostel near Kotelniki."
    place = Place(text="Kotelniki", start=text.index("Kotelniki"), end=len(text) - 1)
    found = _ents(text, "en", [place])
    assert ("LOC", "Lyublino") in found
    assert ("LOC", "Kotelniki") in found


def test_english_sentence_openers_are_not_names() -> None:
    found = _ents("Unidentified gunmen attacked the village. Hundreds fled.", "en")
    assert found == set()


def test_english_run_does_not_cross_a_sentence_end() -> None:
    found = _ents("A bomb exploded near the Cinema Hall. Jessore police said nothing.", "en")
    assert not any(". " in text for _, text in found)


def test_english_acronyms() -> None:
    found = ner_en.recognise("Activists of the BNP clashed with NGO workers.", [])
    labels = {(e.label, e.text) for e in found}
    assert ("ORG", "BNP") in labels
    assert not any(text == "NGO" for _, text in labels)


# ---------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("«Вымпел»", "Вымпел"),
        ("ЗАО «Вымпел»", "Вымпел"),
        ("Вымпел»", "Вымпел"),
        (" Вымпел, ", "Вымпел"),
    ],
)
def test_trim(text: str, expected: str) -> None:
    trimmed = ner_rules.trim(text, (0, len(text), "ORG"))
    assert trimmed is not None
    assert text[trimmed[0] : trimmed[1]] == expected


def test_split_hard_cuts_at_brackets_and_lines() -> None:
    text = "Алый парус (Scarlet Sail)\nОмск"
    parts = ner_rules.split_hard(text, (0, len(text), "ORG"))
    assert [text[s:e] for s, e, _ in parts] == ["Алый парус", "Scarlet Sail", "Омск"]


def test_dedupe_keeps_the_outermost() -> None:
    assert ner_rules.dedupe([(0, 5, "ORG"), (0, 5, "ORG"), (2, 4, "LOC"), (6, 8, "PER")]) == [
        (0, 5, "ORG"),
        (6, 8, "PER"),
    ]


def test_tagging_runs_with_one_blas_thread_and_restores_the_count() -> None:
    from khronika.extract import ner_ru

    setter = ner_ru._blas_thread_setter()
    if setter is None:
        pytest.skip("numpy here does not use the OpenBLAS it ships")
    before = setter(3)  # this thread's count, set to a value the test can recognise
    with ner_ru.one_blas_thread():
        assert setter(1) == 1  # inside: one thread (setter returns the count it replaces)
    assert setter(before) == 3  # after: the count from before the block is back
