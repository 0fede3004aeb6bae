"""The dates stage on invented sentences, English and Russian."""

from __future__ import annotations

import datetime as dt

import pytest

from khronika.extract.dates import DateStage
from khronika.extract.sentences import SentenceStage
from khronika.model import Document
from tests.extract.patterns import first_chars, pattern_letters

PUB = dt.date(2024, 3, 27)  # a Wednesday


def run(text: str, published: dt.date | None = PUB) -> Document:
    doc = Document("t", text, published=published)
    SentenceStage()(doc)
    DateStage()(doc)
    return doc


def first(text: str, published: dt.date | None = PUB) -> tuple[str, str, str, bool]:
    m = run(text, published).dates[0]
    return m.start_date.isoformat(), m.end_date.isoformat(), m.precision, m.relative


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 21 March 2020, rebels attacked.", ("2020-03-21", "2020-03-21", "day", False)),
        ("On March 21st, 2020 a bomb went off.", ("2020-03-21", "2020-03-21", "day", False)),
        ("It began on the 24th of February 2022.", ("2022-02-24", "2022-02-24", "day", False)),
        ("Filed 21-03-2020 at noon.", ("2020-03-21", "2020-03-21", "day", False)),
        ("Filed 2020-03-21.", ("2020-03-21", "2020-03-21", "day", False)),
        ("Arrests on March 21st.", ("2024-03-21", "2024-03-21", "day", True)),
        ("24 марта 2024 года прошли обыски.", ("2024-03-24", "2024-03-24", "day", False)),
        ("24 марта прошли обыски.", ("2024-03-24", "2024-03-24", "day", True)),
        ("On Sunday police raided a hostel.", ("2024-03-24", "2024-03-24", "day", True)),
        ("On Wednesday police raided a hostel.", ("2024-03-27", "2024-03-27", "day", True)),
        ("Yesterday two men were held.", ("2024-03-26", "2024-03-26", "day", True)),
        ("Позавчера задержали двоих.", ("2024-03-25", "2024-03-25", "day", True)),
        ("Last week the market was closed.", ("2024-03-18", "2024-03-24", "week", True)),
        ("На прошлой неделе рынок закрыли.", ("2024-03-18", "2024-03-24", "week", True)),
        ("Over the past week 40 were fined.", ("2024-03-20", "2024-03-27", "week", True)),
        ("За последние три дня выдворены 90.", ("2024-03-24", "2024-03-27", "week", True)),
        ("Between 21 and 23 March raids went on.", ("2024-03-21", "2024-03-23", "week", True)),
        ("С 24 по 30 марта шли проверки.", ("2024-03-24", "2024-03-30", "week", True)),
        ("В ночь на 24 марта начались облавы.", ("2024-03-23", "2024-03-24", "day", True)),
        ("In March 2023 the law changed.", ("2023-03-01", "2023-03-31", "month", False)),
        ("В 2019 году закон изменили.", ("2019-01-01", "2019-12-31", "year", False)),
    ],
)
def test_forms(text: str, expected: tuple[str, str, str, bool]) -> None:
    assert first(text) == expected


def test_year_from_the_nearest_stated_year_before() -> None:
    doc = run("The trial opened on 3 May 2019. On 9 June the verdict came.")
    assert [m.start_date.isoformat() for m in doc.dates] == ["2019-05-03", "2019-06-09"]


def test_day_after_publication_means_last_year() -> None:
    assert first("On 28 December a fire broke out.", dt.date(2024, 1, 3))[0] == "2023-12-28"


def test_relative_to_the_previous_mention() -> None:
    doc = run("The blast was on 2 May 2021. Two days after the attack, 5 were held. "
              "The next day more came.")
    assert [m.start_date.isoformat() for m in doc.dates] == [
        "2021-05-02", "2021-05-04", "2021-05-05"]
    # counted from the date written after the phrase (the explosion's, which is then not
    # this event's date)
    assert [m.start_date for m in run("Через два дня после взрыва 5 мая 2021 года").dates] \
        == [dt.date(2021, 5, 7)]


def test_no_year_and_no_publication_drops_the_mention() -> None:
    assert run("On 5 January police fired.", published=None).dates == []


def test_a_year_written_later_serves_when_nothing_was_published() -> None:
    doc = run("On 5 January police fired on the 2018 budget protest.", published=None)
    assert doc.dates[0].start_date == dt.date(2018, 1, 5)


def test_weekday_beside_a_date_is_not_a_second_mention() -> None:
    doc = run("Police fired on Thursday [21 March].")
    assert [m.text for m in doc.dates] == ["21 March"]


def test_offsets_and_sentences() -> None:
    doc = run("Nothing happened. On 21 March 2020 it did.")
    m = doc.dates[0]
    assert doc.text[m.start:m.end] == m.text == "21 March 2020"
    assert m.sentence == 1


def test_verbs_are_not_months() -> None:
    assert run("Crowds may 5 times march 3 km.").dates == []


def test_deadline_is_not_an_event_date() -> None:
    from khronika.extract.dates import find_dates
    from khronika.extract.sentences import split_sentences
    from khronika.model import Document

    text = ("Басманный суд в воскресенье арестовал четверых обвиняемых до 22 мая. "
            "A court ordered him held until 22 May.")
    doc = Document("d", text, published=dt.date(2024, 3, 25))
    doc.sentences = split_sentences(text)
    dates, deadlines = find_dates(doc)
    assert [d.start_date for d in dates] == [dt.date(2024, 3, 24)]
    assert [d.start_date for d in deadlines] == [dt.date(2024, 5, 22)] * 2


@pytest.mark.parametrize("text", [
    "On May 5 police detained 12 people; 3 May 2024 they came back.",
    "24 МАРТА 2024 ГОДА в Казани; в ночь на 25 марта — ещё 5.",
    "From 3 to 7 March, and again on Monday, 2 days later.",
    "ſeptember 5: a character the engine's case rules treat apart.",
    # rules tried only where their lead is: digits inside numbers, day words, months
    "124 марта, с 3 по 5 мая, со 2 до 4 июня 2023 г., аз 1 то 3 март; 1.2.2020 и 03/04",
    "Between 3 and 5 May 2024, from 2nd to 4th of June; March 3-5, 2024; Sept. 12 2020-03-21",
    "мартовский 2 март 2024мая 5 май2 в ночь с 23 на 24 марта 2024 года",
])
def test_collect_reads_what_the_rules_read(text: str) -> None:
    # the twins over lower-cased text only find where matches are: the same matches,
    # groups as written, as running every rule over the text itself
    _assert_collect_reads_what_the_rules_read(text)


def test_collect_reads_what_the_rules_read_in_jumbled_dates() -> None:
    import random

    words = ["24", "3", "2024", "12", "05", "31", "марта", "мая", "Май", "March", "may",
             "mar.", "Sept.", "between", "from", "с", "со", "аз", "по", "to", "and", "-", "–",
             "/", ".", "of", "в", "ночь", "на", "года", "th", "-го", ",", "  ", "\n"]
    rng = random.Random(7)
    for _ in range(400):
        text = "".join(rng.choice(words) + rng.choice(["", " ", " "])
                       for _ in range(rng.randint(1, 12)))
        _assert_collect_reads_what_the_rules_read(text)


def _assert_collect_reads_what_the_rules_read(text: str) -> None:
    from khronika.extract import dates

    taken: list[tuple[int, int]] = []
    expected = []
    for kind, rx in dates._RX:
        for m in rx.finditer(text):
            if not any(m.start() < b and a < m.end() for a, b in taken):
                taken.append(m.span())
                expected.append((m.start(), kind, m.span(), m.groupdict()))
    got = [(r.start, r.kind, r.m.span(), r.m.groupdict()) for r in dates._collect(text)]
    assert got == sorted(expected, key=lambda e: e[0])


def test_date_rule_twins_hold_only_lower_case_letters() -> None:
    """A twin searches lower-cased text case-sensitively: a capital in a rule would make it
    miss what the rule finds."""
    from khronika.extract import dates
    from khronika.extract.prefilter import case_odd

    twins = dates._twins()
    assert len(twins) == len(dates._RX)
    for rx in twins.values():
        letters = pattern_letters(rx)
        assert letters and all(c == c.lower() and not case_odd(c) for c in letters), rx.pattern


def test_a_led_rule_begins_only_where_its_lead_does() -> None:
    """A rule tried only where its lead matches must not be able to begin anywhere else:
    a rule given a new first word ("до 5 марта") must be given it in its lead too."""
    from khronika.extract import dates

    rules = dict(dates._RX)
    assert set(dates._LEAD_OF) <= set(rules)
    for name, lead in dates._LEAD_OF.items():
        allowed = first_chars(lead)
        assert allowed, lead
        assert first_chars(dates._twins()[id(rules[name])]) is not None, name
        assert first_chars(dates._twins()[id(rules[name])]) <= allowed, name
    # the check itself: a rule that may begin with another word is caught
    assert not first_chars(r"(?:до\s+)?\d+") <= first_chars(dates._DAY_LEAD)  # type: ignore[operator]
