"""``khronika extract``: the contract's JSON Lines in, JSON Lines out (no database)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import IO, Annotated

import typer

from khronika.cli import app

EXIT_BAD_LINES = 3


def run_extract(inp: IO[bytes], out: IO[str], progress: IO[str] | None = None) -> tuple[int, int]:
    """Process every input line; returns (lines, error lines). Importable for tests."""
    from khronika.extract.contract import process_line

    total = errors = 0
    started = last = time.monotonic()
    for n, raw in enumerate(inp, start=1):
        result = process_line(n, raw)
        if "error" in result:
            errors += 1
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        total += 1
        now = time.monotonic()
        if progress is not None and now - last >= 2.0:
            rate = total / max(now - started, 1e-9)
            progress.write(f"extract: {total} documents, {rate:.0f}/s, {errors} errors\n")
            progress.flush()
            last = now
    if progress is not None:
        elapsed = time.monotonic() - started
        progress.write(
            f"extract: done, {total} documents in {elapsed:.1f}s, {errors} error lines\n"
        )
    return total, errors


@app.command()
def extract(
    input: Annotated[str, typer.Argument(help="Input JSON Lines file, or - for standard input.")],
    output: Annotated[
        str, typer.Option("-o", "--output", help="Output JSON Lines file; - or absent = stdout.")
    ] = "-",
) -> None:
    """Extract events, places and entities from documents (the extraction contract)."""
    if input == "-":
        inp: IO[bytes] = sys.stdin.buffer
    else:
        path = Path(input)
        if not path.is_file():
            typer.echo(f"Error: input file not found: {input}", err=True)
            raise typer.Exit(2)
        inp = path.open("rb")
    out: IO[str]
    out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
    try:
        _, errors = run_extract(inp, out, progress=sys.stderr)
    finally:
        if out is not sys.stdout:
            out.close()
        if inp is not sys.stdin.buffer:
            inp.close()
    if errors:
        raise typer.Exit(EXIT_BAD_LINES)
