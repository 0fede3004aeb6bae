"""Per-kind precision and recall of the PII detector on the hand-labelled set.

    .venv/bin/python bench/pii_eval.py            # score khronika.security.pii.detect
    .venv/bin/python bench/pii_eval.py --errors   # ... and list every miss and false alarm
    .venv/bin/python bench/pii_eval.py --no-ner   # rules only, without natasha
    .venv/bin/python bench/pii_eval.py --build    # rebuild the JSONL from its marked-up source

The set is ``tests/security/data/pii_labelled.jsonl`` (built from ``pii_labelled.txt``,
where spans are written inline as ``[[K:text]]``). Matching is by coverage, since what a
redaction leaks is what it fails to cover: a gold span is found when predictions of its
kind cover at least 80% of its characters; a prediction is right when gold spans of its
kind cover at least half of it. Exact-boundary agreement is printed beside.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "tests" / "security" / "data"
SOURCE = DATA / "pii_labelled.txt"
LABELLED = DATA / "pii_labelled.jsonl"
CODES = {"P": "PHONE", "D": "DOCUMENT", "A": "ADDRESS", "E": "EMAIL", "H": "HANDLE",
         "N": "NAME"}
_MARK = re.compile(r"\[\[([A-Z]):(.+?)\]\]")

Span = tuple[str, int, int]


def parse_line(line: str) -> dict[str, Any]:
    """One item of the marked-up source as a JSON record with offsets."""
    lang, source, marked = line.split("|", 2)
    text, spans, pos, last = [], [], 0, 0
    for m in _MARK.finditer(marked):
        text.append(marked[last:m.start()])
        pos += m.start() - last
        spans.append({"kind": CODES[m.group(1)], "start": pos, "end": pos + len(m.group(2))})
        text.append(m.group(2))
        pos += len(m.group(2))
        last = m.end()
    text.append(marked[last:])
    return {"lang": lang, "source": source, "text": "".join(text), "spans": spans}


def build() -> int:
    """Rewrite the JSONL from the source; returns the number of items."""
    items, split = [], "dev"
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        if line.startswith("# split:"):
            split = line.split(":", 1)[1].strip()
        elif line.strip() and not line.startswith("#"):
            items.append({**parse_line(line), "split": split})
    with LABELLED.open("w", encoding="utf-8") as fh:
        for i, item in enumerate(items, 1):
            fh.write(json.dumps({"id": i, **item}, ensure_ascii=False) + "\n")
    return len(items)


def load() -> list[dict[str, Any]]:
    """The labelled items."""
    return [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _covered(span: tuple[int, int], others: list[tuple[int, int]]) -> float:
    """Share of ``span``'s characters that ``others`` cover."""
    start, end = span
    chars = sum(1 for i in range(start, end) if any(s <= i < e for s, e in others))
    return chars / max(1, end - start)


def score(items: list[dict[str, Any]], use_ner: bool = True,
          errors: list[str] | None = None) -> dict[str, dict[str, float]]:
    """Per-kind counts, precision, recall and exact-boundary share over ``items``."""
    from khronika.security.pii import KINDS, detect

    tally: dict[str, Counter[str]] = {k: Counter() for k in KINDS}
    for item in items:
        text = item["text"]
        gold = [(s["kind"], s["start"], s["end"]) for s in item["spans"]]
        pred = [(f.kind, f.start, f.end) for f in detect(text, use_ner=use_ner)]
        for kind in KINDS:
            g = [(s, e) for k, s, e in gold if k == kind]
            p = [(s, e) for k, s, e in pred if k == kind]
            for span in g:
                hit = _covered(span, p) >= 0.8
                tally[kind]["gold"] += 1
                tally[kind]["found"] += hit
                tally[kind]["exact"] += span in p
                if not hit and errors is not None:
                    errors.append(f"MISS {kind:8} {text[span[0]:span[1]]!r:30} | {text}")
            for span in p:
                ok = _covered(span, g) >= 0.5
                tally[kind]["pred"] += 1
                tally[kind]["right"] += ok
                if not ok and errors is not None:
                    errors.append(f"FALSE {kind:8} {text[span[0]:span[1]]!r:30} | {text}")
    out: dict[str, dict[str, float]] = {}
    for kind, t in tally.items():
        out[kind] = {
            "gold": t["gold"], "pred": t["pred"],
            "precision": t["right"] / t["pred"] if t["pred"] else 1.0,
            "recall": t["found"] / t["gold"] if t["gold"] else 1.0,
            "exact": t["exact"] / t["gold"] if t["gold"] else 1.0,
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="rebuild the JSONL first")
    parser.add_argument("--errors", action="store_true", help="list misses and false alarms")
    parser.add_argument("--no-ner", action="store_true", help="rules only, without natasha")
    args = parser.parse_args(argv)
    if args.build:
        print(f"built {build()} items into {LABELLED}")
    items = load()
    errors: list[str] | None = [] if args.errors else None
    began = time.perf_counter()
    result = score(items, use_ner=not args.no_ner, errors=errors)
    took = time.perf_counter() - began
    langs = Counter(i["lang"] for i in items)
    negatives = sum(1 for i in items if not i["spans"])
    print(f"{len(items)} items ({', '.join(f'{k} {v}' for k, v in sorted(langs.items()))}; "
          f"{negatives} without personal data), {took:.1f} s including model load")
    print(f"{'kind':10}{'gold':>6}{'pred':>6}{'precision':>11}{'recall':>8}{'exact':>7}")
    for kind, r in result.items():
        print(f"{kind:10}{r['gold']:6.0f}{r['pred']:6.0f}{r['precision']:11.3f}"
              f"{r['recall']:8.3f}{r['exact']:7.3f}")
    for line in errors or []:
        print(line)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
