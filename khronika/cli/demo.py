"""``khronika demo``: a fresh store with the demo corpus, processed, and a summary."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from khronika.cli import app
from khronika.cli.store import fail
from khronika.security.keys import ENV_PASSPHRASE, PassphraseError
from khronika.store.engine import StoreError, default_db_path

#: The demo store is encrypted like any other; its passphrase is public, so it must never
#: hold real reports. Set KHRONIKA_PASSPHRASE to choose another.
DEMO_PASSPHRASE = "demo-passphrase-not-secret"
#: Demo accounts, one per role, all with this public password.
DEMO_PASSWORD = "demo-password-not-secret"
DEMO_USERS = (("admin", "admin"), ("caseworker", "caseworker"), ("analyst", "analyst"),
              ("viewer", "viewer"))


def default_demo_path() -> Path:
    return default_db_path().with_name("demo.db")


@app.command()
def demo(
    db: Annotated[
        Path | None, typer.Option("--db", help="Where to create the demo store (replaced).")
    ] = None,
    serve: Annotated[
        bool, typer.Option("--serve", help="Then serve the web desk over the demo store.")
    ] = False,
    port: Annotated[int, typer.Option(help="Port for --serve.")] = 8400,
) -> None:
    """Load the demo reports into a fresh store, process them and print a summary."""
    from khronika import triage
    from khronika.demo import demo_items
    from khronika.flow import ingest_items
    from khronika.security.accounts import add_user
    from khronika.store.store import init_store

    path = db or default_demo_path()
    for suffix in ("", "-wal", "-shm"):
        extra = Path(str(path) + suffix)
        if extra.exists():
            extra.unlink()
    passphrase = os.environ.get(ENV_PASSPHRASE) or DEMO_PASSPHRASE
    try:
        store = init_store(str(path), passphrase=passphrase)
    except (StoreError, PassphraseError) as exc:
        raise fail(str(exc)) from None
    con = Console()
    with store:
        with con.status("processing the demo reports..."):
            summary = ingest_items(store, demo_items())
        for name, role in DEMO_USERS:
            add_user(store, name, role, DEMO_PASSWORD, actor="demo")
        rows = store.incidents()
    con.print(
        f"[bold]Demo store:[/] {path}\n"
        f"reports {summary.new} new, {summary.duplicate} duplicate, "
        f"{len(summary.rejected)} rejected; incidents {len(rows)}",
        highlight=False,
    )
    for label, counter in (
        ("type", Counter(r["type"] for r in rows)),
        ("place", Counter(r["location_name"] or "(unknown)" for r in rows)),
    ):
        table = Table(title=f"Incidents by {label}")
        table.add_column(label)
        table.add_column("incidents", justify="right")
        for key, n in counter.most_common(12):
            table.add_row(key, str(n))
        con.print(table)
    urgent = Table(title="Most urgent first")
    for col in ("id", "urgency", "type", "date", "place", "reasons", "reports"):
        urgent.add_column(col)
    for r in rows[:10]:
        urgent.add_row(
            str(r["id"]), str(r["urgency"]), r["type"],
            r["date_start"].isoformat() if r["date_start"] else "—",
            r["location_name"] or "—", triage.describe(r["urgency_reasons"] or []),
            " ".join(map(str, r["report_ids"])),
        )
    con.print(urgent)
    if passphrase == DEMO_PASSPHRASE:
        con.print(f"[bold yellow]The demo store is encrypted with the PUBLIC passphrase "
                  f"{DEMO_PASSPHRASE!r}: never put real reports in it.[/]", highlight=False)
    con.print(f"Next: KHRONIKA_PASSPHRASE={passphrase} khronika incidents --db {path}",
              highlight=False, markup=False)
    con.print(f"Demo accounts: {', '.join(n for n, _ in DEMO_USERS)}; password "
              f"{DEMO_PASSWORD!r} (public: demo only)", highlight=False, markup=False)
    if serve:
        _serve(path, passphrase, port)


def _serve(path: Path, passphrase: str, port: int) -> None:
    import uvicorn

    from khronika.store.store import open_store
    from khronika.web import create_app

    store = open_store(str(path), passphrase=passphrase)
    desk = create_app(store, warm=True)
    typer.echo(f"Khronika desk on http://127.0.0.1:{port}/ (Ctrl+C to stop)")
    try:
        uvicorn.run(desk, host="127.0.0.1", port=port, log_level="warning",
                    server_header=False)
    finally:
        store.close()
