"""E-mail importers: a single message (``.eml``) and a mailbox (``mbox``), one report each.

The body is the first ``text/plain`` part, else the first ``text/html`` part turned into
text; the subject is the title, ``Date`` the published day, ``Message-ID`` the external
id, and sender and recipients go to ``meta``. Attachments are listed by name, not stored.
An mbox is split on its ``From `` lines while streaming, so a mailbox of any size is read
one message at a time, and every problem names the line where its message starts.
"""

from __future__ import annotations

import email.policy
from collections.abc import Iterator
from email import message_from_bytes
from email.message import EmailMessage, Message
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from khronika.intake.base import ReadOptions, empty_file
from khronika.intake.files import Item, Problem
from khronika.store.store import NewReport


def html_to_text(html: str) -> str:
    """Visible text of an HTML fragment (lxml), blocks separated by new lines."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:  # lxml raises several types on junk; the caller wants text or ""
        return ""
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for br in root.xpath("//br|//p|//div|//li|//tr|//h1|//h2|//h3"):
        br.tail = "\n" + (br.tail or "")
    text: str = root.text_content()
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _body(msg: Message) -> tuple[str, list[str]]:
    plain: str | None = None
    html: str | None = None
    attachments: list[str] = []
    for part in msg.walk() if msg.is_multipart() else [msg]:
        if part.is_multipart():
            continue
        name = part.get_filename()
        if name or part.get_content_disposition() == "attachment":
            attachments.append(name or "(unnamed)")
            continue
        ctype = part.get_content_type()
        if ctype not in ("text/plain", "text/html"):
            continue
        try:
            content = part.get_content() if isinstance(part, EmailMessage) else None
        except (LookupError, UnicodeError):  # unknown charset: fall back to bytes
            content = None
        if not isinstance(content, str):
            raw = part.get_payload(decode=True)
            content = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else ""
        if ctype == "text/plain" and plain is None:
            plain = content
        elif ctype == "text/html" and html is None:
            html = content
    text = plain if plain and plain.strip() else html_to_text(html or "")
    return text.strip(), attachments


def message_item(data: bytes, where: str, origin: str) -> Item | Problem:
    """One report from one raw RFC 822 message."""
    msg = message_from_bytes(data, policy=email.policy.default)
    if not msg.keys():
        return Problem(where, "not an e-mail message: no headers")
    text, attachments = _body(msg)
    subject = str(msg.get("subject") or "").strip() or None
    if not text:
        if not subject:
            return Problem(where, "e-mail with neither body text nor subject")
        text = subject
    published = None
    if msg.get("date"):
        try:
            published = parsedate_to_datetime(str(msg["date"])).date()
        except (TypeError, ValueError):
            published = None
    meta: dict[str, Any] = {"from": str(msg.get("from") or ""), "to": str(msg.get("to") or ""),
                            "date": str(msg.get("date") or "")}
    if attachments:
        meta["attachments"] = attachments
    if published is None and msg.get("date"):
        meta["date_unparsed"] = True
    return Item(NewReport(
        text=text, origin=origin, kind="email", title=subject,
        external_id=str(msg.get("message-id") or "").strip() or None,
        published=published, meta={k: v for k, v in meta.items() if v},
    ), where)


def read_eml(path: Path, options: ReadOptions | None = None) -> Iterator[Item | Problem]:
    """One report from one ``.eml`` file."""
    problem = empty_file(path)
    if problem:
        yield problem
        return
    yield message_item(path.read_bytes(), str(path), f"email:{path.name}")


def read_mbox(path: Path, options: ReadOptions | None = None) -> Iterator[Item | Problem]:
    """Every message of an mbox file, streamed by its ``From `` separator lines."""
    problem = empty_file(path)
    if problem:
        yield problem
        return
    origin = f"mbox:{path.name}"
    buf: list[bytes] = []
    start = 0
    prev_blank = True
    with path.open("rb") as fh:
        for n, line in enumerate(fh, start=1):
            if line.startswith(b"From ") and prev_blank:
                if start:
                    yield message_item(b"".join(buf), f"{path}:{start}", origin)
                buf, start = [], n
            elif start == 0:
                if line.strip():
                    yield Problem(f"{path}:{n}", "not an mbox: text before the first "
                                  "'From ' separator line")
                    return
            else:
                # mboxrd/mboxo escape body lines that begin with "From " as ">From "
                buf.append(line[1:] if line.startswith(b">From ") else line)
            prev_blank = not line.strip()
        if start:
            yield message_item(b"".join(buf), f"{path}:{start}", origin)
