"""The counts stage on invented sentences, English, Russian and Tajik."""

from __future__ import annotations

import datetime as dt

import pytest

from khronika.extract.counts import CountStage, total
from khronika.extract.dates import DateStage
from khronika.extract.sentences import SentenceStage
from khronika.model import Count, Document
from tests.extract.patterns import pattern_letters


def run(text: str, lang: str = "en") -> Document:
    doc = Document("t", text, published=dt.date(2024, 3, 27), lang=lang, lang_given=True)
    for stage in (SentenceStage(), DateStage(), CountStage()):
        stage(doc)
    return doc


def counts(text: str, lang: str = "en") -> list[tuple[str, int | None, int | None]]:
    return [(c.kind, c.min, c.max) for c in run(text, lang).counts]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 2 May 2021, 9 rebel fighters including 3 commanders were killed and 4 were "
         "wounded near the dam.", [("killed", 9, 9), ("injured", 4, 4)]),
        ("Gunmen stormed the village, killing three farmers and injuring one.",
         [("killed", 3, 3), ("injured", 1, 1)]),
        ("The shelling left 6 dead.", [("killed", 6, 6)]),
        ("Police detained 25 workers at the depot.", [("detained", 25, 25)]),
        ("7 people were arrested after the raid.", [("detained", 7, 7)]),
        ("Some 150 residents protested outside the town hall.", [("participants", 150, 150)]),
        ("More than 300 foreign nationals were ordered deported.",
         [("deported", 301, None)]),
        ("A shopkeeper was killed by unknown attackers.", [("killed", 1, 1)]),
        ("Dozens were injured in the stampede.", [("injured", 12, None)]),
        ("5 guards and 2 drivers were killed in the ambush.", [("killed", 7, 7)]),
        ("2 officers were killed (5 according to the rebels) at the post.",
         [("killed", 2, 2)]),
        ("Nearly 150 people died in the fire.", [("killed", 140, 149)]),
        ("Rahim Karimov, 34, died in hospital.", [("killed", 1, 1)]),
        ("The blast killed one porter and a guard.", [("killed", 2, 2)]),
        ("Raiders shot two watchmen dead.", [("killed", 2, 2)]),
        ("No one was killed in the blast.", []),
    ],
)
def test_english(text: str, expected: list[tuple[str, int | None, int | None]]) -> None:
    assert counts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("При взрыве на рынке погибли 12 человек, ещё 30 ранены.",
         [("killed", 12, 12), ("injured", 30, 30)]),
        # a round estimate of people held is tallied conservatively (90%), max as stated
        ("В Казани задержаны около тридцати приезжих.", [("detained", 27, 30)]),
        ("Более 200 иностранцев выдворены за неделю.", [("deported", 201, None)]),
        ("Полиция задержала троих рабочих.", [("detained", 3, 3)]),
        ("Десятки задержанных провели ночь в отделе.", [("detained", 12, None)]),
        ("На пикет вышли около 50 человек.", [("participants", 50, 50)]),
        ("Число погибших возросло до 61.", [("killed", 61, 61)]),
    ],
)
def test_russian(text: str, expected: list[tuple[str, int | None, int | None]]) -> None:
    assert counts(text, "ru") == expected


@pytest.mark.parametrize(
    ("text", "lang", "kind", "n"),
    [
        # a figure with its own predicate is part of the one before, not more of them
        ("В Самаре избили 14 мигрантов, один госпитализирован.", "ru", "injured", 14),
        ("В Самаре избили 14 мигрантов, двое из них госпитализированы.", "ru", "injured", 14),
        ("Guards beat 14 migrants at the market, one was taken to hospital.", "en",
         "injured", 14),
        # figures listed side by side are still added up
        ("Задержаны 12 граждан Таджикистана, 3 гражданина Узбекистана.", "ru", "detained", 15),
        ("Militants killed 4 soldiers, 2 policemen and a civilian.", "en", "killed", 7),
    ],
)
def test_a_figure_with_its_own_predicate_is_not_added(text: str, lang: str, kind: str,
                                                      n: int) -> None:
    from khronika.extract import extract_record

    assert (counts(text, lang)[0][0], counts(text, lang)[0][1]) == (kind, n)
    event = extract_record({"id": "t", "text": text, "published": "2024-03-27"})["events"][0]
    assert (event["counts"][kind]["min"], event["counts"][kind]["max"]) == (n, n)


def test_tajik() -> None:
    assert counts("Дар бозор 7 нафар боздошт шуданд.", "tg") == [("detained", 7, 7)]


def test_count_text_and_offsets() -> None:
    doc = run("Yesterday 14 miners were injured. Nobody else was hurt.")
    c = doc.counts[0]
    assert c.text == "14 miners were injured"
    assert doc.text[c.start:c.end] == c.text
    assert c.sentence == 0


def test_figures_that_are_not_people() -> None:
    assert counts("The 2019 floods destroyed 40 houses; 3 km of road were damaged.") == []
    assert counts("No one was killed in the blast.") == []


def test_crowd_size_tags() -> None:
    assert counts("Residents held a rally in the square. [size=about 60]") == [
        ("participants", 60, 60)]
    assert counts("Drivers held a rally. [crowd size=a couple of dozen]") == [
        ("participants", 24, 24)]
    assert counts("People gathered at the court. [size=no report]") == []
    assert counts("Motorists drove in convoy. [crowd size=about 40 cars]") == []


def test_total_adds_distinct_deaths_and_prefers_stated_totals() -> None:
    doc = run("On 4 June 2021, 2 guards were killed at the gate. 3 attackers were also "
              "killed. An official said the two guards were unarmed.")
    got = total(doc, "killed")
    assert isinstance(got, Count) and got.min == 5
    doc = run("3 guards were killed in the north. Total fatalities coded as 4.")
    got = total(doc, "killed")
    assert got is not None and got.min == 4


def test_total_skips_deaths_that_a_protest_is_about() -> None:
    doc = run("Traders protested in the market against the killing of two porters.")
    assert doc.counts and total(doc, "killed") is None


def test_no_double_counting() -> None:
    # one figure, two triggers: it goes to the first, not to both
    assert counts("Four people were arrested or detained.") == [("detained", 4, 4)]


def test_killed_or_wounded_is_no_known_death() -> None:
    # ACLED codes no fatality where the dead cannot be told from the wounded
    assert counts("Four people were killed or wounded.") == []


_CASE_TEXTS = [
    ("Police DETAINED 25 Workers; Rahim Karimov, 34, Died. Checked the IDs of 40 people.", "en"),
    ("2 Officers Were Killed (5 According To The Rebels), Including 3 In March 2020.", "en"),
    ("Raiders Shot Two Watchmen Dead. Some 150 Residents PROTESTED. Taking 70 To Police "
     "Station.", "en"),
    ("В КАЗАНИ ЗАДЕРЖАНЫ ОКОЛО ТРИДЦАТИ ПРИЕЗЖИХ. Человек 30 Избили, Среди Них 5 Детей.", "ru"),
    ("Число Погибших Возросло До 61. Дар Бозор 7 Нафар Боздошт Шуданд.", "tg"),
    ("ſ and σ keep the case-insensitive patterns: 5 guards were killed, İ 3 detained.", "en"),
]


@pytest.mark.parametrize(("text", "lang"), _CASE_TEXTS)
def test_lower_cased_twins_count_what_the_patterns_count(text: str, lang: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from khronika.extract import counts as counts_module
    from khronika.extract import numbers

    def found(variant: str) -> list[Count]:
        return run(variant, lang).counts

    for variant in (text, text.upper(), text.lower(), text.title()):
        with monkeypatch.context() as m:
            m.setattr(counts_module, "twin_text", lambda _: None)
            m.setattr(numbers, "twin_text", lambda _: None)
            expected = found(variant)
        assert found(variant) == expected
    assert found(text)  # each text does hold counts: the comparison is not of nothing


def test_count_twins_hold_only_lower_case_letters() -> None:
    from khronika.extract import counts as counts_module
    from khronika.extract.prefilter import case_odd

    rules = [r.twin for r in vars(counts_module).values() if isinstance(r, counts_module._Rule)]
    assert len(rules) > 10
    for rx in (counts_module._EN_TWIN, counts_module._RU_TWIN, *rules):
        chars = pattern_letters(rx)
        assert chars and all(c == c.lower() and not case_odd(c) for c in chars), rx.pattern


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a figure after a comma or right before "injured" is the injured, not more dead
        ("4 killed, 6 wounded in a raid.", [("killed", 4, 4), ("injured", 6, 6)]),
        ("1 policeman killed 4 injured in a grenade attack.",
         [("killed", 1, 1), ("injured", 4, 4)]),
        # "the two" may state the dead where nothing else does; other kinds leave it
        ("The three smugglers were killed at the river crossing. Guards detained the 5 "
         "porters.", [("killed", 3, 3)]),
        # "cattle rustlers" are people; "tens of" is at least ten
        ("Three cattle rustlers were killed by villagers.", [("killed", 3, 3)]),
        ("Tens of workers rallied outside the factory.", [("participants", 10, None)]),
        # figures that name no people: a unit's number, an age, groups
        ("One sergeant of 27 Mountain Rifles died in an ambush.", [("killed", 1, 1)]),
        ("A young woman, aged 27, was killed.", [("killed", 1, 1)]),
        ("Four hitmen, linked to two rival factions, were killed.",
         [("killed", 4, 4)]),
    ],
)
def test_figures_of_other_things_are_left(text: str,
                                          expected: list[tuple[str, int | None, int | None]]
                                          ) -> None:
    assert counts(text) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # nobody (else) was hurt: no one, whatever person the clause after names
        ("Никто больше не пострадал, полиция ищет подозреваемого.", "ru"),
        ("Больше никто не пострадал, полиция разыскивает водителя.", "ru"),
        ("No-one else was hurt.", "en"),
    ],
)
def test_nobody_else_hurt_is_no_one(text: str, lang: str) -> None:
    assert counts(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # kin of the detained, or those who wait for them, are a crowd, not the detained
        ("Some 35 relatives of detainees rallied near the remand centre in Bishkek.", "en",
         [("participants", 35, 35)]),
        ("У изолятора собрались около 40 родственников задержанных активистов.", "ru",
         [("participants", 40, 40)]),
        ("Около 20 человек ждут задержанных у здания ОВД.", "ru", [("participants", 20, 20)]),
        # "пятерых из них" is a part of the thirty, not five more
        ("Около 30 родственников пришли к суду, пятерых из них задержали.", "ru",
         [("participants", 30, 30), ("detained", 5, 5)]),
        # the figure that is only kin stays out beside a real count of the detained
        ("Police detained 12 migrants; about 20 relatives of the detained men waited "
         "outside.", "en", [("detained", 12, 12)]),
    ],
)
def test_kin_of_the_detained_are_not_the_detained(
        text: str, lang: str, expected: list[tuple[str, int | None, int | None]]) -> None:
    assert counts(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # raids: the part of the held who are expelled is the count of the expelled
        ("Полицейские задержали 40 человек, из них 12 выдворят.", "ru",
         [("detained", 40, 40), ("deported", 12, 12)]),
        ("Около 100 мигрантов доставили в отдел полиции, из них 40 выдворят.", "ru",
         [("detained", 90, 100), ("deported", 40, 40)]),
        ("Police detained 40 migrants; 12 of them face deportation.", "en",
         [("detained", 40, 40), ("deported", 12, 12)]),
        # "из страны" between the verb and its figure
        ("Сотрудники полиции выдворили из страны 12 человек и оштрафовали ещё 20.", "ru",
         [("deported", 12, 12)]),
        # a figure with a verb of its own fate after it is no more held
        ("Полиция задержала десятки мигрантов, несколько человек выдворят.", "ru",
         [("detained", 12, None), ("deported", 2, None)]),
        # the crowd that came out is not added to those held after it
        ("На митинг вышли десятки тысяч человек, сотни задержаны.", "ru",
         [("participants", 10000, None), ("detained", 100, None)]),
        # after a comma the figures are a new subject, coordinated as before
        ("Two guards and 3 raiders were killed, 4 porters and 5 drivers were wounded.", "en",
         [("killed", 5, 5), ("injured", 9, 9)]),
        # the held brought in, the figure before the verb
        ("About 40 migrants were taken to a police station, of whom 15 were later "
         "released.", "en", [("detained", 36, 40)]),
        # one person and one more named by kinship, or others
        ("Officers detained a trader and two others at the bazaar.", "en",
         [("detained", 3, 3)]),
        ("Guards beat a vendor and his son at the gate.", "en", [("injured", 2, 2)]),
        ("Неизвестные избили мигранта и его брата.", "ru", [("injured", 2, 2)]),
        # "около тысячи" is about a thousand, tallied as "about 1,000" is
        ("В облаве задержаны около тысячи мигрантов.", "ru", [("detained", 900, 1000)]),
        ("Officers detained about 1,000 migrants in the sweep.", "en",
         [("detained", 900, 1000)]),
        # a day and month with a dot ("12.04", 12 April) are no count of people: a
        # decimal counts only with a multiplier after it
        ("Сына задержали 03.11 на стройке, до сих пор не отпустили.", "ru", []),
        ("12.04 у метро задержали брата, телефон выключен.", "ru", [("detained", 1, 1)]),
        # "no" and a noun is "nobody" only right before the verb
        ("In no time a man was killed near the gate.", "en", [("killed", 1, 1)]),
        # several dead are coded 10 in either language
        ("Несколько военных погибли при обстреле колонны.", "ru", [("killed", 10, None)]),
        # a figure with a case ending is a figure
        ("На митинг вышли более 20-ти человек.", "ru", [("participants", 21, None)]),
    ],
)
def test_counts_of_the_desk_kind(text: str, lang: str,
                     expected: list[tuple[str, int | None, int | None]]) -> None:
    assert counts(text, lang) == expected
