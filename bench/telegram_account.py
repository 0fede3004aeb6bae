"""Reading a Telegram Desktop whole-account export: speed and memory.

Run by hand (not a timed test):

    .venv/bin/python bench/telegram_account.py [--chats 20] [--messages 5000]

Writes a generated account export (``chats.list`` of CHATS chats with MESSAGES messages
each, every message a few hundred characters with a formatted entity, as Telegram writes
them) to a temporary folder, then reads it with the Telegram importer twice: once timed
(messages per second, MB per second) and once under tracemalloc (the peak of Python
allocations while reading, which stays flat whatever the file's size). No store: this
measures the reader alone.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import tracemalloc
from pathlib import Path

from khronika.intake.files import Item
from khronika.intake.formats import read_any

BODY = ("26 марта в Екатеринбурге полиция задержала граждан Таджикистана в общежитии; "
        "Police raided a market in Kazan and detained migrants. ")


def write_export(path: Path, chats: int, messages: int) -> None:
    """An account export written chat by chat (the generator itself stays small)."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write('{"about": "generated", "personal_information": {"user_id": 1}, '
                 '"chats": {"about": "chats", "list": [')
        for c in range(chats):
            fh.write("," if c else "")
            fh.write(f'{{"name": "chat {c}", "type": "private_group", "id": {c}, '
                     '"messages": [')
            for i in range(messages):
                msg = {"id": i, "type": "message", "date": "2024-03-26T10:00:00",
                       "from": f"user {i % 7}", "text": [f"{c}/{i} ", {"type": "bold",
                                                                        "text": BODY * 3}]}
                fh.write(("," if i else "") + json.dumps(msg, ensure_ascii=False))
            fh.write("]}")
        fh.write("]}}")


def count(path: Path) -> int:
    return sum(1 for r in read_any(path, "telegram") if isinstance(r, Item))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chats", type=int, default=20)
    ap.add_argument("--messages", type=int, default=5000, help="messages per chat")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "result.json"
        write_export(path, args.chats, args.messages)
        size_mb = path.stat().st_size / 1e6
        start = time.perf_counter()
        n = count(path)
        seconds = time.perf_counter() - start
        tracemalloc.start()
        count(path)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    print(f"account export: {args.chats} chats, {n} messages, {size_mb:.1f} MB")
    print(f"read in {seconds:.2f} s: {n / seconds:,.0f} messages/s, "
          f"{size_mb / seconds:.1f} MB/s")
    print(f"peak Python memory while reading: {peak / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
