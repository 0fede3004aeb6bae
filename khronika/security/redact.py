"""Redaction profiles: what of a text or a record each audience may see.

=========  =================================================  ===========  ============
profile    personal data in text                              coordinates  counts < 5
=========  =================================================  ===========  ============
public     every kind replaced by a typed placeholder:        0.1° (about  "fewer
           [NAME], [PHONE], [DOCUMENT], [ADDRESS], [EMAIL],   11 km), or   than 5"
           [HANDLE]                                           the city
partner    names as initials ("Г. Р."); phones, documents,    0.01° (about as stored
           e-mails, handles masked keeping their shape        1 km)
           ("+7 *** ***-**-**", "f***@mail.ru"); addresses
           keep the street and lose house and flat numbers
internal   unchanged                                          as stored    as stored
=========  =================================================  ===========  ============

The drop-in functions for callers (exports, web views for lower roles):

- :func:`redact_text` ``(text, profile) -> str``; :func:`redact` returns the redacted
  text with a map of what replaced what (:class:`Redaction`), to move offsets across;
- :func:`redact_record` ``(record, profile) -> dict``: every string field through
  :func:`redact_text` except codes and dates (:data:`VERBATIM_KEYS`), coordinates through
  :func:`redact_coord`, counts of people through :func:`redact_count`;
- :data:`PROFILES` and :func:`get_profile`, whose error on an unknown name lists the valid
  ones.

Personal data is found by :func:`khronika.security.pii.detect`; callers that already know
where names are (extraction's PER entities) pass them as ``known``.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from khronika.security.pii import KINDS, Finding, detect
from khronika.security.pii_names import words

#: What a suppressed count reads as in a public record.
SUPPRESSED = "fewer than 5"


@dataclass(frozen=True, slots=True)
class Profile:
    """One audience's view; see the module's table."""

    name: str
    #: "placeholder" | "mask" | "keep": how personal data in text is shown
    text_mode: str
    #: decimals coordinates are rounded to; None keeps them as stored
    coord_decimals: int | None
    #: counts of people from 1 up to this minus one are suppressed; 0 suppresses none
    min_count: int

    @property
    def changes_text(self) -> bool:
        return self.text_mode != "keep"


PROFILES: dict[str, Profile] = {
    "public": Profile("public", "placeholder", 1, 5),
    "partner": Profile("partner", "mask", 2, 0),
    "internal": Profile("internal", "keep", None, 0),
}


def get_profile(profile: str | Profile) -> Profile:
    """The profile called ``profile`` (a :class:`Profile` passes through).

    Raises ValueError naming the valid profiles when there is none of that name.
    """
    if isinstance(profile, Profile):
        return profile
    try:
        return PROFILES[profile]
    except (KeyError, TypeError):
        raise ValueError(
            f"unknown redaction profile {profile!r}; valid profiles: {', '.join(PROFILES)}"
        ) from None


# ---------------------------------------------------------------- how each kind is shown


def _initials(name: str) -> str:
    """ "Гульнора Рахимова" -> "Г. Р."; "Кузнецова Е. А." -> "К. Е. А." """
    letters = [w[0] for w in re.findall(r"[^\W\d_]+", name)]
    return " ".join(f"{c.upper()}." for c in letters) or "[NAME]"


def _stars(value: str, keep_prefix: str = "") -> str:
    """Digits and letters of ``value`` as "*", separators kept; ``keep_prefix`` shown."""
    rest = value[len(keep_prefix):] if value.startswith(keep_prefix) else value
    prefix = keep_prefix if value.startswith(keep_prefix) else ""
    return prefix + re.sub(r"[^\W_]", "*", rest)


_COUNTRY_CODE = re.compile(r"\+\s?(?:7|99[2268]|\d{1,3})(?=[\s(-])")
_HOUSE = re.compile(r"\d+[а-яА-Яa-zA-Z]?(?:/\d+)?(?:-\d+)?")


def _mask(finding: Finding) -> str:
    """How the partner profile shows a finding: its shape without its content."""
    text = finding.text
    if finding.kind == "NAME":
        return _initials(text)
    if finding.kind == "PHONE":
        code = _COUNTRY_CODE.match(text)
        return _stars(text, code.group() if code else "")
    if finding.kind == "EMAIL":
        local, _, domain = text.partition("@")
        return f"{local[:1]}***@{domain}"
    if finding.kind == "HANDLE":
        return f"{text[:2]}***"
    if finding.kind == "ADDRESS":
        # the street stays (a partner can find the hostel); house and flat numbers go
        return _HOUSE.sub("*", text)
    return re.sub(r"\d", "*", text)  # DOCUMENT: "77 № **********"


def _show(finding: Finding, profile: Profile) -> str:
    if profile.text_mode == "placeholder":
        return f"[{finding.kind}]"
    if profile.text_mode == "mask":
        return _mask(finding)
    return finding.text


# ---------------------------------------------------------------- text


@dataclass(frozen=True, slots=True)
class Replacement:
    """``original[start:end]`` (a ``kind``) became ``redacted[new_start:new_end]``."""

    kind: str
    start: int
    end: int
    new_start: int
    new_end: int


@dataclass(frozen=True, slots=True)
class Redaction:
    """A redacted text and what replaced what, in order."""

    text: str
    replacements: tuple[Replacement, ...]

    def map_offset(self, offset: int) -> int:
        """Where an offset of the original falls in the redacted text; an offset inside
        a replaced span goes to the start of its replacement."""
        shift = 0
        for r in self.replacements:
            if offset < r.start:
                break
            if offset < r.end:
                return r.new_start
            shift = r.new_end - r.end
        return offset + shift


def _known_findings(text: str, known: Iterable[tuple[int, int] | tuple[int, int, str]]
                    ) -> list[Finding]:
    out = []
    for span in known:
        start, end = int(span[0]), int(span[1])
        kind = str(span[2]) if len(span) > 2 else "NAME"
        kind = {"PER": "NAME", "DOC": "DOCUMENT"}.get(kind, kind)
        if 0 <= start < end <= len(text) and kind in KINDS:
            out.append(Finding(kind, start, end, text[start:end], 1.0))
    return out


def redact(text: str, profile: str | Profile,
           known: Iterable[tuple[int, int] | tuple[int, int, str]] = ()) -> Redaction:
    """``text`` as ``profile`` shows it, with the map of replacements.

    ``known``: spans already known to be personal, ``(start, end)`` for names or
    ``(start, end, kind)``; they are replaced as well as what the detector finds.
    """
    prof = get_profile(profile)
    if not prof.changes_text or not text:
        return Redaction(text, ())
    findings = detect(text) + _known_findings(text, known)
    # overlapping findings are merged into the earliest (a known name over a detected one)
    parts: list[str] = []
    reps: list[Replacement] = []
    pos = out_len = 0
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if f.end <= pos:
            continue
        if f.start < pos:  # partial overlap: extend the previous replacement's cover
            f = Finding(f.kind, pos, f.end, text[pos:f.end], f.confidence)
        keep = text[pos:f.start]
        parts.append(keep)
        out_len += len(keep)
        shown = _show(f, prof)
        parts.append(shown)
        reps.append(Replacement(f.kind, f.start, f.end, out_len, out_len + len(shown)))
        out_len += len(shown)
        pos = f.end
    parts.append(text[pos:])
    return Redaction("".join(parts), tuple(reps))


def redact_text(text: str, profile: str | Profile,
                known: Iterable[tuple[int, int] | tuple[int, int, str]] = ()) -> str:
    """``text`` as ``profile`` shows it (see the module's table)."""
    return redact(text, profile, known).text


# ---------------------------------------------------------------- numbers


def redact_coord(value: float | None, profile: str | Profile) -> float | None:
    """A latitude or longitude rounded as the profile requires (None stays None)."""
    prof = get_profile(profile)
    if value is None or prof.coord_decimals is None:
        return value
    return round(float(value), prof.coord_decimals)


def redact_point(lat: float | None, lon: float | None, profile: str | Profile,
                 snap: Callable[[float, float], tuple[float, float] | None] | None = None
                 ) -> tuple[float | None, float | None]:
    """A point generalised for the profile: public snaps to the resolved city when
    ``snap`` (e.g. the gazetteer's nearest city) knows one, else rounds."""
    prof = get_profile(profile)
    if lat is None or lon is None or prof.coord_decimals is None:
        return lat, lon
    if snap is not None and prof.name == "public":
        city = snap(float(lat), float(lon))
        if city is not None:
            return city
    return redact_coord(lat, prof), redact_coord(lon, prof)


def redact_count(value: int | None, profile: str | Profile) -> int | None:
    """A count of people, or None when it is small enough to point at someone (1 to 4 in
    public; zero identifies nobody and stays)."""
    prof = get_profile(profile)
    if value is None or not 0 < value < prof.min_count:
        return value
    return None


def describe_count(value: int | None, profile: str | Profile) -> str:
    """A count of people as a reader sees it: the number, "fewer than 5", or "unknown"."""
    prof = get_profile(profile)
    shown = redact_count(value, prof)
    if shown is None:
        return "unknown" if value is None else f"fewer than {prof.min_count}"
    return str(shown)


# ---------------------------------------------------------------- records

#: Fields that hold codes, dates and identifiers, never free text: left verbatim.
VERBATIM_KEYS = words(
    """id type status kind country admin1 date date_start date_end date_precision published
    received geo_precision acled_event_type acled_sub_event_type event_type sub_event_type
    urgency precision language lang content_hash hash profile role created updated
    label field certainty""")
#: Fields that hold a latitude or a longitude.
COORD_KEYS = words("lat lon lng latitude longitude")
#: Fields that hold a count of people (and the min/max of a count range).
COUNT_KEYS = words("""count min max killed injured detained deported participants fatalities people
    victims""")


def _walk(value: Any, key: str | None, prof: Profile, persons: Mapping[str, Any],
          suppressed: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _walk(v, str(k), prof, persons, suppressed) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_walk(v, key, prof, persons, suppressed) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if key in COORD_KEYS and isinstance(value, int | float):
        return redact_coord(float(value), prof)
    if key in COUNT_KEYS and isinstance(value, int):
        shown = redact_count(value, prof)
        return suppressed if shown is None else shown
    if isinstance(value, str) and key not in VERBATIM_KEYS:
        return redact_text(value, prof, persons.get(key or "", ()))
    return value


def redact_record(record: Mapping[str, Any], profile: str | Profile,
                  known: Mapping[str, Iterable[tuple[int, int] | tuple[int, int, str]]]
                  | None = None, suppressed: Any = SUPPRESSED) -> dict[str, Any]:
    """A copy of an incident or report record as ``profile`` shows it.

    Nested dicts and lists are walked: coordinates rounded (:data:`COORD_KEYS`), counts
    of people below the profile's minimum replaced by ``suppressed`` ("fewer than 5"; pass
    None for writers that want a blank), every other string redacted as text unless its
    key is in :data:`VERBATIM_KEYS`. ``known`` maps a field name to name spans already
    known in it. ``internal`` returns an equal copy.
    """
    prof = get_profile(profile)
    if not prof.changes_text and prof.coord_decimals is None and not prof.min_count:
        return copy.deepcopy(dict(record))
    out = _walk(record, None, prof, known or {}, suppressed)
    assert isinstance(out, dict)
    return out


def detector_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` of the personal data in ``text``, in the shape
    :data:`khronika.export.redact.DETECTOR` takes."""
    return [(f.start, f.end, f.kind) for f in detect(text)]
