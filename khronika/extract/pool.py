"""Extracting many stored reports: in this process, or in a pool of forked workers.

A report to process is a :class:`Job` (its contract input record and what linking needs
besides); :func:`run_job` extracts it and computes its link features, so that the process
that links only compares and writes. :class:`InProcess` runs jobs here, when their results
are asked for; :class:`ForkPool` runs them in worker processes while the caller does
something else (links the batch before).

The workers are forked from a process that has first loaded every model the extractor uses
(:func:`warm`: the gazetteer is some 240 MB, natasha's Russian models some 120 MB) and then
moved every object it holds out of the garbage collector's reach (:func:`gc.freeze`): the
workers share those pages with it copy-on-write instead of each loading its own copy, and
the collector does not write to them (a collection touches every object it scans). Forking
needs no pickling of the extractor and starts a worker in milliseconds.

Results are the same whichever way jobs run: the same functions on the same input. A worker
sends each result back as its JSON text (:class:`~khronika.store.engine.JSONText`), which is
what the store writes: the importing process, which links every report and so has the least
time to spare, then neither unpickles the result nor encodes it.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import logging
import multiprocessing
import os
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Protocol

from khronika.link.features import LinkFeatures
from khronika.store.engine import JSONText

log = logging.getLogger(__name__)

#: Jobs sent to a worker at once, per worker and batch: enough pieces to even out the
#: workers' loads (a long report takes longer), few enough that sending them costs little.
PIECES_PER_WORKER = 4

#: Texts run through the extractor before forking, so that every model it loads lazily
#: (language identification, natasha, the gazetteer, dates, counts, the classifier) is
#: loaded once, in the parent, and shared.
WARM_TEXTS = (
    "24 марта 2024 года в Екатеринбурге полиция задержала 14 граждан Таджикистана, "
    "сообщил Рустам Каримов.",
    "Police raided a market in Kazan on 26 March 2024 and detained 40 migrants, "
    "said Valentina Chupik.",
    "Дар Вахдат 25 март нӯҳ нафарро боздошт карданд.",
)


@dataclass(frozen=True, slots=True)
class Job:
    """A stored report to extract and prepare for linking."""

    report_id: int
    record: dict[str, Any]  # the contract input record (id, text, published, lang)
    origin: str | None = None
    #: coded events handed over by an importer of coded data (ACLED): kept as coded
    events: list[dict[str, Any]] | None = None


@dataclass(slots=True)
class Done:
    """What became of a :class:`Job`."""

    report_id: int
    #: the contract output (an error record when extraction failed); from a worker, its
    #: JSON text
    result: dict[str, Any] | JSONText
    error: str | None  # why extraction failed (recorded on the report), or None
    features: list[LinkFeatures]  # link features of the result's events
    #: why the report could not be prepared for linking (it is then not processed)
    failure: str | None = None


def job_for(report: Mapping[str, Any]) -> Job:
    """The job for a stored report (a row of ``reports`` with its text decrypted)."""
    record: dict[str, Any] = {"id": str(report["id"]), "text": report["text"]}
    published = report["published"] or _as_date(report["received_at"])
    if published:
        record["published"] = published.isoformat()
    if report["lang"]:
        record["lang"] = report["lang"]
    events = (report["meta"] or {}).get("events")
    return Job(int(report["id"]), record, report["origin"],
               events if isinstance(events, list) else None)


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def run_job(job: Job) -> Done:
    """Extract one report and compute its link features; an extraction failure becomes the
    report's error, a failure after it the job's ``failure``."""
    from khronika.extract import extract_record
    from khronika.link.blocks import features_of

    rid = job.report_id
    try:
        if job.events is not None:
            result = {"id": str(rid), "lang": job.record.get("lang"), "events": job.events,
                      "places": [], "entities": []}
        else:
            result = extract_record(job.record)
        error = result.get("error")
    except Exception as exc:  # recorded on the report; the import goes on
        result, error = {"id": str(rid), "events": []}, f"{type(exc).__name__}: {exc}"
    if error:
        return Done(rid, result, str(error), [])
    try:
        features = features_of(job.record["text"], result, job.record.get("published"),
                               job.origin)
    except Exception as exc:  # reported by the caller; the report stays unprocessed
        return Done(rid, result, None, [], f"{type(exc).__name__}: {exc}")
    return Done(rid, result, None, features)


def run_jobs(jobs: Iterable[Job]) -> list[Done]:
    """:func:`run_job` for each job, in order."""
    return [run_job(job) for job in jobs]


def _run_piece(jobs: list[Job]) -> list[Done]:
    """:func:`run_jobs` in a worker: each result sent back as its JSON text."""
    done = run_jobs(jobs)
    for d in done:
        d.result = JSONText(json.dumps(d.result))
    return done


def warm() -> None:
    """Load every model the extractor and the link features use, in this process."""
    for text in WARM_TEXTS:
        run_job(Job(0, {"id": "warm", "text": text, "published": "2024-03-27"}))


def default_workers() -> int:
    """Worker processes by default: the cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else \
        os.cpu_count() or 1


class Pending(Protocol):
    """Jobs under way; :meth:`result` waits for them."""

    def result(self) -> list[Done]: ...


class Extractor(Protocol):
    """Runs batches of jobs."""

    def submit(self, jobs: list[Job]) -> Pending: ...

    def close(self) -> None: ...


class _Later:
    """Jobs run in this process when their result is asked for."""

    def __init__(self, jobs: list[Job]) -> None:
        self.jobs = jobs

    def result(self) -> list[Done]:
        return run_jobs(self.jobs)


class InProcess:
    """Runs jobs in this process (small imports, ``workers=1``)."""

    def submit(self, jobs: list[Job]) -> Pending:
        return _Later(jobs)

    def close(self) -> None:
        return None


class _Pooled:
    """Jobs sent to a :class:`ForkPool` in pieces; results in job order."""

    def __init__(self, pool: ForkPool, jobs: list[Job], futures: list[Future[list[Done]]]):
        self.pool, self.jobs, self.futures = pool, jobs, futures

    def result(self) -> list[Done]:
        try:
            return [done for future in self.futures for done in future.result()]
        except BrokenProcessPool:
            # a worker died (killed, out of memory): this batch and the rest run here
            log.warning("an extraction worker died; extracting in the importing process")
            self.pool.broken = True
            return run_jobs(self.jobs)


#: How much lower than the importing process's a worker's scheduling priority is (added
#: to its nice value). The importing process stores, links and writes every report in turn:
#: when the workers extract faster than it links, it is the import's narrowest stage, and
#: with as many workers as cores it would get only a share of a core while they wait for it.
WORKER_NICENESS = 5


def _in_worker(after_fork: Callable[[], None] | None) -> None:
    """Start of a worker: let go of what must not be shared (database connections), and
    yield the CPU to the importing process (:data:`WORKER_NICENESS`)."""
    if after_fork is not None:
        after_fork()
    try:
        os.nice(WORKER_NICENESS)
    except OSError:  # not allowed here: the import is as fast, if the cores are free
        log.debug("could not lower an extraction worker's priority")


class ForkPool:
    """Runs jobs in ``workers`` processes forked from this one after :func:`warm`.

    ``after_fork`` runs first in each worker: give it what makes inherited resources safe,
    such as ``lambda: engine.dispose(close=False)`` for an SQLAlchemy engine whose
    connections belong to the parent. Use only where no other thread of this process holds
    locks the workers might need (a command, not a server's request thread).
    """

    def __init__(self, workers: int, after_fork: Callable[[], None] | None = None) -> None:
        warm()
        gc.collect()
        gc.freeze()
        self.workers = workers
        self.broken = False
        self._executor = ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("fork"),
            initializer=_in_worker, initargs=(after_fork,))

    def submit(self, jobs: list[Job]) -> Pending:
        if self.broken:
            return _Later(jobs)
        size = max(1, -(-len(jobs) // (self.workers * PIECES_PER_WORKER)))
        try:
            futures = [self._executor.submit(_run_piece, jobs[i:i + size])
                       for i in range(0, len(jobs), size)]
        except BrokenProcessPool:
            self.broken = True
            return _Later(jobs)
        return _Pooled(self, jobs, futures)

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()
