"""Import at scale: a generated 100k-row CSV and a 100k-message Telegram export.

Run by hand (not a timed test):

    .venv/bin/python bench/import_scale.py [--rows 100000] [--no-process] [--workdir DIR]

For each file it prints the reports read/new, wall time and the peak resident memory of a
child process that does the import (so the two runs do not share a peak). Targets (issue
7): under 120 s with extraction and under 1 GB.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PLACES = ["Екатеринбурге", "Казани", "Самаре", "Калуге", "Новосибирске", "Yekaterinburg",
          "Kazan", "Samara", "Kaluga", "Novosibirsk"]
TEMPLATES = [
    "{d} марта 2024 года в {p} полиция задержала {n} граждан Таджикистана в общежитии. "
    "Сообщение {i}.",
    "Police raided a market in {p} on {d} March 2024 and detained {n} migrants. Report {i}.",
    "В {p} {d} марта избили {n} мигрантов, один госпитализирован. Звонок {i}.",
    "A court in {p} ordered {n} foreign nationals deported on {d} March 2024. Note {i}.",
]


def text(i: int, rng: random.Random) -> str:
    return rng.choice(TEMPLATES).format(d=rng.randint(1, 31), p=rng.choice(PLACES),
                                        n=rng.randint(2, 60), i=i)


def make_csv(path: Path, rows: int) -> None:
    import csv

    rng = random.Random(7)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "date", "text", "source"])
        for i in range(rows):
            w.writerow([f"r{i}", f"2024-03-{rng.randint(1, 31):02d}", text(i, rng), "hotline"])


def make_telegram(path: Path, rows: int) -> None:
    rng = random.Random(11)
    with path.open("w", encoding="utf-8") as fh:
        fh.write('{\n "name": "Bench Channel",\n "type": "public_channel",\n "id": 1,\n'
                 ' "messages": [\n')
        for i in range(rows):
            msg: dict[str, Any] = {"id": i + 1, "type": "message",
                                   "date": f"2024-03-{rng.randint(1, 31):02d}T10:00:00",
                                   "from": "Bench", "from_id": "channel1",
                                   "text": [text(i, rng), {"type": "bold", "text": " !"}]}
            fh.write(("  " if i == 0 else ",\n  ") + json.dumps(msg, ensure_ascii=False))
        fh.write("\n ]\n}\n")


def run_import(db: str, path: str, process: bool, out: Any) -> None:
    """In a child process: open the store, import, report counts, time and peak RSS."""
    from khronika.flow import ingest_paths
    from khronika.store.store import init_store

    store = init_store(db, passphrase=os.environ.get("KHRONIKA_PASSPHRASE", "bench passphrase"))
    t0 = time.perf_counter()
    summary = ingest_paths(store, [Path(path)], process=process)
    elapsed = time.perf_counter() - t0
    store.close()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out.put({"read": summary.read, "new": summary.new, "rejected": len(summary.rejected),
             "seconds": round(elapsed, 1), "peak_mb": round(peak_kb / 1024)})


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--no-process", action="store_true", help="store only, no extraction")
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--only", choices=["csv", "telegram"], default=None)
    args = ap.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="khronika-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    files = {"csv": work / "reports.csv", "telegram": work / "result.json"}
    for kind, path in files.items():
        if args.only and kind != args.only:
            continue
        t0 = time.perf_counter()
        (make_csv if kind == "csv" else make_telegram)(path, args.rows)
        made = time.perf_counter() - t0
        db = work / f"{kind}.db"
        for p in work.glob(f"{kind}.db*"):
            p.unlink()
        queue: Any = mp.get_context("spawn").Queue()
        child = mp.get_context("spawn").Process(
            target=run_import, args=(str(db), str(path), not args.no_process, queue))
        child.start()
        result = queue.get()
        child.join()
        size_mb = path.stat().st_size / 1e6
        print(f"{kind}: {args.rows} rows, file {size_mb:.1f} MB (made in {made:.1f} s); "
              f"read {result['read']}, new {result['new']}, rejected {result['rejected']}; "
              f"{result['seconds']} s, {args.rows / max(result['seconds'], 1e-9):.0f} "
              f"reports/s; peak RSS {result['peak_mb']} MB "
              f"({'store only' if args.no_process else 'with extraction and linking'})",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
