"""Linking commands: ``link`` (link or relink stored reports), ``merge`` and ``split``."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from khronika.cli import app
from khronika.cli.store import DbOption, fail, opened
from khronika.link.linker import LinkError, relink_all
from khronika.link.review import detach, merge, split

ByOption = Annotated[str, typer.Option("--by", help="Your name: recorded in the change log.")]


@app.command()
def link(
    db: DbOption = None,
    rebuild: Annotated[bool, typer.Option(
        "--rebuild", help="Drop all incidents and link every report again from scratch.")] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="With --rebuild: also discard review statuses and manual merges.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Link stored reports to incidents (only those not linked yet, unless --rebuild)."""
    with opened(db) as store:
        try:
            summary = relink_all(store, rebuild=rebuild, force=force)
        except LinkError as exc:
            raise fail(str(exc)) from None
    if as_json:
        typer.echo(json.dumps(summary.to_json()))
    else:
        typer.echo(f"reports {summary.reports}, events {summary.events}, incidents created "
                   f"{summary.incidents_created}, linked to existing "
                   f"{summary.linked_to_existing}")


@app.command("merge")
def merge_cmd(
    target: Annotated[int, typer.Argument(help="Incident that keeps its id.")],
    source: Annotated[int, typer.Argument(help="Incident merged into it.")],
    by: ByOption,
    reason: Annotated[str | None, typer.Option(help="Why (kept in the log).")] = None,
    db: DbOption = None,
) -> None:
    """Merge incident SOURCE into TARGET (undo with: khronika split TARGET)."""
    with opened(db) as store:
        try:
            merge(store, target, source, by, reason)
        except LinkError as exc:
            raise fail(str(exc)) from None
    typer.echo(f"merged incident {source} into {target} (undo: khronika split {target} "
               f"--by NAME)")


@app.command("split")
def split_cmd(
    incident: Annotated[int, typer.Argument(help="Incident to split.")],
    by: ByOption,
    reports: Annotated[str | None, typer.Option(
        help="Move these report ids (comma-separated) to a new incident instead of undoing "
        "the latest merge.")] = None,
    db: DbOption = None,
) -> None:
    """Undo the latest merge into INCIDENT, or move --reports out of it."""
    with opened(db) as store:
        try:
            if reports:
                ids = [int(x) for x in reports.split(",") if x.strip()]
                new = detach(store, incident, ids, by)
                typer.echo(f"moved reports {ids} from incident {incident} to new incident {new}")
            else:
                restored = split(store, incident, by)
                typer.echo(f"split incident {incident}: restored incident {restored}")
        except ValueError:
            raise fail(f"--reports must be report ids like 3,4 (got {reports!r})", 2) from None
        except LinkError as exc:
            raise fail(str(exc)) from None
