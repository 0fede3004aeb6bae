"""natasha's slovnet NER model, run with less overhead: slovnet's spans, computed faster.

slovnet's numpy inference spends most of its time around the arithmetic rather than in
it: ``np.pad`` (a general-purpose routine costing more than the convolution it feeds),
transpositions between layers, and a CRF decoder that builds index grids at every token.
:class:`FastTagger` runs the same model from the same weights: the same tokenisation,
the same batches of eight lines, the same layers in the same order, the same Viterbi
choices. One thing differs on purpose: each convolution multiplies by a contiguous copy
of its weights, where slovnet multiplies by a transposed view. BLAS takes another route
for a transposed operand (some 1.5x slower here), and for a few small shapes that route
sums in another order, so an emission may differ from slovnet's in its last bits; no span
differed on any of our reference sets (the bench reports, ACLED, geo and ner-ru inputs;
10,176 lines, 23,075 spans). The tests check the spans against slovnet's own tagger.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
from numpy.lib.stride_tricks import as_strided
from slovnet.shape import word_shape

#: (start, stop, label) of one entity, offsets into the tagged line.
Span = tuple[int, int, str]

Array = np.ndarray[Any, Any]

#: Words whose ids are remembered; the memo is emptied when it grows past this.
_KNOWN_MAX = 200_000


class _ConvLayer:
    """One encoder layer (convolution, ReLU, batch norm) on (batch, tokens, features)."""

    def __init__(self, layer: Any) -> None:
        conv, norm = layer.conv, layer.norm
        filters, channels, self.kernel = conv.weight.array.shape
        self.padding = int(conv.padding)
        # a contiguous copy, not slovnet's transposed view of the weights: BLAS multiplies
        # by it faster (see the module's docstring for what that changes)
        self.weight_t = np.ascontiguousarray(
            conv.weight.array.reshape(filters, channels * self.kernel).T)
        self.bias = conv.bias.array
        self.mean, self.std = norm.mean.array, norm.std.array
        self.scale, self.shift = norm.weight.array, norm.bias.array

    def __call__(self, x: Array, pad_mask: Array) -> Array:
        batch, tokens, channels = x.shape
        pad = self.padding
        padded = np.zeros((batch, tokens + 2 * pad, channels), dtype=x.dtype)
        padded[:, pad:pad + tokens] = x
        width = tokens + 2 * pad - self.kernel + 1
        sb, st, sc = padded.strides
        # row (b, w) holds padded[b, w:w + kernel, :] channel-major, as slovnet's windows
        windows = as_strided(padded, (batch, width, channels, self.kernel), (sb, st, sc, st))
        out: Array = np.matmul(windows.reshape(batch * width, channels * self.kernel),
                               self.weight_t)
        # slovnet's steps, in its order, in place (float32 throughout: the same results,
        # without a new array per step)
        out += self.bias
        np.clip(out, 0, None, out=out)
        out -= self.mean
        out /= self.std
        out *= self.scale
        out += self.shift
        out = out.reshape(batch, width, -1)
        out[pad_mask] = 0  # padding positions are zero before the next layer, as in slovnet
        return out


class FastTagger:
    """Spans for lines of text, as ``NewsNERTagger.map``'s, computed faster."""

    def __init__(self, tagger: Any) -> None:
        infer = tagger.infer
        self._encoder = infer.encoder
        self._words_vocab = infer.encoder.words_vocab
        self._shapes_vocab = infer.encoder.shapes_vocab
        self._known: dict[str, tuple[int, int]] = {}
        self._decoder = infer.decoder
        self._batch = int(tagger.batch_size)
        model = infer.model
        self._embed = model.emb
        self._layers = [_ConvLayer(layer) for layer in model.encoder.layers]
        self._project = model.head.proj
        self._transitions = model.head.crf.transitions.array

    def map(self, lines: list[str]) -> list[list[Span]]:
        """The entity spans of each line, in order."""
        from slovnet.exec.infer import text_words
        from slovnet.markup import BIOMarkup

        out: list[list[Span]] = []
        for chunk in self._chunks(lines):
            words = [text_words(line) for line in chunk]
            batch = self._encoder.input([self._ids(line_words) for line_words in words])
            tag_ids = self._viterbi(self._emissions(batch), ~batch.pad_mask)
            for line, line_words, tags in zip(chunk, words, self._decoder(tag_ids),
                                              strict=True):
                markup = BIOMarkup.from_tuples(zip(line_words, tags, strict=True))
                out.append([(s.start, s.stop, s.type) for s in markup.to_span(line).spans])
        return out

    def _chunks(self, lines: list[str]) -> Iterator[list[str]]:
        """The lines in slovnet's batches: the tagger's, each cut to the encoder's size."""
        for first in range(0, len(lines), self._batch):
            chunk = lines[first:first + self._batch]
            for sub in range(0, len(chunk), self._encoder.batch_size):
                yield chunk[sub:sub + self._encoder.batch_size]

    def _ids(self, words: list[str]) -> tuple[list[int], list[int]]:
        """Vocabulary and shape ids of a line's words (slovnet's encoding, remembered per
        word: working out a word's shape costs more than the look-up)."""
        known = self._known
        if len(known) > _KNOWN_MAX:
            known.clear()
        word_ids: list[int] = []
        shape_ids: list[int] = []
        for word in words:
            ids = known.get(word)
            if ids is None:
                ids = known[word] = (self._words_vocab.encode(word.lower()),
                                     self._shapes_vocab.encode(word_shape(word)))
            word_ids.append(ids[0])
            shape_ids.append(ids[1])
        return word_ids, shape_ids

    def _emissions(self, batch: Any) -> Array:
        x = self._embed(batch.word_id, batch.shape_id)
        for layer in self._layers:
            x = layer(x, batch.pad_mask)
        emissions: Array = self._project(x)
        return emissions

    def _viterbi(self, emissions: Array, mask: Array) -> Iterator[list[int]]:
        """Best tag sequence per row: slovnet's CRF decoding, step for step."""
        rows, tags_num = emissions.shape[0], emissions.shape[2]
        row_index = np.arange(rows)[:, None]
        tag_index = np.arange(tags_num)[None, :]
        unpadded = bool(mask.all())
        score = emissions[:, 0]
        history: list[Array] = []
        for i in range(1, emissions.shape[1]):
            step = score[:, :, None] + self._transitions + emissions[:, i, None, :]
            best = step.argmax(1)
            chosen = step[row_index, best, tag_index]
            score = chosen if unpadded else np.where(mask[:, i, None], chosen, score)
            history.append(best)
        sizes = mask.sum(1) - 1
        for row in range(rows):
            tag = int(score[row].argmax())
            tags = [tag]
            for back in reversed(history[:sizes[row]]):
                tag = int(back[row][tag])
                tags.append(tag)
            tags.reverse()
            yield tags
