"""Crowd sizes (``counts.participants``), English and Russian, on invented sentences.

``tests/gold/participants.jsonl`` holds 161 short reports written for this purpose, each
with the crowd size ACLED would tag, or null where no number is stated: 129 written before
any tuning (64 in the style of ACLED notes, with and without a "[size=...]" tag; 45
Russian and 20 English desk news items and messenger posts), then 32 more ("f-" ids)
written after the first round of rules. It is scored as ``shared/eval/score.py`` scores
ACLED's "crowd size=" tags: ``events[0].counts.participants`` min (else max) within 20%
of the stated range, only where a number is stated.

Measured on 2026-11-25 (all of it then tuned on, so these are no held-out figures):
the first 129: 52/93 = 0.559 before, 82/93 = 0.882 after the first round; the 32 later
ones: 12/23 before, 17/23 = 0.739 after the first round (unseen then), 21/23 after the
second; all 161: 64/116 = 0.552 before, 103/116 = 0.888 after the second round, 105/116 =
0.905 before the third (count fixes: a size tag outranks the text, "полторы тысячи", kin
of the detained, "N of the M"), 111/116 = 0.957 after it. Where no number is stated the
extractor gives the contract's floors for vague words ("dozens" = 12, "up to 1,000" =
1..1000): 19/45 before, 21/45 now, none of them another count's figure.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khronika.extract import extract_record
from tests.extract.test_counts import counts

GOLD = Path(__file__).resolve().parents[1] / "gold" / "participants.jsonl"
PART_ACC_FLOOR = 0.93  # measured 0.957 (111/116)
NO_NUMBER_CEILING = 0.49  # measured 0.467 (21/45): a number where the report states none


def crowd(text: str, lang: str = "en") -> list[tuple[int | None, int | None]]:
    """The participant counts the counts stage finds in ``text``."""
    return [(lo, hi) for kind, lo, hi in counts(text, lang) if kind == "participants"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a noun for the gathering, then "by"/"involving" and its people
        ("Police dispersed a protest by about 80 vendors in Kampala.", [(80, 80)]),
        ("A protest involving 60 women was held in Kabul.", [(60, 60)]),
        # verbs that take the crowd as object
        ("The protest drew around 5,000 people in Tbilisi.", [(5000, 5000)]),
        ("A rally against the law brought out about 5,000 people.", [(5000, 5000)]),
        ("The meeting in Lilongwe was attended by 2,000 people.", [(2000, 2000)]),
        ("Organisers said 3,000 people attended the rally.", [(3000, 3000)]),
        ("Thousands of people turned out in Yangon.", [(1000, None)]),
        ("Pickets outside the ministry continue; we counted 25 people at noon.", [(25, 25)]),
        ("Update: the crowd outside the police station has grown to about 200.", [(200, 200)]),
        ("Protesters numbering about 600 marched in Freetown.", [(600, 600)]),
        ("Strike at the warehouse: about 150 couriers refused to work on Monday.", [(150, 150)]),
        ("Roughly 40 people are now standing outside the police station.", [(40, 40)]),
        ("Around 25 migrants have been standing outside the centre since morning.", [(25, 25)]),
        ("About 60 people came to the court to support the activist.", [(60, 60)]),
        ("Around seventy villagers blocked the road to the quarry.", [(70, 70)]),
        ("The rally gathered some 3,000 people despite the ban.", [(3000, 3000)]),
        ("About 100 people gathered 2 km from the plant.", [(100, 100)]),
        ("On 16 August, a lone activist staged a protest in Minsk.", [(1, 1)]),
        ("On 3 May, a 500-strong crowd protested in the township.", [(500, 500)]),
        # Russian: verbs of coming out, joining, striking, blocking, holding a gathering
        ("Около трёхсот рабочих завода вышли на забастовку в Нижнем Тагиле.", [(300, 300)]),
        ("Пикет у здания администрации: вышли 15 жителей.", [(15, 15)]),
        ("На акцию протеста в Казани пришли примерно 120 человек.", [(120, 120)]),
        ("В митинге участвовали 12 тысяч человек.", [(12000, 12000)]),
        ("В забастовке участвуют 400 курьеров.", [(400, 400)]),
        ("По словам профсоюза, к забастовке присоединились 600 человек.", [(600, 600)]),
        ("Работу остановили около 300 водителей.", [(300, 300)]),
        ("Не менее 80 жителей перекрыли трассу в знак протеста.", [(80, None)]),
        ("Девять активистов провели пикет у здания ФСБ.", [(9, 9)]),
        ("Около 60 мигрантов устроили стихийный сход у суда.", [(60, 60)]),
        ("Около 40 мигрантов ждали у здания суда решения по делу.", [(40, 40)]),
        ("У отдела полиции стояли около 30 мигрантов.", [(30, 30)]),
        ("Митинг в Архангельске собрал около 900 человек.", [(900, 900)]),
        ("Стоим у суда, нас около тридцати.", [(30, 30)]),
        ("У здания полиции собралась толпа из примерно 200 человек.", [(200, 200)]),
        ("Митингующих было около 1500.", [(1500, 1500)]),
        ("Вчера у суда собралась примерно сотня человек.", [(100, 100)]),
        # "группа" alone is a vague figure; "группа из 25" is 25, counted once
        ("У ОВД собралась группа из 25 человек.", [(25, 25)]),
        ("Пикетчиков было семеро, все задержаны.", [(7, 7)]),
        ("В Новосибирске на одиночный пикет вышел активист.", [(1, 1)]),
        # "tens of thousands", "one and a half thousand"
        ("На площадь вышли десятки тысяч человек.", [(10000, None)]),
        ("В шествии участвовали около полутора тысяч человек.", [(1500, 1500)]),
        # "N of the M who protested": the M is the whole crowd
        ("Police detained 8 of the 70 drivers who protested at the depot.", [(70, 70)]),
    ],
)
def test_crowd_size(text: str, expected: list[tuple[int, int | None]]) -> None:
    lang = "ru" if any("а" <= ch <= "я" for ch in text.lower()) else "en"
    assert crowd(text, lang) == expected


def _crowd_of_first_event(text: str) -> tuple[int | None, int | None] | None:
    events = extract_record({"id": "t", "text": text, "lang": "en"})["events"]
    part = events[0]["counts"]["participants"] if events else None
    return (part["min"], part["max"]) if part else None


def test_a_crowd_size_tag_outranks_the_figures_in_the_text() -> None:
    # the coder's tag is the size settled on, though the text gives other figures first
    assert _crowd_of_first_event(
        "On 4 May 2024, about 500 nurses protested outside the health ministry in Abuja; "
        "organisers put the turnout at 1,500. [size=around 200]") == (200, 200)
    # a tag with no figure leaves the text's
    assert _crowd_of_first_event(
        "On 4 May 2024, 3,000 dockers went on strike at the port of Mombasa. "
        "[size=no report]") == (3000, 3000)


def test_crowd_named_first_outranks_a_later_harm() -> None:
    # "на митинге было около 800 человек" is the crowd: the injured are the two after it
    assert counts("На митинге было около 800 человек, двое получили травмы.", "ru") == [
        ("participants", 800, 800), ("injured", 2, 2)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Police detained 23 people at a rally in Saint Petersburg.", "en"),
        ("12 activists were sentenced to 10 days in jail after the protest.", "en"),
        ("A gang numbering about 15 raided the pharmacy before dawn.", "en"),
        ("The strike was followed by talks involving 3 ministries.", "en"),
        ("Полиция задержала 30 участников несогласованного митинга.", "ru"),
        ("У нас 3 задержанных, адвокаты едут в отдел.", "ru"),
        ("Завод собрал более 140 тысяч автомобилей этой модели.", "ru"),
        ("Ролик за неделю собрал почти 3 млн просмотров.", "ru"),
        ("Коммунисты стояли одиночными пикетами у памятника.", "ru"),
        ("В заседании к 40-летию Победы участвовали ветераны.", "ru"),
        ("On 3 May, the 18-party coalition began a 48-hour strike to protest the arrests.", "en"),
        # "of the 4 jailed miners" names those the crowd is about; no part is taken of them
        ("The wives of the 4 jailed miners picketed the prison gates.", "en"),
    ],
)
def test_no_crowd_from_other_figures(text: str, lang: str) -> None:
    assert crowd(text, lang) == []


def _predicted(rec: dict[str, object]) -> int | None:
    """``events[0].counts.participants`` min, else max, as score.py reads it."""
    events = rec.get("events")
    if not isinstance(events, list) or not events:
        return None
    part = (events[0].get("counts") or {}).get("participants") or {}
    return part.get("min") if part.get("min") is not None else part.get("max")


def test_participants_gold_set() -> None:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 160
    right = stated = no_number = given_anyway = 0
    for row in rows:
        p = _predicted(extract_record({"id": row["id"], "text": row["text"], "lang": row["lang"]}))
        if row["participants"] is None:
            no_number += 1
            given_anyway += p is not None
            continue
        lo, hi = row["participants"]
        stated += 1
        right += p is not None and 0.8 * lo <= p <= 1.2 * hi
    assert right / stated >= PART_ACC_FLOOR, f"part_acc {right}/{stated}"
    assert given_anyway / no_number <= NO_NUMBER_CEILING, f"{given_anyway}/{no_number}"
