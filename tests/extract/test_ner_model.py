"""The fast tagger gives slovnet's own results: the same spans, the same tags."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from khronika.extract.ner_model import FastTagger, tokens
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


def test_tags_are_slovnets_in_every_batch(slovnet: Any) -> None:
    # Not the emissions bit for bit: FastTagger multiplies by a contiguous copy of the conv
    # weights, for which BLAS may sum in another order than for slovnet's transposed view,
    # so the last bits of an emission may differ. What matters is what the tagger returns:
    # the tags (and so the spans, checked above) are slovnet's, the emissions all but equal.
    from slovnet.exec.infer import text_words

    fast = FastTagger(slovnet)
    with one_blas_thread():
        # lines of unequal length: the shorter ones are padded within the batch
        for batch in slovnet.infer.encoder([text_words(line) for line in LINES[:8]]):
            theirs = slovnet.infer.model(batch.word_id, batch.shape_id, batch.pad_mask)
            ours = fast._emissions(batch.word_id, batch.shape_id)
            assert np.allclose(ours, theirs, rtol=1e-5, atol=1e-5)
            expected = [list(tags) for tags in
                        slovnet.infer.model.head.crf.decode(theirs, ~batch.pad_mask)]
            assert list(fast._viterbi(ours, ~batch.pad_mask)) == expected


def test_word_ids_are_the_encoders(slovnet: Any) -> None:
    from slovnet.exec.infer import text_words

    fast = FastTagger(slovnet)
    for line in LINES:
        words = text_words(line)
        assert fast._ids(words) == slovnet.infer.encoder.item(words)
        assert fast._ids(words) == slovnet.infer.encoder.item(words)  # remembered: same


@pytest.mark.parametrize("text", [
    *LINES,
    "", "   ", "Yahoo! и yahoo!", "3,14 и 1/2, 2\\3; a_b -b a -b ---", "«Слово»—слово,слово.",
    ":-) ;((( =( :)", "?!… ...", "ΔP mβж Δσ", "x-5 5-x 5.x", "№5 №-5 т.е. т.д.",
    "Ростов-на-Дону 2024–2025 гг. -- ** *+*",
    "ab.cd, слово.12 12.34,56 ab,12 12,ab мигрантов, 0.",
    "А. Б. В.Г. «“„'\"", "  \t a\xa0b  ",
])
def test_tokens_are_razdels(text: str) -> None:
    from razdel import tokenize

    assert tokens(text) == [(t.start, t.stop) for t in tokenize(text)]
