"""Link features of a report's words: figures and the text sketch."""

from __future__ import annotations

import pytest

from khronika.link.features import SKETCH_SIZE, number_tokens, text_sketch
from khronika.link.names import name_keys, stable_hash, word_key, words

TEXT = ("Трое мигрантов задержаны 12 марта 2024 года; three more on 1,5 km road, "
        "в Вахдате 40 человек. Three of them, ду нафар, in 2023 and 1999.")


def test_figures_are_the_numbers_and_number_words_without_years() -> None:
    # asked twice: the second time the words' facts are remembered
    for _ in range(2):
        assert number_tokens(TEXT) == ["1.5", "12", "2", "3", "40"]


def test_sketch_is_the_smallest_hashes_of_the_word_keys() -> None:
    keys = {word_key(w) for w in words(TEXT) if len(w) >= 3 or w.isdigit()}
    expected = sorted({stable_hash(k) for k in keys if k})[:SKETCH_SIZE]
    for _ in range(2):
        assert text_sketch(TEXT) == expected
    long_text = " ".join(f"слово{i} word{i}" for i in range(400))
    assert len(text_sketch(long_text)) == SKETCH_SIZE


def test_name_keys_drop_short_and_common_words_whatever_the_names_repeat() -> None:
    for _ in range(2):
        assert name_keys(["Рустам Каримов", "the Police", "Rustam Karimov", "Ли", ""]) == \
            sorted({word_key("Рустам"), word_key("Каримов")})


def test_remembered_words_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from khronika.link import features

    monkeypatch.setattr(features._word_facts_memo, "limit", 10)
    for n in range(50):
        assert number_tokens(f"report {n + 100} of three") == sorted({str(n + 100), "3"})
        assert len(features._word_facts_memo) <= 10
