"""Import at scale: a generated 100k-row CSV and a 100k-message Telegram export.

Run by hand (not a timed test):

    .venv/bin/python bench/import_scale.py [--rows 100000] [--no-process] [--workers N]
                                           [--only csv|telegram] [--workdir DIR]

Each file is imported by a child process into a new encrypted SQLite store, with extraction
and linking (or with ``--no-process``, storing only). For each it prints the reports read
and new, the incidents made, the import's wall time and reports per second, and the peak
memory of the whole process tree (the importing process and its extraction workers),
sampled every 0.2 s from ``/proc/PID/smaps_rollup``: the sum of PSS (each page shared by
k processes counts 1/k in each, so shared pages count once: the memory the import really
holds) and, for comparison, the sum of RSS (shared pages counted in every process), and
the machine's load average before and after (timings mean little on a loaded machine).
Targets (issue 7): under 120 s with extraction and linking, under 1 GB.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import sys
import tempfile
import threading
import time
from pathlib import Path
from queue import Empty
from typing import Any

#: Place names as each language writes them after "in": Russian takes the locative case.
PLACES = {
    "ru": ["Екатеринбурге", "Казани", "Самаре", "Калуге", "Новосибирске"],
    "en": ["Yekaterinburg", "Kazan", "Samara", "Kaluga", "Novosibirsk"],
}
#: (language, template): a template only gets place names written in its own language
#: (an English sentence with a Russian case form is no report anyone sends).
TEMPLATES = [
    ("ru", "{d} марта 2024 года в {p} полиция задержала {n} граждан Таджикистана в "
           "общежитии. Сообщение {i}."),
    ("en", "Police raided a market in {p} on {d} March 2024 and detained {n} migrants. "
           "Report {i}."),
    ("ru", "В {p} {d} марта избили {n} мигрантов, один госпитализирован. Звонок {i}."),
    ("en", "A court in {p} ordered {n} foreign nationals deported on {d} March 2024. "
           "Note {i}."),
]

#: Seconds between two samples of the process tree's memory.
SAMPLE_EVERY = 0.2


def text(i: int, rng: random.Random) -> str:
    lang, template = rng.choice(TEMPLATES)
    return template.format(d=rng.randint(1, 31), p=rng.choice(PLACES[lang]),
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


def run_import(db: str, path: str, process: bool, workers: int | None, out: Any) -> None:
    """In a child process: open the store, import, report counts and time."""
    from khronika.flow import ingest_paths
    from khronika.store.store import init_store

    store = init_store(db, passphrase=os.environ.get("KHRONIKA_PASSPHRASE", "bench passphrase"))
    t0 = time.perf_counter()
    summary = ingest_paths(store, [Path(path)], process=process, workers=workers)
    elapsed = time.perf_counter() - t0
    incidents = store.count("incidents")
    store.close()
    out.put({"read": summary.read, "new": summary.new, "rejected": len(summary.rejected),
             "errors": summary.extraction_errors, "incidents": incidents,
             "seconds": round(elapsed, 1)})


def _tree(pid: int) -> list[int]:
    """``pid`` and all its descendants."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except OSError:  # it ended meanwhile
            continue
    return out


def _memory_kb(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of one process in kB, or zeros if it has ended."""
    pss = rss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
                elif line.startswith("Rss:"):
                    rss = int(line.split()[1])
    except OSError:
        pass
    return pss, rss


class TreeMemory(threading.Thread):
    """Samples the summed PSS and RSS of a process tree until stopped; keeps the peaks."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_pss, self.peak_rss, self.processes = pid, 0, 0, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(SAMPLE_EVERY):
            pids = _tree(self.pid)
            sizes = [_memory_kb(p) for p in pids]
            self.peak_pss = max(self.peak_pss, sum(s[0] for s in sizes))
            self.peak_rss = max(self.peak_rss, sum(s[1] for s in sizes))
            self.processes = max(self.processes, len(pids))


def bench_one(kind: str, path: Path, db: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Import ``path`` in a child process while sampling its tree's memory."""
    for p in db.parent.glob(f"{db.name}*"):
        p.unlink()
    ctx = mp.get_context("spawn")
    queue: Any = ctx.Queue()
    child = ctx.Process(target=run_import,
                        args=(str(db), str(path), not args.no_process, args.workers, queue))
    child.start()
    assert child.pid is not None
    sampler = TreeMemory(child.pid)
    sampler.start()
    while True:
        try:
            result: dict[str, Any] = queue.get(timeout=1.0)
            break
        except Empty:
            if not child.is_alive():
                raise SystemExit(f"{kind}: the import process ended with code "
                                 f"{child.exitcode}") from None
    sampler.done.set()
    sampler.join()
    child.join()
    result.update(peak_pss_mb=round(sampler.peak_pss / 1024),
                  peak_rss_mb=round(sampler.peak_rss / 1024), processes=sampler.processes)
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--no-process", action="store_true", help="store only, no extraction")
    ap.add_argument("--workers", type=int, default=None,
                    help="extraction processes (default: one per core)")
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--only", choices=["csv", "telegram"], default=None)
    args = ap.parse_args()
    # as the command line does: one BLAS thread per process (extraction is many small
    # matrix products; BLAS thread pools only contend with the workers)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    work = args.workdir or Path(tempfile.mkdtemp(prefix="khronika-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    files = {"csv": work / "reports.csv", "telegram": work / "result.json"}
    for kind, path in files.items():
        if args.only and kind != args.only:
            continue
        t0 = time.perf_counter()
        (make_csv if kind == "csv" else make_telegram)(path, args.rows)
        made = time.perf_counter() - t0
        load_before = os.getloadavg()[0]
        r = bench_one(kind, path, work / f"{kind}.db", args)
        load_after = os.getloadavg()[0]
        mode = "store only" if args.no_process else "with extraction and linking"
        print(f"{kind}: {args.rows} rows, file {path.stat().st_size / 1e6:.1f} MB (made in "
              f"{made:.1f} s); read {r['read']}, new {r['new']}, rejected {r['rejected']}, "
              f"processing errors {r['errors']}, incidents {r['incidents']}; {r['seconds']} s, "
              f"{args.rows / max(r['seconds'], 1e-9):.0f} reports/s ({mode}); peak memory of "
              f"the {r['processes']} processes: PSS sum {r['peak_pss_mb']} MB, RSS sum "
              f"{r['peak_rss_mb']} MB; load average {load_before:.1f} before, "
              f"{load_after:.1f} after", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
