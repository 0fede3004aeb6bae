"""Cheap tests that tell, before a regular expression is run, that it cannot match a text.

Most rule families (trigger words, date forms) match nothing in most documents, yet a
regex that opens with a look-behind (``(?<!\\w)(?:...)``) is tried at every position of
the text. :func:`gate_for` reads a compiled pattern's syntax tree once and derives the
literal strings ("needles") one of which every match must contain: ``clash(?:ed|es)?``
needs ``clash``; ``(?:fought|fighting)`` needs ``fought`` or ``fighting``. A gate that
finds none of its needles in the folded text proves the pattern would find nothing, so
skipping it changes no result. A pattern whose matches need no literal (``\\d+``) gets an
open gate that always runs it. A :class:`GateSet` asks the gates of a whole rule family
at once, through an index of their needles' first characters.

Case: needles and text are compared after :func:`fold`, which maps every pair of
characters that ``re.IGNORECASE`` treats as equal to the same character, so a gate is
sound for case-insensitive and case-sensitive patterns alike.
"""

from __future__ import annotations

import importlib
import operator
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generic, TypeVar

# The regex parser is the standard library's own (re._parser); read through importlib
# because it is not part of the typed public interface.
_parser: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")

#: Largest set of alternative strings followed through a concatenation: beyond it the
#: analysis keeps what it has (the gate only gets weaker, never wrong).
_CAP = 64
#: Largest character class expanded into single-character alternatives.
_CLASS_CAP = 12

# Characters that re.IGNORECASE equates with a character of another lower-case form
# (re's case "fixes": ſ ~ s, ᲀ ~ в, ς ~ σ ...), mapped to one representative; İ lowers
# to two characters in str.lower() but to "i" in the regex engine.
_CANON = str.maketrans({
    "ſ": "s", "ı": "i", "\u0345": "ι", "\u1fbe": "ι", "µ": "μ", "ς": "σ", "ϐ": "β",
    "ϑ": "θ", "ϕ": "φ", "ϖ": "π", "ϰ": "κ", "ϱ": "ρ", "ϵ": "ε", "ᲀ": "в", "ᲁ": "д",
    "ᲂ": "о", "ᲃ": "с", "ᲄ": "т", "ᲅ": "т", "ᲆ": "ъ", "ᲇ": "ѣ", "ᲈ": "ꙋ", "ẛ": "ṡ",
})
_ODD = re.compile("[" + "".join(chr(k) for k in _CANON) + "]")


def case_odd(lowered: str) -> bool:
    """Whether lower-cased text holds a character that re.IGNORECASE equates with another
    letter (ſ with s, ᲀ with в), or a σ, whose lower-casing depends on its neighbours."""
    return "σ" in lowered or _ODD.search(lowered) is not None


def fold(text: str) -> str:
    """``text`` in the form gates compare: lower case, case-equivalents unified."""
    if "İ" in text:
        text = text.replace("İ", "i")
    low = text.lower()
    return low.translate(_CANON) if _ODD.search(low) else low


#: Needles are first looked up by their first this-many characters.
_GRAM = 3

Needles = frozenset[str]


class Probe:
    """A text made ready for gates: folded, with its sets of character n-grams made on
    demand, so that a gate can rule itself out with one set operation.

    ``lowered`` is the text lower-cased when that keeps every character in place and
    re.IGNORECASE equates nothing more than lower-casing does (else None): the text over
    which a :func:`case_twin` matches where its pattern does over the original."""

    __slots__ = ("_grams", "folded", "lowered")

    def __init__(self, text: str) -> None:
        low = text.lower()
        odd = _ODD.search(low) is not None
        if "İ" in text:
            self.folded = fold(text)
        else:  # as fold() makes it, from the one lower-casing
            self.folded = low.translate(_CANON) if odd else low
        self.lowered = low if len(low) == len(text) and not odd and "σ" not in low else None
        self._grams: dict[int, frozenset[str]] = {}

    def grams(self, n: int) -> frozenset[str]:
        """Every run of ``n`` characters in the folded text."""
        found = self._grams.get(n)
        if found is None:
            t = self.folded
            # the runs are joined a character at a time by map, without a Python loop:
            # several times faster than slicing at every position
            runs: Iterable[str] = t
            for k in range(1, n):
                runs = map(operator.add, runs, t[k:])
            found = frozenset(runs)
            self._grams[n] = found
        return found


@dataclass(frozen=True, slots=True)
class Gate:
    """Whether a pattern may match: ``needles`` None means it always may."""

    needles: tuple[str, ...] | None
    #: (n, the needles' first n characters) for each needle length below and at _GRAM
    heads: tuple[tuple[int, frozenset[str]], ...] = ()

    def admits(self, probe: Probe) -> bool:
        """False only when no match is possible in the probed text."""
        if self.needles is None:
            return True
        text = probe.folded
        for n, heads in self.heads:
            if n < _GRAM:  # a needle shorter than a head is its own head: looked for as is
                if any(head in text for head in heads):
                    return True
            elif not heads.isdisjoint(probe.grams(n)):
                return any(needle in text for needle in self.needles if len(needle) >= n)
        return False  # no needle even starts anywhere in the text


def uncased(rx: re.Pattern[str]) -> re.Pattern[str]:
    """``rx`` without IGNORECASE, unchecked: for a rule whose letters a test shows are all
    lower case (:func:`case_twin` checks at run time). Over :attr:`Probe.lowered` it
    matches where and as far as ``rx`` does over the text."""
    return re.compile(rx.pattern, rx.flags & ~re.IGNORECASE)


def needles_in(needles: tuple[str, ...] | None, text: str) -> bool:
    """False only when none of a gate's ``needles`` (None: the pattern needs none) is in
    ``text``, a folded or lower-cased text: then no match of the pattern can be there."""
    return needles is None or any(needle in text for needle in needles)


@lru_cache(maxsize=1024)
def case_twin(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    """``rx`` without IGNORECASE when every letter it names is lower case and no group
    changes its flags (else None). Over :attr:`Probe.lowered` the twin matches where and
    as far as ``rx`` does over the text, several times faster: the engine skips a
    case-sensitive alternative on its first letter and tries every case-insensitive one
    in full. (Bounded cache: the rule families are fixed, a few hundred patterns.)"""
    if not rx.flags & re.IGNORECASE:
        return None
    if not _lower_only(_parser.parse(rx.pattern, rx.flags)):
        return None
    return uncased(rx)


def _plain(code: int) -> bool:
    """A character that is its own lower case and that re.IGNORECASE equates with no
    letter of another lower-case form (as it does ſ with s)."""
    ch = chr(code)
    return ch.lower() == ch and _ODD.match(ch) is None


def _lower_only(items: Any) -> bool:
    """Whether a parsed pattern names no upper-case letter and sets no flags in a group."""
    for op, av in items:
        if op in (_c.LITERAL, _c.NOT_LITERAL):
            if not _plain(av):
                return False
        elif op is _c.IN:
            for item_op, item_av in av:
                if item_op is _c.LITERAL and not _plain(item_av):
                    return False
                if item_op is _c.RANGE and not all(map(_plain, range(item_av[0],
                                                                     item_av[1] + 1))):
                    return False
        elif op is _c.SUBPATTERN:
            if av[1] or av[2] or not _lower_only(av[3]):
                return False
        elif op is _c.BRANCH:
            if not all(_lower_only(alt) for alt in av[1]):
                return False
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            if not _lower_only(av[2]):
                return False
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            if not _lower_only(av[1]):
                return False
        elif op is _c.ATOMIC_GROUP:
            if not _lower_only(av):
                return False
        elif op not in (_c.ANY, _c.AT, _c.CATEGORY):
            return False  # back-references, conditionals: not worth reasoning about
    return True


def may_match(rx: re.Pattern[str], text: str, within: str | None = None) -> bool:
    """False only when ``rx`` cannot match ``text``, nor any part of it: none of the words
    its matches need is there. ``within``, a text that holds ``text``, is probed instead
    (a report for one of its sentences): it is most likely probed already."""
    return _gate_of(rx).admits(probe_of(text if within is None else within))


@lru_cache(maxsize=1024)
def _gate_of(rx: re.Pattern[str]) -> Gate:
    """The gate of a rule's pattern, read once (bounded: the rules are a fixed few)."""
    return gate_for(rx)


@lru_cache(maxsize=4)
def probe_of(text: str) -> Probe:
    """The :class:`Probe` of ``text``, shared: the date rules, the trigger lexicon and the
    urgency rules all probe the same report, which is folded and cut into n-grams once."""
    return Probe(text)


T = TypeVar("T")


class GateSet(Generic[T]):
    """Items (rules, lexicon entries) with their gates, asked together which may match.

    Asking a hundred gates one by one costs a hundred set operations per text, though a
    text holds the first characters of few rules' needles. The set indexes every needle
    under its head (its first three characters) instead, so the text's own three-character
    runs pick the needles worth looking for; the few shorter needles are looked for as they
    are. An item is admitted when one of its needles is in the text, exactly as
    :meth:`Gate.admits` decides (a needle in the text has its head among the text's runs,
    so the index passes over none that could be found).
    """

    def __init__(self, items: Sequence[tuple[T, Gate]]) -> None:
        self._items = [item for item, _ in items]
        self._open = frozenset(i for i, (_, gate) in enumerate(items) if gate.needles is None)
        # Needles shorter than a head are looked for directly: a few substring tests cost
        # less than cutting the text into runs of one and two characters.
        short: list[tuple[int, str]] = []
        sure: dict[str, set[int]] = {}  # needles that are a whole head: seen when it is
        longer: dict[str, list[tuple[int, str]]] = {}
        for i, (_, gate) in enumerate(items):
            for needle in gate.needles or ():
                if len(needle) < _GRAM:
                    short.append((i, needle))
                elif len(needle) == _GRAM:
                    sure.setdefault(needle, set()).add(i)
                else:
                    longer.setdefault(needle[:_GRAM], []).append((i, needle))
        self._short = tuple(short)
        self._heads = {head: (frozenset(sure.get(head, ())), tuple(longer.get(head, ())))
                       for head in sure.keys() | longer.keys()}
        self._head_set = frozenset(self._heads)

    def __len__(self) -> int:
        return len(self._items)

    def admitted(self, probe: Probe) -> list[T]:
        """The items whose gates admit the probed text, in the order they were given."""
        found = set(self._open)
        text = probe.folded
        for i, needle in self._short:
            if needle in text:
                found.add(i)
        if self._heads:
            heads = self._heads
            # frozenset & frozenset walks the smaller of the two
            for head in self._head_set & probe.grams(_GRAM):
                whole, rest = heads[head]
                found.update(whole)
                for i, needle in rest:
                    if i not in found and needle in text:
                        found.add(i)
        return [self._items[i] for i in sorted(found)]


def gate_for(pattern: re.Pattern[str]) -> Gate:
    """The gate of a compiled pattern (open when no literal is needed by every match)."""
    _, needed = _sequence(_parser.parse(pattern.pattern, pattern.flags))
    if needed is None:
        return Gate(None)
    needles = _minimal({fold(n) for n in needed})
    heads: dict[int, set[str]] = {}
    for n in needles:
        size = min(len(n), _GRAM)
        heads.setdefault(size, set()).add(n[:size])
    return Gate(needles, tuple((size, frozenset(h)) for size, h in sorted(heads.items())))


def _minimal(needles: set[str]) -> tuple[str, ...]:
    """The needles without those that contain another (finding "clashed" implies "clash")."""
    kept: list[str] = []
    for n in sorted(needles, key=len):
        if not any(k in n for k in kept):
            kept.append(n)
    return tuple(sorted(kept))


# ----------------------------------------------------------------- syntax-tree analysis
#
# Each node gives (exact, needed): ``exact`` the complete set of strings the node can
# match when that set is small and literal (else None); ``needed`` a set of strings one of
# which every match of the node contains (else None).

Result = tuple[Needles | None, Needles | None]


def _score(needles: Needles | None) -> tuple[int, int]:
    """How selective a needle set is: longer shortest needle first, then fewer needles."""
    if not needles or "" in needles:
        return (-1, 0)
    return (min(len(n) for n in needles), -len(needles))


def _better(a: Needles | None, b: Needles | None) -> Needles | None:
    best = a if _score(a) >= _score(b) else b
    return best if _score(best)[0] > 0 else None


def _product(a: Needles, b: Needles) -> Needles | None:
    if len(a) * len(b) > _CAP:
        return None
    return frozenset(x + y for x in a for y in b)


def _sequence(items: Any) -> Result:
    """A concatenation: runs of literal items multiply out into longer needles."""
    needed: Needles | None = None
    run: Needles = frozenset({""})
    whole = True
    for op, av in items:
        if op is _c.LITERAL:  # the common case, kept cheap
            run = frozenset(x + chr(av) for x in run)
            continue
        exact, item_needed = _node(op, av)
        if item_needed is not None:
            needed = _better(needed, item_needed)
        joined = _product(run, exact) if exact is not None else None
        if joined is not None:
            run = joined
            continue
        whole = False
        needed = _better(needed, run)
        run = exact if exact is not None else frozenset({""})
    needed = _better(needed, run)
    return (run if whole else None), needed


def _node(op: Any, av: Any) -> Result:
    if op is _c.LITERAL:
        return frozenset({chr(av)}), None
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return frozenset({""}), None  # zero-width: consumes nothing
    if op is _c.IN:
        return _char_class(av), None
    if op is _c.SUBPATTERN:
        return _sequence(av[3])
    if op is _c.ATOMIC_GROUP:
        return _sequence(av)
    if op is _c.BRANCH:
        return _branch(av[1])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        return _repeat(av[0], av[1], av[2])
    return None, None  # any character, categories, back-references, conditionals


def _char_class(items: Any) -> Needles | None:
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] < _CLASS_CAP:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None  # a negation, a category or a wide range
    return frozenset(chars) if 0 < len(chars) <= _CLASS_CAP else None


def _branch(alternatives: Any) -> Result:
    results = [_sequence(alt) for alt in alternatives]
    exact: Needles | None = frozenset()
    needed: Needles | None = frozenset()
    for alt_exact, alt_needed in results:
        exact = exact | alt_exact if exact is not None and alt_exact is not None else None
        needed = needed | alt_needed if needed is not None and alt_needed is not None else None
    if exact is not None and len(exact) > _CAP:
        exact = None
    return exact, needed


def _repeat(low: int, high: int, item: Any) -> Result:
    exact, needed = _sequence(item)
    if low == 0:
        if high == 1 and exact is not None:
            return exact | {""}, None
        return None, None
    if exact is None:
        return None, needed
    power: Needles | None = frozenset({""})
    for _ in range(low):
        power = _product(power, exact) if power is not None else None
    if power is None:
        return None, needed
    return (power if low == high else None), _better(needed, power)
