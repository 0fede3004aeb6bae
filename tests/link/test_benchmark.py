"""The linking benchmark: its size and make-up, the metrics, and pinned quality floors."""

from __future__ import annotations

from khronika.link.benchmark import build, evaluate
from khronika.link.metrics import bcubed, pairwise


def test_metrics_on_a_known_case() -> None:
    gold = {1: "a", 2: "a", 3: "b"}
    assert pairwise(gold, gold)["f1"] == 1.0
    merged = {1: 0, 2: 0, 3: 0}
    assert pairwise(merged, gold)["precision"] == 1 / 3
    assert round(bcubed(merged, gold)["precision"], 3) == round((2 / 3 * 2 + 1 / 3) / 3, 3)
    assert bcubed(merged, gold)["recall"] == 1.0


def test_benchmark_floors_gold_fields() -> None:
    items = build(seed=0)
    assert len(items) >= 2000
    kinds = {i["id"].split("~", 1)[1].split("~")[0] for i in items if "~" in i["id"]}
    assert {"para", "trunc", "figs", "day", "en", "ru", "tg"} <= kinds
    result = evaluate(items)
    # floors pinned a little under the measured 0.926 / 0.984 (issue 4 asks >= 0.90 / 0.95)
    assert result["bcubed"]["f1"] >= 0.915
    assert result["bcubed"]["precision"] >= 0.975
