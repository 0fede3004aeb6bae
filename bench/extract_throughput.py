"""Extraction throughput: documents per second and peak memory of ``khronika extract``.

Run by hand (``make bench``); never a timed test. By default it reads the ACLED
development notes beside the checkout (``../shared/data/dev/acled_*.csv``); any CSV with a
``notes`` column, or a JSON Lines file in the contract's input shape, can be given instead.

    python bench/extract_throughput.py [FILE ...] [--limit N]
    python bench/extract_throughput.py --short N

``--short N`` generates N one-sentence hotline-style reports instead (half Russian, half
English, as ``bench/import_scale.py`` imports them), the shape of a bulk import.

It runs the real command in a child process (start-up included, as the scorer counts it)
and reads the child's peak resident memory from the kernel. The figure also printed
without start-up (``extract_docs_per_s``) comes from the command's own closing line.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "data" / "dev"


def load_documents(files: list[Path], limit: int | None) -> list[dict[str, str]]:
    docs: list[dict[str, str]] = []
    seen: set[str] = set()
    csv.field_size_limit(10**8)
    for path in files:
        if path.suffix == ".jsonl":
            with path.open(encoding="utf-8") as fh:
                docs.extend(json.loads(line) for line in fh if line.strip())
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                notes = row.get("notes") or row.get("NOTES") or ""
                if notes and notes not in seen:  # the scorer sends each distinct note once
                    seen.add(notes)
                    docs.append({"id": f"{path.stem}:{len(docs)}", "text": notes})
    return docs[:limit] if limit else docs


_SHORT_PLACES = ["Казани", "Самаре", "Оренбурге", "Твери", "Kazan", "Samara", "Orenburg",
                 "Tver"]
_SHORT_TEMPLATES = [
    "{d} марта в {p} сотрудники полиции задержали {n} мигрантов на стройке. Обращение {i}.",
    "Officers detained {n} workers at a warehouse in {p} on {d} March. Call {i}.",
    "В {p} {d} марта неизвестные напали на {n} граждан Узбекистана, двое в больнице. "
    "Сообщение {i}.",
    "A court in {p} fined {n} foreign nationals and ordered them expelled on {d} March. "
    "Message {i}.",
]


def short_reports(count: int) -> list[dict[str, str]]:
    """``count`` short reports, the same every run (fixed seed)."""
    rng = random.Random(5)
    return [{"id": f"short:{i}", "published": f"2024-03-{rng.randint(1, 28):02d}",
             "text": rng.choice(_SHORT_TEMPLATES).format(
                 d=rng.randint(1, 28), p=rng.choice(_SHORT_PLACES), n=rng.randint(2, 50), i=i)}
            for i in range(count)]


def _extract_seconds(stderr: str) -> float | None:
    """The command's own extraction time, from its closing progress line."""
    m = re.search(r"extract: done, \d+ documents in ([\d.]+)s", stderr)
    return float(m[1]) if m else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--short", type=int, default=None, metavar="N",
                        help="generate N short reports instead of reading files")
    args = parser.parse_args()
    files = [] if args.short else args.files or sorted(DEFAULT_DATA.glob("acled_*.csv"))
    if not files and not args.short:
        print(f"no input: pass files, or put the development data at {DEFAULT_DATA}",
              file=sys.stderr)
        return 2
    docs = short_reports(args.short) if args.short else load_documents(files, args.limit)
    exe = Path(sys.executable).with_name("khronika")
    with tempfile.TemporaryDirectory() as tmp:
        inp, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        inp.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs),
                       encoding="utf-8")
        started = time.perf_counter()
        proc = subprocess.run([str(exe), "extract", str(inp), "-o", str(out)],
                              capture_output=True, text=True, check=False,
                              env=dict(os.environ))
        elapsed = time.perf_counter() - started
        lines = sum(1 for _ in out.open(encoding="utf-8")) if out.exists() else 0
    child = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_mb = child.ru_maxrss / 1024
    # CPU time is the steadier figure on a shared machine (start-up included)
    cpu = child.ru_utime + child.ru_stime
    extracting = _extract_seconds(proc.stderr)
    result = {
        "documents": len(docs),
        "output_lines": lines,
        "exit_code": proc.returncode,
        "seconds": round(elapsed, 2),
        "docs_per_s": round(len(docs) / elapsed, 1),
        "extract_docs_per_s": round(len(docs) / extracting, 1) if extracting else None,
        "ms_per_doc": round(1000 * extracting / len(docs), 2) if extracting else None,
        "cpu_seconds": round(cpu, 2),
        "cpu_ms_per_doc": round(1000 * cpu / len(docs), 2),
        "peak_rss_mb": round(peak_mb, 1),
        "inputs": [str(f) for f in files] or [f"{args.short} generated short reports"],
    }
    print(json.dumps(result, indent=2))
    if proc.returncode not in (0, 3):
        print(proc.stderr[-2000:], file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
