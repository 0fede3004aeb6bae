"""Tests of the ``attribution`` stage on invented sentences, English and Russian."""

from __future__ import annotations

import pytest

from khronika.extract import extract_text


@pytest.mark.parametrize(("text", "source"), [
    ("According to Xinhua, 12 people were killed in a blast in the market.", "Xinhua"),
    ("Three migrants were detained at the hostel, a lawyer told TASS.", "TASS"),
    ("KABUL (Pajhwok) - Taliban militants attacked a checkpoint, killing two policemen.",
     "Pajhwok"),
    ("Gunmen killed a trader in the city, as reported by Dawn.", "Dawn"),
    ("Police arrested four students near the campus, Reuters reported.", "Reuters"),
    ("По данным «Медиазоны», в Москве задержали 30 участников пикета.", "Медиазоны"),
    ("Как сообщает Фонтанка, полиция провела рейд в общежитии мигрантов.", "Фонтанка"),
    ("Рынок подожгли неизвестные, сообщает ТАСС.", "ТАСС"),
])
def test_source_attached(text: str, source: str) -> None:
    ev = extract_text(text)["events"][0]
    assert source in [a["source"] for a in ev["attribution"]]
    att = next(a for a in ev["attribution"] if a["source"] == source)
    assert source in att["text"]


@pytest.mark.parametrize(("text", "certainty"), [
    ("Police reportedly arrested five activists in the capital.", "alleged"),
    ("Police arrested five activists. The ministry later denied the arrests.", "denied"),
    ("The governor confirmed that 4 soldiers were killed in the ambush.", "confirmed"),
    ("Gunmen killed a trader in the city on Monday.", "reported"),
    ("Рынок якобы подожгли неизвестные.", "alleged"),
    ("МВД опровергло информацию о задержании мигрантов.", "denied"),
    ("В полиции подтвердили задержание двух мигрантов.", "confirmed"),
])
def test_certainty(text: str, certainty: str) -> None:
    ev = extract_text(text)["events"][0]
    assert ev["certainty"] == certainty


def test_attribution_reaches_following_sentence_only() -> None:
    text = ("Police raided a hostel and detained 20 migrants, according to Fontanka. "
            "Separately, a court in another city ordered the deportation of six people.")
    events = extract_text(text)["events"]
    first = events[0]
    assert [a["source"] for a in first["attribution"]] == ["Fontanka"]


def test_no_attribution() -> None:
    ev = extract_text("Gunmen killed a trader in the city on Monday.")["events"][0]
    assert ev["attribution"] == []


@pytest.mark.parametrize("text", [
    "Police ARRESTED five activists, Reuters reported. The Ministry Later DENIED it.",
    "По Данным «Медиазоны», в Москве ЗАДЕРЖАЛИ 30 человек. МВД не Подтвердило.",
    "Police arrested four men. Officials said\nthey were SUSPECTED of theft.",
    "Полиция задержала троих. Это не\nподтвердили. Якобы их отпустили.",
    "Police detained two traders.",
])
def test_skipping_patterns_whose_words_are_absent_changes_nothing(
        text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from khronika.extract import attribution

    gated = extract_text(text)
    monkeypatch.setattr(attribution, "needles_in", lambda needles, folded: True)
    assert extract_text(text) == gated
