"""Exports: CSV, JSON, GeoJSON, ACLED-compatible CSV and the brief (HTML or PDF).

:func:`export` is the one entry point (the command line and the web desk call it): it
collects the incidents through a redaction profile (:mod:`khronika.export.redact`) and
hands them to the writer of the chosen format.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from khronika.store.store import Store

FORMATS = ("csv", "json", "geojson", "acled", "brief")


@dataclass(slots=True)
class ExportResult:
    """What was written: how many incidents, and which were left out and why."""

    path: Path
    written: int
    left_out: dict[str, int] = field(default_factory=dict)


def export(store: Store, fmt: str, path: Path, profile: str = "public",
           since: dt.date | None = None, until: dt.date | None = None,
           title: str = "Weekly brief", actor: str = "system") -> ExportResult:
    """Write the incidents of the period to ``path`` in ``fmt`` as ``profile`` allows.

    For ``brief`` the file's ending chooses HTML (``.html``) or PDF (``.pdf``).
    """
    from khronika.export import acled, brief, writers
    from khronika.export.data import collect
    from khronika.export.redact import get_profile

    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; valid: {', '.join(FORMATS)}")
    prof = get_profile(profile)
    records = collect(store, prof, since, until)
    left_out: dict[str, int] = {}
    if fmt == "csv":
        writers.write_csv(records, path)
    elif fmt == "json":
        writers.write_json(records, path, prof.name)
    elif fmt == "geojson":
        writers.write_geojson(records, path, prof.name)
    elif fmt == "acled":
        left_out = acled.write_acled(records, path, acled.incident_actors(store, records, prof))
    else:
        b = brief.build(records, prof, title, since, until)
        if path.suffix.lower() == ".pdf":
            from khronika.export.pdf import render_pdf

            render_pdf(b, path)
        else:
            path.write_text(brief.render_html(b), encoding="utf-8")
    written = len(records) - sum(left_out.values())
    # every export is audited: who took what out, under which profile
    from khronika.security.audit import record

    record(store, actor, f"export.{fmt}", "store", None,
           {"profile": prof.name, "incidents": written, "file": path.name,
            "since": since.isoformat() if since else None,
            "until": until.isoformat() if until else None})
    return ExportResult(path, written, left_out)


__all__ = ["FORMATS", "ExportResult", "export"]
