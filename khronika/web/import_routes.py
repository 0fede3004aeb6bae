"""The import routes: the ``/import`` page and ``/api/import`` (jobs, previews, mappings).

Every route needs the ``intake`` permission (checked before the CSRF token, so a refused
upload is never read), and a browser's POST carries the CSRF token. Starting an import
stages the upload and answers at once with a job (:mod:`khronika.web.import_jobs`); the
page polls the job and shows its progress, then its summary. Under the form the page lists
the user's jobs (an admin's: everyone's) and the saved mappings, each of which may be
deleted there. A CSV or XLSX file can be previewed first: its header, first rows and
guessed column mapping, which the user may adjust, save under a name and reuse
(:mod:`khronika.web.mappings`).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, File, Form, Request, Response, UploadFile
from fastapi import Path as FPath
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field

from khronika.intake.tabular import ColumnMapping
from khronika.security.roles import Perm
from khronika.store.store import Store
from khronika.web import i18n, import_jobs, mappings
from khronika.web.app import render
from khronika.web.auth import Principal, WebError, requires
from khronika.web.imports import (
    MAX_MAPPING,
    Staged,
    check_format,
    given_file,
    parse_mapping_text,
    read_mapping,
    stage,
    used_format,
)

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api")

Format = Annotated[str, Form(max_length=32)]
OptionalText = Annotated[str | None, Form(max_length=200)]
OptionalFile = Annotated[UploadFile | None, File()]
#: Job ids are 16 hex digits; previews 24.
JobId = Annotated[str, FPath(min_length=1, max_length=64)]


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def start(request: Request, who: Principal, *, upload: UploadFile | None = None,
          staged_token: str | None = None, fmt: str = "auto",
          mapping_file: UploadFile | None = None, mapping_name: str | None = None,
          mapping_json: str | None = None,
          save_as: str | None = None) -> import_jobs.ImportJob:
    """Check the request, stage the file (or claim a preview of it) and queue its import.

    The mapping comes from at most one of: an uploaded mapping file, the JSON of a mapping
    adjusted on the form, or a saved mapping's name; without any, the importer guesses it
    from the header as ``khronika ingest`` does. ``save_as`` saves the mapping used (the
    guess, when none was given) under that name.
    """
    store = _store(request)
    check_format(fmt)
    mapping, label = _chosen_mapping(store, mapping_file, mapping_name, mapping_json)
    if save_as:
        save_as = mappings.check_name(save_as)
    source = given_file(upload)
    if staged_token:
        staged = import_jobs.claim_preview(store, who, staged_token)
    elif source is not None:
        assert upload is not None
        staged = stage(source, upload.filename, request.app.state.max_import)
    else:
        raise WebError(422, "invalid", "choose a file to import")
    try:
        mapping, label = _fit_mapping(store, who, staged, fmt, mapping, label, save_as)
        return import_jobs.submit(store, who, staged, fmt, mapping, label)
    except BaseException:
        if staged_token:  # the previewed file stays, so the user can fix the mapping
            import_jobs.keep_preview(store, who, staged, staged_token)
        else:
            staged.discard()
        raise


def _chosen_mapping(store: Store, mapping_file: UploadFile | None, mapping_name: str | None,
                    mapping_json: str | None) -> tuple[ColumnMapping | None, str | None]:
    source = given_file(mapping_file)
    given = [x for x in (source, mapping_name, mapping_json) if x]
    if len(given) > 1:
        raise WebError(422, "invalid", "give one column mapping: a mapping file, an adjusted "
                       "mapping or a saved mapping's name")
    if source is not None:
        return read_mapping(source), "file"
    if mapping_json:
        return parse_mapping_text(mapping_json), "adjusted"
    if mapping_name:
        try:
            return mappings.load(store, mapping_name), f"saved:{mapping_name.strip()}"
        except WebError as exc:
            raise WebError(422, "invalid", exc.message) from None
    return None, None


def _fit_mapping(store: Store, who: Principal, staged: Staged, fmt: str,
                 mapping: ColumnMapping | None, label: str | None,
                 save_as: str | None) -> tuple[ColumnMapping | None, str | None]:
    """The mapping checked against the file's header (422 naming missing columns) and
    saved when asked; None for a file that is not CSV or XLSX."""
    used = used_format(staged, fmt)
    if used not in mappings.TABULAR:
        if save_as:
            raise WebError(422, "invalid", "only a CSV or XLSX file has a column mapping to "
                           f"save; this file is read as {used or 'an unknown format'}")
        return None, None
    if mapping is None and not save_as:
        return None, None
    seen = mappings.preview(staged.path, used)
    if seen is None:
        raise WebError(422, "invalid", "the file has no header row to map")
    if mapping is None:
        if seen.guessed is None:
            raise WebError(422, "invalid", "no text column could be guessed from the header "
                           f"({', '.join(seen.header)}); choose one")
        mapping, label = seen.guessed, "guessed"
    missing = mappings.missing_columns(mapping, seen.header)
    if missing:
        raise WebError(422, "invalid", f"the column mapping names column(s) the file lacks: "
                       f"{', '.join(missing)}; the header has {', '.join(seen.header)}")
    if not mapping.header:
        mapping.header = list(seen.header)
    if save_as:
        mappings.save(store, save_as, mapping, who.name)
        label = f"saved:{save_as}"
    return mapping, label


def _job_json(job: import_jobs.ImportJob) -> dict[str, Any]:
    return {**job.to_json(), "queued_behind": import_jobs.position(job)}


# -- the page ------------------------------------------------------------------------------


def _context(request: Request, who: Principal, fmt: str = "auto",
             job: import_jobs.ImportJob | None = None) -> dict[str, Any]:
    from khronika.intake.formats import FORMATS
    from khronika.web.app import language

    lang = language(request)
    return {"formats": [(name, i18n.format_label(name, f.help, lang))
                        for name, f in FORMATS.items()],
            "chosen": job.format if job is not None else fmt,
            "limit_mb": request.app.state.max_import // (1024 * 1024),
            "saved": mappings.list_saved(_store(request)),
            "jobs": [j.brief() for j in import_jobs.listed(_store(request), who)],
            "fields": FIELDS, "job": _job_json(job) if job is not None else None,
            "result": job.result if job is not None and job.finished else None}


#: The mapping's fields in the order the form shows them.
FIELDS = ("text", "title", "date", "id", "source", "lang")


@pages.get("/import")
def import_page(request: Request, job: str | None = None,
                who: Principal = requires(Perm.INTAKE)) -> Response:
    """The form; with ``?job=ID``, that import's progress or summary above it."""
    found = import_jobs.get(_store(request), who, job) if job else None
    return render(request, "import.html", _context(request, who, job=found))


@pages.post("/import/mappings/delete")
def delete_mapping_form(request: Request, name: Annotated[str, Form(max_length=200)],
                        confirmed: Annotated[str | None, Form(max_length=8)] = None,
                        who: Principal = requires(Perm.INTAKE)) -> Response:
    """Delete a saved mapping from the page without script: the first post asks to
    confirm (the page with the question), the second, ``confirmed``, deletes; audited."""
    if confirmed != "yes":
        mappings.load(_store(request), name)  # 404 now, not after the question
        return render(request, "import.html", _context(request, who) | {
            "confirm_delete": name.strip()})
    mappings.remove(_store(request), name, who.name)
    return RedirectResponse("/import#saved-mappings", status_code=303)


@pages.post("/import")
def import_upload(request: Request, file: OptionalFile = None, format: Format = "auto",
                  mapping: OptionalFile = None, mapping_name: OptionalText = None,
                  mapping_json: Annotated[str | None, Form(max_length=MAX_MAPPING)] = None,
                  save_mapping: OptionalText = None, upload: OptionalText = None,
                  who: Principal = requires(Perm.INTAKE)) -> Response:
    """Start an import from the form (without script) and show its page (post/redirect/
    get: reloading the page only polls, never imports again)."""
    job = start(request, who, upload=file, staged_token=upload, fmt=format,
                mapping_file=mapping, mapping_name=mapping_name, mapping_json=mapping_json,
                save_as=save_mapping)
    return RedirectResponse(f"/import?job={job.id}", status_code=303)


# -- the API -------------------------------------------------------------------------------


@api.post("/import", status_code=202)
def import_file(request: Request, response: Response, file: OptionalFile = None,
                format: Format = "auto", mapping: OptionalFile = None,
                mapping_name: OptionalText = None,
                mapping_json: Annotated[str | None, Form(max_length=MAX_MAPPING)] = None,
                save_mapping: OptionalText = None, upload: OptionalText = None,
                who: Principal = requires(Perm.INTAKE)) -> dict[str, Any]:
    """Start importing a file (any ``khronika ingest`` format; ``format`` auto-detects by
    default) or a previewed upload (``upload``, from ``/api/import/preview``). For CSV and
    XLSX give at most one column mapping: ``mapping`` (a JSON file), ``mapping_json`` (its
    text) or ``mapping_name`` (a saved one); ``save_mapping`` saves the mapping used under
    a name. Answers 202 with the job at once; follow it at ``GET /api/import/{job}``."""
    job = start(request, who, upload=file, staged_token=upload, fmt=format,
                mapping_file=mapping, mapping_name=mapping_name, mapping_json=mapping_json,
                save_as=save_mapping)
    response.headers["Location"] = f"/api/import/{job.id}"
    return _job_json(job)


@api.get("/import")
def import_jobs_list(request: Request,
                     who: Principal = requires(Perm.INTAKE)) -> dict[str, Any]:
    """The import jobs the desk still holds, newest first: the caller's own (an admin's:
    everyone's), each with its ``state``, ``file``, ``user``, ``rows_read``,
    ``processed``, ``total``, the summary's ``counts`` once finished (read, new,
    duplicate, rejected_total, skipped, extraction_errors, incidents; null before) and
    its times. Jobs are forgotten when the desk restarts (the audit log keeps them)."""
    return {"jobs": [j.brief() for j in import_jobs.listed(_store(request), who)]}


@api.post("/import/preview")
def import_preview(request: Request, file: Annotated[UploadFile, File()],
                   format: Format = "auto",
                   who: Principal = requires(Perm.INTAKE)) -> dict[str, Any]:
    """Upload a file to import later (``upload`` in ``POST /api/import``, within an hour)
    and, for CSV and XLSX, see its header, first rows, the guessed column mapping and
    which saved mappings fit it."""
    store = _store(request)
    check_format(format)
    source = given_file(file)
    if source is None:
        raise WebError(422, "invalid", "choose a file to import")
    staged = stage(source, file.filename, request.app.state.max_import)
    try:
        used = used_format(staged, format)
        seen = mappings.preview(staged.path, used or "")
        token = import_jobs.keep_preview(store, who, staged)
    except BaseException:
        staged.discard()
        raise
    saved = mappings.list_saved(store)
    header = seen.header if seen is not None else []
    return {
        "upload": token, "file": staged.name, "format": used, "tabular": seen is not None,
        "header": header, "sample": seen.sample if seen is not None else [],
        "guessed": seen.guessed.to_json() if seen is not None and seen.guessed else None,
        "saved": [{**s, "fits": seen is not None and not mappings.missing_columns(
            ColumnMapping.from_json(s["mapping"]), header)} for s in saved],
    }


class MappingIn(BaseModel):
    name: str = Field(min_length=1, max_length=mappings.NAME_MAX)
    mapping: dict[str, Any]


@api.get("/import/mappings")
def saved_mappings(request: Request,
                   who: Principal = requires(Perm.INTAKE)) -> dict[str, Any]:
    """The saved column mappings for CSV and XLSX imports."""
    return {"mappings": mappings.list_saved(_store(request))}


@api.post("/import/mappings", status_code=201)
def save_mapping(request: Request, body: Annotated[MappingIn, Body()],
                 who: Principal = requires(Perm.INTAKE)) -> dict[str, Any]:
    """Save (or replace) a named column mapping, ``{"name", "mapping": {"text": [...],
    "title", "date", "id", "source", "lang"}}``; audited."""
    return mappings.save(_store(request), body.name, mappings.parse(body.mapping), who.name)


@api.delete("/import/mappings/{name}")
def delete_mapping(request: Request, name: Annotated[str, FPath(max_length=200)],
                   who: Principal = requires(Perm.INTAKE)) -> dict[str, Any]:
    """Delete a saved column mapping; audited."""
    mappings.remove(_store(request), name, who.name)
    return {"deleted": name}


@api.get("/import/{job_id}")
def import_job(request: Request, job_id: JobId,
               who: Principal = requires(Perm.INTAKE)) -> dict[str, Any]:
    """An import job: ``state`` (queued, running, done, failed), ``rows_read`` so far,
    ``processed`` (reports stored and processed), ``total`` (an estimate, or null), the
    ``summary`` when done (what was stored, when failed) and the ``error`` of a failed
    job. Only its user and admins see a job; to others it does not exist (404)."""
    return _job_json(import_jobs.get(_store(request), who, job_id))
