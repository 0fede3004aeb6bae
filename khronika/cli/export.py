"""``khronika export``: incidents out as CSV, JSON, GeoJSON, ACLED CSV or a brief."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from khronika.cli import app
from khronika.cli.store import DbOption, _parse_day, cli_actor, err, fail, opened


@app.command("export")
def export_command(
    fmt: Annotated[str, typer.Option(
        "--format", help="csv, json, geojson, acled (ACLED-compatible CSV) or brief "
        "(HTML, or PDF when -o ends in .pdf).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write.")],
    profile: Annotated[str, typer.Option(
        help="Redaction: public (names, phones and document numbers masked, coordinates "
        "rounded to 0.1°, counts under 5 suppressed), partner (names masked) or internal "
        "(as stored).")] = "public",
    db: DbOption = None,
    since: Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD).")] = None,
    title: Annotated[str, typer.Option(help="Title of the brief.")] = "Weekly brief",
) -> None:
    """Export incidents, each with the ids and origins of its reports."""
    from khronika.export import FORMATS, export
    from khronika.export.pdf import PdfError
    from khronika.export.redact import PROFILES

    if fmt not in FORMATS:
        raise fail(f"unknown --format {fmt!r}; valid: {', '.join(FORMATS)}", 2)
    if profile not in PROFILES:
        raise fail(f"unknown --profile {profile!r}; valid: {', '.join(PROFILES)}", 2)
    start, end = _parse_day(since, "--since"), _parse_day(until, "--until")
    with opened(db) as store:
        try:
            result = export(store, fmt, output, profile, start, end, title, actor=cli_actor())
        except PdfError as exc:
            raise fail(str(exc)) from None
    typer.echo(f"wrote {result.written} incidents to {result.path} ({fmt}, profile {profile})")
    for reason, n in result.left_out.items():
        err.print(f"left out {n}: {reason}", highlight=False, markup=False)
