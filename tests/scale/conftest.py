"""Fixtures for the scale tests: small contract inputs, written to files."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path
from typing import Any

import pytest

from khronika.scale.synth import notes

#: lines ``khronika extract`` answers with error lines, mixed in among good ones
BAD_LINES = [b"not json\n", b'{"id": "no-text"}\n', b"\n", b"\xff\xfe\n"]


def write_input(path: Path, n: int, seed: int = 8, bad: bool = True) -> Path:
    """``n`` synthetic notes as JSON Lines, with the bad lines spread among them."""
    with path.open("wb") as fh:
        for i, record in enumerate(notes(n, seed)):
            if bad and i % 5 == 2 and i // 5 < len(BAD_LINES):
                fh.write(BAD_LINES[i // 5])
            fh.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
    return path


def kill_a_busy_worker(client: Any) -> int:
    """SIGKILL a worker process of ``client``'s cluster that holds tasks (else the first
    one); returns its pid."""
    pids: dict[str, int] = client.run(os.getpid)
    busy = [addr for addr, keys in client.processing().items() if keys]
    victim = busy[0] if busy else sorted(pids)[0]
    os.kill(pids[victim], signal.SIGKILL)
    return pids[victim]


@pytest.fixture
def small_inputs(tmp_path: Path) -> list[Path]:
    """Two input files: 14 notes with 3 bad lines, and 6 clean notes."""
    return [write_input(tmp_path / "a.jsonl", 14), write_input(tmp_path / "b.jsonl", 6, 9, False)]
