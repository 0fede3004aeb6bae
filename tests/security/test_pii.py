"""The PII detector: each kind on typical and hard cases, and the floors of issue 6 pinned
against the hand-labelled set (tests/security/data/pii_labelled.jsonl)."""

from __future__ import annotations

import importlib.util
import json
from itertools import pairwise
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khronika.security.pii import KINDS, detect, spans

DATA = Path(__file__).parent / "data"
BENCH = Path(__file__).resolve().parents[2] / "bench" / "pii_eval.py"

#: Issue 6's targets, and a precision floor so that recall is not bought with false alarms.
RECALL_FLOORS = {"PHONE": 0.95, "DOCUMENT": 0.95, "NAME": 0.85, "EMAIL": 0.95,
                 "HANDLE": 0.95, "ADDRESS": 0.85}
PRECISION_FLOORS = {kind: 0.9 for kind in KINDS}


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pii_eval", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def kinds(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in detect(text)]


@pytest.mark.parametrize("text,number", [
    ("тел. +7 916 482-17-33, звонить вечером", "+7 916 482-17-33"),
    ("номер 8 (925) 314-22-90", "8 (925) 314-22-90"),
    ("перезвонить на 89261234567", "89261234567"),
    ("WhatsApp +992 93 555 12 40", "+992 93 555 12 40"),
    ("call +44 20 7946 0958 today", "+44 20 7946 0958"),
    ("Телефон: +7(901)2345678.", "+7(901)2345678"),
])
def test_phones(text: str, number: str) -> None:
    assert ("PHONE", number) in kinds(text)


@pytest.mark.parametrize("text,number", [
    ("изъяли патент 77 № 2400123456 и карту", "77 № 2400123456"),
    ("паспорт серии 4509 № 123456 выдан", "4509 № 123456"),
    ("passport number 400123456, held", "400123456"),
    ("Шиносномаи ӯ № 401234567 монд", "401234567"),
    ("ВНЖ 82 № 1234567 выдан в 2021 году", "82 № 1234567"),
    ("Uzbek passport FA7654321", "FA7654321"),
])
def test_documents(text: str, number: str) -> None:
    assert ("DOCUMENT", number) in kinds(text)


@pytest.mark.parametrize("text,address", [
    ("рейд по адресу ул. Ленина, д. 5, кв. 12, задержали", "ул. Ленина, д. 5, кв. 12"),
    ("Raid at 12 Baker Street, flat 3; four men", "12 Baker Street, flat 3"),
    ("живёт на Рязанском проспекте, д. 8, кв. 44", "Рязанском проспекте, д. 8, кв. 44"),
    ("Суроға: кӯчаи Рӯдакӣ 45, хонаи 12", "кӯчаи Рӯдакӣ 45, хонаи 12"),
])
def test_addresses(text: str, address: str) -> None:
    assert ("ADDRESS", address) in kinds(text)


def test_email_and_handle_apart() -> None:
    found = kinds("write to rustam@mail.ru or @rustam_help")
    assert found == [("EMAIL", "rustam@mail.ru"), ("HANDLE", "@rustam_help")]


@pytest.mark.parametrize("text,name", [
    ("Звонила Гульнора Рахимова, мужа забрали", "Гульнора Рахимова"),
    ("Задержан Рахимов Фаррух Саидович, 1991 г.р.", "Рахимов Фаррух Саидович"),
    ("Caller Gulnora Rakhimova says", "Gulnora Rakhimova"),
    ("Mr Kholov asks for a lawyer", "Kholov"),
    ("Lawyer Olga Smirnova went to the station", "Olga Smirnova"),
    ("Ҷамшед Қурбонов дар Москва дастгир шуд", "Ҷамшед Қурбонов"),
])
def test_names(text: str, name: str) -> None:
    assert ("NAME", name) in kinds(text)


@pytest.mark.parametrize("text", [
    "Протокол по ч. 3 ст. 18.8 КоАП, штраф 5 000 рублей.",
    "Суд рассмотрит дело № 5-1234/2024 22.03.2024 в 10:00.",
    "Gunmen attacked Crocus City Hall near Moscow; 137 people died in 2024.",
    "Human Rights Watch and the Civic Assistance Committee called for an inquiry.",
    "Жители дома на улице Ленина жалуются на проверки.",
    "Lenin Street in Kaluga was closed; the flight SU 1881 was delayed.",
    "Оплата патента 7 560 рублей, квитанция № 0045213 от 01.03.2024.",
])
def test_hard_negatives(text: str) -> None:
    assert detect(text) == []


def test_findings_are_consistent() -> None:
    text = "Звонила Гульнора Рахимова, тел. +7 916 482-17-33, @anvar_1990"
    found = detect(text)
    assert [f.kind for f in found] == ["NAME", "PHONE", "HANDLE"]
    for f in found:
        assert text[f.start:f.end] == f.text and 0 < f.confidence <= 1
    assert spans(text) == [(f.start, f.end, f.kind) for f in found]


def test_kinds_filter_and_unknown_kind() -> None:
    assert [f.kind for f in detect("тел. +7 916 482-17-33, Гульнора", kinds=["PHONE"])] \
        == ["PHONE"]
    with pytest.raises(ValueError, match="valid: EMAIL, HANDLE"):
        detect("x", kinds=["SSN"])


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_crashes_and_spans_are_sound(text: str) -> None:
    found = detect(text)
    for a, b in pairwise(found):
        assert a.end <= b.start  # sorted, never overlapping
    for f in found:
        assert 0 <= f.start < f.end <= len(text) and text[f.start:f.end] == f.text


def test_labelled_set_is_large_and_sound() -> None:
    items = [json.loads(line) for line in
             (DATA / "pii_labelled.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(items) >= 300
    assert sum(1 for i in items if not i["spans"]) >= 50  # hard negatives
    for item in items:
        for span in item["spans"]:
            assert span["kind"] in KINDS and 0 <= span["start"] < span["end"] <= len(item["text"])


def test_labelled_set_matches_its_source() -> None:
    """The JSONL is built from the marked-up .txt: they must not drift apart."""
    bench = _bench()
    stored = [json.loads(line) for line in bench.LABELLED.read_text(encoding="utf-8")
              .splitlines()]
    source = [line for line in bench.SOURCE.read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#")]
    assert [bench.parse_line(line)["text"] for line in source] == [i["text"] for i in stored]


def test_floors_on_labelled_set() -> None:
    """Issue 6: recall >= 0.95 for phones and documents, >= 0.85 for names; precision
    pinned too. Run bench/pii_eval.py --errors to see what a drop is made of."""
    bench = _bench()
    result = bench.score(bench.load())
    for kind, r in result.items():
        assert r["recall"] >= RECALL_FLOORS[kind], (kind, r)
        assert r["precision"] >= PRECISION_FLOORS[kind], (kind, r)
