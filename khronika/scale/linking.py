"""Linking by blocks on a Dask cluster: the incidents of ``khronika batch --db``.

When a batch goes into a store that holds no incidents yet (or with ``--relink``), the
driver saves each extraction without linking it, then links every stored report with an
extraction at once, as ``khronika link --rebuild`` does in one process, and with exactly
its result (:mod:`khronika.link.blocks` says why):

1. the workers compute each report's link features (chunks of :data:`FEATURES_CHUNK`);
2. the driver splits the events into independent groups (:func:`~khronika.link.blocks.
   partition`: a fast pass over blocking keys) and packs them into tasks of about
   :data:`LINK_TASK` events, largest first;
3. the workers link each group with the in-memory linker;
4. the driver puts the incidents back in one process's order and writes them in bulk with
   :func:`khronika.link.linker.write_clusters`, in one transaction with dropping the old
   incidents and the change-log entry.

A worker that dies has its tasks computed again (they are pure); a driver that dies before
step 4 commits leaves the store as it was, so the same command run again links everything
again — nothing is ever written twice. When the store already holds incidents and
``--relink`` is not given, new reports are linked one by one in the driver as they are
extracted (:class:`~khronika.scale.ingest.StoreSink`), against the incidents stored: that
keeps review statuses and merges, which a rebuild would discard.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, func, select

from khronika.link.blocks import (
    Clustered,
    GroupResult,
    features_of,
    link_groups,
    merge,
    pack,
    partition,
)
from khronika.link.features import LinkFeatures
from khronika.link.incident import Member
from khronika.link.linker import curated, latest_extractions, write_clusters
from khronika.store.schema import incident_merges, incident_reports, incidents
from khronika.store.store import Store

if TYPE_CHECKING:
    from khronika.scale.batch import BatchSummary, ProgressFn, _Runner

#: Reports per features task: a few hundred milliseconds of work.
FEATURES_CHUNK = 256
#: Events per linking task (groups are never split): enough to outweigh the task overhead,
#: few enough that the groups spread over the workers and a dead worker loses little.
LINK_TASK = 2000

#: (report id, text, extraction, publication date, origin) sent to a worker
FeatureJob = tuple[int, str, dict[str, Any], Any, str | None]

ACTOR = "linker"


def features_chunk(jobs: list[FeatureJob]) -> list[tuple[int, list[LinkFeatures]]]:
    """Link features of each report of a chunk (runs on a worker)."""
    return [(rid, features_of(text, result, published, origin))
            for rid, text, result, published, origin in jobs]


def _refusal(conn: Connection, force: bool) -> str | None:
    """Why incidents cannot be dropped and rebuilt (reviews or merges would be lost)."""
    reviewed, merged = curated(conn)
    if (reviewed or merged) and not force:
        return (f"relinking would discard {reviewed} review statuses and {merged} manual "
                "merges; run without --relink (new reports are then linked to the stored "
                "incidents in this process) or pass --force")
    return None


def plan(store: Store, relink: bool, force: bool) -> tuple[bool, str | None]:
    """Whether to link by blocks on the cluster, and a note for the user when not.

    Raises :class:`~khronika.scale.batch.BatchError` when ``relink`` would discard review
    statuses or manual merges without ``force``.
    """
    from khronika.scale.batch import BatchError

    with store.connect() as conn:
        if relink:
            problem = _refusal(conn, force)
            if problem:
                raise BatchError(problem)
            return True, None
        held = conn.execute(select(func.count()).select_from(incidents)).scalar_one()
    if not held:
        return True, None
    return False, (f"the store already holds {held} incidents: new reports are linked to "
                   "them one by one in this process, as `khronika ingest` does (--relink "
                   "rebuilds every incident by blocks on the cluster)")


def _extracted(conn: Connection) -> Iterator[FeatureJob]:
    """Every report with a successful extraction (its latest), in id order."""
    # streamed: results can be large
    q = latest_extractions().execution_options(yield_per=FEATURES_CHUNK)
    for row in conn.execute(q):
        # as khronika.link.linker.features_for: the day received stands in for a
        # publication date
        published = row.published or (row.received_at.date() if row.received_at else None)
        yield int(row.id), row.text, row.result, published, row.origin


def _lost_task(single: Any) -> Any:
    from khronika.scale.batch import BatchError

    raise BatchError("a worker died every time one linking task was sent to it; nothing was "
                     "linked: run `khronika link --rebuild` to link in one process")


class BlockLinker:
    """Links every extracted report of ``store`` by blocks through ``runner``."""

    def __init__(self, store: Store, runner: _Runner, summary: BatchSummary,
                 progress: ProgressFn | None = None, force: bool = False,
                 task_size: int = LINK_TASK) -> None:
        self.store = store
        self.runner = runner
        self.summary = summary
        self.progress = progress
        self.force = force
        self.task_size = task_size

    def run(self) -> None:
        started = time.monotonic()
        feats = self._features()
        groups = partition(feats)
        self.summary.link_groups = len(groups)
        self.summary.link_largest = max(map(len, groups), default=0)
        results = self._link(pack(groups, self.task_size))
        self._write(merge(results, feats), len(feats), len(groups))
        self.summary.link_seconds = time.monotonic() - started

    def _features(self) -> dict[int, list[LinkFeatures]]:
        from khronika.scale.batch import chunks

        feats: dict[int, list[LinkFeatures]] = {}
        with self.store.connect() as conn:
            jobs = ((rid, self.store.report_text(text), result, published, origin)
                    for rid, text, result, published, origin in _extracted(conn))
            for chunk in chunks(jobs, FEATURES_CHUNK):
                for done in self.runner.submit(features_chunk, chunk, _lost_task):
                    feats.update(done)
            for done in self.runner.drain():
                feats.update(done)
        return feats

    def _link(self, tasks: list[list[list[Member]]]) -> list[GroupResult]:
        self.summary.link_tasks = len(tasks)
        results: list[GroupResult] = []
        for task in tasks:
            for done in self.runner.submit(link_groups, task, _lost_task):
                self._collected(results, done)
        for done in self.runner.drain():
            self._collected(results, done)
        return results

    def _collected(self, results: list[GroupResult], done: list[GroupResult]) -> None:
        results.extend(done)
        self.summary.link_tasks_done += 1
        if self.progress is not None:
            self.progress(self.summary)

    def _write(self, clustered: Clustered, n_reports: int, n_groups: int) -> None:
        """Replace all incidents with ``clustered`` in one transaction."""
        from khronika.scale.batch import BatchError

        with self.store.engine.begin() as conn:
            problem = _refusal(conn, self.force)  # reviews made while the batch ran
            if problem:
                raise BatchError(problem)
            conn.execute(delete(incident_reports))
            conn.execute(delete(incident_merges))
            conn.execute(delete(incidents))
            written = write_clusters(conn, clustered)
            written.reports = n_reports
            self.summary.incidents = written.incidents_created
            self.store.log_change(conn, ACTOR, "incident.relink", "incident", None,
                                  written.to_json() | {"groups": n_groups, "on": "cluster"})
