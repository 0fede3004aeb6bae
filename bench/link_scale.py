"""Linking at scale: wall time and peak memory for 10k, 30k and 100k synthetic reports, and
the latency of linking one new report against a store of 100k incidents.

    .venv/bin/python bench/link_scale.py                 # 10k 30k 100k, then the latency
    .venv/bin/python bench/link_scale.py --sizes --latency 200 --incidents 100000

Each size runs in its own process (so peak RSS is that run's): generate the reports
(texts from khronika.link.synth over a year and ~2,000 synthetic towns), compute link
features, cluster them with the blocking index, and write incidents and links in bulk to a
fresh plaintext SQLite store. Linking uses gold event fields plus text (extraction is
benchmarked separately). Latency: a store holding 100k single-report incidents over the
same year and towns (built first, not timed), then each new
report goes through ``link_report`` (indexed candidate query, scoring, insert, recompute,
change log) in its own transaction; the median and 95th percentile are printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

from khronika.link.benchmark import generated
from khronika.link.features import report_features
from khronika.link.metrics import bcubed


def towns(n: int, rng: random.Random) -> list[tuple[Any, ...]]:
    """Synthetic towns spread over Russia's latitude and longitude range."""
    out = []
    for i in range(n):
        lat, lon = rng.uniform(43, 62), rng.uniform(28, 135)
        out.append((f"Town{i}", f"Город{i}", f"Шаҳр{i}", round(lat, 3), round(lon, 3),
                    f"Region{i % 80}", "RU"))
    return out


def synthetic(n_reports: int, seed: int = 0) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    items = generated(int(n_reports / 2.5) + 1, rng, start=dt.date(2024, 1, 1), days=365,
                      places=towns(2000, rng), prefix="s")[:n_reports]
    items.sort(key=lambda x: (x["published"], x["id"]))
    return items


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _insert_reports(conn: Any, items: list[dict[str, Any]]) -> None:
    from sqlalchemy import insert

    from khronika.store.schema import reports
    from khronika.store.store import content_hash, utcnow

    now = utcnow()
    conn.execute(insert(reports), [
        {"content_hash": content_hash(it["text"] + it["id"]), "text": it["text"],
         "origin": "bench", "kind": "text", "lang": it["lang"],
         "published": dt.date.fromisoformat(it["published"]), "received_at": now,
         "meta": {}} for it in items])


def incident_store(db: str, n_incidents: int) -> int:
    """A store holding ``n_incidents`` incidents of one synthetic report each (not timed)."""
    from khronika.link.index import Decision
    from khronika.link.linker import write_clusters
    from khronika.store.store import init_store

    rng = random.Random(5)
    items = generated(n_incidents, rng, start=dt.date(2024, 1, 1), days=365,
                      places=towns(2000, rng), prefix="i")
    seen: set[str] = set()
    items = [it for it in items if not (it["incident"] in seen or seen.add(it["incident"]))]
    store = init_store(db, plaintext=True)
    with store.engine.begin() as conn:
        _insert_reports(conn, items)
        write_clusters(conn, [
            ([(i + 1, 0, report_features(it["text"], {"events": it["events"]},
                                          it["published"])[0])],
             [Decision(i, True, 1.0, "bench")]) for i, it in enumerate(items)])
    store.close()
    return len(items)


def run_size(n: int, db: str | None) -> dict[str, Any]:
    from khronika.link.linker import cluster, write_clusters
    from khronika.store.store import init_store

    items = synthetic(n)
    c0 = time.process_time()
    t0 = time.perf_counter()
    feats = {i + 1: report_features(it["text"], {"events": it["events"]}, it["published"])
             for i, it in enumerate(items)}
    t1 = time.perf_counter()
    clusters = cluster(feats)
    t2 = time.perf_counter()
    out: dict[str, Any] = {"reports": n, "incidents": len(clusters),
                           "features_s": round(t1 - t0, 2), "cluster_s": round(t2 - t1, 2)}
    pred = {rid: k for k, (members, _) in enumerate(clusters) for rid, idx, _ in members
            if idx == 0}
    gold = {i + 1: it["incident"] for i, it in enumerate(items)}
    out["true_incidents"] = len(set(gold.values()))
    out["bcubed"] = {k: round(v, 3) for k, v in bcubed(pred, gold).items()}
    if db:
        store = init_store(db, plaintext=True)
        with store.engine.begin() as conn:
            _insert_reports(conn, items)
            out["reports_insert_s"] = round(time.perf_counter() - t2, 2)  # ingest, not linking
            t3 = time.perf_counter()
            write_clusters(conn, clusters)
        store.close()
        out["store_write_s"] = round(time.perf_counter() - t3, 2)
        t2 = t3 - t2  # the reports insert is excluded from the linking total
    else:
        t2 = 0.0
    # wall time of linking (features, clustering, writing incidents and links) and the CPU
    # time it took: on a shared machine the wall time is the CPU time times the contention
    out["link_wall_s"] = round(time.perf_counter() - t0 - t2, 2)
    out["process_cpu_s"] = round(time.process_time() - c0, 2)
    out["peak_rss_mb"] = round(peak_mb())
    return out


def latency(db: str, n_new: int) -> dict[str, Any]:
    from khronika.link.linker import link_report
    from khronika.store.store import NewReport, open_store

    rng = random.Random(99)
    items = synthetic(n_new * 3, seed=7)
    rng.shuffle(items)
    store = open_store(db)
    n_incidents = store.count("incidents")
    times = []
    for it in items[:n_new]:
        rid, _ = store.add_report(NewReport(text=it["text"] + " #new", origin="bench",
                                            published=dt.date.fromisoformat(it["published"])))
        t0 = time.perf_counter()
        with store.engine.begin() as conn:
            link_report(store, conn, rid, it["text"], {"events": it["events"]})
        times.append((time.perf_counter() - t0) * 1000)
    store.close()
    times.sort()
    return {"store_incidents": n_incidents, "new_reports": n_new,
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[int(len(times) * 0.95) - 1], 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[10_000, 30_000, 100_000])
    ap.add_argument("--latency", type=int, default=200, help="new reports to time (0: skip)")
    ap.add_argument("--incidents", type=int, default=100_000,
                    help="incidents in the store the new reports are linked against")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--lat-db", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_size(args.one, args.db)))
        return 0
    if args.lat_db:
        incident_store(args.lat_db, args.incidents)
        print(json.dumps(latency(args.lat_db, args.latency)))
        return 0
    print(f"cores {os.cpu_count()}, load average {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            db = os.path.join(tmp, f"scale{n}.db")
            res = subprocess.run([sys.executable, __file__, "--one", str(n), "--db", db],
                                 capture_output=True, text=True, check=True)
            print(res.stdout.strip(), flush=True)
        if args.latency:
            res = subprocess.run([sys.executable, __file__, "--lat-db",
                                  os.path.join(tmp, "latency.db"), "--latency",
                                  str(args.latency), "--incidents", str(args.incidents)],
                                 capture_output=True, text=True, check=True)
            print(res.stdout.strip())
    print(f"load average after {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
