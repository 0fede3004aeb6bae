"""``khronika evaluate``: per-field scores of extraction on the project's own gold set."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from khronika.cli import app


@app.command()
def evaluate(
    misses: Annotated[bool, typer.Option("--misses", help="List the ids of misses.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Score extraction on the demo corpus's gold annotations, field by field."""
    from khronika.evaluate import entities_f1, run_demo_gold

    tallies = run_demo_gold()
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
