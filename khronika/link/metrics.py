"""Clustering quality: pairwise and B-cubed precision, recall and F1.

Both compare a predicted grouping of items with the true one. Pairwise counts pairs of items
put together; B-cubed (Bagga and Baldwin 1998) averages, per item, the share of its predicted
cluster that truly belongs with it (precision) and the share of its true cluster that was
found with it (recall), so one huge wrong merge costs as much as it hides.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def pairwise(pred: Mapping[K, Hashable], gold: Mapping[K, Hashable]
             ) -> dict[str, float]:
    """Pairwise P/R/F1 of ``pred`` (item -> cluster) against ``gold`` (item -> cluster)."""
    joint = Counter((pred[i], gold[i]) for i in gold)
    p_sizes = Counter(pred[i] for i in gold)
    g_sizes = Counter(gold.values())

    def pairs(n: int) -> int:
        return n * (n - 1) // 2

    tp = sum(pairs(n) for n in joint.values())
    pp = sum(pairs(n) for n in p_sizes.values())
    gp = sum(pairs(n) for n in g_sizes.values())
    p = tp / pp if pp else 1.0
    r = tp / gp if gp else 1.0
    return {"precision": p, "recall": r, "f1": _f1(p, r)}


def bcubed(pred: Mapping[K, Hashable], gold: Mapping[K, Hashable]
           ) -> dict[str, float]:
    """B-cubed P/R/F1 of ``pred`` against ``gold`` (both item -> cluster)."""
    joint = Counter((pred[i], gold[i]) for i in gold)
    p_sizes = Counter(pred[i] for i in gold)
    g_sizes = Counter(gold.values())
    n = len(gold)
    if not n:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    p = sum(joint[(pred[i], gold[i])] / p_sizes[pred[i]] for i in gold) / n
    r = sum(joint[(pred[i], gold[i])] / g_sizes[gold[i]] for i in gold) / n
    return {"precision": p, "recall": r, "f1": _f1(p, r)}


def wrong_merges(pred: Mapping[K, Hashable], gold: Mapping[K, Hashable]
                 ) -> list[list[Hashable]]:
    """Predicted clusters that mix true clusters: the true cluster ids in each."""
    mixed: dict[Hashable, set[Hashable]] = defaultdict(set)
    for i, c in pred.items():
        if i in gold:
            mixed[c].add(gold[i])
    return [sorted(v, key=str) for v in mixed.values() if len(v) > 1]
