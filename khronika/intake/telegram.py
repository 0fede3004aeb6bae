"""Telegram Desktop chat export (``result.json``): one report per message.

The export is one JSON object, ``{"name", "type", "id", "messages": [...]}``, that can
run to gigabytes for a busy channel; it is streamed with ijson (its C backend), one
message at a time, so memory stays flat whatever the size. Each report keeps the channel,
author, date and forwarded-from in ``meta``; its external id is ``<chat id>/<message id>``.

Service messages (joins, pins) and messages without text (a photo alone) are counted as
skipped, not as errors. A file cut short (an interrupted export) imports every message
before the cut and reports where it broke.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from khronika.intake.base import ReadOptions, empty_file, parse_when
from khronika.intake.files import Item, Problem
from khronika.store.store import NewReport


def message_text(value: Any) -> str:
    """The plain text of a message: a string, or a list of strings and entity objects."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        parts = []
        for piece in value:
            if isinstance(piece, str):
                parts.append(piece)
            elif isinstance(piece, dict):
                parts.append(str(piece.get("text") or ""))
        return "".join(parts)
    return ""


def message_item(path: Path, chat: dict[str, Any], msg: Any) -> Item | Problem:
    """One report from one exported message, or why there is none."""
    if not isinstance(msg, dict):
        return Problem(f"{path}#?", "a message is not a JSON object")
    mid = msg.get("id")
    where = f"{path}#message {mid}"
    if msg.get("type", "message") != "message":
        return Problem(where, f"skipped: {msg.get('type')} message "
                       f"({msg.get('action') or 'no text'})", "skip")
    text = message_text(msg.get("text"))
    if not text.strip():
        media = msg.get("media_type") or ("photo" if msg.get("photo") else
                                          "file" if msg.get("file") else "nothing")
        return Problem(where, f"skipped: no text (media only: {media})", "skip")
    when = parse_when(str(msg.get("date") or "")) if msg.get("date") else None
    channel = chat.get("name") or "Telegram"
    meta: dict[str, Any] = {
        "channel": channel,
        "chat_type": chat.get("type"),
        "message_id": mid,
        "author": msg.get("from") or msg.get("author"),
        "author_id": msg.get("from_id"),
        "date": msg.get("date"),
    }
    for key in ("forwarded_from", "reply_to_message_id", "edited", "media_type"):
        if msg.get(key) is not None:
            meta[key] = msg[key]
    meta = {k: v for k, v in meta.items() if v is not None}
    return Item(NewReport(
        text=text, origin=f"telegram:{channel}", kind="telegram",
        external_id=f"{chat.get('id', '')}/{mid}",
        published=when.date() if when else None, meta=meta,
    ), where)


def read_telegram(path: Path, options: ReadOptions | None = None) -> Iterator[Item | Problem]:
    """Every message of a Telegram Desktop single-chat export, streamed."""
    import ijson

    problem = empty_file(path)
    if problem:
        yield problem
        return
    chat: dict[str, Any] = {}
    last_id: Any = None
    with path.open("rb") as fh:
        try:
            events = ijson.parse(fh, use_float=True)
            found = False
            for prefix, event, value in events:
                if prefix in ("name", "type", "id"):
                    chat[prefix] = value
                if prefix == "messages" and event == "start_array":
                    found = True
                    break
                if prefix == "chats" and event == "start_map":
                    yield Problem(str(path), "a whole-account export: export the one chat or "
                                  "channel (Telegram Desktop: chat menu, Export chat history)")
                    return
            if not found:
                yield Problem(str(path), "not a Telegram chat export: no \"messages\" list")
                return
            for msg in ijson.items(events, "messages.item", use_float=True):
                last_id = msg.get("id") if isinstance(msg, dict) else last_id
                yield message_item(path, chat, msg)
        except (ijson.IncompleteJSONError, ijson.JSONError) as exc:
            after = f"after message {last_id}" if last_id is not None else "before any message"
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else "incomplete"
            yield Problem(f"{path}@byte {fh.tell()}",
                          f"truncated or invalid JSON {after}: {reason}; "
                          "every message before it was read")
        except UnicodeDecodeError as exc:
            yield Problem(str(path), f"not valid UTF-8 (byte {exc.start}): a Telegram export "
                          "is always UTF-8")
