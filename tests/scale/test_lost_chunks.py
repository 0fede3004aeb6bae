"""Chunks whose worker keeps dying: resubmitted, then split, and only the document that
kills every worker becomes an error line (checked with a stand-in client, no cluster)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from distributed import KilledWorker

from khronika.scale.batch import BatchError, BatchSummary, _Runner

POISON = b"poison"


class Done:
    def __init__(self, value: Any = None, error: Exception | None = None) -> None:
        self.value, self.error = value, error

    def result(self) -> Any:
        if self.error is not None:
            raise self.error
        return self.value


class FlakyClient:
    """Every chunk holding the poison line 'kills its worker'; the first try of every
    other chunk of several lines does too, once. (A KilledWorker means the scheduler has
    already retried the task on other workers.)"""

    status = "running"

    def __init__(self) -> None:
        self.seen: set[bytes] = set()
        self.submitted = 0

    def submit(self, fn: Callable[[list[Any]], list[Any]], payload: list[Any], key: str,
               pure: bool) -> Done:
        self.submitted += 1
        raws = b"".join(raw for _, raw in payload)
        if POISON in raws:
            return Done(error=killed(key))
        if len(payload) > 1 and raws not in self.seen:
            self.seen.add(raws)
            return Done(error=killed(key))
        return Done([f"{n}:{raw.decode()}\n" for n, raw in payload])


def killed(key: str) -> KilledWorker:
    worker: Any = "tcp://127.0.0.1:1"  # the real one carries the scheduler's WorkerState
    return KilledWorker(key, worker, 3)


def lines(*raws: bytes) -> list[tuple[int, bytes]]:
    return list(enumerate(raws, start=1))


def fake_extract(payload: list[Any]) -> list[Any]:
    raise AssertionError("the stand-in client never calls it")


def test_lost_chunk_resubmitted_then_split() -> None:
    summary = BatchSummary()
    runner = _Runner(FlakyClient(), window=2, summary=summary)
    out = list(runner.submit(fake_extract, lines(b"a", b"b")))
    out += list(runner.submit(fake_extract, lines(b"c", POISON, b"d")))
    out += list(runner.drain())
    flat = [x for chunk in out for x in chunk]
    assert flat[:2] == ["1:a\n", "2:b\n"]
    assert flat[2] == "1:c\n" and flat[4] == "3:d\n"
    assert json.loads(flat[3]) == {"id": None, "error": "line 2: a worker died every time "
                                   "this document was processed; it was left out"}
    assert summary.resubmitted >= 2


def test_lost_scheduler_stops_the_batch() -> None:
    client = FlakyClient()
    client.status = "closed"
    runner = _Runner(client, window=1, summary=BatchSummary())
    with pytest.raises(BatchError, match="run the same command again"):
        list(runner.submit(fake_extract, lines(POISON)))
