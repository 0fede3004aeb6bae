"""Scoring extraction against the project's own gold annotations (the demo corpus).

The same function backs ``khronika evaluate`` (which prints the per-field figures) and the
regression test that fails when a figure drops below its pinned floor.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khronika import triage


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class Tally:
    """Hits over trials for one measure, with the ids of the misses."""

    hits: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, doc_id: str) -> None:
        self.total += 1
        if ok:
            self.hits += 1
        else:
            self.misses.append(doc_id)

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 0.0


MEASURES = ("type", "acled_sub", "date", "location", "counts", "places_recall",
            "entities_p", "entities_r", "urgent", "event_recall")


def score(records: Iterable[dict[str, Any]], predictions: dict[str, dict[str, Any]]
          ) -> dict[str, Tally]:
    """Per-measure tallies of predictions (contract output by id) against gold records."""
    from khronika import taxonomy

    t = {name: Tally() for name in MEASURES}
    for rec in records:
        rid, gold = rec["id"], rec["gold"]
        pred = predictions.get(rid) or {}
        events = pred.get("events") or []
        first = events[0] if events else {}
        g0 = (gold.get("events") or [{}])[0]
        if g0.get("type"):
            t["type"].add(first.get("type") == g0["type"], rid)
            # a raid in which nobody was detained is ACLED's "Other", as the contract says
            want = taxonomy.acled_for(g0["type"], detained="detained" in (g0.get("counts") or {}))
            got = first.get("acled")
            t["acled_sub"].add(
                (want or {}).get("sub_event_type") == (got or {}).get("sub_event_type"), rid)
        if g0.get("date"):
            t["date"].add((first.get("date") or {}).get("start") == g0["date"]["start"], rid)
        gl = g0.get("location")
        if gl and gl.get("lat") is not None:
            pl = first.get("location") or {}
            ok = pl.get("lat") is not None and km(gl["lat"], gl["lon"], pl["lat"], pl["lon"]) <= 25
            t["location"].add(ok, rid)
        for kind, gc in (g0.get("counts") or {}).items():
            pc = (first.get("counts") or {}).get(kind) or {}
            t["counts"].add(pc.get("min") == gc.get("min"), f"{rid}:{kind}")
        found = {p["text"] for p in pred.get("places") or []}
        for name in gold.get("places") or []:
            t["places_recall"].add(any(name in f or f in name for f in found), f"{rid}:{name}")
        gold_ents = Counter((e["label"], e["text"]) for e in gold.get("entities") or [])
        pred_ents = Counter((e["label"], e["text"]) for e in pred.get("entities") or [])
        for key, n in pred_ents.items():
            for i in range(n):
                t["entities_p"].add(gold_ents.get(key, 0) > i, f"{rid}:{key[1]}")
        for key, n in gold_ents.items():
            for i in range(n):
                t["entities_r"].add(pred_ents.get(key, 0) > i, f"{rid}:{key[1]}")
        gold_urgent = any(e.get("urgent") for e in gold.get("events") or [])
        urgency = triage.assess(rec["text"], [e["type"] for e in events
                                              if e.get("certainty") != "denied"])
        t["urgent"].add((urgency.score >= triage.URGENT_THRESHOLD) == gold_urgent, rid)
        gold_types = [e["type"] for e in gold.get("events") or []]
        pred_types = [e.get("type") for e in events]
        for code in gold_types:
            t["event_recall"].add(code in pred_types, f"{rid}:{code}")
    return t


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Gold records from a JSON Lines file in the demo corpus's shape."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def run_demo_gold(path: Path | None = None) -> dict[str, Tally]:
    """Extract every report of a gold set (the demo corpus by default) and score it."""
    from khronika.demo import load_corpus
    from khronika.extract import extract_record

    corpus = load_gold(path) if path else list(load_corpus())
    preds = {}
    for rec in corpus:
        inp = {"id": rec["id"], "text": rec["text"], "published": rec.get("published")}
        preds[rec["id"]] = extract_record(inp)
    return score(corpus, preds)


def entities_f1(t: dict[str, Tally]) -> float:
    p, r = t["entities_p"].value, t["entities_r"].value
    return 2 * p * r / (p + r) if p + r else 0.0
