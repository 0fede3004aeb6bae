"""Gates must never skip a regex that would have matched: they only save time."""

from __future__ import annotations

import re

import pytest

from khronika import triage
from khronika.extract import dates
from khronika.extract.events import find_triggers
from khronika.extract.lexicon import CUES, compiled_lexicon, gated_lexicon
from khronika.extract.prefilter import GateSet, Probe, fold, gate_for, probe_of
from khronika.extract.sentences import split_sentences
from khronika.model import Document, Trigger

TEXTS = [
    "Police raided a market in Kazan on 12 March 2024 and detained 40 migrants.",
    "Taliban militants ATTACKED a checkpoint overnight; two soldiers were killed in the CLASH.",
    "An air-strike hit the village. Gunmen opened fire on protesters the next day.",
    "A court ordered five Tajik nationals deported on Friday, relatives said.",
    "No one was arrested. The rally was dispersed with tear gas two days later.",
    "Protesters Clashed With Police In Dhaka Between 3 And 5 June; Dozens Were Injured.",
    "12 марта 2024 года в Казани полиция задержала 15 граждан Таджикистана в общежитии.",
    "В ночь на 24 марта неизвестные подожгли рынок, никто не пострадал.",
    "НАКАНУНЕ сотрудники ФСБ провели облаву, мигрантов избили и увезли в отдел.",
    "Суд постановил выдворить 400 иностранцев. Спустя два дня их депортировали.",
    "Дар Душанбе 5 нафарро боздошт карданд, ҳафтаи гузашта низ санҷиш буд.",
    "Рӯзи якшанбе дар бозор тазоҳурот шуд.",
    "over the past week, 3 days ago, last month, this morning, 21-23 March, 2020-03-21",
]


def _variants(text: str) -> list[str]:
    """The text as written, in other cases, and with characters that IGNORECASE equates
    with ordinary letters (long s, dotless i, old Cyrillic forms)."""
    odd = text.replace("s", "ſ").replace("i", "ı").replace("в", "ᲀ").replace("о", "ᲂ")
    return [text, text.upper(), text.title(), text.swapcase(), odd, odd.upper(),
            text.replace("I", "İ")]


def _all_patterns() -> list[re.Pattern[str]]:
    lexicon = [rx for family in ("latin", "cyrillic") for _, _, rx in compiled_lexicon(family)]
    cues = [re.compile(rx, re.IGNORECASE) for table in CUES.values() for rx in table.values()]
    urgency = [rx for _, _, rx in triage._RULES]
    return lexicon + cues + [rx for _, rx in dates._RX] + urgency


def test_needles_follow_the_pattern() -> None:
    gate = gate_for(re.compile(r"(?<![\w])(?:clash(?:ed|es|ing)?|fought)(?![\w])", re.I))
    assert gate.needles == ("clash", "fought")
    assert gate_for(re.compile(r"air ?-?strikes?")).needles == (
        "air -strike", "air strike", "air-strike", "airstrike")
    assert gate_for(re.compile(r"ма[йяе]|майи")).needles == ("мае", "май", "мая")
    assert gate_for(re.compile(r"\b(?:in|since)\s+(?P<y>(?:19|20)\d\d)")).needles == ("in",)
    assert gate_for(re.compile(r"\b(?:в|с)\s+(?:19|20)\d\d")).needles == ("19", "20")
    assert gate_for(re.compile(r"(?:ab){2}c")).needles == ("ababc",)


@pytest.mark.parametrize("pattern", [r"\d+", r"[A-Z]\w+", r"(?:clash|\w+)", r"x?y?",
                                     r"(\w)\1", r"(?:yes|)"])
def test_patterns_without_a_needed_literal_always_run(pattern: str) -> None:
    gate = gate_for(re.compile(pattern))
    assert gate.needles is None
    assert gate.admits(Probe(""))


def test_a_gate_without_its_words_refuses() -> None:
    gate = gate_for(re.compile(r"(?<!\w)(?:deport\w*|expel(?:led)?)(?!\w)", re.I))
    assert not gate.admits(Probe("Police raided a market."))
    assert gate.admits(Probe("They were DEPORTED."))
    assert gate.admits(Probe("They were EXPELLED."))


def test_fold_unites_what_ignorecase_unites() -> None:
    # Every character with a case mapping, against its other forms as the regex engine
    # sees them: whatever re.IGNORECASE matches, fold() must make equal.
    for code in range(0x110000):
        char = chr(code)
        if 0xD800 <= code < 0xE000 or (char.lower() == char and char.upper() == char):
            continue
        for other in {char.lower(), char.upper(), char.upper().lower(), char.casefold()}:
            if len(other) == 1 and re.fullmatch(re.escape(other), char, re.IGNORECASE):
                assert fold(char) == fold(other), (hex(code), other)


@pytest.mark.parametrize("pattern", _all_patterns(), ids=lambda p: p.pattern[:40])
def test_no_gate_refuses_a_text_its_pattern_matches(pattern: re.Pattern[str]) -> None:
    gate = gate_for(pattern)
    for text in TEXTS:
        for variant in _variants(text):
            if pattern.search(variant):
                assert gate.admits(Probe(variant)), variant


def test_a_gate_set_admits_what_each_gate_admits() -> None:
    patterns = [*_all_patterns(), re.compile(r"\d+"), re.compile(r"(?:ab){2}c"),
                re.compile(r"x|y"), re.compile(r"\bв\b")]
    gates = GateSet([(rx.pattern, gate_for(rx)) for rx in patterns])
    assert len(gates) == len(patterns)
    for text in [*TEXTS, "", "x", "xy", "ababc", "в"]:
        for variant in _variants(text):
            probe = Probe(variant)
            expected = [rx.pattern for rx in patterns if gate_for(rx).admits(probe)]
            assert gates.admitted(probe) == expected, variant
            assert gates.admitted(probe_of(variant)) == expected, variant


def _ungated_triggers(doc: Document) -> list[tuple[str, int, int]]:
    family = "cyrillic" if doc.lang in ("ru", "tg") else "latin"
    return sorted((code, m.start(), m.end()) for code, _, rx in compiled_lexicon(family)
                  for m in rx.finditer(doc.text))


def _key(t: Trigger) -> tuple[str, int, int]:
    return t.type, t.start, t.end


@pytest.mark.parametrize("text", TEXTS)
def test_gated_triggers_are_the_ungated_ones(text: str) -> None:
    for lang in ("en", "ru"):
        for variant in _variants(text):
            doc = Document(id="t", text=variant, lang=lang,
                           sentences=split_sentences(variant))
            assert sorted(_key(t) for t in find_triggers(doc)) == _ungated_triggers(doc)
    assert len(gated_lexicon("latin")) == len(compiled_lexicon("latin"))


@pytest.mark.parametrize("text", TEXTS)
def test_gated_date_rules_collect_what_all_rules_collect(text: str) -> None:
    for variant in _variants(text):
        got = [(r.kind, r.start, r.end) for r in dates._collect(variant)]
        taken: list[tuple[int, int]] = []
        expected: list[tuple[str, int, int]] = []
        for kind, rx in dates._RX:
            for m in rx.finditer(variant):
                if not any(m.start() < b and a < m.end() for a, b in taken):
                    taken.append((m.start(), m.end()))
                    expected.append((kind, m.start(), m.end()))
        assert got == sorted(expected, key=lambda e: e[1])


@pytest.mark.parametrize("text", ["", "a", "ab", "abc", *TEXTS])
def test_grams_are_every_run_of_n_characters(text: str) -> None:
    probe = Probe(text)
    folded = probe.folded
    for n in (1, 2, 3, 4):
        assert probe.grams(n) == {folded[i:i + n] for i in range(len(folded) - n + 1)}
