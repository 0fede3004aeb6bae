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

Around the model, slovnet's per-line objects are left out: razdel's tokens are read
with their offsets in one pass (:func:`tokens`; slovnet tokenises through two generator
layers and then finds every token in the line again to place the spans), and the tags go
straight from their ids to spans, without tag strings, markup records or a second search.
Every matrix product is the one it was (the same operands, the same shapes), so the
emissions are the same to the bit; what changed is only how the operands are copied
into place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
from razdel.segmenters.punct import DASHES
from razdel.segmenters.tokenize import ATOM, LAT, OTHER, PUNCT, RU, Atom, TokenSplit
from razdel.segmenters.tokenize import tokenize as _razdel_tokenize
from slovnet.shape import word_shape

#: (start, stop, label) of one entity, offsets into the tagged line.
Span = tuple[int, int, str]

Array = np.ndarray[Any, Any]

#: Words whose ids are remembered; the memo is emptied when it grows past this.
_KNOWN_MAX = 200_000

#: The atoms razdel's token rules look for next to a join: a dash, an underscore, a
#: decimal point or comma, a slash. Two adjacent atoms with none of these on either
#: side, not both punctuation, neither an OTHER atom and no "!" on the right (a rule joins
#: it to the word before, as in "Yahoo!"), match no rule.
_RULE_ATOMS = frozenset(DASHES + "_.,/\\")

#: A word before a point or comma matches no rule either (the one rule for a point or
#: comma joins numbers), and this is how most sentences and clauses end.
_WORD_ATOMS = frozenset({RU, LAT})

#: How many atoms razdel's rules see on each side of a join.
_WINDOW = 3


def tokens(text: str) -> list[tuple[int, int]]:
    """(start, stop) of each of razdel's tokens of ``text``: ``razdel.tokenize``'s, found
    in one pass. Atoms apart (whitespace between them) are always separate tokens in
    razdel; atoms side by side are put to razdel's own rules, unless no rule can join
    them (see ``_RULE_ATOMS``)."""
    atoms = [(m.start(), m.end(), m.lastgroup, m.group()) for m in ATOM.finditer(text)]
    if not atoms:
        return []
    made: dict[int, Atom] = {}  # razdel's atom records, built only where a rule looks

    def atom(index: int) -> Atom:
        record = made.get(index)
        if record is None:
            record = made[index] = Atom(*atoms[index])
        return record

    out: list[tuple[int, int]] = []
    start, stop, left_type, left_text = atoms[0]
    for index in range(1, len(atoms)):
        a_start, a_stop, a_type, a_text = atoms[index]
        if a_start == stop and not (a_text in ".," and left_type in _WORD_ATOMS) and (
                left_text in _RULE_ATOMS or a_text in _RULE_ATOMS or a_text == "!"
                or (left_type == PUNCT and a_type == PUNCT)
                or left_type == OTHER or a_type == OTHER):
            split = TokenSplit([atom(i) for i in range(max(0, index - _WINDOW), index)], "",
                               [atom(i) for i in range(index, min(len(atoms),
                                                                  index + _WINDOW))])
            split.buffer = text[start:stop]
            if _razdel_tokenize.join(split):
                stop, left_type, left_text = a_stop, a_type, a_text
                continue
        out.append((start, stop))
        start, stop, left_type, left_text = a_start, a_stop, a_type, a_text
    out.append((start, stop))
    return out


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

    def __call__(self, x: Array, pad_mask: Array | None) -> Array:
        """The layer's output; ``pad_mask`` marks the padding positions (None: none)."""
        batch, tokens, channels = x.shape
        pad, kernel = self.padding, self.kernel
        width = tokens + 2 * pad - kernel + 1
        # row (b, w) holds the zero-padded input's [b, w:w + kernel, :] channel-major, as
        # slovnet's windows: each kernel position is copied in whole rows of channels
        # (copying the windows' view would copy runs of `kernel` floats, one at a time)
        windows = np.empty((batch, width, channels, kernel), dtype=x.dtype)
        for j in range(kernel):
            first, last = max(0, pad - j), min(width, tokens + pad - j)
            if first > 0:
                windows[:, :first, :, j] = 0
            if last < width:
                windows[:, last:, :, j] = 0
            windows[:, first:last, :, j] = x[:, first + j - pad:last + j - pad]
        out: Array = np.matmul(windows.reshape(batch * width, channels * kernel),
                               self.weight_t)
        # slovnet's steps, in its order, in place (float32 throughout: the same results,
        # without a new array per step)
        out += self.bias
        np.maximum(out, 0, out=out)  # slovnet's clip(0), without numpy's wrapper around it
        out -= self.mean
        out /= self.std
        out *= self.scale
        out += self.shift
        out = out.reshape(batch, width, -1)
        if pad_mask is not None:
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
        self._batch = int(tagger.batch_size)
        model = infer.model
        words, shapes = model.emb.word, model.emb.shape
        self._navec_indexes = words.indexes.array
        qdim, centroids, chunk = words.codes.array.shape
        # navec's codes as one table: row q * centroids + c is codes[q, c]
        self._codes = np.ascontiguousarray(words.codes.array.reshape(qdim * centroids, chunk))
        self._code_rows = np.arange(qdim) * centroids
        self._word_dim = qdim * chunk
        self._shape_table = shapes.weight.array
        self._layers = [_ConvLayer(layer) for layer in model.encoder.layers]
        self._project = model.head.proj
        self._transitions = model.head.crf.transitions.array
        # each tag id as (part, type): "B-PER" -> ("B", "PER"), "O" -> ("O", None)
        self._tags: list[tuple[str, str | None]] = []
        for tag in infer.decoder.tags_vocab.items:
            part, _, kind = tag.partition("-")
            self._tags.append((part, kind or None))

    def map(self, lines: list[str]) -> list[list[Span]]:
        """The entity spans of each line, in order."""
        out: list[list[Span]] = []
        for chunk in self._chunks(lines):
            bounds = [tokens(line) for line in chunk]
            if not any(bounds):  # nothing to tag (slovnet fails on such a batch)
                out.extend([] for _ in chunk)
                continue
            word_id, shape_id = self._input(chunk, bounds)
            emissions = self._emissions(word_id, shape_id)
            paths = self._viterbi(emissions, word_id != self._words_vocab.pad_id)
            for line_bounds, tags in zip(bounds, paths, strict=True):
                out.append(self._spans(line_bounds, tags) if line_bounds else [])
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

    def _input(self, lines: list[str],
               bounds: list[list[tuple[int, int]]]) -> tuple[Array, Array]:
        """Word and shape ids, one row per line, padded as slovnet's encoder pads them."""
        size = max(len(line_bounds) for line_bounds in bounds)
        word_rows: list[list[int]] = []
        shape_rows: list[list[int]] = []
        for line, line_bounds in zip(lines, bounds, strict=True):
            word_ids, shape_ids = self._ids([line[s:e] for s, e in line_bounds])
            padding = size - len(line_bounds)
            word_rows.append(word_ids + [self._words_vocab.pad_id] * padding)
            shape_rows.append(shape_ids + [self._shapes_vocab.pad_id] * padding)
        return np.array(word_rows, dtype=np.int64), np.array(shape_rows, dtype=np.int64)

    def _emissions(self, word_id: Array, shape_id: Array) -> Array:
        """The model's emissions (batch, tokens, tags) for padded word and shape ids."""
        batch, size = word_id.shape
        # slovnet's embeddings, gathered as whole rows: navec's code for each word, then
        # the shape's vector (padding positions are embedded too, as slovnet does)
        codes = self._codes.take(self._navec_indexes[word_id] + self._code_rows, axis=0)
        x = np.concatenate((codes.reshape(batch, size, self._word_dim),
                            self._shape_table.take(shape_id, axis=0)), axis=-1)
        pad_mask = word_id == self._words_vocab.pad_id
        mask = pad_mask if pad_mask.any() else None
        for layer in self._layers:
            x = layer(x, mask)
        emissions: Array = self._project(x)
        return emissions

    def _viterbi(self, emissions: Array, mask: Array) -> list[list[int]]:
        """Best tag sequence per row: slovnet's CRF decoding, step for step."""
        rows, length, tags_num = emissions.shape
        transitions = self._transitions
        padded = not mask.all()
        # the steps' arrays are made once and written over: at a handful of tags per step
        # numpy's cost is in the calls, not in the sums
        score = emissions[:, 0].copy()
        column = score[:, :, None]  # a view: follows score as it is written over
        chosen = np.empty_like(score) if padded else score
        step = np.empty((rows, tags_num, tags_num), dtype=emissions.dtype)
        backs = np.empty((max(length - 1, 0), rows, tags_num), dtype=np.intp)
        following = emissions[:, :, None, :]
        maximum: Callable[..., Array] = np.maximum.reduce  # numpy's stubs take `out` by name
        for i in range(1, length):
            # slovnet's (score + transitions) + emission, in float32; the best previous
            # tag and its score (the maximum is the value at the argmax)
            np.add(column, transitions, out=step)
            np.add(step, following[:, i], out=step)
            # (positional arguments: numpy parses keywords at a cost felt at this size)
            step.argmax(1, backs[i - 1])
            maximum(step, 1, None, chosen)
            if padded:  # a row's score stays where the row has ended
                np.copyto(score, chosen, where=mask[:, i, None])
        history: list[list[list[int]]] = backs.tolist()
        sizes = (mask.sum(1) - 1).tolist()
        paths: list[list[int]] = []
        for row, tag in enumerate(score.argmax(1).tolist()):
            tags = [tag]
            for back in reversed(history[:sizes[row]]):
                tag = back[row][tag]
                tags.append(tag)
            tags.reverse()
            paths.append(tags)
        return paths

    def _spans(self, bounds: list[tuple[int, int]], tags: list[int]) -> list[Span]:
        """The spans of a line's BIO tags, as slovnet reads them: a B opens a span (closing
        the one open), an I extends it whatever its type, an O closes it."""
        spans: list[Span] = []
        kind: str | None = None
        start = stop = 0
        for (token_start, token_stop), tag in zip(bounds, tags, strict=True):
            part, tag_kind = self._tags[tag]
            if part == "O":
                if kind:
                    spans.append((start, stop, kind))
                    kind = None
            elif part == "B":
                if kind:
                    spans.append((start, stop, kind))
                kind, start, stop = tag_kind, token_start, token_stop
            elif part == "I":
                stop = token_stop
        if kind:
            spans.append((start, stop, kind))
        return spans
