"""Linking quality on the labelled benchmark: pairwise and B-cubed precision, recall, F1.

    .venv/bin/python bench/link_quality.py                 # gold events + text (the linker)
    .venv/bin/python bench/link_quality.py --extracted     # extractor's events + text (end to end)
    .venv/bin/python bench/link_quality.py --seed 1 --json

The benchmark (khronika.link.benchmark) is the demo corpus plus generated variants with the
true grouping; run by hand and in issues, never as a timed test.
"""

from __future__ import annotations

import argparse
import json
import sys

from khronika.link.benchmark import build, evaluate, extracted_features, gold_features


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--extracted", action="store_true", help="link on extracted fields")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    items = build(seed=args.seed)
    result = evaluate(items, extracted_features if args.extracted else gold_features)
    result["mode"] = "extracted" if args.extracted else "gold"
    result["seed"] = args.seed
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    print(f"mode {result['mode']}, seed {args.seed}: {result['reports']} reports, "
          f"{result['incidents_true']} true incidents, {result['incidents_predicted']} predicted, "
          f"{result['seconds']} s")
    for name in ("pairwise", "bcubed"):
        m = result[name]
        print(f"  {name:9s} precision {m['precision']:.3f}  recall {m['recall']:.3f}  "
              f"F1 {m['f1']:.3f}")
    print(f"  wrong merges (first 20): {result['wrong_merges']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
