"""``khronika batch --db``: linking by blocks on a Dask cluster gives the incidents of
``khronika link --rebuild`` in one process, also when a worker is killed mid-linking; a
store that holds incidents is linked one by one in the driver, and a rebuild that would
discard reviews is refused."""

from __future__ import annotations

import datetime as dt
import os
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update
from typer.testing import CliRunner

from khronika.cli import app
from khronika.extract import PIPELINE_VERSION
from khronika.link.benchmark import generated
from khronika.link.linker import relink_all
from khronika.scale.batch import BatchError, BatchSummary, run_batch
from khronika.store.schema import incident_reports, incidents
from khronika.store.store import NewReport, Store, init_store
from tests.conftest import PASSPHRASE
from tests.scale.conftest import kill_a_busy_worker, write_input

pytestmark = pytest.mark.slow

#: incident columns that differ between two writes of the same incidents
VOLATILE = {"id", "created_at", "updated_at"}


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A LocalCluster of two single-threaded worker processes, shared by this module."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,  # type: ignore[no-untyped-call]
                      dashboard_address=None) as local:
        yield str(local.scheduler_address)


def unplaced(event: dict[str, Any], keep_region: bool) -> dict[str, Any]:
    loc = event["location"]
    return dict(event, location={"admin1": loc["admin1"], "country": loc["country"]}
                if keep_region else None)


def fill(store: Store, n_incidents: int = 150, seed: int = 4) -> int:
    """Reports written from generated incidents (1-4 reports each, three languages, a few
    towns, six weeks) with their gold events saved as extractions — one event in 8 without
    a place, one in 8 with only a region; returns how many events."""
    rng = random.Random(seed)
    items = generated(n_incidents, rng)
    items.sort(key=lambda x: (x["published"], x["id"]))
    events = 0
    for n, item in enumerate(items):
        evs = [unplaced(e, n % 16 >= 8) if n % 8 == 3 else e for e in item["events"]]
        rid, created = store.add_report(NewReport(
            text=item["text"], origin=f"test:{item['id'].rsplit('-', 1)[0]}", lang=item["lang"],
            published=dt.date.fromisoformat(item["published"])))
        if not created:  # the same text twice is one report
            continue
        with store.engine.begin() as conn:
            store.save_extraction(conn, rid, PIPELINE_VERSION,
                                  {"id": str(rid), "events": evs, "places": [],
                                   "entities": []})
        events += len(evs)
    return events


def snapshot(store: Store) -> list[tuple[Any, ...]]:
    """Every incident (all its columns but ids and times) with its link rows (all but the
    time), keyed by its members: equal for equal linking whatever the incident ids."""
    with store.connect() as conn:
        links: dict[int, list[tuple[Any, ...]]] = {}
        for r in conn.execute(select(incident_reports).order_by(
                incident_reports.c.report_id, incident_reports.c.event_index)):
            links.setdefault(r.incident_id, []).append(
                (r.report_id, r.event_index, r.score, r.reason, r.linked_by,
                 sorted(r.features.items())))
        out = []
        for row in conn.execute(select(incidents)).mappings():
            fields = sorted((k, repr(v)) for k, v in row.items() if k not in VOLATILE)
            out.append((links[row["id"]], fields))
    return sorted(out)


def test_cluster_linking_equals_one_process(store: Store, cluster: str) -> None:
    events = fill(store)
    relink_all(store, rebuild=True)
    reference = snapshot(store)
    with store.engine.begin() as conn:  # drop them: the batch finds a store to link afresh
        conn.execute(incident_reports.delete())
        conn.execute(incidents.delete())
    summary = run_batch([], cluster=cluster, store=store, link_task=40)
    assert summary.linking == "blocks" and summary.link_tasks > 2
    assert summary.link_groups > 10
    got = snapshot(store)
    assert sum(len(links) for links, _ in got) == events
    assert len(got) == summary.incidents == len(reference)
    assert got == reference
    assert any(len(links) > 1 for links, _ in got), "nothing was linked: a weak corpus"


def test_worker_killed_mid_linking(store: Store, tmp_path: Path) -> None:
    """Kill a busy worker process once the first linking task is back: linking completes
    with every event in exactly one incident, identical to one process."""
    from distributed import Client, LocalCluster

    events = fill(store, seed=5)
    relink_all(store, rebuild=True)
    reference = snapshot(store)
    killed: list[int] = []
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,  # type: ignore[no-untyped-call]
                      dashboard_address=None) as local, \
            Client(local) as client:  # type: ignore[no-untyped-call]

        def kill_once(summary: BatchSummary) -> None:
            if killed or summary.link_tasks_done < 1:
                return
            killed.append(kill_a_busy_worker(client))

        summary = run_batch([], cluster=local.scheduler_address, store=store, relink=True,
                            link_task=10, progress=kill_once)
        survivors = set(client.run(os.getpid).values())
    assert killed and killed[0] not in survivors
    assert summary.link_tasks_done == summary.link_tasks
    got = snapshot(store)
    keys = [(rid, idx) for links, _ in got for rid, idx, *_ in links]
    assert len(keys) == len(set(keys)) == events  # nothing lost, nothing twice
    assert got == reference


def test_driver_dying_mid_linking_leaves_nothing_then_reruns(store: Store,
                                                            cluster: str) -> None:
    """The driver stops half-way through linking (here: an exception from its progress
    callback): no incident or link is stored, and the same command again links all."""
    fill(store, n_incidents=60, seed=6)
    relink_all(store, rebuild=True)
    reference = snapshot(store)
    with store.engine.begin() as conn:
        conn.execute(incident_reports.delete())
        conn.execute(incidents.delete())

    def die(summary: BatchSummary) -> None:
        if summary.link_tasks_done >= 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch([], cluster=cluster, store=store, link_task=10, progress=die)
    assert store.count("incidents") == store.count("incident_reports") == 0
    summary = run_batch([], cluster=cluster, store=store, link_task=10)
    assert summary.linking == "blocks"
    assert snapshot(store) == reference


def test_store_with_incidents_links_in_driver(store: Store, tmp_path: Path,
                                              cluster: str) -> None:
    """New reports into a store that holds incidents are linked to them one by one;
    --relink rebuilds, but not over a review unless forced."""
    fill(store, n_incidents=20)
    relink_all(store, rebuild=True)
    before = store.count("incidents")
    inputs = [write_input(tmp_path / "in.jsonl", 6, bad=False)]
    summary = run_batch(inputs, cluster=cluster, store=store)
    assert summary.linking == "driver" and summary.notes
    assert f"already holds {before} incidents" in summary.notes[0]
    assert store.count("incidents") >= before
    with store.engine.begin() as conn:
        conn.execute(update(incidents).where(incidents.c.id == select(incidents.c.id)
                                             .limit(1).scalar_subquery())
                     .values(status="verified"))
    with pytest.raises(BatchError, match="discard 1 review statuses and 0 manual merges"):
        run_batch(inputs, cluster=cluster, store=store, relink=True)
    forced = run_batch(inputs, cluster=cluster, store=store, relink=True, force=True)
    assert forced.linking == "blocks" and forced.skipped == 6
    with store.connect() as conn:
        statuses = set(conn.execute(select(incidents.c.status)).scalars())
    assert statuses == {"unverified"}


def test_cli_relink_needs_a_store_and_prints_the_note(tmp_path: Path, cluster: str) -> None:
    runner = CliRunner(env={"KHRONIKA_PASSPHRASE": PASSPHRASE})
    inputs = str(write_input(tmp_path / "in.jsonl", 4, bad=False))
    result = runner.invoke(app, ["batch", inputs, "-o", str(tmp_path / "o.jsonl"),
                                 "--relink"])
    assert result.exit_code == 2
    assert "--relink links the reports of a store: give --db STORE" in result.output
    db = tmp_path / "s.db"
    with init_store(str(db), passphrase=PASSPHRASE) as store:
        fill(store, n_incidents=5)
        relink_all(store, rebuild=True)
    result = runner.invoke(app, ["batch", inputs, "--db", str(db), "--cluster", cluster])
    assert result.exit_code == 0, result.output
    assert "note: the store already holds" in result.output
    result = runner.invoke(app, ["batch", inputs, "--db", str(db), "--cluster", cluster,
                                 "--relink"])
    assert result.exit_code == 0, result.output
    assert "linked by blocks on the cluster" in result.output
