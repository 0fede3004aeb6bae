"""The web desk: FastAPI app, pages and JSON API (see :func:`khronika.web.app.create_app`)."""

from khronika.web.app import create_app

__all__ = ["create_app"]
