"""``khronika batch``: extraction (and linking) over a Dask cluster, to a file or into a
store."""

from __future__ import annotations

import json
import sys
import time
from typing import TYPE_CHECKING, Annotated

import typer

from khronika.cli import app
from khronika.cli.store import DbOption, err, fail, opened

if TYPE_CHECKING:
    from khronika.scale.batch import ProgressFn

EXIT_BAD_LINES = 3


def _progress_printer() -> ProgressFn:
    """A progress callback printing the rate to standard error every 2 seconds."""
    from khronika.scale.batch import BatchSummary

    started = last = time.monotonic()

    def show(summary: BatchSummary) -> None:
        nonlocal last
        now = time.monotonic()
        if summary.link_tasks_done and summary.link_tasks_done < summary.link_tasks:
            if now - last >= 2.0:
                sys.stderr.write(f"batch: linking, {summary.link_tasks_done} of "
                                 f"{summary.link_tasks} tasks done\n")
                sys.stderr.flush()
                last = now
        elif now - last >= 2.0 and not summary.link_tasks:
            rate = summary.documents / max(now - started, 1e-9)
            sys.stderr.write(f"batch: {summary.documents} documents, {rate:.0f}/s, "
                             f"{summary.error_lines} errors\n")
            sys.stderr.flush()
            last = now

    return show


@app.command()
def batch(
    inputs: Annotated[list[str], typer.Argument(
        help="Input JSON Lines files in the contract's shape (- = standard input).")],
    output: Annotated[str | None, typer.Option(
        "-o", "--output", help="Write the contract's output here (- = standard output): "
        "identical to `khronika extract` on the same files, one after the other.")] = None,
    db: DbOption = None,
    workers: Annotated[int, typer.Option(
        "--workers", help="Worker processes of the local Dask cluster.")] = 2,
    cluster: Annotated[str | None, typer.Option(
        "--cluster", help="Use the running Dask scheduler at tcp://HOST:PORT instead of a "
        "local cluster (--workers is then ignored).")] = None,
    chunk: Annotated[int, typer.Option("--chunk", help="Documents per task.")] = 32,
    resume: Annotated[bool, typer.Option(
        "--resume", help="With -o FILE: keep the lines an interrupted run wrote and go on "
        "after them.")] = False,
    relink: Annotated[bool, typer.Option(
        "--relink", help="With --db: rebuild every incident by blocks on the cluster, even "
        "when the store already holds incidents (refused when that discards review "
        "statuses or manual merges, unless --force).")] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="With --relink: also discard review statuses and manual merges.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Extract many documents on a Dask cluster: to -o OUT.jsonl, or into a store with --db.

    Into a store, each report is stored first, then extracted; running the same batch again
    skips what is done. Into a store without incidents (or with --relink) every report is
    then linked by blocks on the cluster, with the result of `khronika link --rebuild`;
    into one that holds incidents, each new report is linked to them in this process. A
    worker that dies has its work computed again.
    """
    from khronika.scale.batch import BatchError, run_batch

    if (output is None) == (db is None):
        raise fail("give exactly one destination: -o OUT.jsonl or --db STORE", 2)
    if relink and db is None:
        raise fail("--relink links the reports of a store: give --db STORE", 2)
    if chunk < 1:
        raise fail(f"--chunk must be at least 1, got {chunk}", 2)
    progress = _progress_printer()
    try:
        if db is not None:
            with opened(db) as store:
                summary = run_batch(inputs, workers, cluster, store=store, chunk_size=chunk,
                                    progress=progress, relink=relink, force=force)
        else:
            summary = run_batch(inputs, workers, cluster, out=output, chunk_size=chunk,
                                resume=resume, progress=progress)
    except BatchError as exc:
        raise fail(str(exc), 2) from None
    for message in summary.errors[:50]:
        err.print(f"error: {message}", highlight=False, markup=False)
    for note in summary.notes:
        err.print(f"note: {note}", highlight=False, markup=False)
    if as_json:
        typer.echo(json.dumps(summary.to_json()), err=output == "-")
    else:
        sys.stderr.write(
            f"batch: done, {summary.documents} documents in {summary.seconds:.1f}s "
            f"({summary.rate():.1f}/s) on {summary.workers} worker"
            f"{'s' if summary.workers != 1 else ''}, "
            f"{summary.error_lines} error lines"
            + (f", {summary.stored} stored, {summary.skipped} already done"
               if db is not None else "")
            + (f", {summary.resubmitted} chunks resubmitted" if summary.resubmitted else "")
            + (f"; linked by blocks on the cluster: {summary.incidents} incidents from "
               f"{summary.link_groups} independent groups in {summary.link_seconds:.1f}s"
               if summary.linking == "blocks" else "")
            + "\n")
    if summary.error_lines:
        raise typer.Exit(EXIT_BAD_LINES)
