"""Imports from the desk run as background jobs, one at a time per store.

``POST /api/import`` (or the form) stages the upload to a temporary file and answers at
once with a job id; the import then runs in a background thread through the command
line's own functions (:func:`khronika.web.imports.run_staged` over
:func:`khronika.flow.ingest_items`), and ``GET /api/import/{job}`` says its state
(queued, running, done, failed), the rows read so far and, at the end, the summary;
``GET /api/import`` lists the jobs, newest first.

Jobs live in this process's memory only: a restart of the desk forgets them (the audit
log keeps each job's ``import.start`` and, if it finished, its ``import.end``). No report
is lost with them: the flow commits every batch of reports to the store before it
processes any of it, so a restart or a failure keeps every report stored before it, and
importing the same file again skips those by content hash and processes what was stored
but not processed.

A job is seen only by the user who started it and by admins; to anyone else it does not
exist (404), so job ids reveal nothing.

A file chosen on the form may be staged first by a *preview* (``POST
/api/import/preview``), which shows a CSV/XLSX file's header and guessed mapping so the
user can adjust (and save) it before the import; the preview's staged file is then
imported without being uploaded again. Unclaimed previews are removed after
:data:`PREVIEW_TTL`, and with the staged files of unfinished jobs when the desk exits.
"""

from __future__ import annotations

import atexit
import datetime as dt
import logging
import secrets
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from khronika.flow import IngestSummary
from khronika.intake.tabular import ColumnMapping
from khronika.security import audit
from khronika.security.roles import Role
from khronika.store.store import Store
from khronika.web.auth import Principal, WebError
from khronika.web.imports import ImportResult, Staged, placed, run_staged

log = logging.getLogger(__name__)

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
#: Finished jobs are kept this long (and at most :data:`KEEP_FINISHED` of them) so their
#: summaries can still be read; then they are forgotten (the audit log keeps them).
FINISHED_TTL = dt.timedelta(hours=24)
KEEP_FINISHED = 200
#: A previewed upload not imported within this time is deleted.
PREVIEW_TTL = dt.timedelta(hours=1)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def store_key(store: Store) -> str:
    """What identifies a store in this process: its location (two Store objects over one
    SQLite file share the file's single writer, so they share a queue)."""
    return store.location.url


@dataclass(slots=True)
class ImportJob:
    """One import: who asked, what, and how far it got."""

    id: str
    owner: str
    store: Store
    staged: Staged
    format: str
    mapping: ColumnMapping | None
    mapping_label: str | None  # file | adjusted | saved:NAME | None (guessed by the importer)
    total: int | None  # a cheap estimate of the reports in the file, for the progress bar
    state: str = QUEUED
    rows_read: int = 0
    processed: int = 0
    created_at: dt.datetime = field(default_factory=_now)
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    result: ImportResult | None = None
    error: str | None = None

    @property
    def finished(self) -> bool:
        return self.state in (DONE, FAILED)

    def to_json(self) -> dict[str, Any]:
        return {
            "job": self.id, "state": self.state, "file": self.staged.name,
            "format": self.format, "user": self.owner, "rows_read": self.rows_read,
            "processed": self.processed, "total": self.total,
            "mapping": self.mapping_label,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "started_at": self.started_at.isoformat(timespec="seconds")
            if self.started_at else None,
            "finished_at": self.finished_at.isoformat(timespec="seconds")
            if self.finished_at else None,
            "summary": self.result.to_json() if self.result is not None else None,
            "error": self.error,
            "url": f"/api/import/{self.id}",
        }

    def brief(self) -> dict[str, Any]:
        """:meth:`to_json` for a list of jobs: the summary's counts, not its rows."""
        out = self.to_json()
        summary = out.pop("summary")
        out["counts"] = None if summary is None else {
            k: summary[k] for k in ("read", "new", "duplicate", "rejected_total", "skipped",
                                    "extraction_errors")} | {
            "incidents": len(summary["incidents"])}
        return out


@dataclass(slots=True)
class _Preview:
    owner: str
    key: str
    staged: Staged
    created_at: dt.datetime = field(default_factory=_now)


class _Queue:
    """One store's imports, run one at a time by a thread started when work arrives.

    Why one at a time: on SQLite (and SQLCipher) the whole file has a single writer, and
    an import commits a batch of 500 reports, then their extractions and links, in long
    write transactions; two imports at once would only take turns at that lock (each
    waiting up to the busy timeout, then failing with "database is locked") while also
    linking against each other's half-written incidents. One after the other, each import
    links against everything stored before it, as ``khronika ingest`` does, and the desk's
    short writes (a call logged, a review) slip in between its batches. PostgreSQL has no
    such lock, but the linking argument holds there too.
    """

    def __init__(self) -> None:
        self.waiting: deque[ImportJob] = deque()
        self.thread: threading.Thread | None = None

    def submit(self, job: ImportJob) -> None:
        with _LOCK:
            self.waiting.append(job)
            if self.thread is None:
                self.thread = threading.Thread(target=self._work, daemon=True,
                                               name=f"khronika-import-{job.id}")
                self.thread.start()

    def _work(self) -> None:
        while True:
            with _LOCK:
                if not self.waiting:
                    self.thread = None
                    return
                job = self.waiting.popleft()
            run(job)


_LOCK = threading.Lock()
_JOBS: dict[str, ImportJob] = {}
_QUEUES: dict[str, _Queue] = {}
_PREVIEWS: dict[str, _Preview] = {}


def submit(store: Store, who: Principal, staged: Staged, fmt: str,
           mapping: ColumnMapping | None, mapping_label: str | None) -> ImportJob:
    """Queue an import of ``staged`` as ``who``; audited as ``import.start``."""
    from khronika.intake.formats import estimate_total

    try:
        total = estimate_total(staged.path)
    except OSError:
        total = None
    job = ImportJob(id=secrets.token_hex(8), owner=who.name, store=store, staged=staged,
                    format=fmt, mapping=mapping, mapping_label=mapping_label, total=total)
    audit.record(store, who.name, "import.start", "import", job.id,
                 {"file": staged.name, "format": fmt, "bytes": staged.size,
                  "mapping": mapping_label})
    with _LOCK:
        _forget_old()
        _JOBS[job.id] = job
        queue = _QUEUES.setdefault(store_key(store), _Queue())
    queue.submit(job)
    return job


def run(job: ImportJob) -> None:
    """Run one job to its end (in the queue's thread); audited as ``import.end``."""
    summary = IngestSummary()

    def row() -> None:
        job.rows_read += 1

    def progress(read: int) -> None:
        job.processed = read

    job.state, job.started_at = RUNNING, _now()
    state = FAILED
    try:
        job.result = run_staged(job.store, job.staged, job.format, job.mapping, summary,
                                row, progress)
        state = DONE
    except Exception as exc:  # the job fails and says why; what was stored stays stored
        log.exception("import job %s failed", job.id)
        job.result = ImportResult.of(job.staged.name, job.format, summary, job.staged.folder)
        job.error = placed(f"{type(exc).__name__}: {exc}", job.staged.folder)
    finally:
        job.staged.discard()
        job.finished_at = _now()
        if state == FAILED and job.error is None:
            job.error = "the import was interrupted"
        # the end is audited before the job says it is finished: whoever sees it done
        # finds its entry in the log
        _audit_end(job, state)
        job.state = state


def _audit_end(job: ImportJob, state: str) -> None:
    result = job.result or ImportResult(job.staged.name, job.format)
    data = {**result.to_json(), "state": state, "error": job.error,
            "bytes": job.staged.size, "incidents": len(result.incidents),
            "mapping": job.mapping_label, "rows_read": job.rows_read}
    try:
        audit.record(job.store, job.owner, "import.end", "import", job.id, data)
    except Exception:  # the store itself failed: the job's state still says what happened
        log.exception("could not audit the end of import job %s", job.id)


def get(store: Store, who: Principal, job_id: str) -> ImportJob:
    """The job ``job_id`` of ``store`` if ``who`` started it or is an admin, else 404 (the
    same answer as for a job that does not exist)."""
    with _LOCK:
        job = _JOBS.get(job_id)
    if (job is None or store_key(job.store) != store_key(store)
            or not (job.owner == who.name or who.user.role == Role.ADMIN)):
        raise WebError(404, "not_found", f"no import job {job_id!r} of yours; jobs are kept "
                       "in memory and forgotten when the desk restarts (the reports stay)")
    return job


def listed(store: Store, who: Principal) -> list[ImportJob]:
    """The jobs of ``store`` that ``who`` may see (their own; an admin every one), newest
    first: those kept in memory, as :func:`get` finds them."""
    with _LOCK:
        _forget_old()
        jobs = [j for j in _JOBS.values() if store_key(j.store) == store_key(store)
                and (j.owner == who.name or who.user.role == Role.ADMIN)]
    return sorted(jobs, key=lambda j: j.created_at, reverse=True)


def position(job: ImportJob) -> int:
    """How many imports run or wait before ``job`` (0 when it runs or is done)."""
    if job.state != QUEUED:
        return 0
    key = store_key(job.store)
    with _LOCK:
        queue = _QUEUES.get(key)
        ahead = list(queue.waiting) if queue is not None else []
        running = any(j.state == RUNNING and store_key(j.store) == key for j in _JOBS.values())
    before = ahead.index(job) if job in ahead else 0
    return before + (1 if running else 0)


def _forget_old() -> None:
    """Drop finished jobs past :data:`FINISHED_TTL`, beyond :data:`KEEP_FINISHED`, and
    unclaimed previews past :data:`PREVIEW_TTL` (their files too); under ``_LOCK``."""
    now = _now()
    finished = sorted((j for j in _JOBS.values() if j.finished and j.finished_at),
                      key=lambda j: j.finished_at or now, reverse=True)
    for i, job in enumerate(finished):
        if i >= KEEP_FINISHED or now - (job.finished_at or now) > FINISHED_TTL:
            del _JOBS[job.id]
    for token, preview in list(_PREVIEWS.items()):
        if now - preview.created_at > PREVIEW_TTL:
            del _PREVIEWS[token]
            preview.staged.discard()


def keep_preview(store: Store, who: Principal, staged: Staged,
                 token: str | None = None) -> str:
    """Keep a previewed upload for a later import by ``who`` (again under ``token``, when
    an import of it was refused); its token."""
    token = token or secrets.token_hex(12)
    with _LOCK:
        _forget_old()
        _PREVIEWS[token] = _Preview(who.name, store_key(store), staged)
    return token


def claim_preview(store: Store, who: Principal, token: str) -> Staged:
    """The previewed upload ``token`` of ``who``, taken out of the previews (the import
    now owns its file); 404 when there is none (expired, imported, or someone else's)."""
    with _LOCK:
        preview = _PREVIEWS.get(token)
        if (preview is None or preview.owner != who.name
                or preview.key != store_key(store)):
            preview = None
        else:
            del _PREVIEWS[token]
    if preview is None:
        raise WebError(404, "not_found", "the previewed file is gone (previews are kept "
                       f"{int(PREVIEW_TTL.total_seconds() // 60)} minutes, and imported "
                       "once); choose the file again")
    return preview.staged


@atexit.register
def _discard_all() -> None:
    """At exit, remove the temporary copies this process still holds: unclaimed previews
    and the files of jobs that will not finish (their stored reports stay)."""
    with _LOCK:
        staged = [p.staged for p in _PREVIEWS.values()]
        staged += [j.staged for j in _JOBS.values() if not j.finished]
        _PREVIEWS.clear()
    for item in staged:
        item.discard()
