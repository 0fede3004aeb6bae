"""Batch scale: documents per second of plain ``khronika extract`` and of ``khronika batch``
with 1 and 2 Dask workers, and whether all three outputs are identical; with ``--link``,
the seconds linking them takes in one process and by blocks on 1 and 2 workers.

Run by hand; never a timed test.

    python bench/batch_scale.py [--docs 50000] [--workers 1,2] [--chunk 32]
    python bench/batch_scale.py --link [--link-only]    # also (only) the linking figures
    python bench/batch_scale.py --link --extracted OUT.jsonl --docs 10000  # no extraction

The documents are synthetic hotline notes in English and Russian
(:mod:`khronika.scale.synth`, seeded: the same on every machine). Each configuration runs
the real command in a child process, so start-up (model loading, and for Dask the cluster
and each worker's model loading) is included, as a user would see it. The machine's load
average is printed before and after: on a shared machine the figures depend on it.

Linking (``--link``): the extraction output of the largest worker count is loaded into a
new SQLCipher store (reports and extractions in bulk, not timed), then every report is
linked three ways, each rebuilding all incidents: ``relink_all(rebuild=True)`` in one
process (what ``khronika link --rebuild`` runs), and ``khronika batch EMPTY --db STORE
--relink --workers N`` (nothing to extract, so only linking, by blocks). The figures are
the linking seconds (features, groups, linking and writing; for the batch as its summary
reports them, and the command's wall time with the cluster start); a digest of every
incident's members shows the three results are the same. ``--link-only`` skips the
extraction configurations but the one that feeds the store; ``--extracted`` takes the
store's extractions from an earlier run's output (its first ``--docs`` lines: the notes
are the same for the same count) and extracts nothing.

The notes are dense (13 towns, 60 days, a few event families), so linking costs grow
faster than the count: each new event meets every incident of its family, town and
fortnight. On the shared 2-core machine, 2,000 notes linked in 6.5 s in one process.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
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


PASSPHRASE = "batch bench passphrase"


def load_store(db: Path, src: Path, extracted: Path) -> None:
    """A new SQLCipher store holding the documents and their extractions (bulk, untimed)."""
    import datetime as dt

    from sqlalchemy import insert

    from khronika.extract import PIPELINE_VERSION
    from khronika.store.schema import extractions, reports
    from khronika.store.store import content_hash, init_store, utcnow

    store = init_store(str(db), passphrase=PASSPHRASE)
    now = utcnow()
    with store.engine.begin() as conn, src.open(encoding="utf-8") as docs, \
            extracted.open(encoding="utf-8") as results:
        for rid, (doc, res) in enumerate(zip(docs, results, strict=True), start=1):
            d, r = json.loads(doc), json.loads(res)
            conn.execute(insert(reports).values(
                id=rid, content_hash=content_hash(d["text"]), text=d["text"],
                origin="bench", kind="text", lang=d.get("lang"), received_at=now,
                published=dt.date.fromisoformat(d["published"]), meta={}))
            conn.execute(insert(extractions).values(
                report_id=rid, pipeline_version=PIPELINE_VERSION, created_at=now,
                status="error" if r.get("error") else "ok", error=r.get("error"), result=r))
    store.close()


def digest(db: Path) -> dict[str, object]:
    """Incidents and a digest of their member sets (equal for equal linking)."""
    from sqlalchemy import select

    from khronika.store.schema import incident_reports
    from khronika.store.store import open_store

    members: dict[int, list[tuple[int, int]]] = {}
    with open_store(str(db), PASSPHRASE) as store, store.connect() as conn:
        for inc, rid, idx in conn.execute(select(
                incident_reports.c.incident_id, incident_reports.c.report_id,
                incident_reports.c.event_index)):
            members.setdefault(inc, []).append((rid, idx))
    groups = sorted(sorted(m) for m in members.values())
    return {"incidents": len(groups), "events": sum(map(len, groups)),
            "members_sha256": hashlib.sha256(repr(groups).encode()).hexdigest()[:16]}


def one_process(db: Path) -> dict[str, object]:
    """Link every report of ``db`` in this process, as ``khronika link --rebuild`` does."""
    from khronika.link.linker import relink_all
    from khronika.store.store import open_store

    with open_store(str(db), PASSPHRASE) as store:
        started = time.monotonic()
        relink_all(store, rebuild=True)
        seconds = time.monotonic() - started
    return {"config": "one process (link --rebuild)", "link_s": round(seconds, 1),
            "wall_s": round(seconds, 1)}


def child(mode: str, *args: str) -> dict[str, object]:
    """Run ``mode`` of this script in a fresh process (its own memory and start-up)."""
    proc = subprocess.run([sys.executable, __file__, f"--{mode}", *args], check=True,
                          capture_output=True, text=True)
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def link_figures(tmp: Path, src: Path, extracted: Path, workers: list[int],
                 exe: str) -> list[dict[str, object]]:
    """Linking seconds in one process and by blocks on each worker count (same store)."""
    db = tmp / "link.db"
    child("load-store", str(db), str(src), str(extracted))
    empty = tmp / "empty.jsonl"
    empty.write_text("")
    env = dict(os.environ, KHRONIKA_PASSPHRASE=PASSPHRASE)
    print(f"linking: one process, load {load()}", file=sys.stderr)
    rows = [child("one-process", str(db)) | child("digest", str(db)) | {"load_after": load()}]
    for n in workers:
        print(f"linking: by blocks on {n} worker(s), load {load()}", file=sys.stderr)
        started = time.monotonic()
        proc = subprocess.run([exe, "batch", str(empty), "--db", str(db), "--relink",
                               "--workers", str(n), "--json"], env=env, check=True,
                              capture_output=True, text=True)
        wall = time.monotonic() - started
        summary = json.loads(proc.stdout.strip().splitlines()[-1])
        rows.append({"config": f"by blocks, {n} worker{'s' if n > 1 else ''}",
                     "link_s": summary["link_seconds"], "wall_s": round(wall, 1),
                     "groups": summary["link_groups"],
                     "largest": summary["link_largest"]} | child("digest", str(db))
                    | {"load_after": load()})
    return rows


def print_links(rows: list[dict[str, object]], docs: int) -> bool:
    same = len({r["members_sha256"] for r in rows}) == 1
    print(f"\nlinking {docs} extracted notes ({rows[0]['events']} events), "
          f"{os.cpu_count()} cores\n")
    print(f"| {'configuration':<28} | link s | wall s | groups | largest | incidents | "
          "load after |")
    print(f"| {'-' * 28} | ------ | ------ | ------ | ------- | --------- | ---------- |")
    for r in rows:
        print(f"| {r['config']!s:<28} | {r['link_s']!s:>6} | {r['wall_s']!s:>6} | "
              f"{r.get('groups', '')!s:>6} | {r.get('largest', '')!s:>7} | "
              f"{r['incidents']!s:>9} | {r['load_after']} |")
    print("(largest: events in the largest independent group, linked by one worker)")
    print(f"\nsame incidents (member sets): {'yes' if same else 'NO'}")
    return same


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=50_000)
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--chunk", type=int, default=32)
    parser.add_argument("--link", action="store_true",
                        help="also time linking the extracted notes: one process vs by blocks")
    parser.add_argument("--extracted", type=Path,
                        help="with --link: the contract output of these notes (skip extraction)")
    parser.add_argument("--link-only", action="store_true",
                        help="with --link: run only the extraction that feeds the store")
    for mode in ("load-store", "digest", "one-process"):  # child processes of --link
        parser.add_argument(f"--{mode}", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--store", action="store_true",
                        help="also stream the documents into a new SQLCipher store with the "
                        "largest worker count (each report stored, extracted and linked)")
    args = parser.parse_args()
    if args.load_store:
        load_store(*(Path(a) for a in args.load_store))
        print("{}")
        return 0
    if args.digest or args.one_process:
        fn = digest if args.digest else one_process
        print(json.dumps(fn(Path((args.digest or args.one_process)[0]))))
        return 0
    exe = str(Path(sys.executable).with_name("khronika"))
    worker_counts = [int(w) for w in args.workers.split(",")]
    results = []
    links: list[dict[str, object]] = []
    print(f"cores {os.cpu_count()}, load before {load()}", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "docs.jsonl"
        write_docs(src, args.docs)
        if not (args.link_only or args.extracted):
            plain = Path(tmp) / "plain.jsonl"
            results.append(run("plain (khronika extract)", [exe, "extract", str(src), "-o",
                                                             str(plain)], plain, args.docs))
            single = Path(tmp) / "plain1.jsonl"
            results.append(run("plain, 1 BLAS thread", [exe, "extract", str(src), "-o",
                                                        str(single)], single, args.docs,
                               ONE_BLAS_THREAD))
        for n in [] if args.extracted else (
                worker_counts[-1:] if args.link_only else worker_counts):
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
        if args.link:
            last = Path(tmp) / f"dask{worker_counts[-1]}.jsonl"
            if args.extracted:
                with args.extracted.open("rb") as full, last.open("wb") as part:
                    part.writelines(itertools.islice(full, args.docs))
            links = link_figures(Path(tmp), src, last, worker_counts, exe)
    identical = len({r["sha256"] for r in results}) <= 1
    print(f"\n{args.docs} synthetic en/ru notes, {os.cpu_count()} cores\n")
    print(f"| {'configuration':<26} | docs/s | seconds | load after | output sha256 |")
    print(f"| {'-' * 26} | ------ | ------- | ---------- | ------------- |")
    for r in results:
        print(f"| {r['config']!s:<26} | {r['docs_per_s']!s:>6} | {r['seconds']!s:>7} | "
              f"{r['load_after']} | {r['sha256']} |")
    print(f"\noutputs identical: {'yes' if identical else 'NO'}")
    same = print_links(links, args.docs) if args.link else True
    print(json.dumps({"results": results, "identical": identical}
                     | ({"linking": links, "same_incidents": same} if args.link else {})))
    return 0 if identical and same else 1


if __name__ == "__main__":
    raise SystemExit(main())
