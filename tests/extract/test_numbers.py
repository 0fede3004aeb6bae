"""Number words and vague amounts, English, Russian and Tajik (own sentences)."""

from __future__ import annotations

import pytest

from khronika.extract.numbers import find_quantities, parse_quantity, words_to_int


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("twelve", (12, 12)),
        ("twenty-five", (25, 25)),
        ("one hundred and twenty", (120, 120)),
        ("a hundred", (100, 100)),
        ("1,200", (1200, 1200)),
        ("95 000", (95000, 95000)),
        ("3.5 thousand", (3500, 3500)),
        ("a dozen", (12, 12)),
        ("two dozen", (24, 24)),
        ("a couple of dozen", (24, 24)),
        ("dozens", (12, None)),
        ("hundreds", (100, None)),
        ("several", (2, None)),
        ("more than 400", (401, None)),
        ("over 1,000", (1001, None)),
        ("at least 14", (14, None)),
        ("nearly 150", (140, 149)),
        ("about 40", (40, 40)),
        ("up to 30", (1, 30)),
        ("fewer than 10", (1, 9)),
        ("3-4", (3, 4)),
        ("between 500 and 800", (500, 800)),
        ("about 50 to 100", (50, 100)),
        ("двенадцать", (12, 12)),
        ("двое", (2, 2)),
        ("сорока", (40, 40)),
        ("около сорока", (40, 40)),
        ("более 400", (401, None)),
        ("две тысячи", (2000, 2000)),
        ("пятерых", (5, 5)),
        ("десятки", (12, None)),
        ("несколько десятков", (20, None)),  # десяток = 10
        ("от 50 до 100", (50, 100)),
        ("почти 150", (140, 149)),
        ("бисту панҷ", (25, 25)),
    ],
)
def test_parse_quantity(phrase: str, expected: tuple[int, int | None]) -> None:
    assert parse_quantity(phrase) == expected


def test_words_to_int_rejects_non_numbers() -> None:
    assert words_to_int("twenty one") == 21
    assert words_to_int("police") is None


def test_find_quantities_offsets_point_into_text() -> None:
    text = "Officers held 12 men and more than 400 were listed."
    found = find_quantities(text)
    assert [(q.text, q.min, q.max) for q in found] == [("12", 12, 12),
                                                       ("more than 400", 401, None)]
    assert all(text[q.start:q.end] == q.text for q in found)


def test_and_is_no_range_without_between() -> None:
    found = find_quantities("3 soldiers and 2 civilians")
    assert [(q.min, q.max) for q in found] == [(3, 3), (2, 2)]


def test_tajik_words_only_for_tajik() -> None:
    # "сад" is a Russian word (garden) as well as Tajik for 100
    assert find_quantities("городской сад", lang="ru") == []
    assert find_quantities("сад нафар", lang="tg")[0].min == 100
