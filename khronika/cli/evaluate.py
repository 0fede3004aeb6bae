"""``khronika evaluate``: per-field scores of extraction on the project's own gold set."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from khronika.cli import app


@app.command()
def evaluate(
    misses: Annotated[bool, typer.Option("--misses", help="List the ids of misses.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    gold: Annotated[Path | None, typer.Option(
        help="Another gold file in the demo corpus's shape (default: the demo corpus).")] = None,
) -> None:
    """Score extraction on gold annotations (the demo corpus by default), field by field."""
    from khronika.evaluate import entities_f1, run_demo_gold

    if gold is not None and not gold.is_file():
        typer.echo(f"Error: no gold file {gold}", err=True)
        raise typer.Exit(2)
    tallies = run_demo_gold(gold)
    figures = {name: round(t.value, 4) for name, t in tallies.items()}
    figures["entities_f1"] = round(entities_f1(tallies), 4)
    if as_json:
        typer.echo(json.dumps({"figures": figures,
                               "totals": {n: t.total for n, t in tallies.items()}}))
        return
    for name, t in tallies.items():
        typer.echo(f"{name:15} {t.value:.3f}  ({t.hits}/{t.total})")
        if misses and t.misses:
            typer.echo("    misses: " + ", ".join(t.misses[:40]))
    typer.echo(f"{'entities_f1':15} {figures['entities_f1']:.3f}")
