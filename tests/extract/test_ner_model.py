"""The fast tagger gives slovnet's own results: the same spans and the same numbers."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from khronika.extract.ner_model import FastTagger
from khronika.extract.ner_ru import one_blas_thread

LINES = [
    ". Путин подписал указ.",
    ". 12 марта 2024 года в Казани полиция задержала 15 граждан Таджикистана в общежитии.",
    ". Сотрудники ФСБ России и МВД провели облаву на рынке «Садовод» в Москве.",
    ". Правозащитный центр «Мемориал» сообщил, что Фаррух Рахимов задержан в Екатеринбурге.",
    ". Дар Душанбе 5 нафарро боздошт карданд.",
    ". Police raided a market in Kazan.",
    ". —",
    ". Глава Росгвардии Виктор Золотов встретился с послом Таджикистана Давлатшохом Гулмахмадзода "
    "и обсудил с ним положение мигрантов в Санкт-Петербурге, Новосибирске и Калуге.",
    ". Н. Медведев и А. Кудрин выступили в Госдуме; «Газпром» и ОАО «РЖД» промолчали.",
    ". Е. Шульман",
]


@pytest.fixture(scope="module")
def slovnet() -> Any:
    from natasha import NewsEmbedding, NewsNERTagger

    return NewsNERTagger(NewsEmbedding())


def _slovnet_spans(tagger: Any, lines: list[str]) -> list[list[tuple[int, int, str]]]:
    return [[(s.start, s.stop, s.type) for s in markup.spans] for markup in tagger.map(lines)]


@pytest.mark.parametrize("count", [1, 3, 8, 9, len(LINES)])
def test_spans_are_slovnets_in_every_batch_shape(slovnet: Any, count: int) -> None:
    lines = LINES[:count]
    with one_blas_thread():
        assert FastTagger(slovnet).map(lines) == _slovnet_spans(slovnet, lines)
    assert any(FastTagger(slovnet).map(LINES))  # the lines do hold names


def test_emissions_are_bit_for_bit_slovnets(slovnet: Any) -> None:
    from slovnet.exec.infer import text_words

    fast = FastTagger(slovnet)
    with one_blas_thread():
        # lines of unequal length: the shorter ones are padded within the batch
        for batch in slovnet.infer.encoder([text_words(line) for line in LINES[:8]]):
            theirs = slovnet.infer.model(batch.word_id, batch.shape_id, batch.pad_mask)
            assert np.array_equal(fast._emissions(batch), theirs)


def test_word_ids_are_the_encoders(slovnet: Any) -> None:
    from slovnet.exec.infer import text_words

    fast = FastTagger(slovnet)
    for line in LINES:
        words = text_words(line)
        assert fast._ids(words) == slovnet.infer.encoder.item(words)
        assert fast._ids(words) == slovnet.infer.encoder.item(words)  # remembered: same
