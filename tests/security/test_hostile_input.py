"""Hostile input: generated documents and files never crash extraction or the importers.

Every generated case must give a well-formed answer: a contract line with offsets inside
the text, or an error line; for files, only items and problems (never an exception).
The case counts are fixed by the settings below, so the run is repeatable.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khronika.extract import extract_record
from khronika.intake.files import Item, Problem
from khronika.intake.formats import FORMATS, read_any

# Text likely to reach the rules: words of the domain in three scripts, numbers, dates,
# punctuation and control characters mixed with arbitrary unicode.
WORDS = st.sampled_from([
    "задержали", "полиция", "рейд", "24 марта", "более 400", "в ночь на", "Москве",
    "killed", "detained", "police", "on Sunday", "nearly 150", "Kaluga", "Crocus",
    "боздошт", "нафар", "«", "»", "—", "\n", "\t", "\x00", "\u200b", "%s", "'; DROP TABLE",
    "<script>alert(1)</script>", "9" * 30, "-1", "1e308", "NaN",
])
TEXTS = st.lists(st.one_of(WORDS, st.text(max_size=20)), max_size=40).map(" ".join)
VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                   st.text(max_size=30), st.lists(st.integers(), max_size=3))


def _check_output(out: dict[str, object], text: str | None) -> None:
    if "error" in out:
        assert isinstance(out["error"], str) and out["error"]
        return
    assert isinstance(text, str)
    n = len(text)
    for key in ("places", "entities"):
        for item in out[key]:  # type: ignore[attr-defined]
            assert 0 <= item["start"] < item["end"] <= n
            assert text[item["start"]:item["end"]] == item["text"]
    for event in out["events"]:  # type: ignore[attr-defined]
        for ev in event["evidence"]:
            assert 0 <= ev["start"] <= ev["end"] <= n
        json.dumps(event, allow_nan=False)  # no NaN or infinity leaks into the output


@settings(max_examples=500, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, published=st.one_of(st.none(), st.dates().map(str), st.text(max_size=12)))
def test_extract_any_text(text: str, published: str | None) -> None:
    out = extract_record({"id": "h", "text": text, "published": published})
    _check_output(out, text)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(record=st.dictionaries(st.sampled_from(["id", "text", "published", "lang", "x"]),
                              VALUES, max_size=5))
def test_extract_any_record_shape(record: dict[str, object]) -> None:
    out = extract_record(record)
    text = record.get("text")
    _check_output(out, text if isinstance(text, str) else None)
    if not isinstance(text, str) or record.get("id") is None:
        assert "error" in out


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=400), TEXTS.map(lambda t: t.encode("utf-8"))),
       fmt=st.sampled_from(sorted(FORMATS)))
def test_every_importer_survives_any_bytes(data: bytes, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        suffix = FORMATS[fmt].suffixes[0] if FORMATS[fmt].suffixes else ".dat"
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        for got in read_any(path, fmt):
            assert isinstance(got, Item | Problem)
            if isinstance(got, Problem):
                assert got.reason and got.where.startswith(str(path))
            else:
                assert got.report.text.strip()
