"""Telegram Desktop export (``result.json``): one report per message.

Two shapes are read. A single chat or channel export is one JSON object,
``{"name", "type", "id", "messages": [...]}``; a whole-account export ("Export Telegram
data") holds every chat under ``chats.list[]`` (and those the user left under
``left_chats.list[]``), each chat an object of that same shape. Either can run to
gigabytes, so the file is streamed with ijson (its C backend) event by event and each
message is built on its own: memory stays flat whatever the size. Telegram writes a chat's
``name``, ``type`` and ``id`` before its ``messages``, which is what lets a message carry
its chat's name as it is read.

Each report keeps the channel (chat name), author, date and forwarded-from in ``meta``;
its external id is ``<chat id>/<message id>``. Service messages (joins, pins) and messages
without text (a photo alone) are counted as skipped, not as errors. A file cut short (an
interrupted export) imports every message before the cut and reports where it broke.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from khronika.intake.base import ReadOptions, empty_file, parse_when
from khronika.intake.files import Item, Problem
from khronika.store.store import NewReport

#: Where a chat object sits: the top level of a one-chat export, or an item of the chat
#: lists of a whole-account export.
_CHAT_KEY = re.compile(r"^(?:(?:chats|left_chats)\.list\.item\.)?(name|type|id)$")
_CHAT_START = re.compile(r"^(?:chats|left_chats)\.list\.item$")
_MESSAGE = re.compile(r"^(?:(?:chats|left_chats)\.list\.item\.)?messages\.item$")


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


def message_item(path: Path, chat: dict[str, Any], msg: Any,
                 in_account: bool = False) -> Item | Problem:
    """One report from one exported message, or why there is none.

    ``in_account``: the message comes from a whole-account export, so its place names the
    chat too (message ids are only unique within a chat).
    """
    place = f"{path}#chat {chat.get('id', '?')} " if in_account else f"{path}#"
    if not isinstance(msg, dict):
        return Problem(f"{place}message ?", "a message is not a JSON object")
    mid = msg.get("id")
    where = f"{place}message {mid}"
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
        "chat_id": chat.get("id") if in_account else None,
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


class _Walk:
    """What the reader knows while streaming: the chat being read and the last message."""

    def __init__(self) -> None:
        self.chat: dict[str, Any] = {}
        self.lists = 0  # how many "messages" lists were found
        self.account = False  # a whole-account export (a "chats" list at the top)
        self.last = "before any message"  # where the last message read was

    def read(self, msg: Any) -> None:
        """Remember ``msg`` as the last message read (to say where a cut came)."""
        if not isinstance(msg, dict):
            return
        chat = f" of chat {self.chat.get('name') or self.chat.get('id')!r}" if self.account \
            else ""
        self.last = f"after message {msg.get('id')}{chat}"


def _messages(events: Iterator[tuple[str, str, Any]], walk: _Walk) -> Iterator[Any]:
    """Each message object of either export shape, built one at a time from the events.

    A one-chat export's messages are built by ijson's C item builder, straight from the
    parser (the fast path: a 100k-message channel). ijson.items follows one prefix only,
    so the many chats of a whole-account export are built here, event by event.
    """
    import ijson
    from ijson.common import ObjectBuilder

    for prefix, event, value in events:
        if event == "start_array" and prefix == "messages":
            walk.lists += 1
            yield from ijson.items(events, "messages.item", use_float=True)
            return
        if event == "start_map" and _CHAT_START.match(prefix):
            walk.chat = {}
        elif event == "map_key" and prefix == "" and value == "chats":
            walk.account = True
        elif event in ("string", "number") and (key := _CHAT_KEY.match(prefix)):
            walk.chat[key.group(1)] = value
        elif event == "start_array" and _MESSAGE.match(prefix + ".item"):
            walk.lists += 1
        elif event == "start_map" and _MESSAGE.match(prefix):
            builder = ObjectBuilder()
            builder.event(event, value)
            depth = 1
            for _prefix, inner, inner_value in events:
                builder.event(inner, inner_value)
                depth += inner in ("start_map", "start_array")
                depth -= inner in ("end_map", "end_array")
                if depth == 0:
                    break
            yield builder.value
        elif event in ("string", "number") and _MESSAGE.match(prefix):
            yield value  # a message that is not an object: reported by message_item


def read_telegram(path: Path, options: ReadOptions | None = None) -> Iterator[Item | Problem]:
    """Every message of a Telegram Desktop export (one chat or a whole account), streamed."""
    import ijson

    problem = empty_file(path)
    if problem:
        yield problem
        return
    walk = _Walk()
    with path.open("rb") as fh:
        try:
            for msg in _messages(ijson.parse(fh, use_float=True), walk):
                walk.read(msg)
                yield message_item(path, walk.chat, msg, walk.account)
        except (ijson.IncompleteJSONError, ijson.JSONError) as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else "incomplete"
            yield Problem(f"{path}@byte {fh.tell()}",
                          f"truncated or invalid JSON {walk.last}: {reason}; "
                          "every message before it was read")
            return
        except UnicodeDecodeError as exc:
            yield Problem(str(path), f"not valid UTF-8 (byte {exc.start}): a Telegram export "
                          "is always UTF-8")
            return
    if walk.lists == 0 and walk.account:
        yield Problem(str(path), "a whole-account export with no chats: export again with "
                      "\"Personal chats\", \"Public channels\" or the other chat kinds ticked")
    elif walk.lists == 0:
        yield Problem(str(path), "not a Telegram chat export: no \"messages\" list (Telegram "
                      "Desktop: Export chat history, or Settings, Advanced, Export Telegram "
                      "data)")
