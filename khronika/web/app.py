"""The desk's FastAPI application: :func:`create_app` wires routes, templates and guards.

Pages (server-rendered HTML) and the JSON API (under ``/api``) share one set of queries
(:mod:`khronika.web.data`) and actions (:mod:`khronika.web.actions`). Everything here
works offline: static files and the map's assets are served by the app itself.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from khronika.security.accounts import LoginThrottle
from khronika.store.store import Store
from khronika.web import i18n
from khronika.web.auth import LANG_COOKIE, LoginRequired, WebError, is_api, principal_of

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
#: npm packages installed by ``make install`` (``npm ci`` in this folder); gitignored.
ASSETS = HERE / "assets" / "node_modules"
VENDOR = {"leaflet": ASSETS / "leaflet" / "dist",
          "topojson": ASSETS / "topojson-client" / "dist",
          "world-atlas": ASSETS / "world-atlas"}

#: Requests with bodies larger than this are refused before they are read.
MAX_BODY = 5 * 1024 * 1024
#: The largest file the import form and ``/api/import`` take: uploads are streamed to disk
#: and imported in constant memory, so this bounds disk and time, not memory. Bigger files
#: are for ``khronika ingest`` on the desk's own computer.
MAX_IMPORT = 100 * 1024 * 1024
#: Routes that take a file to import, and what a multipart body adds around the file.
IMPORT_PATHS = ("/import", "/api/import")
FORM_OVERHEAD = 256 * 1024

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")

log = logging.getLogger(__name__)


def error_body(code: str, message: str) -> dict[str, Any]:
    """The one error shape of the API."""
    return {"error": {"code": code, "message": message}}


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413 (declared or streamed); the
    paths in ``wider`` (the imports) have their own, larger limits."""

    def __init__(self, app: ASGIApp, limit: int, wider: dict[str, int] | None = None) -> None:
        self.app, self.limit, self.wider = app, limit, wider or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.wider.get(scope["path"], self.limit)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._refuse(limit, scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                raise WebError(413, "too_large", self._message(limit))
            return message

        await self.app(scope, counted, send)

    def _message(self, limit: int) -> str:
        return (f"the upload is larger than the limit of {limit // (1024 * 1024)} MB; "
                "split the file and import the parts")

    async def _refuse(self, limit: int, scope: Scope, receive: Receive, send: Send) -> None:
        # a form posted by a browser gets the desk's error page, a script the JSON error
        response = respond_error(Request(scope), 413, "too_large", self._message(limit))
        await response(scope, receive, send)


def make_templates() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["type_label"] = i18n.type_label
    env.globals["reason_label"] = i18n.reason_label
    return env


def create_app(store: Store, *, secure_cookies: bool = False, max_body: int = MAX_BODY,
               max_import: int = MAX_IMPORT, warm: bool = False) -> FastAPI:
    """The desk for ``store``. ``secure_cookies`` marks cookies Secure (serve over https);
    ``max_import`` is the largest file an import takes; ``warm`` loads the extraction
    models in the background so the first suggestion is fast.
    """
    from khronika.web import api, import_routes, pages, pages_cases

    app = FastAPI(title="Khronika desk API", version="1", docs_url=None, redoc_url=None,
                  openapi_url=None,
                  description="Reports in, evidence-linked incidents out. Authenticate with "
                  "`Authorization: Bearer <token>` (khronika user token NAME). Every error "
                  'is {"error": {"code", "message"}}.')
    app.state.store = store
    app.state.secure_cookies = secure_cookies
    app.state.max_import = max_import
    app.state.throttle = LoginThrottle()
    app.state.templates = make_templates()
    app.state.vendor = {name: path.is_dir() for name, path in VENDOR.items()}
    app.include_router(import_routes.pages)
    app.include_router(pages.router)
    app.include_router(pages_cases.router)
    app.include_router(import_routes.api)
    app.include_router(api.router)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    for name, path in VENDOR.items():
        if path.is_dir():
            app.mount(f"/vendor/{name}", StaticFiles(directory=str(path)), name=f"vendor-{name}")
    _install_handlers(app)

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        if not request.url.path.startswith(("/static/", "/vendor/")):
            response.headers["Cache-Control"] = "no-store"  # personal data: no disk cache
        return response

    app.add_middleware(BodyLimit, limit=max_body, wider={
        path: max(max_body, max_import + FORM_OVERHEAD) for path in IMPORT_PATHS})
    if warm:
        threading.Thread(target=_warm_up, daemon=True).start()
    return app


def flat_routes(app: FastAPI) -> list[Any]:
    """Every route and mount of the app, with included routers opened up (FastAPI 0.16x
    keeps an included router as one entry; its routes already carry their prefix)."""
    out: list[Any] = []
    for route in app.routes:
        inner = getattr(route, "original_router", None)
        out.extend(inner.routes if inner is not None else [route])
    return out


def _warm_up() -> None:
    """Load the extraction models once so the first caseworker does not wait for them."""
    from khronika.extract import extract_text

    for text in ("Police detained two men in Moscow.", "Полиция задержала двоих в Москве."):
        try:
            extract_text(text)
        except Exception:  # a warm-up failure shows again, with its cause, on first use
            log.exception("warm-up failed")


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(WebError)
    async def web_error(request: Request, exc: WebError) -> Response:
        return respond_error(request, exc.status, exc.code, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return respond_error(request, exc.status_code, code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = ["{}: {}".format(".".join(str(p) for p in e.get("loc", ())), e.get("msg"))
                 for e in exc.errors()]
        return respond_error(request, 422, "invalid", "; ".join(parts) or "invalid request")

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return respond_error(request, 500, "internal", "an internal error occurred; it was "
                             "logged on the server")


def respond_error(request: Request, status: int, code: str, message: str) -> Response:
    """JSON error for the API, a login redirect or an error page for a browser."""
    if is_api(request) or "text/html" not in request.headers.get("accept", "text/html"):
        return JSONResponse(error_body(code, message), status_code=status)
    if status == 401:
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
    return render(request, "error.html", {"status": status, "code": code, "message": message},
                  status=status)


def language(request: Request) -> str:
    return i18n.pick_language(request.query_params.get("lang")
                              or request.cookies.get(LANG_COOKIE))


def render(request: Request, template: str, context: dict[str, Any],
           status: int = 200) -> HTMLResponse:
    """Render a page with the signed-in user, the CSRF token and the translator."""
    lang = language(request)
    who = getattr(request.state, "principal", None)
    if who is None and not hasattr(request.state, "principal"):
        try:
            who = principal_of(request)
        except Exception:  # an error page must render even when the store fails
            who = None
    env: Environment = request.app.state.templates
    html = env.get_template(template).render(
        request=request, lang=lang, t=i18n.translator(lang), who=who,
        csrf=who.csrf if who is not None else None, path=request.url.path, **context)
    return HTMLResponse(html, status_code=status)


__all__ = ["LoginRequired", "create_app", "error_body", "render"]
