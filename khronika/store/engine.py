"""Opening a store: where it is, which backend, and bringing its schema up to date.

A store location is a file path (SQLite; SQLCipher once a passphrase is given) or a
``postgresql://`` URL. It comes from ``--db``, else ``KHRONIKA_DB``, else a file under the
user's data directory.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, inspect
from sqlalchemy.pool import QueuePool

from khronika.security.keys import StoreKey

ENV_DB = "KHRONIKA_DB"


class StoreError(RuntimeError):
    """A store that cannot be opened or used, with a message for the user."""


class JSONText(str):
    """A value already written as JSON by :func:`json.dumps`, for a JSON column: stored as
    it is. Extraction workers send their results so: the importing process then neither
    unpickles the result nor encodes it again."""


def json_text(value: Any) -> str:
    """The stores' JSON encoder: a :class:`JSONText` as it is, anything else through
    :func:`json.dumps`, SQLAlchemy's own default (so both give the same text)."""
    return str(value) if isinstance(value, JSONText) else json.dumps(value)


@dataclass(frozen=True, slots=True)
class StoreLocation:
    url: str  # SQLAlchemy URL
    path: Path | None  # the file, for SQLite stores
    backend: str  # sqlite | postgresql

    def describe(self) -> str:
        if self.path is not None:
            return str(self.path)
        # never print a password that may be in the URL
        return self.url.split("@")[-1] if "@" in self.url else self.url


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("khronika", appauthor=False)) / "khronika.db"


def resolve_location(db: str | None) -> StoreLocation:
    """Where the store is: ``db``, else ``$KHRONIKA_DB``, else the default file."""
    raw = db or os.environ.get(ENV_DB) or str(default_db_path())
    if raw.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        url = "postgresql+psycopg://" + raw.split("://", 1)[1]
        return StoreLocation(url, None, "postgresql")
    if raw.startswith("sqlite:///"):
        raw = raw[len("sqlite:///") :]
    if "://" in raw:
        raise StoreError(
            f"unsupported store URL {raw.split('://')[0]}://; use a file path or postgresql://"
        )
    path = Path(raw).expanduser()
    return StoreLocation(f"sqlite:///{path}", path, "sqlite")


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    # WAL lets readers (the web desk) work while an import writes
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def make_engine(loc: StoreLocation, key: StoreKey | None = None) -> Engine:
    """An engine for the location; with ``key``, the SQLite file is opened with SQLCipher."""
    if loc.backend == "postgresql":
        return create_engine(loc.url, pool_pre_ping=True, json_serializer=json_text)
    assert loc.path is not None
    if not loc.path.parent.exists():
        loc.path.parent.mkdir(parents=True, exist_ok=True)
    url: str | URL = loc.url
    if key is not None:
        # SQLAlchemy's pysqlcipher dialect sends `PRAGMA key="<password>"`; a password of
        # the form x'<hex key><hex salt>' is SQLCipher's raw-key syntax (no second KDF).
        url = URL.create("sqlite+pysqlcipher", password=key.raw_key_literal(),
                         database=str(loc.path))
    # A pool keeps SQLCipher connections open: setting up a keyed connection costs more
    # than the queries of a web page. The store disposes of it when closed.
    # QueuePool, not the dialect's per-thread default: the web desk serves from a thread
    # pool, and connections handed between threads need check_same_thread off.
    engine = create_engine(url, poolclass=QueuePool, pool_size=5, max_overflow=10,
                           connect_args={"check_same_thread": False}, json_serializer=json_text)
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


PLAIN_HEADER = b"SQLite format 3\x00"


def file_header(path: Path) -> bytes:
    """The first 16 bytes of a store file: SQLite's magic, or SQLCipher's salt."""
    with path.open("rb") as fh:
        return fh.read(16)


def is_plain_sqlite(path: Path) -> bool:
    """True when the file is an unencrypted SQLite database (its header is readable)."""
    return file_header(path) == PLAIN_HEADER


def check_sqlite_file(path: Path) -> None:
    """Clear errors for a path that cannot be a store file at all."""
    if path.is_dir():
        raise StoreError(f"{path} is a directory; give the path of a store file")
    if path.exists() and 0 < path.stat().st_size < 512:
        raise StoreError(f"{path} is too small to be a Khronika store")


def table_names(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())
