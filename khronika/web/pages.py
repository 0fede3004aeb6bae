"""The server-rendered pages: login, queue, intake, incident, cases, search, figures, map.

Each state-changing form posts here and is answered by a redirect (post/redirect/get), so
reloading a page never repeats an action. Forms carry the session's CSRF token.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from khronika import taxonomy
from khronika.security import accounts
from khronika.security.roles import Perm
from khronika.web import actions, data, i18n
from khronika.web.api import FormInt, Page, PathId, db_int
from khronika.web.app import render
from khronika.web.auth import (
    LANG_COOKIE,
    LOGIN_CSRF_COOKIE,
    PUBLIC,
    SESSION_COOKIE,
    SIGNED_IN,
    Principal,
    WebError,
    requires,
)
from khronika.web.search import Filters, search
from khronika.web.views import (
    incident_with_sources,
    profile_of,
    redacted_incident,
    shown_facet,
    unchanged_by_reader,
)

router = APIRouter(include_in_schema=False)
COUNT_FIELDS = ("detained", "injured", "killed", "deported")
TYPE_CODES = sorted(taxonomy.TYPES)


def _store(request: Request) -> Any:
    return request.app.state.store


def _back(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _safe_next(value: str | None) -> str:
    # only paths on this site: "//evil" or "https://..." would be an open redirect
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/queue"


def _cookie(request: Request, response: Response, name: str, value: str,
            max_age: int | None = None) -> None:
    response.set_cookie(name, value, max_age=max_age, httponly=True, samesite="strict",
                        secure=bool(request.app.state.secure_cookies), path="/")


# -- signing in ----------------------------------------------------------------------------


@router.get("/login")
def login_form(request: Request, who: Principal | None = requires(PUBLIC),
               next: str = "/queue") -> Response:
    token = request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(32)
    response = render(request, "login.html", {"login_csrf": token, "next": _safe_next(next),
                                              "failed": None})
    _cookie(request, response, LOGIN_CSRF_COOKIE, token, max_age=3600)
    return response


@router.post("/login")
def login(request: Request, name: Annotated[str, Form(max_length=64)],
          password: Annotated[str, Form(max_length=1024)],
          csrf_token: Annotated[str, Form()] = "", next: Annotated[str, Form()] = "/queue",
          who: Principal | None = requires(PUBLIC)) -> Response:
    expected = request.cookies.get(LOGIN_CSRF_COOKIE) or ""
    if not expected or not secrets.compare_digest(expected, csrf_token):
        raise WebError(403, "csrf", "the login form expired; reload the page and retry")
    throttle: accounts.LoginThrottle = request.app.state.throttle
    keys = (f"name:{name.lower()}", f"addr:{request.client.host if request.client else '?'}")
    ctx = {"login_csrf": expected, "next": _safe_next(next)}
    if throttle.blocked(*keys):
        return render(request, "login.html", {**ctx, "failed": "login.throttled"}, status=429)
    user = accounts.authenticate(_store(request), name, password)
    if user is None:
        throttle.failed(*keys)
        return render(request, "login.html", {**ctx, "failed": "login.failed"}, status=401)
    throttle.succeeded(*keys)
    secret, _csrf = accounts.start_session(_store(request), user)
    response = _back(_safe_next(next))
    _cookie(request, response, SESSION_COOKIE, secret, max_age=accounts.SESSION_HOURS * 3600)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/")
    return response


@router.post("/logout")
def logout(request: Request, who: Principal = requires(SIGNED_IN)) -> Response:
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        accounts.end_session(_store(request), secret)
    response = _back("/login")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/lang/{code}")
def set_language(request: Request, code: str, next: str = "/queue",
                 who: Principal | None = requires(PUBLIC)) -> Response:
    response = _back(_safe_next(next))
    _cookie(request, response, LANG_COOKIE, i18n.pick_language(code), max_age=365 * 86400)
    return response


@router.get("/")
def home(who: Principal = requires(SIGNED_IN)) -> Response:
    return _back("/queue")


# -- queue and intake ----------------------------------------------------------------------


@router.get("/queue")
def queue_page(request: Request, who: Principal = requires(Perm.READ_INCIDENTS),
               type: str | None = None, region: str | None = None,
               status: str | None = None, mine: bool = False, page: Page = 0) -> Response:
    items = data.queue(_store(request), type_=type or None, region=region or None,
                       status=status or None, assignee=who.name if mine else None,
                       with_cases=who.can(Perm.READ_CASES), page=max(0, page))
    items = [redacted_incident(i, who) if i["kind"] == "incident" else i for i in items]
    return render(request, "queue.html", {
        "items": items, "types": TYPE_CODES, "regions": data.regions(_store(request)),
        "statuses": data.INCIDENT_STATUSES, "page": max(0, page), "mine": mine,
        "f": {"type": type or "", "region": region or "", "status": status or ""},
        "users": _assignable(request) if who.can(Perm.EDIT_CASES) else []})


def _assignable(request: Request) -> list[str]:
    """Active caseworkers and administrators, who can be given an incident."""
    return [u.name for u in accounts.list_users(_store(request))
            if u.active and u.role.value in ("caseworker", "admin")]


@router.post("/queue/assign")
def queue_assign(request: Request, incident_id: FormInt,
                 assignee: Annotated[str, Form(max_length=64)],
                 next: Annotated[str, Form()] = "/queue",
                 who: Principal = requires(Perm.EDIT_CASES)) -> Response:
    actions.assign_incident(_store(request), incident_id, assignee, who.name)
    return _back(_safe_next(next))


@router.get("/intake")
def intake_page(request: Request, who: Principal = requires(Perm.INTAKE),
                saved: int | None = None) -> Response:
    return render(request, "intake.html", _intake_context(request, saved))


def _intake_context(request: Request, saved: int | None) -> dict[str, Any]:
    from khronika.web.app import language

    lang = language(request)
    return {"types": TYPE_CODES, "saved": saved, "count_fields": COUNT_FIELDS,
            "reasons": i18n.REASONS[lang],
            "type_names": {c: i18n.type_label(c, lang) for c in TYPE_CODES}}


@router.post("/intake")
async def intake_save(request: Request, who: Principal = requires(Perm.INTAKE)) -> Response:
    form = await request.form()
    text = str(form.get("text") or "")
    touched = set(str(form.get("touched") or "").split(",")) if "touched" in form else None

    def wanted(name: str) -> bool:
        value = str(form.get(name) or "")
        return name in touched if touched is not None else bool(value)

    fields = {k: str(form.get(k) or "") for k in actions.CORRECTABLE if wanted(k)}
    counts: dict[str, int | None] = {}
    for kind in COUNT_FIELDS:
        if wanted(f"count_{kind}"):
            raw = str(form.get(f"count_{kind}") or "").strip()
            if raw and db_int(raw) is None:
                raise WebError(422, "invalid", f"{kind}: a count is a whole number")
            counts[kind] = db_int(raw) if raw else None
    from starlette.concurrency import run_in_threadpool

    report_id, _new, incident_ids = await run_in_threadpool(
        actions.save_intake, _store(request), text, str(form.get("origin") or "call"),
        who.name, fields, counts)
    if incident_ids:
        return _back(f"/incidents/{incident_ids[0]}?saved={report_id}")
    return _back(f"/intake?saved={report_id}")


# -- incidents -----------------------------------------------------------------------------


@router.get("/incidents/{incident_id}")
def incident_page(request: Request, incident_id: PathId,
                  who: Principal = requires(Perm.READ_INCIDENTS),
                  saved: int | None = None) -> Response:
    store = _store(request)
    found = incident_with_sources(store, incident_id, who, via="web")
    if found is None:
        raise actions.not_found("incident", incident_id)
    row, srcs, profile = found
    people = (row.get("provenance") or {}).get("people")
    return render(request, "incident.html", {
        "inc": row, "sources": srcs, "conflicts": data.conflicts(row), "people": people,
        "history": data.history(store, "incident", incident_id),
        "merges": data.merges_into(store, incident_id), "saved": saved,
        "cases": data.cases_of_incident(store, incident_id) if who.can(Perm.READ_CASES) else [],
        "types": TYPE_CODES, "count_fields": COUNT_FIELDS, "profile": profile,
        "users": _assignable(request) if who.can(Perm.EDIT_CASES) else []})


@router.post("/incidents/{incident_id}/review")
def review(request: Request, incident_id: PathId, action: Annotated[str, Form()],
           version: FormInt, who: Principal = requires(Perm.REVIEW)) -> Response:
    actions.review(_store(request), incident_id, action, version, who.name)
    return _back(f"/incidents/{incident_id}")


@router.post("/incidents/{incident_id}/correct")
async def correct(request: Request, incident_id: PathId,
                  who: Principal = requires(Perm.EDIT_INCIDENTS)) -> Response:
    form = await request.form()
    fields = {k: str(form.get(k) or "") for k in actions.CORRECTABLE if k in form}
    counts: dict[str, int | None] = {}
    for kind in COUNT_FIELDS:
        raw = str(form.get(f"count_{kind}") or "").strip()
        if f"count_{kind}" in form:
            if raw and db_int(raw) is None:
                raise WebError(422, "invalid", f"{kind}: a count is a whole number")
            counts[kind] = db_int(raw) if raw else None
    version = db_int(form.get("version"))
    if version is None:
        raise WebError(422, "invalid", "version: missing or not a whole number")
    stored = data.incident(_store(request), incident_id)
    if stored is None:
        raise actions.not_found("incident", incident_id)
    fields = unchanged_by_reader(fields, stored, who)
    from starlette.concurrency import run_in_threadpool

    await run_in_threadpool(actions.correct, _store(request), incident_id, version,
                            fields, counts, who.name)
    return _back(f"/incidents/{incident_id}")


@router.post("/incidents/{incident_id}/merge")
def merge(request: Request, incident_id: PathId, other: FormInt,
          reason: Annotated[str, Form(max_length=500)] = "",
          who: Principal = requires(Perm.EDIT_INCIDENTS)) -> Response:
    actions.merge(_store(request), incident_id, other, who.name, reason or None)
    return _back(f"/incidents/{incident_id}")


@router.post("/incidents/{incident_id}/detach")
async def detach(request: Request, incident_id: PathId,
                 who: Principal = requires(Perm.EDIT_INCIDENTS)) -> Response:
    form = await request.form()
    ids = [i for i in map(db_int, form.getlist("report_id")) if i is not None]
    from starlette.concurrency import run_in_threadpool

    new_id = await run_in_threadpool(actions.detach, _store(request), incident_id, ids,
                                     who.name)
    return _back(f"/incidents/{new_id}")


@router.post("/merges/{merge_id}/split")
def split(request: Request, merge_id: PathId,
          who: Principal = requires(Perm.EDIT_INCIDENTS)) -> Response:
    restored = actions.split(_store(request), merge_id, who.name)
    return _back(f"/incidents/{restored}")


# -- search, dashboard, map ----------------------------------------------------------------


@router.get("/search")
def search_page(request: Request, who: Principal = requires(Perm.SEARCH), q: str = "",
                type: str = "", region: str = "", status: str = "", since: str = "",
                until: str = "", perpetrator: str = "", page: Page = 0) -> Response:
    filters = Filters(type or None, region or None, status or None,
                      actions._parse_date(since), actions._parse_date(until),
                      perpetrator[:200] or None)
    result = search(_store(request), q[:500], filters, max(0, page))
    result.incidents = [redacted_incident(i, who) for i in result.incidents]
    return render(request, "search.html", {
        "q": q, "result": result, "page": max(0, page), "types": TYPE_CODES,
        "statuses": data.INCIDENT_STATUSES,
        "perpetrators": shown_facet(result.facets.get("perpetrator", []), who),
        "f": {"type": type, "region": region, "status": status, "since": since,
              "until": until, "perpetrator": perpetrator}})


@router.get("/dashboard")
def dashboard(request: Request, who: Principal = requires(Perm.READ_INCIDENTS)) -> Response:
    from khronika.web.charts import region_bars, weekly_bars

    weekly = data.weekly_by_type(_store(request))
    regions = data.by_region(_store(request))
    return render(request, "dashboard.html", {
        "weekly": weekly, "weekly_chart": weekly_bars(weekly),
        "regions": regions, "region_chart": region_bars(regions),
        "delta6": dt.timedelta(days=6)})


@router.get("/map")
def map_page(request: Request, who: Principal = requires(Perm.READ_INCIDENTS)) -> Response:
    points = data.map_points(_store(request), profile_of(who), limit=300)
    return render(request, "map.html", {"points": points,
                                        "ready": all(request.app.state.vendor.values())})
