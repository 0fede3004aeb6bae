"""Opening a store: where it is, which backend, and bringing its schema up to date.

A store location is a file path (SQLite; SQLCipher once a passphrase is given) or a
``postgresql://`` URL. It comes from ``--db``, else ``KHRONIKA_DB``, else a file under the
user's data directory.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.pool import NullPool

ENV_DB = "KHRONIKA_DB"


class StoreError(RuntimeError):
    """A store that cannot be opened or used, with a message for the user."""


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


Connector = Callable[[], Any]


def make_engine(loc: StoreLocation, connector: Connector | None = None) -> Engine:
    """An engine for the location. ``connector`` replaces the DB-API connect (SQLCipher)."""
    if loc.backend == "postgresql":
        return create_engine(loc.url, pool_pre_ping=True, future=True)
    assert loc.path is not None
    if not loc.path.parent.exists():
        loc.path.parent.mkdir(parents=True, exist_ok=True)
    kwargs: dict[str, Any] = {"poolclass": NullPool}
    if connector is not None:
        kwargs["creator"] = connector
    engine = create_engine(loc.url, **kwargs)
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def is_plain_sqlite(path: Path) -> bool:
    """True when the file is an unencrypted SQLite database (its header is readable)."""
    with path.open("rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"


def check_sqlite_file(path: Path) -> None:
    """Clear errors for a path that is not a usable SQLite store."""
    if path.is_dir():
        raise StoreError(f"{path} is a directory; give the path of a store file")
    if path.exists() and path.stat().st_size > 0 and not is_plain_sqlite(path):
        raise StoreError(
            f"{path} is not a plain SQLite store (it may be encrypted or another kind of file)"
        )
    try:
        if path.exists():
            sqlite3.connect(f"file:{path}?mode=ro", uri=True).close()
    except sqlite3.Error as exc:  # pragma: no cover - depends on the file
        raise StoreError(f"cannot open {path}: {exc}") from exc


def table_names(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())
