"""Batch extraction (and linking) over a Dask distributed cluster: ``khronika batch``.

:func:`run_batch` reads contract input lines (``khronika extract``'s input) in bounded
chunks, extracts them on the workers of a ``dask.distributed`` cluster — a
``LocalCluster`` of single-threaded worker processes by default, or an existing scheduler
at ``tcp://HOST:PORT`` — and either

- writes the contract's output lines in input order (``out``): byte for byte what
  ``khronika extract`` writes for the same files, one after the other; or
- streams the results into a store (``store``): each report is stored first, then its
  extraction is saved, in input order, so a batch run again skips what is done and adds
  nothing twice. Into a store with no incidents yet (or with ``relink``), every report is
  then linked by blocks on the cluster, with the result of ``khronika link --rebuild``
  (:mod:`khronika.scale.linking`); into a store that holds incidents, each report is
  linked as soon as it is saved, in this process, as ``khronika ingest`` does.

Memory stays constant: at most ``window`` chunks are in flight, and results are written
as soon as the oldest chunk is back. Workers only compute (extractions, link features,
incidents of groups of events); every write happens in this process, so a worker that
dies loses no output: its chunks are computed again (the scheduler reschedules them; a
chunk that still cannot finish is resubmitted, then split into single documents, and a
document that kills every worker it meets becomes an error line, like any other document
that cannot be processed; linking stops with a message instead).
"""

from __future__ import annotations

import importlib
import json
import logging
import sys
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from khronika.extract.contract import process_line
from khronika.scale.ingest import StoreSink

#: Documents per task. Big enough that scheduling overhead (about 1 ms a task) is lost in
#: extraction time (50-100 ms a document), small enough that a dead worker loses little.
CHUNK = 32
#: Chunks in flight per worker: enough to keep every worker busy while the oldest chunk
#: is awaited, few enough that memory does not grow with the input.
INFLIGHT_PER_WORKER = 4

ProgressFn = Callable[["BatchSummary"], None]

log = logging.getLogger(__name__)


class BatchError(RuntimeError):
    """A batch that cannot run (no cluster, bad options), with a message for the user."""


@dataclass(slots=True)
class BatchSummary:
    """What a batch did."""

    documents: int = 0
    error_lines: int = 0
    #: (--db) reports stored by an earlier run and already extracted: not sent again
    skipped: int = 0
    #: (--db) reports newly stored by this run
    stored: int = 0
    #: chunks submitted again because their worker died or the task was lost
    resubmitted: int = 0
    workers: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    #: (--db) how reports were linked: "blocks" (on the cluster) or "driver" (one by one)
    linking: str = ""
    #: (--db, blocks) independent groups of events (and the events of the largest: the
    #: longest task, whatever the workers), linking tasks (and those done), incidents
    #: written, and the seconds linking took (features, groups, writing)
    link_groups: int = 0
    link_largest: int = 0
    link_tasks: int = 0
    link_tasks_done: int = 0
    incidents: int = 0
    link_seconds: float = 0.0
    #: things the user should know about the run (printed by the command)
    notes: list[str] = field(default_factory=list)

    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds > 0 else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"documents": self.documents, "error_lines": self.error_lines,
                "skipped": self.skipped, "stored": self.stored,
                "resubmitted": self.resubmitted, "workers": self.workers,
                "seconds": round(self.seconds, 2), "docs_per_s": round(self.rate(), 2),
                "linking": self.linking, "link_groups": self.link_groups,
                "link_largest": self.link_largest,
                "link_tasks": self.link_tasks, "incidents": self.incidents,
                "link_seconds": round(self.link_seconds, 2)}


# -- reading ------------------------------------------------------------------------------

#: one input line: (line number within its file, the raw bytes)
RawLine = tuple[int, bytes]


def read_inputs(inputs: Iterable[str | Path], skip: int = 0) -> Iterator[RawLine]:
    """Every line of every input (``-`` = standard input), numbered within its file.

    ``skip`` drops that many lines from the start of the whole stream (a resumed run).
    """
    seen = 0
    for name in inputs:
        if str(name) == "-":
            stream: IO[bytes] = sys.stdin.buffer
        else:
            path = Path(name)
            if not path.is_file():
                raise BatchError(f"input file not found: {name}")
            stream = path.open("rb")
        try:
            for n, raw in enumerate(stream, start=1):
                seen += 1
                if seen > skip:
                    yield n, raw
        finally:
            if stream is not sys.stdin.buffer:
                stream.close()


def chunks(lines: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive lists of at most ``size`` items, read lazily."""
    chunk: list[Any] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# -- work done on the workers -----------------------------------------------------------


def extract_line(n: int, raw: bytes) -> str:
    """The contract output line (with its newline) for one input line."""
    return json.dumps(process_line(n, raw), ensure_ascii=False) + "\n"


def extract_chunk(lines: list[RawLine]) -> list[str]:
    """Output lines for a chunk of input lines (runs on a worker)."""
    return [extract_line(n, raw) for n, raw in lines]


def lost_line(n: int, why: str) -> str:
    """The error line for a document no worker could finish."""
    return json.dumps({"id": None, "error": f"line {n}: {why}"}, ensure_ascii=False) + "\n"


# -- the cluster ------------------------------------------------------------------------


@contextmanager
def dask_client(workers: int, cluster: str | None = None) -> Iterator[Any]:
    """A ``distributed.Client``: on the scheduler at ``cluster``, else on a new LocalCluster
    of ``workers`` single-threaded worker processes (extraction holds the GIL, so threads
    would not run in parallel)."""
    # distributed's constructors carry no annotations; typed as Any rather than ignored
    dist: Any = importlib.import_module("distributed")
    Client, LocalCluster = dist.Client, dist.LocalCluster
    if cluster:
        try:
            client = Client(cluster, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise BatchError(f"cannot reach the Dask scheduler at {cluster}: {exc}; start it "
                             "with `dask scheduler` and workers with `dask worker "
                             f"{cluster}`") from None
        try:
            yield client
        finally:
            client.close()
        return
    if workers < 1:
        raise BatchError(f"--workers must be at least 1, got {workers}")
    local = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                         dashboard_address=None, silence_logs=logging.ERROR)
    client = Client(local)
    try:
        yield client
    finally:
        client.close()
        local.close()


#: what stands for one item of a chunk that killed every worker it was sent to (or raises)
LostFn = Callable[[Any], Any]


@dataclass(slots=True)
class _Pending:
    future: Any
    payload: list[Any]
    function: Callable[[list[Any]], list[Any]]
    lost: LostFn
    attempts: int = 1


class _Runner:
    """Submits chunks, keeps at most ``window`` in flight, hands results back in order."""

    #: whole-chunk submissions before a lost chunk is split into single documents
    MAX_ATTEMPTS = 3

    def __init__(self, client: Any, window: int, summary: BatchSummary) -> None:
        self.client = client
        self.window = window
        self.summary = summary
        self.pending: deque[_Pending] = deque()
        self.run = uuid.uuid4().hex[:8]
        self.count = 0

    def _submit(self, function: Callable[[list[Any]], list[Any]], payload: list[Any]) -> Any:
        # a fresh key each time: a resubmitted chunk must not be matched to the lost task
        self.count += 1
        key = f"khronika-{function.__name__}-{self.run}-{self.count}"
        return self.client.submit(function, payload, key=key, pure=False)

    def submit(self, function: Callable[[list[Any]], list[Any]], payload: list[Any],
               lost: LostFn | None = None) -> Iterator[list[Any]]:
        """Queue a chunk; yields the results of the oldest chunks while the window is full.

        ``lost`` gives what stands for an item no worker could finish (default: an error
        line or an error extraction).
        """
        self.pending.append(_Pending(self._submit(function, payload), payload, function,
                                     lost or _lost))
        while len(self.pending) >= self.window:
            yield self._collect(self.pending.popleft())

    def drain(self) -> Iterator[list[Any]]:
        while self.pending:
            yield self._collect(self.pending.popleft())

    def _collect(self, item: _Pending) -> list[Any]:
        from distributed import KilledWorker

        while True:
            try:
                result: list[Any] = item.future.result()
                return result
            except (KilledWorker, OSError, TimeoutError) as exc:
                # KilledWorker: the scheduler gave up after the chunk's worker died
                # several times; OSError covers a lost connection to it
                if self.client.status not in ("running", "connecting"):
                    raise BatchError(
                        "lost the connection to the Dask scheduler; what was written is "
                        "complete: run the same command again (with --resume for -o FILE)"
                    ) from exc
                self.summary.resubmitted += 1
                log.warning("chunk lost (%s); submitting it again", type(exc).__name__)
                if item.attempts >= self.MAX_ATTEMPTS or len(item.payload) == 1:
                    return self._one_by_one(item)
                item.attempts += 1
                item.future = self._submit(item.function, item.payload)

    def _one_by_one(self, item: _Pending) -> list[Any]:
        """Split a chunk that keeps killing workers: only the culprit becomes an error."""
        from distributed import KilledWorker

        out: list[Any] = []
        for single in item.payload:
            try:
                out.extend(self._submit(item.function, [single]).result())
            except (KilledWorker, OSError, TimeoutError):
                out.append(item.lost(single))
        return out


def _lost(single: Any) -> Any:
    """What stands for a document whose worker died every time it was tried."""
    why = "a worker died every time this document was processed; it was left out"
    if isinstance(single[1], bytes):  # a raw line (-o mode)
        return lost_line(single[0], why)
    return (single[0], {"id": str(single[0]), "events": []}, why)  # a stored report


# -- the batch --------------------------------------------------------------------------


def _resume_point(out: Path) -> int:
    """Complete lines already in ``out``; a half-written last line is cut off."""
    if not out.exists():
        return 0
    data = out.read_bytes()
    keep = data.rfind(b"\n") + 1
    if keep < len(data):
        with out.open("r+b") as fh:
            fh.truncate(keep)
    return data.count(b"\n", 0, keep)


def run_batch(
    inputs: Iterable[str | Path],
    workers: int = 2,
    cluster: str | None = None,
    out: str | Path | IO[str] | None = None,
    store: Any = None,
    chunk_size: int = CHUNK,
    resume: bool = False,
    progress: ProgressFn | None = None,
    relink: bool = False,
    force: bool = False,
    link_task: int | None = None,
) -> BatchSummary:
    """Extract every input line on a Dask cluster; see the module docstring.

    ``out`` is a path or an open text stream for the contract's output (``-`` = standard
    output); ``store`` an opened :class:`~khronika.store.store.Store` to stream into.
    Exactly one of them must be given. ``resume`` (with a path ``out``) keeps the lines
    already written by an interrupted run and carries on after them. ``relink`` (with
    ``store``) rebuilds every incident by blocks on the cluster even when the store holds
    some (``force``: even when that discards review statuses or manual merges);
    ``link_task`` is the number of events per linking task.
    """
    if (out is None) == (store is None):
        raise BatchError("give exactly one destination: -o OUT.jsonl or --db STORE")
    if relink and store is None:
        raise BatchError("--relink links the reports of a store: give --db STORE")
    inputs = list(inputs)
    summary = BatchSummary()
    started = time.monotonic()
    with dask_client(workers, cluster) as client:
        threads = client.nthreads()  # every worker of the cluster: {address: threads}
        summary.workers = len(threads) or workers
        runner = _Runner(client, max(2, (sum(threads.values()) or workers)
                                     * INFLIGHT_PER_WORKER), summary)
        if store is not None:
            _into_store(store, runner, inputs, chunk_size, summary, progress, relink, force,
                        link_task)
        else:
            assert out is not None
            _to_file(runner, inputs, out, chunk_size, resume, summary, progress)
    summary.seconds = time.monotonic() - started
    return summary


def _into_store(store: Any, runner: _Runner, inputs: list[str | Path], chunk_size: int,
                summary: BatchSummary, progress: ProgressFn | None, relink: bool,
                force: bool, link_task: int | None) -> None:
    """Store and extract every report, then link: by blocks on the cluster, or (into a
    store holding incidents, without ``relink``) one by one as each is saved."""
    from khronika.link.linker import relink_all
    from khronika.scale.linking import LINK_TASK, BlockLinker, plan

    blocks, note = plan(store, relink, force)
    summary.linking = "blocks" if blocks else "driver"
    if note:
        summary.notes.append(note)
    StoreSink(store, runner, summary, progress, link=not blocks).run(inputs, chunk_size)
    if blocks:
        BlockLinker(store, runner, summary, progress, force, link_task or LINK_TASK).run()
    else:
        # reports an interrupted run by blocks saved but never linked
        relink_all(store)


def _to_file(runner: _Runner, inputs: list[str | Path], out: str | Path | IO[str],
             chunk_size: int, resume: bool, summary: BatchSummary,
             progress: ProgressFn | None) -> None:
    skip = 0
    if isinstance(out, str | Path) and str(out) != "-":
        path = Path(out)
        skip = _resume_point(path) if resume else 0
        stream: IO[str] = path.open("a" if skip else "w", encoding="utf-8")
    else:
        stream = sys.stdout if isinstance(out, str | Path) else out
    summary.skipped = skip

    def write(lines: list[str]) -> None:
        for line in lines:
            stream.write(line)
            summary.documents += 1
            if '"error": ' in line and json.loads(line).get("error") is not None:
                summary.error_lines += 1
        if progress is not None:
            progress(summary)

    try:
        for chunk in chunks(read_inputs(inputs, skip), chunk_size):
            for done in runner.submit(extract_chunk, chunk):
                write(done)
        for done in runner.drain():
            write(done)
    finally:
        stream.flush()
        if stream is not sys.stdout and isinstance(out, str | Path):
            stream.close()
