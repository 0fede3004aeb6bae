"""The ``khronika`` command line: thin commands over importable functions.

Each command group lives in its own module and registers itself on :data:`app`.
"""

from __future__ import annotations

import os

import typer

app = typer.Typer(
    name="khronika",
    help="Khronika: reports in, evidence-linked incidents out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)



@app.callback()
def _root() -> None:
    """Khronika: reports in, evidence-linked incidents out."""


# Registration happens on import; the modules import `app` from here.
from khronika.cli import backup as _backup  # noqa: E402,F401
from khronika.cli import batch as _batch  # noqa: E402,F401
from khronika.cli import cases as _cases  # noqa: E402,F401
from khronika.cli import demo as _demo  # noqa: E402,F401
from khronika.cli import evaluate as _evaluate  # noqa: E402,F401
from khronika.cli import export as _export  # noqa: E402,F401
from khronika.cli import extract as _extract  # noqa: E402,F401
from khronika.cli import link as _link  # noqa: E402,F401
from khronika.cli import store as _store  # noqa: E402,F401
from khronika.cli import users as _users  # noqa: E402,F401
from khronika.cli import web as _web  # noqa: E402,F401


def main() -> None:
    # Extraction works one short document at a time: BLAS thread pools only add overhead
    # and, on a busy machine, made `khronika extract` up to 5x slower (bench/batch_scale.py).
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    app()
