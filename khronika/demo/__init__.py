"""The demo corpus: reports written for this project, each with a gold annotation.

The gold annotations are the project's own regression set (see ``tests/``); the demo store
gets only what a real import would: text, source, kind, language and published date.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

from khronika.extract.contract import parse_published
from khronika.intake.files import Item
from khronika.store.store import NewReport


@cache
def load_corpus() -> tuple[dict[str, Any], ...]:
    """Every demo report with its gold annotation."""
    path = resources.files("khronika.demo") / "data" / "reports.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(json.loads(line) for line in lines if line.strip())


def demo_items() -> Iterator[Item]:
    for rec in load_corpus():
        yield Item(
            NewReport(
                text=rec["text"],
                origin=rec.get("source") or "demo",
                kind=rec.get("kind") or "news",
                external_id=rec["id"],
                lang=rec.get("lang"),
                published=parse_published(rec.get("published")),
                meta={"demo": True},
            ),
            f"demo:{rec['id']}",
        )
