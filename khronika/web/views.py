"""What each reader may see: the redaction profile of a role applied to desk views.

Viewers see report texts and incident fields under the ``public`` profile, analysts
under ``partner``, caseworkers and administrators ``internal`` (unchanged), as
:data:`khronika.security.roles.DEFAULT_PROFILE` says. Pages and the API both go through
these functions, so what a role sees does not depend on the surface.
"""

from __future__ import annotations

from typing import Any

from khronika.security.redact import get_profile, redact_record, redact_text
from khronika.security.roles import DEFAULT_PROFILE, Perm
from khronika.store.store import Store
from khronika.web.auth import Principal

#: Incident columns shown as they are: codes, dates, figures and bookkeeping.
_INCIDENT_VERBATIM = ("id", "type", "date_start", "date_end", "date_precision", "status",
                      "urgency", "urgency_reasons", "created_at", "updated_at", "version",
                      "country", "admin1", "geonameid", "link_key", "family")


def profile_of(who: Principal) -> str:
    """The redaction profile of the reader's role."""
    return DEFAULT_PROFILE[who.user.role]


def redacted_incident(row: dict[str, Any], who: Principal) -> dict[str, Any]:
    """An incident row as ``who`` may see it (a copy; ``internal`` changes nothing)."""
    prof = get_profile(profile_of(who))
    if not prof.changes_text and prof.coord_decimals is None and not prof.min_count:
        return dict(row)
    rest = {k: v for k, v in row.items() if k not in _INCIDENT_VERBATIM}
    shown = redact_record(rest, prof)
    return {**{k: row[k] for k in _INCIDENT_VERBATIM if k in row}, **shown}


def unchanged_by_reader(submitted: dict[str, Any], row: dict[str, Any],
                        who: Principal) -> dict[str, Any]:
    """Submitted corrections minus the fields a redacted form sent back as shown.

    A correction form is filled with the redacted values; saving it must not write
    "[NAME]" over the stored place name, so a value equal to what the reader was shown
    (and different from what is stored) counts as untouched.
    """
    shown = redacted_incident(row, who)
    return {k: v for k, v in submitted.items()
            if not (k in shown and shown[k] != row.get(k) and str(v) == str(shown[k]))}


def shown_facet(values: list[tuple[str, int]], who: Principal
                ) -> list[tuple[str, int, str | None]]:
    """Facet entries as ``(shown, count, filter value)``: a value the reader's profile
    redacts (a perpetrator may be a named person) is shown redacted and offers no filter
    link, which would carry the name in the page."""
    profile = profile_of(who)
    out: list[tuple[str, int, str | None]] = []
    for value, n in values:
        shown = redact_text(value, profile)
        out.append((shown, n, value if shown == value else None))
    return out


def redacted_report(row: dict[str, Any], who: Principal) -> dict[str, Any]:
    """A report row as ``who`` may see it: text, title and origin through the profile."""
    profile = profile_of(who)
    if not get_profile(profile).changes_text:
        return dict(row)
    out = dict(row)
    for key in ("text", "title", "origin", "external_id"):
        if isinstance(out.get(key), str):
            out[key] = redact_text(out[key], profile)
    out["meta"] = redact_record(out.get("meta") or {}, profile)
    return out


def incident_with_sources(store: Store, incident_id: int, who: Principal, via: str
                          ) -> tuple[dict[str, Any], list[dict[str, Any]], str] | None:
    """An incident and its sources as ``who`` may see them, the read audited; None if absent.

    The one place the incident page and the API read an incident, so both redact and
    audit alike (``via`` says which surface asked).
    """
    from khronika.security import audit
    from khronika.web import data

    raw = data.incident(store, incident_id)
    if raw is None:
        return None
    profile = profile_of(who)
    row = redacted_incident(raw, who)
    srcs = data.sources(store, incident_id, profile)
    if who.can(Perm.READ_REPORTS) and srcs:
        # the public view holds no personal data; partner and internal views do
        audit.record(store, who.name, "report.read", "incident", incident_id,
                     {"reports": sorted({s["report_id"] for s in srcs}), "via": via,
                      "profile": profile})
    return row, srcs, profile
