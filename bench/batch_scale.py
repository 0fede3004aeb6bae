"""Batch scale: documents per second of plain ``khronika extract`` and of ``khronika batch``
with 1 and 2 Dask workers, and whether all three outputs are identical.

Run by hand; never a timed test.

    python bench/batch_scale.py [--docs 50000] [--workers 1,2] [--chunk 32]

The documents are synthetic hotline notes in English and Russian
(:mod:`khronika.scale.synth`, seeded: the same on every machine). Each configuration runs
the real command in a child process, so start-up (model loading, and for Dask the cluster
and each worker's model loading) is included, as a user would see it. The machine's load
average is printed before and after: on a shared machine the figures depend on it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from khronika.scale.synth import notes


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def write_docs(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for record in notes(n):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


#: what Dask's nanny sets in every worker process: one BLAS/OpenMP thread. numpy (under
#: natasha's models) otherwise starts a thread per core; on the shared 2-core machine at
#: load 4 plain extraction ran 42 docs/s with them and 234 without, at lower load the
#: difference vanished: this configuration tells the two effects apart.
ONE_BLAS_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def run(label: str, cmd: list[str], out: Path, docs: int,
        env: dict[str, str] | None = None) -> dict[str, object]:
    print(f"{label}: running ({' '.join(cmd[1:3])} ...), load {load()}", file=sys.stderr)
    started = time.monotonic()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          env=dict(os.environ, **(env or {})))
    seconds = time.monotonic() - started
    if proc.returncode not in (0, 3):
        print(proc.stderr[-2000:], file=sys.stderr)
        raise SystemExit(f"{label} failed with exit code {proc.returncode}")
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    lines = out.read_bytes().count(b"\n")
    return {"config": label, "docs": docs, "lines": lines, "seconds": round(seconds, 1),
            "docs_per_s": round(docs / seconds, 1), "sha256": digest[:16],
            "load_after": load()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=50_000)
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--chunk", type=int, default=32)
    parser.add_argument("--store", action="store_true",
                        help="also stream the documents into a new SQLCipher store with the "
                        "largest worker count (each report stored, extracted and linked)")
    args = parser.parse_args()
    exe = str(Path(sys.executable).with_name("khronika"))
    results = []
    print(f"cores {os.cpu_count()}, load before {load()}", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "docs.jsonl"
        write_docs(src, args.docs)
        plain = Path(tmp) / "plain.jsonl"
        results.append(run("plain (khronika extract)", [exe, "extract", str(src), "-o",
                                                         str(plain)], plain, args.docs))
        single = Path(tmp) / "plain1.jsonl"
        results.append(run("plain, 1 BLAS thread", [exe, "extract", str(src), "-o",
                                                    str(single)], single, args.docs,
                           ONE_BLAS_THREAD))
        for n in (int(w) for w in args.workers.split(",")):
            out = Path(tmp) / f"dask{n}.jsonl"
            results.append(run(f"dask, {n} worker{'s' if n > 1 else ''}",
                               [exe, "batch", str(src), "-o", str(out), "--workers", str(n),
                                "--chunk", str(args.chunk)], out, args.docs))
        if args.store:
            db = Path(tmp) / "store.db"
            env = dict(os.environ, KHRONIKA_PASSPHRASE="batch bench passphrase")
            subprocess.run([exe, "init", "--db", str(db)], env=env, check=True,
                           stdout=subprocess.DEVNULL)
            n = max(int(w) for w in args.workers.split(","))
            started = time.monotonic()
            subprocess.run([exe, "batch", str(src), "--db", str(db), "--workers", str(n)],
                           env=env, check=True, stderr=subprocess.DEVNULL)
            seconds = time.monotonic() - started
            print(f"into a store (--db, {n} workers): {args.docs / seconds:.1f} docs/s, "
                  f"{seconds:.0f} s, load after {load()}")
    identical = len({r["sha256"] for r in results}) == 1
    print(f"\n{args.docs} synthetic en/ru notes, {os.cpu_count()} cores\n")
    print(f"| {'configuration':<26} | docs/s | seconds | load after | output sha256 |")
    print(f"| {'-' * 26} | ------ | ------- | ---------- | ------------- |")
    for r in results:
        print(f"| {r['config']!s:<26} | {r['docs_per_s']!s:>6} | {r['seconds']!s:>7} | "
              f"{r['load_after']} | {r['sha256']} |")
    print(f"\noutputs identical: {'yes' if identical else 'NO'}")
    print(json.dumps({"results": results, "identical": identical}))
    return 0 if identical else 1


if __name__ == "__main__":
    raise SystemExit(main())
