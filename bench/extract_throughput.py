"""Extraction throughput: documents per second and peak memory of ``khronika extract``.

Run by hand (``make bench``); never a timed test. By default it reads the ACLED
development notes beside the checkout (``../shared/data/dev/acled_*.csv``); any CSV with a
``notes`` column, or a JSON Lines file in the contract's input shape, can be given instead.

    python bench/extract_throughput.py [FILE ...] [--limit N]

It runs the real command in a child process (start-up included, as the scorer counts it)
and reads the child's peak resident memory from the kernel.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    files = args.files or sorted(DEFAULT_DATA.glob("acled_*.csv"))
    if not files:
        print(f"no input: pass files, or put the development data at {DEFAULT_DATA}",
              file=sys.stderr)
        return 2
    docs = load_documents(files, args.limit)
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
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result = {
        "documents": len(docs),
        "output_lines": lines,
        "exit_code": proc.returncode,
        "seconds": round(elapsed, 2),
        "docs_per_s": round(len(docs) / elapsed, 1),
        "peak_rss_mb": round(peak_mb, 1),
        "inputs": [str(f) for f in files],
    }
    print(json.dumps(result, indent=2))
    if proc.returncode not in (0, 3):
        print(proc.stderr[-2000:], file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
