"""Fixes from a review of the event-typing rules: the protest misspelling entry that
matched every correct protest word, victim phrases after "attack on" and "shot at",
beatings by police in the street that are not torture, a chance passer-by that is no
bomber's own device, a document check under way as a sweep cue, "грозит" of a sentence
one faces, and the two helpers that must not raise without a trigger of their code.
Invented sentences."""

from __future__ import annotations

import inspect

import pytest

from khronika.extract import event_rules
from khronika.extract.event_rules import (
    _OWN_BOMB,
    _SWEEP_WORDS,
    _VICTIM_ACTIVE,
    _clash_first,
    _fighting_leads,
)
from khronika.extract.events import find_triggers
from khronika.extract.sentences import split_sentences
from khronika.model import Document
from tests.extract.extracted import event_types


def _triggers(text: str, lang: str) -> list[tuple[str, str]]:
    doc = Document(id="t", text=text, lang=lang, sentences=split_sentences(text))
    return [(t.type, text[t.start:t.end]) for t in find_triggers(doc)]


@pytest.mark.parametrize("text", [
    "Several hundred protesters blocked the road to the mill.",
    "Farmers staged a protest outside the district office.",
])
def test_a_correct_protest_word_is_one_trigger(text: str) -> None:
    hits = [span for code, span in _triggers(text, "en")
            if code == "peaceful_protest" and "protest" in span.lower()]
    assert len(hits) == 1, hits


@pytest.mark.parametrize("word", ["protesst", "proteset", "protesed"])
def test_protest_misspellings_still_trigger(word: str) -> None:
    text = f"Traders {word} against the new market fees."
    assert any(code == "peaceful_protest" for code, _ in _triggers(text, "en"))


@pytest.mark.parametrize(("text", "victim"), [
    ("Insurgents attack on police post near the ferry", "police post near the ferry"),
    ("Unknown gunmen shot at a minibus outside the town", "a minibus outside the town"),
])
def test_victim_after_attack_on_and_shot_at(text: str, victim: str) -> None:
    m = _VICTIM_ACTIVE.search(text)
    assert m and m.group(1).strip() == victim


@pytest.mark.parametrize("text", [
    "Two herders were killed during a raid on the camp",
    "The convoy was attacked on Tuesday",
])
def test_a_circumstance_is_still_no_victim(text: str) -> None:
    assert _VICTIM_ACTIVE.search(text) is None


def test_a_street_beating_by_police_is_not_torture() -> None:
    text = "Marchers were beaten by police officers near the bus terminal."
    assert not any(code == "torture" for code, _ in _triggers(text, "en"))
    assert extract_types(text, "en")[0] != "torture"


def test_a_beating_by_police_in_custody_is_torture() -> None:
    text = "The detained cook was beaten by police officers at the station overnight."
    assert any(code == "torture" for code, _ in _triggers(text, "en"))
    assert extract_types(text, "en")[0] == "torture"


def test_a_chance_passer_by_is_no_own_bomb() -> None:
    assert not _OWN_BOMB.search("При взрыве на остановке погиб случайный прохожий.")
    assert _OWN_BOMB.search("Самодельное устройство случайно сработало у них в машине.")


def test_a_check_under_way_is_a_sweep_cue_and_taken_for_a_check_is_not() -> None:
    assert _SWEEP_WORDS.search("Рабочих задержали на проверке документов у склада.")
    assert not _SWEEP_WORDS.search("Брата увезли на проверку, вечером отпустили.")


@pytest.mark.parametrize("text", [
    "Водителю грозит до трёх лет лишения свободы.",
    "Ему грозит крупный штраф.",
    "Им грозят выдворение и запрет на въезд.",
])
def test_what_one_faces_in_law_is_no_threat(text: str) -> None:
    assert not any(code == "threat" for code, _ in _triggers(text, "ru"))


def test_a_present_threat_still_triggers() -> None:
    text = "Хозяин квартиры грозит выкинуть вещи жильцов на улицу."
    assert any(code == "threat" for code, _ in _triggers(text, "ru"))


def test_helpers_without_a_trigger_of_their_code_do_not_raise() -> None:
    assert _clash_first([], "remote_explosive_landmine_ied") is False
    assert _fighting_leads([], "air_drone_strike") is False


def test_kin_of_keeps_its_doc_comment() -> None:
    lines = inspect.getsource(event_rules).splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("KIN_OF = "))
    assert lines[at - 1].startswith("#:")


def extract_types(text: str, lang: str) -> list[str]:
    return event_types(text, lang) or ["(none)"]
