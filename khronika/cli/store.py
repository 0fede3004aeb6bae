"""Store commands: ``init``, ``ingest``, ``incidents``, ``show``, ``audit-verify``."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from khronika.cli import app
from khronika.security.keys import PassphraseError, passphrase_from_env_or_prompt
from khronika.store.engine import StoreError
from khronika.store.store import Store, init_store, open_store

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Store: a file path or a postgresql:// URL (default: $KHRONIKA_DB, else a file "
        "in the user's data directory).",
        show_default=False,
    ),
]

err = Console(stderr=True, soft_wrap=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]Error:[/] {message}", highlight=False)
    return typer.Exit(code)


def cli_actor() -> str:
    """Who is acting, for the audit log: the operating-system user of the command line."""
    import getpass

    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name in a bare container
        return "cli"


def opened(db: str | None) -> Store:
    """The store at ``db``, asking for the passphrase only if it is encrypted."""
    try:
        return open_store(db, passphrase=passphrase_from_env_or_prompt)
    except (StoreError, PassphraseError) as exc:
        raise fail(str(exc)) from None


PLAINTEXT_WARNING = (
    "WARNING: this store is NOT encrypted. Anyone who gets the file reads every report, "
    "name and phone number in it. Use --plaintext only for test data."
)


@app.command()
def init(
    db: DbOption = None,
    plaintext: Annotated[
        bool, typer.Option("--plaintext", help="Create an UNENCRYPTED store (test data only).")
    ] = False,
) -> None:
    """Create an empty store, encrypted with a passphrase ($KHRONIKA_PASSPHRASE or a prompt).

    On an existing store, brings its schema up to date.
    """
    try:
        store = init_store(db, passphrase=lambda: passphrase_from_env_or_prompt(confirm=True),
                           plaintext=plaintext)
    except (StoreError, PassphraseError) as exc:
        raise fail(str(exc)) from None
    with store:
        if store.location.backend == "sqlite" and not store.encrypted:
            err.print(f"[bold red]{PLAINTEXT_WARNING}[/]", highlight=False)
        state = "encrypted" if store.encrypted else "not encrypted"
        if store.location.backend == "postgresql":
            state = "PostgreSQL"
        typer.echo(f"Store ready: {store.location.describe()} ({state})")


@app.command()
def rekey(db: DbOption = None) -> None:
    """Change an encrypted store's passphrase (old from $KHRONIKA_PASSPHRASE or a prompt,
    new from $KHRONIKA_NEW_PASSPHRASE or a prompt). No data is lost; on failure the old
    store stays as it was."""
    import getpass
    import os
    import sys

    from khronika.security.rekey import change_passphrase
    from khronika.store.engine import resolve_location

    loc = resolve_location(db)
    if loc.backend == "sqlite" and (loc.path is None or not loc.path.exists()):
        raise fail(f"no store at {loc.describe()}")
    try:
        old = passphrase_from_env_or_prompt()
        new = os.environ.get("KHRONIKA_NEW_PASSPHRASE")
        if not new:
            if not sys.stdin.isatty():
                raise PassphraseError("set KHRONIKA_NEW_PASSPHRASE or run on a terminal")
            new = getpass.getpass("New passphrase: ")
            if getpass.getpass("Repeat the new passphrase: ") != new:
                raise PassphraseError("the two passphrases differ; nothing was changed")
        if loc.path is not None:
            change_passphrase(loc.path, old, new)
        else:
            # PostgreSQL: only the wrapped data key changes (khronika/security/fields.py)
            from khronika.security.fields import rewrap_field_key

            with opened(db) as store, store.engine.begin() as conn:
                rewrap_field_key(conn, old, new)
                store.log_change(conn, cli_actor(), "store.rekey", "store", None, {})
    except PassphraseError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"Passphrase changed: {loc.describe()}")


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(
        help="Files, folders or feed URLs: text, Markdown, JSON Lines, HTML, CSV, XLSX, "
        "Telegram result.json, WhatsApp .txt, .eml, mbox, RSS/Atom, ACLED CSV.")],
    db: DbOption = None,
    fmt: Annotated[str, typer.Option(
        "--format", help="Format of every path: auto (detect each file), text, jsonl, html, "
        "csv, xlsx, telegram, whatsapp, eml, mbox, rss, acled.")] = "auto",
    mapping: Annotated[Path | None, typer.Option(
        "--mapping", help="CSV/XLSX column mapping (JSON): used when it exists, else the "
        "guessed mapping is saved there to edit and reuse.")] = None,
    no_process: Annotated[
        bool, typer.Option("--no-process", help="Store the reports only; extract later.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, help="Extraction processes for a large import (default: one per "
        "core; 1 extracts in this process).")] = None,
) -> None:
    """Import reports: each is stored first (once, by content hash), then extracted and linked.

    Re-running an interrupted import resumes it: stored reports are skipped, and those
    stored but not yet processed are processed.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from khronika.flow import ingest_paths
    from khronika.intake.base import ReadOptions
    from khronika.intake.formats import names

    if fmt not in names():
        raise fail(f"unknown --format {fmt!r}; valid: {', '.join(names())}", 2)
    with opened(db) as store, Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        console=err, transient=True,
    ) as bar:
        task = bar.add_task("importing", total=None)
        summary = ingest_paths(
            store, paths, process=not no_process, fmt=fmt,
            options=ReadOptions(mapping=mapping),
            progress=lambda n: bar.update(task, completed=n),
            on_total=lambda total: bar.update(task, total=total), workers=workers,
        )
    if as_json:
        typer.echo(json.dumps(summary.to_json(), ensure_ascii=False))
    else:
        typer.echo(
            f"read {summary.read}, new {summary.new}, duplicate {summary.duplicate}, "
            f"rejected {len(summary.rejected)}, skipped {len(summary.skipped)}, "
            f"incidents touched {len(summary.incidents_touched)}"
            + (f", resumed {summary.resumed}" if summary.resumed else "")
        )
        for where, note in summary.notes:
            err.print(f"note: {where}: {note}", highlight=False, markup=False)
        for where, reason in summary.rejected:
            err.print(f"rejected: {where}: {reason}", highlight=False, markup=False)
        if summary.skipped:
            reasons = Counter(r.split(" (")[0] for _w, r in summary.skipped)
            err.print("skipped: " + ", ".join(f"{n} {r.removeprefix('skipped: ')}"
                                              for r, n in reasons.most_common()),
                      highlight=False, markup=False)
    if summary.rejected:
        raise typer.Exit(3)


def incident_json(row: dict[str, Any]) -> dict[str, Any]:
    def iso(v: Any) -> str | None:
        return v.isoformat() if isinstance(v, dt.date) else None

    return {
        "id": row["id"],
        "type": row["type"],
        "date": {"start": iso(row["date_start"]), "end": iso(row["date_end"]),
                 "precision": row["date_precision"]} if row["date_start"] else None,
        "location": {"name": row["location_name"], "geonameid": row["geonameid"],
                     "country": row["country"], "admin1": row["admin1"],
                     "lat": row["lat"], "lon": row["lon"]} if row["location_name"] else None,
        "counts": {k: {"min": v.get("min"), "max": v.get("max"),
                       "conflict": bool(v.get("conflict"))}
                   for k, v in (row["counts"] or {}).items()},
        "status": row["status"],
        "urgency": row["urgency"],
        "urgency_reasons": row["urgency_reasons"],
        "report_ids": row["report_ids"],
    }


def _parse_day(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"{name} must be a date like 2024-03-24, got {value!r}", 2) from None


def _counts_cell(counts: dict[str, Any]) -> str:
    parts = []
    for kind, c in counts.items():
        lo, hi = c.get("min"), c.get("max")
        value = f"{lo}" if lo == hi else f"{lo if lo is not None else '?'}–{hi or ''}"
        parts.append(f"{kind} {value}{' (!)' if c.get('conflict') else ''}")
    return ", ".join(parts)


@app.command()
def incidents(
    db: DbOption = None,
    type_: Annotated[str | None, typer.Option("--type", help="Only this event type code.")] = None,
    place: Annotated[str | None, typer.Option(help="Place, region or country code.")] = None,
    since: Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD).")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List incidents, most urgent first."""
    with opened(db) as store:
        rows = store.incidents(type_, place, _parse_day(since, "--since"),
                               _parse_day(until, "--until"), limit)
    if as_json:
        for row in rows:
            typer.echo(json.dumps(incident_json(row), ensure_ascii=False))
        return
    table = Table(title=f"{len(rows)} incidents")
    for col in ("id", "urgency", "type", "date", "place", "counts", "reports"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            str(r["id"]), str(r["urgency"]), r["type"],
            r["date_start"].isoformat() if r["date_start"] else "—",
            ", ".join(x for x in (r["location_name"], r["admin1"], r["country"]) if x) or "—",
            _counts_cell(r["counts"] or {}),
            " ".join(str(i) for i in r["report_ids"]),
        )
    Console().print(table)


STYLES = {"type": "bold red", "date": "bold cyan", "location": "bold green",
          "counts": "bold yellow", "attribution": "magenta"}


def highlighted(text: str, result: dict[str, Any]) -> Text:
    """The report text with each event's evidence spans styled by field."""
    out = Text(text)
    for event in result.get("events") or []:
        for ev in event.get("evidence") or []:
            style = STYLES.get(str(ev["field"]).split(".")[0], "underline")
            out.stylize(style, int(ev["start"]), int(ev["end"]))
    return out


@app.command()
def show(
    report_id: Annotated[int, typer.Argument(help="Report id (see `khronika incidents`).")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print report and extraction.")] = False,
) -> None:
    """Show a report with what was extracted from it, evidence highlighted."""
    with opened(db) as store:
        report = store.get_report(report_id)
        if report is None:
            raise fail(f"no report {report_id}")
        extraction = store.latest_extraction(report_id)
        incident_ids = store.incidents_of_report(report_id)
        from khronika.security.audit import record

        record(store, cli_actor(), "report.read", "report", report_id)
    result = (extraction or {}).get("result") or {}
    if as_json:
        payload = {"id": report_id, "text": report["text"], "origin": report["origin"],
                   "received_at": report["received_at"].isoformat(),
                   "extraction": result, "incidents": incident_ids}
        typer.echo(json.dumps(payload, ensure_ascii=False))
        return
    con = Console()
    con.print(f"[bold]Report {report_id}[/]  origin: {report['origin']}  "
              f"received: {report['received_at']:%Y-%m-%d %H:%M}", highlight=False)
    con.print(highlighted(report["text"], result))
    con.print("legend: " + "  ".join(f"[{s}]{k}[/]" for k, s in STYLES.items()))
    if extraction is None:
        con.print("[yellow]not extracted yet[/]")
        return
    if extraction["status"] == "error":
        con.print(f"[red]extraction failed:[/] {extraction['error']}", highlight=False)
    for i, event in enumerate(result.get("events") or []):
        date = (event.get("date") or {}).get("start", "—")
        loc = (event.get("location") or {}).get("name", "—")
        counts = {k: v for k, v in (event.get("counts") or {}).items() if v}
        con.print(f"event {i}: [bold]{event['type']}[/] date {date} place {loc} "
                  f"certainty {event.get('certainty')} counts {_counts_cell(counts)}",
                  highlight=False)
        for a in event.get("attribution") or []:
            con.print(f"   source: {a['source']}", highlight=False)
    con.print(f"incidents: {', '.join(map(str, incident_ids)) or 'none'}")


audit_app = typer.Typer(help="The audit trail (hash-chained change log).",
                        no_args_is_help=True)
app.add_typer(audit_app, name="audit")


@audit_app.command("verify")
def audit_verify(db: DbOption = None) -> None:
    """Check the audit log's hash chain; exits 1 naming the first bad entry."""
    with opened(db) as store:
        bad = store.verify_changes()
        n = store.count("changes")
    if bad is not None:
        raise fail(f"audit log broken at entry {bad}: edited, deleted or reordered")
    typer.echo(f"audit log intact: {n} entries")


@audit_app.command("list")
def audit_list(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="The newest this many entries.")] = 50,
) -> None:
    """Show the newest audit entries: when, who, what."""
    from sqlalchemy import select

    from khronika.store.schema import changes

    with opened(db) as store, store.connect() as conn:
        rows = conn.execute(select(changes).order_by(changes.c.id.desc()).limit(limit)).all()
    for r in reversed(rows):
        typer.echo(f"{r.id}\t{r.at:%Y-%m-%d %H:%M:%S}\t{r.actor}\t{r.action}\t"
                   f"{r.entity}:{r.entity_id or ''}")
