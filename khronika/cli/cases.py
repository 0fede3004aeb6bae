"""Case commands for administrators: secure deletion and retention."""

from __future__ import annotations

from typing import Annotated

import typer

from khronika.cli import app
from khronika.cli.store import DbOption, cli_actor, fail, opened

case_app = typer.Typer(help="Cases: secure deletion and retention of personal data.",
                       no_args_is_help=True)
app.add_typer(case_app, name="case")


@case_app.command("delete")
def case_delete(
    case_id: Annotated[int, typer.Argument(help="The case whose personal data to wipe.")],
    db: DbOption = None,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Wipe a case's personal data and notes; its status and incidents stay for counts."""
    from khronika import cases

    if not yes and not typer.confirm(f"Wipe the personal data of case {case_id} for good?"):
        raise typer.Exit(1)
    with opened(db) as store:
        try:
            cases.delete_personal(store, case_id, cli_actor())
        except cases.CaseError as exc:
            raise fail(str(exc)) from None
    typer.echo(f"case {case_id}: personal data deleted")


@case_app.command("retention")
def case_retention(
    closed_days: Annotated[int, typer.Option(
        help="Wipe personal data of cases closed or resolved more than this many days ago.")],
    db: DbOption = None,
) -> None:
    """Apply the retention rule to closed cases (run it from cron, e.g. daily)."""
    from khronika import cases

    if closed_days < 0:
        raise fail("--closed-days must be 0 or more", 2)
    with opened(db) as store:
        wiped = cases.apply_retention(store, cli_actor(), closed_days)
    typer.echo(f"retention: personal data wiped from {len(wiped)} cases"
               + (f" ({', '.join(map(str, wiped))})" if wiped else ""))
