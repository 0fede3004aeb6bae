"""Batch into a store: wall time of ``khronika batch --db`` on generated notes.

Run by hand; never a timed test.

    .venv/bin/python bench/batch_store.py [--docs 5000] [--workers 2] [--chunk 32]
                                          [--workdir DIR]

Three runs of the real command, each in a child process (start-up, the Dask cluster and
its workers' model loading included, as a user sees it), on synthetic en/ru hotline notes
(:mod:`khronika.scale.synth`, seeded):

1. ``new store``: ``--docs`` notes into a new SQLCipher store (stored, extracted, then
   linked by blocks on the cluster, since the store holds no incidents);
2. ``again``: the same command once more: every report is found by hash and skipped, so
   this is the store path alone (no extraction, no linking);
3. ``into incidents``: ``--docs`` other notes into that store, which now holds incidents,
   so each report is linked in the driver as its extraction is saved.

For each it prints the wall time, the command's own figures (``--json``), the load
average before and after (timings on the shared machine depend on it), and the store's
counts with whether the change log's hash chain holds. The code run is whatever
``khronika`` the interpreter imports: set ``PYTHONPATH`` to a checkout to time another
version of it on the same notes.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from khronika.scale.synth import notes

PASSPHRASE = "batch store bench passphrase"
#: the ``khronika`` command through this interpreter, so PYTHONPATH picks the code (run in
#: the work folder: ``-c`` puts the current folder first on the path)
KHRONIKA = [sys.executable, "-c", "import sys; from khronika.cli import main; sys.exit(main())"]


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def write_docs(path: Path, n: int, seed: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for record in notes(n, seed):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def store_figures(db: Path) -> dict[str, object]:
    """Row counts of the store and whether its change log verifies."""
    from khronika.store.store import open_store

    with open_store(str(db), PASSPHRASE) as store:
        counts: dict[str, object] = {t: store.count(t) for t in (
            "reports", "extractions", "incidents", "incident_reports", "changes")}
        counts["chain_ok"] = store.verify_changes() is None
    return counts


def batch(label: str, src: Path, db: Path, args: argparse.Namespace) -> dict[str, object]:
    env = dict(os.environ, KHRONIKA_PASSPHRASE=PASSPHRASE)
    before = load()
    print(f"{label}: running, load {before}", file=sys.stderr)
    started = time.monotonic()
    proc = subprocess.run([*KHRONIKA, "batch", str(src), "--db", str(db), "--workers",
                           str(args.workers), "--chunk", str(args.chunk), "--json"],
                          env=env, capture_output=True, text=True, cwd=src.parent)
    wall = time.monotonic() - started
    if proc.returncode not in (0, 3):  # 3: some lines were errors
        print(proc.stderr[-2000:], file=sys.stderr)
        raise SystemExit(f"{label} failed with exit code {proc.returncode}")
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    return {"run": label, "wall_s": round(wall, 1), "stored": summary["stored"],
            "skipped": summary["skipped"], "linking": summary["linking"],
            "load_before": before, "load_after": load()} | store_figures(db)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--chunk", type=int, default=32)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        first, second = Path(tmp) / "first.jsonl", Path(tmp) / "second.jsonl"
        write_docs(first, args.docs, seed=7)
        write_docs(second, args.docs, seed=8)
        db = Path(tmp) / "store.db"
        subprocess.run([*KHRONIKA, "init", "--db", str(db)], check=True,
                       env=dict(os.environ, KHRONIKA_PASSPHRASE=PASSPHRASE),
                       stdout=subprocess.DEVNULL, cwd=tmp)
        rows = [batch("new store", first, db, args), batch("again", first, db, args),
                batch("into incidents", second, db, args)]
    print(f"\n{args.docs} synthetic en/ru notes a run, {args.workers} workers, "
          f"chunk {args.chunk}, {os.cpu_count()} cores\n")
    for row in rows:
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
