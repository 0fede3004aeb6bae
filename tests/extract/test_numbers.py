"""Number words and vague amounts, English, Russian and Tajik (own sentences)."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from khronika.extract.numbers import find_quantities, parse_quantity, words_to_int
from khronika.extract.prefilter import uncased
from tests.extract.patterns import pattern_letters


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
        ("tens of", (10, None)),
        ("tens of thousands", (10000, None)),
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
        # "tens/hundreds of thousands" is one amount, not tens and then thousands
        ("десятки тысяч", (10000, None)),
        ("десятков тысяч", (10000, None)),
        ("сотни тысяч", (100000, None)),
        ("hundreds of thousands", (100000, None)),
        ("тысячи", (1000, None)),
        # one and a half, before a multiplier only
        ("полторы тысячи", (1500, 1500)),
        ("полутора тысяч", (1500, 1500)),
        ("полтора десятка", (15, 15)),
        ("полторы сотни", (150, 150)),
        ("две сотни", (200, 200)),
        ("пять сотен", (500, 500)),
        ("полсотни", (50, 50)),
        ("около полусотни", (50, 50)),
        # after a modifier "тысячи" is one thousand (genitive singular), not thousands
        ("около тысячи", (1000, 1000)),
        ("около сотни", (100, 100)),
        ("более тысячи", (1001, None)),
    ],
)
def test_parse_quantity(phrase: str, expected: tuple[int, int | None]) -> None:
    assert parse_quantity(phrase) == expected


def test_words_to_int_rejects_non_numbers() -> None:
    assert words_to_int("twenty one") == 21
    assert words_to_int("police") is None
    assert words_to_int("полтора") is None  # "полтора часа": no count of people
    # a decimal is a count only with a multiplier: "12.04" in a message is 12 April
    assert words_to_int("12.04") is None
    assert words_to_int("2.5 thousand") == 2500
    assert words_to_int("1,5 млн") == 1_500_000


def test_about_a_thousand_is_a_round_estimate_as_in_english() -> None:
    ru = find_quantities("Пришли около тысячи человек.")
    en = find_quantities("About 1,000 people came.")
    assert [(q.min, q.max, q.exact, q.approx) for q in ru] == [(1000, 1000, True, True)]
    assert [(q.min, q.max, q.exact, q.approx) for q in en] == [(1000, 1000, True, True)]
    assert find_quantities("полтора часа", lang="ru") == []


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


# -- the case-sensitive twin over lower-cased text ---------------------------------------

_TWIN_TEXTS = [
    "More Than 400 foreigners; Nearly 150 Dead, between 500 And 800 injured, DOZENS held.",
    "Около 30 человек, более ДВУХ ТЫСЯЧ мигрантов, от 50 до 100; человек 30 задержаны.",
    "Бисту панҷ нафар, даҳҳо нафар ва ЯК гурӯҳ ҷавонон.",
    "Two Dozen, a couple of officers, 1,200 people and 95 000 more, 3-4 or 5 To 7.",
    "Σ 5 people, several 3 and İİ 40 (odd characters take the original pattern).",
]


@pytest.mark.parametrize("text", _TWIN_TEXTS)
@pytest.mark.parametrize("lang", ["en", "tg"])
def test_twin_finds_what_the_case_insensitive_pattern_finds(text: str, lang: str) -> None:
    from khronika.extract import numbers

    rx = numbers.QUANTITY_RX_TG if lang == "tg" else numbers.QUANTITY_RX
    for variant in (text, text.upper(), text.lower(), text.title()):
        expected = [(m.span(), {k: v and v.lower() for k, v in m.groupdict().items()})
                    for m in rx.finditer(variant)]
        got = [(m.span(), {k: v and v.lower() for k, v in m.groupdict().items()})
               for m in numbers._quantity_matches(rx, variant, 0, len(variant))]
        assert got == expected
        assert [q.text for q in find_quantities(variant, lang=lang)] == [
            variant[q.start:q.end] for q in find_quantities(variant, lang=lang)]


def test_twin_patterns_hold_only_lower_case_letters() -> None:
    from khronika.extract import numbers
    from khronika.extract.prefilter import case_odd

    for rx in (numbers.QUANTITY_RX, numbers.QUANTITY_RX_TG):
        chars = pattern_letters(rx)
        assert chars and all(c == c.lower() and not case_odd(c) for c in chars)


def test_lower_casing_keeps_word_space_and_digit_classes() -> None:
    import re

    from khronika.extract.prefilter import case_odd

    for code in range(0x110000):
        char = chr(code)
        low = char.lower()
        if 0xD800 <= code < 0xE000 or low == char or len(low) != 1 or case_odd(low):
            continue
        for cls in (r"\w", r"\s", r"\d"):
            assert bool(re.fullmatch(cls, char)) == bool(re.fullmatch(cls, low)), hex(code)


def _flat_alt(words: Iterable[str]) -> str:
    """The plain alternation the trie in ``numbers._alt`` stands for."""
    import re

    items = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace("\\ ", " ").replace(" ", r"\s+") for w in items)


def test_word_tries_match_what_flat_alternations_match(monkeypatch: pytest.MonkeyPatch) -> None:
    from khronika.extract import numbers

    tries = [numbers.QUANTITY_RX, numbers.QUANTITY_RX_TG]
    monkeypatch.setattr(numbers, "_alt", _flat_alt)
    flats = [numbers._quantity_rx([*numbers._NOT_TG, *numbers.HALVES]),
             numbers._quantity_rx([*numbers.WORD_VALUES, *numbers.HALVES])]
    words = sorted({*numbers.WORD_VALUES, *numbers.MULTIPLIERS, *numbers.VAGUE,
                    *numbers._MODIFIERS, *numbers.HALVES})
    texts = [*_TWIN_TEXTS, " ".join(words), " 7 ".join(words), "-".join(words),
             " ".join(f"{w} {v} {w}s" for w, v in numbers.WORD_VALUES.items()),
             " ".join(f"{m} {w} dozen" for m in numbers._MODIFIERS for w in ("two", "3"))]
    for trie, flat in zip(tries, flats, strict=True):
        assert trie.pattern != flat.pattern
        for rx_trie, rx_flat in ((trie, flat), (uncased(trie), uncased(flat))):
            for text in texts:
                for variant in (text, text.upper(), text.lower()):
                    assert [(m.span(), m.groupdict()) for m in rx_trie.finditer(variant)] == [
                        (m.span(), m.groupdict()) for m in rx_flat.finditer(variant)]
