"""The cases pages: list, new case, a case with its notes and linked incidents.

Every read and write goes through :mod:`khronika.cases` (via :mod:`khronika.web.actions`),
so personal fields are encrypted on PostgreSQL, each read of a case is audited, a stale
update is refused with the domain's message (HTTP 409) and "delete personal data" is the
domain's secure deletion.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from khronika.security.roles import Perm
from khronika.store.store import Store
from khronika.web import actions, data
from khronika.web.api import FormInt, Page, PathId, db_int
from khronika.web.app import render
from khronika.web.auth import Principal, WebError, requires

router = APIRouter(include_in_schema=False)
CASE_FIELDS = ("status", "assignee", "deadline", "outcome", "contact", "details", "title")


def _store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def _back(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


@router.get("/cases")
def cases_page(request: Request, who: Principal = requires(Perm.READ_CASES),
               status: str | None = None, mine: bool = False, page: Page = 0) -> Response:
    rows = data.case_list(_store(request), status or None, who.name if mine else None,
                          max(0, page))
    return render(request, "cases.html", {"cases": rows, "statuses": data.CASE_STATUSES,
                                          "status": status or "", "mine": mine})


@router.post("/cases")
def case_create(request: Request, title: Annotated[str, Form(max_length=500)],
                contact: Annotated[str, Form(max_length=2000)] = "",
                details: Annotated[str, Form(max_length=20000)] = "",
                deadline: Annotated[str, Form()] = "", assignee: Annotated[str, Form()] = "",
                incident_id: Annotated[str, Form()] = "",
                who: Principal = requires(Perm.EDIT_CASES)) -> Response:
    inc = db_int(incident_id)
    case_id = actions.create_case(_store(request), who.name, title, contact, details,
                                  deadline, assignee, inc)
    return _back(f"/cases/{case_id}")


@router.get("/cases/{case_id}")
def case_page(request: Request, case_id: PathId,
              who: Principal = requires(Perm.READ_CASES)) -> Response:
    row = data.case(_store(request), case_id, who.name)  # the read is audited there
    if row is None:
        raise actions.not_found("case", case_id)
    return render(request, "case.html", {
        "case": row, "flow": actions.CASE_FLOW,
        "history": data.history(_store(request), "case", case_id)})


@router.post("/cases/{case_id}")
async def case_update(request: Request, case_id: PathId,
                      who: Principal = requires(Perm.EDIT_CASES)) -> Response:
    form = await request.form()
    values = {k: str(form.get(k) or "") for k in CASE_FIELDS if k in form}
    version = db_int(form.get("version"))
    if version is None:
        raise WebError(422, "invalid", "version: missing or not a whole number")
    await run_in_threadpool(actions.update_case, _store(request), case_id, version,
                            who.name, values)
    return _back(f"/cases/{case_id}")


@router.post("/cases/{case_id}/notes")
def case_note(request: Request, case_id: PathId, text: Annotated[str, Form(max_length=20000)],
              who: Principal = requires(Perm.EDIT_CASES)) -> Response:
    actions.add_note(_store(request), case_id, who.name, text)
    return _back(f"/cases/{case_id}")


@router.post("/cases/{case_id}/link")
def case_link(request: Request, case_id: PathId, incident_id: FormInt,
              who: Principal = requires(Perm.EDIT_CASES)) -> Response:
    actions.link_case(_store(request), case_id, incident_id, who.name)
    return _back(f"/cases/{case_id}")


@router.post("/cases/{case_id}/delete-personal")
def case_delete_personal(request: Request, case_id: PathId,
                         confirm: Annotated[str, Form()] = "",
                         who: Principal = requires(Perm.DELETE_PERSONAL)) -> Response:
    if confirm != "yes":
        raise WebError(422, "invalid", "tick the box to confirm the deletion")
    actions.delete_personal(_store(request), case_id, who.name)
    return _back(f"/cases/{case_id}")
