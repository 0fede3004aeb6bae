"""``khronika serve``: the web desk over a store (a thin wrapper of khronika.web)."""

from __future__ import annotations

from typing import Annotated

import typer

from khronika.cli import app
from khronika.cli.store import DbOption, opened


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default: "
                                           "put a TLS proxy in front to serve others).")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8400,
    https: Annotated[bool, typer.Option(
        "--https", help="Mark cookies Secure (the desk is reached over https).")] = False,
) -> None:
    """Serve the web desk for caseworkers and monitors."""
    import uvicorn

    from khronika.web import create_app

    store = opened(db)
    desk = create_app(store, secure_cookies=https, warm=True)
    typer.echo(f"Khronika desk on http://{host}:{port}/ (Ctrl+C to stop)")
    try:
        uvicorn.run(desk, host=host, port=port, log_level="warning",
                    proxy_headers=False, server_header=False)
    finally:
        store.close()
