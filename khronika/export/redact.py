"""Redaction profiles for exports: what of a record may leave the desk, and for whom.

The profiles and the personal-data detector live in :mod:`khronika.security.redact` (one
definition for exports, the web desk and lower roles); this module adapts them to the
writers, which ask the profile for every value they emit: :meth:`Profile.text`,
:meth:`Profile.coord`, :meth:`Profile.count`, :meth:`Profile.origin`.

- ``public`` (the default): names, phones, e-mails, document numbers, addresses and
  handles replaced by typed placeholders; coordinates rounded to 0.1°; counts of people
  from 1 to 4 suppressed; origins reduced to the report's kind or public channel.
- ``partner``: names as initials, numbers masked; coordinates to 0.01°; origins as file
  names without their folders.
- ``internal``: everything as stored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from khronika.security import redact as sec

_PUBLIC_ORIGIN_KINDS = {"feed", "html", "telegram", "acled"}


@dataclass(frozen=True, slots=True)
class Profile:
    """What an export may show; see the module's table."""

    name: str
    mask_personal: bool
    coord_decimals: int | None
    min_count: int
    origin_detail: str  # "kind" | "basename" | "full"

    def text(self, value: str | None, person_spans: Iterable[tuple[int, int]] = ()) -> str | None:
        """A text field as this profile may show it (``person_spans``: known names)."""
        if value is None or not self.mask_personal:
            return value
        known = [(s, e, "NAME") for s, e in person_spans if 0 <= s < e <= len(value)]
        return sec.redact_text(value, self.name, known=known)

    def coord(self, value: float | None) -> float | None:
        return sec.redact_coord(value, self.name)

    def count(self, value: int | None) -> int | None:
        """A count of people, or None when it is small enough to identify someone."""
        return sec.redact_count(value, self.name)

    def origin(self, origin: str, kind: str) -> str:
        """Where a report came from, as far as this profile may say."""
        if self.origin_detail == "full":
            return origin
        looks_like_path = "/" in origin or "\\" in origin
        if self.origin_detail == "basename":
            return re.split(r"[/\\]", origin)[-1] if looks_like_path and "://" not in origin \
                else origin
        if (kind in _PUBLIC_ORIGIN_KINDS and not looks_like_path) or "://" in origin:
            return self.text(origin) or kind
        return kind


PROFILES: dict[str, Profile] = {
    name: Profile(name, prof.changes_text, prof.coord_decimals, prof.min_count, detail)
    for name, prof, detail in (
        (n, sec.get_profile(n), d)
        for n, d in (("public", "kind"), ("partner", "basename"), ("internal", "full"))
    )
}


def get_profile(name: str) -> Profile:
    """The profile called ``name``; a clear error lists the valid ones."""
    try:
        return PROFILES[name]
    except KeyError:
        raise ValueError(f"unknown profile {name!r}; valid: {', '.join(PROFILES)}") from None
