"""Redaction profiles over text and records, including a report rich in personal data
under each profile, and hypothesis properties of the drop-in functions."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khronika.security.pii import detect
from khronika.security.redact import (
    PROFILES,
    SUPPRESSED,
    describe_count,
    detector_spans,
    get_profile,
    redact,
    redact_coord,
    redact_count,
    redact_point,
    redact_record,
    redact_text,
)

#: A hotline report with every kind of personal data (all invented).
RICH = (
    "Звонила Гульнора Рахимова, тел. +7 916 482-17-33. Её мужа Фарруха Рахимова задержали "
    "на ул. Складочной, д. 3, кв. 12; у него изъяли патент 77 № 2400123456 и паспорт "
    "401234567. Пишите на g.rakhimova@mail.ru или @gulnora_r. Lawyer Olga Smirnova "
    "(+992 93 555 12 40) is on the case."
)
SECRETS = ["Гульнора", "Рахимова", "Фарруха", "916 482-17-33", "Складочной, д. 3",
           "кв. 12", "2400123456", "401234567", "g.rakhimova", "@gulnora_r", "Olga",
           "Smirnova", "555 12 40"]

RECORD = {
    "id": 7, "type": "arrest", "date_start": "2024-03-23", "status": "unverified",
    "location": "ул. Складочная, д. 3, Москва", "country": "RU",
    "lat": 55.803812, "lon": 37.591176,
    "counts": {"detained": {"min": 3, "max": 3}, "participants": {"min": 40, "max": 50}},
    "notes": RICH,
    "sources": [{"report_id": 12, "origin": "звонок от Гульноры Рахимовой +79161234567"}],
}


def test_rich_report_public() -> None:
    out = redact_text(RICH, "public")
    for secret in SECRETS:
        assert secret not in out
    for tag in ("[NAME]", "[PHONE]", "[ADDRESS]", "[DOCUMENT]", "[EMAIL]", "[HANDLE]"):
        assert tag in out
    assert out.startswith("Звонила [NAME], тел. [PHONE].")


def test_rich_report_partner() -> None:
    out = redact_text(RICH, "partner")
    for secret in SECRETS:
        assert secret not in out
    assert "Г. Р." in out and "O. S." in out  # names as initials
    assert "+7 *** ***-**-**" in out and "+992 ** *** ** **" in out
    assert "ул. Складочной, д. *, кв. *" in out  # the street stays, the numbers go
    assert "** № **********" in out and "g***@mail.ru" in out and "@g***" in out


def test_rich_report_internal_is_unchanged() -> None:
    assert redact_text(RICH, "internal") == RICH


def test_rich_record_under_each_profile() -> None:
    public = redact_record(RECORD, "public")
    assert public["lat"] == 55.8 and public["lon"] == 37.6
    assert public["counts"]["detained"] == {"min": SUPPRESSED, "max": SUPPRESSED}
    assert public["counts"]["participants"] == {"min": 40, "max": 50}
    assert public["location"] == "[ADDRESS], Москва"
    assert "Рахимов" not in str(public) and "9161234567" not in str(public)
    assert public["id"] == 7 and public["date_start"] == "2024-03-23"
    assert public["type"] == "arrest" and public["country"] == "RU"

    partner = redact_record(RECORD, "partner")
    assert partner["lat"] == 55.8 and partner["lon"] == 37.59
    assert partner["counts"]["detained"] == {"min": 3, "max": 3}
    assert "Рахимов" not in str(partner) and "Г. Р." in partner["sources"][0]["origin"]

    internal = redact_record(RECORD, "internal")
    assert internal == RECORD and internal is not RECORD
    assert RECORD["lat"] == 55.803812  # the input is never changed


def test_blank_for_suppressed_counts() -> None:
    out = redact_record({"counts": {"detained": {"min": 2}}}, "public", suppressed=None)
    assert out["counts"]["detained"]["min"] is None


def test_known_names_are_replaced_too() -> None:
    text = "сказал нам дядя рустик"  # a nickname no detector knows
    assert redact_text(text, "public", known=[(16, 22)]) == "сказал нам дядя [NAME]"
    assert redact_text(text, "public", known=[(16, 22, "PER")]).endswith("[NAME]")
    assert redact_text(text, "public", known=[(16, 99)]) == text  # out of range: ignored
    rec = redact_record({"notes": text}, "public", known={"notes": [(16, 22)]})
    assert rec["notes"].endswith("[NAME]")


def test_numbers() -> None:
    assert redact_coord(55.75581, "public") == 55.8
    assert redact_coord(55.75581, "partner") == 55.76
    assert redact_coord(55.75581, "internal") == 55.75581
    assert redact_coord(None, "public") is None
    assert redact_point(55.75, 37.61, "public", snap=lambda a, b: (55.7558, 37.6173)) \
        == (55.7558, 37.6173)
    assert redact_point(55.75, 37.61, "public", snap=lambda a, b: None) == (55.8, 37.6)
    assert [redact_count(n, "public") for n in (0, 1, 4, 5, None)] == [0, None, None, 5, None]
    assert redact_count(2, "partner") == 2
    assert describe_count(3, "public") == "fewer than 5"
    assert describe_count(12, "public") == "12" and describe_count(None, "public") == "unknown"


def test_unknown_profile_lists_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="valid profiles: public, partner, internal"):
        get_profile("secret")
    with pytest.raises(ValueError, match="public, partner, internal"):
        redact_text("x", "Public")
    assert get_profile(PROFILES["public"]) is PROFILES["public"]


def test_detector_shape_for_exports() -> None:
    assert detector_spans("тел. +7 916 482-17-33") == [(5, 21, "PHONE")]


def test_offset_map() -> None:
    red = redact(RICH, "public")
    at = RICH.index("тел.")
    assert red.text[red.map_offset(at):].startswith("тел.")
    inside = RICH.index("482-17-33")
    assert red.text[red.map_offset(inside):].startswith("[PHONE]")


# ---------------------------------------------------------------- properties

_pieces = st.sampled_from([
    "Гульнора Рахимова", "+7 916 482-17-33", "ул. Ленина, д. 5, кв. 12", "a.b@mail.ru",
    "@anvar_1990", "патент 77 № 2400123456", "Lawyer Olga Smirnova", "12 Baker Street",
    " ", ", ", ". ", "\n", "задержан", "22.03.2024", "ст. 18.8 КоАП",
])
_texts = st.one_of(st.text(max_size=200), st.lists(_pieces | st.text(max_size=5), max_size=12)
                   .map("".join))
_profiles = st.sampled_from(sorted(PROFILES))


@settings(max_examples=200, deadline=None)
@given(_texts, _profiles)
def test_replacements_map_offsets_exactly(text: str, profile: str) -> None:
    """Outside its replacements, the redacted text is the original, piece for piece."""
    red = redact(text, profile)
    pos = new = 0
    for r in red.replacements:
        assert r.start >= pos and r.end > r.start and r.new_end >= r.new_start
        assert red.text[new:r.new_start] == text[pos:r.start]
        assert r.new_start - new == r.start - pos  # kept text never shifts within itself
        pos, new = r.end, r.new_end
    assert red.text[new:] == text[pos:]
    assert len(red.text) == len(text) + sum(
        (r.new_end - r.new_start) - (r.end - r.start) for r in red.replacements)
    for offset in range(len(text) + 1):
        assert 0 <= red.map_offset(offset) <= len(red.text)


@settings(max_examples=200, deadline=None)
@given(_texts)
def test_internal_is_identity(text: str) -> None:
    assert redact_text(text, "internal") == text
    assert redact_record({"notes": text, "lat": 1.23456, "n": [text]}, "internal") == \
        {"notes": text, "lat": 1.23456, "n": [text]}


@settings(max_examples=200, deadline=None)
@given(_texts)
def test_public_hides_every_detected_string(text: str) -> None:
    # placeholders ("[DOCUMENT]") are ours; a one-letter finding may occur inside them
    out = re.sub(r"\[[A-Z]+\]", "", redact_text(text, "public"))
    found = detect(text)
    blanked = list(text)
    for f in found:
        blanked[f.start:f.end] = "\0" * (f.end - f.start)
    kept = "".join(blanked)
    for f in found:
        # a detected string survives only where the same string also stood undetected
        assert out.count(f.text) <= kept.count(f.text), (f, out)


@settings(max_examples=100, deadline=None)
@given(st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(
        st.sampled_from(["notes", "lat", "lon", "min", "max", "id", "type", "x"]), kids,
        max_size=4),
    max_leaves=12), _profiles)
def test_records_never_crash(record: object, profile: str) -> None:
    out = redact_record({"r": record}, profile)
    assert set(out) == {"r"}
