"""The JSON API: the same data and actions as the pages, for scripts and the page's JS.

Authenticate with ``Authorization: Bearer <token>`` (or a browser session plus its CSRF
token in ``X-CSRF-Token``). Every error has the shape ``{"error": {"code", "message"}}``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi import Path as FPath
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from khronika import triage
from khronika.security import audit
from khronika.security.roles import Perm
from khronika.store.store import Store
from khronika.web import actions, data
from khronika.web.auth import PUBLIC, SIGNED_IN, Principal, WebError, requires
from khronika.web.search import Filters, search
from khronika.web.views import (
    incident_with_sources,
    profile_of,
    redacted_incident,
    redacted_report,
    shown_facet,
)

router = APIRouter(prefix="/api")

#: The largest integer a database column holds (SQLite and PostgreSQL BIGINT): a bigger
#: id, version or page from a request is refused with 422, not sent to the database
#: (schemathesis found page=184467440737095516 answered with a 500).
DB_MAX = 2**63 - 1
#: Pages beyond this would only ever be empty.
PAGE_MAX = 100_000
DbId = Annotated[int, Field(ge=1, le=DB_MAX)]
Version = Annotated[int, Field(ge=0, le=DB_MAX)]
Count = Annotated[int, Field(ge=0, le=DB_MAX)]
PathId = Annotated[int, FPath(ge=1, le=DB_MAX)]
Page = Annotated[int, Query(ge=0, le=PAGE_MAX)]
FormInt = Annotated[int, Form(ge=0, le=DB_MAX)]


def db_int(value: object) -> int | None:
    """A form field as a whole number a column can hold, or None (ASCII digits only:
    "²".isdigit() is true, and int("²") fails)."""
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 19:
        return int(value)
    return None

#: Suggestions look at the first this-many characters: a call note is short, and the
#: debounced call must answer well under 300 ms.
SUGGEST_CHARS = 5000


def _store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def _obj(value: dict[str, Any]) -> dict[str, Any]:
    """A JSON object of ``value`` (dates as ISO strings)."""
    out: dict[str, Any] = _jsonable(value)
    return out


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


class Counts(BaseModel):
    detained: Count | None = None
    injured: Count | None = None
    killed: Count | None = None
    deported: Count | None = None


class Corrections(BaseModel):
    type: str | None = Field(default=None, max_length=64)
    date_start: str | None = Field(default=None, max_length=32)
    location_name: str | None = Field(default=None, max_length=500)
    admin1: str | None = Field(default=None, max_length=500)
    counts: Counts = Counts()

    def split(self) -> tuple[dict[str, Any], dict[str, int | None]]:
        fields = {k: v for k, v in self.model_dump(exclude={"counts"}).items() if v is not None}
        return fields, self.counts.model_dump(exclude_unset=True)


class SuggestIn(BaseModel):
    text: str = Field(max_length=100_000)
    lang: str | None = None


class IntakeIn(SuggestIn):
    origin: str = Field(default="call", max_length=64)
    corrections: Corrections = Corrections()


class ReviewIn(BaseModel):
    action: str = Field(max_length=32)
    version: Version


class CorrectIn(Corrections):
    version: Version


class MergeIn(BaseModel):
    other: DbId
    reason: str | None = Field(default=None, max_length=500)


class AssignIn(BaseModel):
    assignee: str = Field(max_length=64)


class CaseIn(BaseModel):
    title: str = Field(max_length=500)
    contact: str | None = Field(default=None, max_length=2000)
    details: str | None = Field(default=None, max_length=20_000)
    deadline: str | None = None
    assignee: str | None = Field(default=None, max_length=64)
    incident_id: DbId | None = None


class CasePatch(BaseModel):
    version: Version
    status: str | None = None
    assignee: str | None = Field(default=None, max_length=64)
    deadline: str | None = None
    outcome: str | None = Field(default=None, max_length=20_000)
    title: str | None = Field(default=None, max_length=500)
    contact: str | None = Field(default=None, max_length=2000)
    details: str | None = Field(default=None, max_length=20_000)


class DetachIn(BaseModel):
    report_ids: list[DbId] = Field(min_length=1, max_length=1000)


class NoteIn(BaseModel):
    text: str = Field(max_length=20_000)


class LinkIn(BaseModel):
    incident_id: DbId


@router.get("/openapi.json", include_in_schema=False)
def openapi(request: Request, who: Principal | None = requires(PUBLIC)) -> JSONResponse:
    app = request.app
    if not getattr(app.state, "openapi", None):
        app.state.openapi = get_openapi(title=app.title, version=app.version,
                                        description=app.description, routes=app.routes)
    return JSONResponse(app.state.openapi)


@router.get("/me")
def me(who: Principal = requires(SIGNED_IN)) -> dict[str, Any]:
    return {"name": who.name, "role": who.user.role.value, "via": who.via}


@router.get("/queue")
def queue(request: Request, who: Principal = requires(Perm.READ_INCIDENTS),
          type: str | None = None, region: str | None = None, status: str | None = None,
          page: Page = 0) -> dict[str, Any]:
    items = data.queue(_store(request), type_=type, region=region, status=status,
                       with_cases=who.can(Perm.READ_CASES), page=max(0, page))
    return {"items": _jsonable([redacted_incident(i, who) if i["kind"] == "incident" else i
                                for i in items])}


def suggestion(text: str, lang: str | None = None) -> dict[str, Any]:
    """What the desk understands of a text so far: fields, evidence and urgency."""
    from khronika.extract import extract_text

    cut = text[:SUGGEST_CHARS]
    result = extract_text(cut, lang=lang or None, published=dt.date.today().isoformat())
    events = result.get("events") or []
    first = events[0] if events else {}
    urgency = triage.assess(cut, [e["type"] for e in events])
    loc = first.get("location") or {}
    counts = {k: (v or {}).get("min") for k, v in (first.get("counts") or {}).items() if v}
    people = [e["text"] for e in result.get("entities") or [] if e.get("label") == "PER"]
    spans = data.event_spans(result, 0 if events else None)
    spans += [(int(e["start"]), int(e["end"]), "people") for e in result.get("entities") or []
              if e.get("label") == "PER"]
    return {
        "lang": result.get("lang"),
        "fields": {"type": first.get("type"), "date_start": (first.get("date") or {}).get("start"),
                   "location_name": loc.get("name"), "admin1": loc.get("admin1"),
                   "counts": counts, "people": people},
        "events": [{"type": e.get("type"), "certainty": e.get("certainty")} for e in events],
        "evidence": data.spans_to_segments(cut, spans),
        "urgency": urgency.to_json(),
    }


@router.post("/intake/suggest")
def suggest(request: Request, body: SuggestIn,
            who: Principal = requires(Perm.INTAKE)) -> dict[str, Any]:
    return suggestion(body.text, body.lang)


@router.post("/intake", status_code=201)
def intake(request: Request, body: IntakeIn,
           who: Principal = requires(Perm.INTAKE)) -> dict[str, Any]:
    fields, counts = body.corrections.split()
    report_id, created, incident_ids = actions.save_intake(
        _store(request), body.text, body.origin, who.name, fields, counts, body.lang)
    return {"report_id": report_id, "new": created, "incidents": incident_ids}


@router.get("/incidents/{incident_id}")
def incident(request: Request, incident_id: PathId,
             who: Principal = requires(Perm.READ_INCIDENTS)) -> dict[str, Any]:
    found = incident_with_sources(_store(request), incident_id, who, via="api")
    if found is None:
        raise actions.not_found("incident", incident_id)
    row, srcs, profile = found
    return _obj({"incident": row, "sources": srcs, "conflicts": data.conflicts(row),
                 "profile": profile})


@router.get("/incidents/{incident_id}/history")
def history(request: Request, incident_id: PathId,
            who: Principal = requires(Perm.READ_INCIDENTS)) -> dict[str, Any]:
    return {"history": _jsonable(data.history(_store(request), "incident", incident_id)),
            "merges": _jsonable(data.merges_into(_store(request), incident_id))}


@router.post("/incidents/{incident_id}/review")
def review(request: Request, incident_id: PathId, body: ReviewIn,
           who: Principal = requires(Perm.REVIEW)) -> dict[str, Any]:
    actions.review(_store(request), incident_id, body.action, body.version, who.name)
    row = data.incident(_store(request), incident_id) or {}
    return {"id": incident_id, "status": row.get("status"), "version": row.get("version")}


@router.post("/incidents/{incident_id}/correct")
def correct(request: Request, incident_id: PathId, body: CorrectIn,
            who: Principal = requires(Perm.EDIT_INCIDENTS)) -> dict[str, Any]:
    fields, counts = body.split()
    stored = data.incident(_store(request), incident_id)
    if stored is None:
        raise actions.not_found("incident", incident_id)
    actions.correct(_store(request), incident_id, body.version, fields, counts, who.name)
    return _obj({"incident": redacted_incident(
        data.incident(_store(request), incident_id) or {}, who)})


@router.post("/incidents/{incident_id}/merge")
def merge(request: Request, incident_id: PathId, body: MergeIn,
          who: Principal = requires(Perm.EDIT_INCIDENTS)) -> dict[str, Any]:
    merge_id = actions.merge(_store(request), incident_id, body.other, who.name, body.reason)
    return {"merge_id": merge_id, "incident": incident_id}


@router.post("/incidents/{incident_id}/detach", status_code=201)
def detach(request: Request, incident_id: PathId, body: DetachIn,
           who: Principal = requires(Perm.EDIT_INCIDENTS)) -> dict[str, Any]:
    """Split reports out of an incident into a new one (undo: merge it back)."""
    new_id = actions.detach(_store(request), incident_id, body.report_ids, who.name)
    return {"incident": new_id, "from": incident_id}


@router.post("/merges/{merge_id}/split")
def split(request: Request, merge_id: PathId,
          who: Principal = requires(Perm.EDIT_INCIDENTS)) -> dict[str, Any]:
    return {"restored": actions.split(_store(request), merge_id, who.name)}


@router.post("/incidents/{incident_id}/assign")
def assign(request: Request, incident_id: PathId, body: AssignIn,
           who: Principal = requires(Perm.EDIT_CASES)) -> dict[str, Any]:
    if data.incident(_store(request), incident_id) is None:
        raise actions.not_found("incident", incident_id)
    case_id = actions.assign_incident(_store(request), incident_id, body.assignee, who.name)
    return {"case_id": case_id, "assignee": body.assignee}


@router.get("/reports/{report_id}")
def report(request: Request, report_id: PathId,
           who: Principal = requires(Perm.READ_REPORTS)) -> dict[str, Any]:
    store = _store(request)
    row = store.get_report(report_id)
    if row is None:
        raise actions.not_found("report", report_id)
    profile = profile_of(who)
    audit.record(store, who.name, "report.read", "report", report_id,
                 {"via": "api", "profile": profile})
    return _obj({"report": redacted_report(row, who),
                 "incidents": store.incidents_of_report(report_id)})


@router.get("/cases")
def cases(request: Request, who: Principal = requires(Perm.READ_CASES),
          status: str | None = None, page: Page = 0) -> dict[str, Any]:
    return {"cases": _jsonable(data.case_list(_store(request), status, None, max(0, page)))}


@router.post("/cases", status_code=201)
def case_create(request: Request, body: CaseIn,
                who: Principal = requires(Perm.EDIT_CASES)) -> dict[str, Any]:
    case_id = actions.create_case(_store(request), who.name, body.title, body.contact,
                                  body.details, body.deadline, body.assignee, body.incident_id)
    return {"id": case_id}


@router.get("/cases/{case_id}")
def case(request: Request, case_id: PathId,
         who: Principal = requires(Perm.READ_CASES)) -> dict[str, Any]:
    row = data.case(_store(request), case_id, who.name)  # the read is audited there
    if row is None:
        raise actions.not_found("case", case_id)
    return {"case": _jsonable(row)}


@router.patch("/cases/{case_id}")
def case_update(request: Request, case_id: PathId, body: CasePatch,
                who: Principal = requires(Perm.EDIT_CASES)) -> dict[str, Any]:
    values = body.model_dump(exclude={"version"}, exclude_unset=True)
    actions.update_case(_store(request), case_id, body.version, who.name, values)
    return {"case": _jsonable(data.case(_store(request), case_id, who.name))}


@router.delete("/cases/{case_id}/personal")
def case_delete_personal(request: Request, case_id: PathId,
                         who: Principal = requires(Perm.DELETE_PERSONAL)) -> dict[str, Any]:
    """Secure deletion of the case's personal data; its anonymous remainder stays."""
    actions.delete_personal(_store(request), case_id, who.name)
    return {"id": case_id, "deleted": True}


@router.post("/cases/{case_id}/notes", status_code=201)
def case_note(request: Request, case_id: PathId, body: NoteIn,
              who: Principal = requires(Perm.EDIT_CASES)) -> dict[str, Any]:
    actions.add_note(_store(request), case_id, who.name, body.text)
    return {"ok": True}


@router.post("/cases/{case_id}/incidents", status_code=201)
def case_link(request: Request, case_id: PathId, body: LinkIn,
              who: Principal = requires(Perm.EDIT_CASES)) -> dict[str, Any]:
    actions.link_case(_store(request), case_id, body.incident_id, who.name)
    return {"ok": True}


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        raise WebError(422, "invalid", f"not a date (YYYY-MM-DD): {value!r}") from None


@router.get("/search")
def search_api(request: Request, who: Principal = requires(Perm.SEARCH), q: str = "",
               type: str | None = None, region: str | None = None,
               status: str | None = None, since: str | None = None,
               until: str | None = None, perpetrator: str | None = None,
               page: Page = 0) -> dict[str, Any]:
    filters = Filters(type, region, status, _date(since), _date(until),
                      perpetrator[:200] if perpetrator else None)
    result = search(_store(request), q[:500], filters, max(0, page))
    facets = {k: [{"value": v, "count": n} for v, n in f]
              for k, f in result.facets.items() if k != "perpetrator"}
    facets["perpetrator"] = [{"value": shown, "count": n, "filter": value} for shown, n, value
                             in shown_facet(result.facets.get("perpetrator", []), who)]
    return _obj({"total": result.total, "capped": result.capped,
                 "incidents": [redacted_incident(i, who) for i in result.incidents],
                 "facets": facets})


@router.get("/stats/weekly")
def weekly(request: Request, who: Principal = requires(Perm.READ_INCIDENTS),
           weeks: Annotated[int, Query(ge=1, le=104)] = 16) -> dict[str, Any]:
    return _obj(data.weekly_by_type(_store(request), max(1, min(weeks, 104))))


@router.get("/stats/regions")
def regions(request: Request,
            who: Principal = requires(Perm.READ_INCIDENTS)) -> dict[str, Any]:
    return {"regions": data.by_region(_store(request))}


@router.get("/map/points")
def map_points(request: Request,
               who: Principal = requires(Perm.READ_INCIDENTS)) -> dict[str, Any]:
    points = data.map_points(_store(request), profile_of(who))
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]},
         "properties": {"place": p["place"], "count": p["count"]}} for p in points]}
