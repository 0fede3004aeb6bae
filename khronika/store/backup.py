"""Backups: ``khronika backup`` and ``khronika restore``, encrypted and verified.

Two forms, one manifest:

- **SQLite** (the default for SQLite stores): SQLCipher's ``sqlcipher_export`` copies the
  whole open store — FTS index and all, consistently, while others keep working — into a
  new SQLCipher file keyed from the same passphrase with a fresh salt. The backup is
  itself a store file; the manifest sits inside it in one extra table, dropped on restore.
- **Archive** (PostgreSQL, or ``--logical`` on SQLite): a logical dump of our tables
  through SQLAlchemy as JSON Lines, encrypted with AES-GCM under a key derived from the
  passphrase with argon2id (:func:`khronika.security.keys.derive_key`), in frames of
  1 MiB so that memory stays flat. Each frame's associated data binds the header, its
  position and whether it is the last, so a reordered, cut or edited archive fails.

The manifest gives, per table, the row count and the sha256 of its rows in canonical JSON
(ordered by primary key). ``verify_backup`` checks it without touching a store; restore
checks it before writing and, for archives, again on what the database then holds.
Personal fields encrypted by the application stay encrypted in the archive: the restored
store opens with the same passphrase.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import secrets
import shutil
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Connection, Date, DateTime, Table, func, insert, inspect, select, text
from sqlalchemy.exc import DatabaseError

from khronika.security.keys import SALT_BYTES, StoreKey, derive_key, key_for_file
from khronika.store import migrate
from khronika.store.engine import file_header, make_engine, resolve_location
from khronika.store.schema import metadata
from khronika.store.store import Store, init_store, open_store

MAGIC = b"KHRONIKA-BACKUP/1\n"
FRAME = 1 << 20  # plaintext bytes per encrypted frame
MANIFEST_TABLE = "khronika_backup_manifest"
#: restored rows are inserted this many at a time
INSERT_BATCH = 500


class BackupError(RuntimeError):
    """A backup that cannot be made, verified or restored; the message says why."""


@dataclass(slots=True)
class Manifest:
    """What a backup holds: per table, its row count and the sha256 of its rows."""

    backend: str
    kind: str  # sqlite | archive
    revision: str | None
    created_at: str
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"backend": self.backend, "kind": self.kind, "revision": self.revision,
                "created_at": self.created_at, "tables": self.tables}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Manifest:
        return cls(data["backend"], data["kind"], data.get("revision"), data["created_at"],
                   dict(data["tables"]))

    def rows(self) -> int:
        return sum(int(t["rows"]) for t in self.tables.values())


# -- canonical rows -----------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        # SQLite hands back naive UTC, PostgreSQL aware times in the session's zone:
        # one form for both, so a restored row hashes as the original did
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def canonical(row: dict[str, Any]) -> str:
    """One row as canonical JSON: sorted keys, no spaces, times in UTC."""
    return json.dumps({k: _plain(v) for k, v in row.items()}, sort_keys=True,
                      ensure_ascii=False, separators=(",", ":"))


def _decode(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """A canonical row back into the values its table's columns take."""
    out = dict(row)
    for col in table.columns:
        value = out.get(col.name)
        if isinstance(value, str):
            if isinstance(col.type, DateTime):
                out[col.name] = dt.datetime.fromisoformat(value)
            elif isinstance(col.type, Date):
                out[col.name] = dt.date.fromisoformat(value)
    return out


def our_tables(conn: Connection) -> list[Table]:
    """The schema's tables this database has, parents before children."""
    present = set(inspect(conn).get_table_names())
    return [t for t in metadata.sorted_tables if t.name in present]


def table_rows(conn: Connection, table: Table) -> Iterator[str]:
    """Canonical lines of a table's rows, ordered by primary key, streamed."""
    q = select(table).order_by(*table.primary_key.columns)
    for row in conn.execution_options(stream_results=True, yield_per=2000).execute(q).mappings():
        yield canonical(dict(row))


def digest_tables(conn: Connection) -> dict[str, dict[str, Any]]:
    """Row count and sha256 of every table of ours in the database."""
    out: dict[str, dict[str, Any]] = {}
    for table in our_tables(conn):
        h, n = hashlib.sha256(), 0
        for line in table_rows(conn, table):
            h.update(line.encode("utf-8") + b"\n")
            n += 1
        out[table.name] = {"rows": n, "sha256": h.hexdigest()}
    return out


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _compare(expected: dict[str, dict[str, Any]], found: dict[str, dict[str, Any]],
             where: str) -> None:
    bad = [name for name in sorted(set(expected) | set(found))
           if expected.get(name) != found.get(name)]
    if bad:
        details = "; ".join(
            f"{n}: manifest {expected.get(n, {}).get('rows', 'absent')} rows, "
            f"{where} {found.get(n, {}).get('rows', 'absent')} rows"
            + (" (same count, different content)" if expected.get(n, {}).get("rows")
               == found.get(n, {}).get("rows") else "")
            for n in bad)
        raise BackupError(f"integrity check failed: {details}")


# -- encrypted frames ---------------------------------------------------------------------


def _aad(header: bytes, index: int, last: bool) -> bytes:
    return hashlib.sha256(header).digest() + struct.pack(">Q?", index, last)


class _SealedWriter:
    """Writes text as AES-GCM frames after the archive header."""

    def __init__(self, fh: IO[bytes], key: bytes, header: bytes) -> None:
        self.fh, self.header = fh, header
        self.aead = AESGCM(key)
        self.buf = bytearray()
        self.index = 0
        fh.write(MAGIC + header + b"\n")

    def write(self, data: str) -> None:
        self.buf += data.encode("utf-8")
        while len(self.buf) >= FRAME:
            self._frame(bytes(self.buf[:FRAME]), last=False)
            del self.buf[:FRAME]

    def close(self) -> None:
        self._frame(bytes(self.buf), last=True)

    def _frame(self, plain: bytes, last: bool) -> None:
        nonce = secrets.token_bytes(12)
        sealed = self.aead.encrypt(nonce, plain, _aad(self.header, self.index, last))
        self.fh.write(struct.pack(">I", len(sealed)) + nonce + sealed)
        self.index += 1


def _read_header(fh: IO[bytes]) -> tuple[bytes, dict[str, Any]]:
    if fh.read(len(MAGIC)) != MAGIC:
        raise BackupError("not a Khronika backup archive")
    header = fh.readline().rstrip(b"\n")
    try:
        return header, json.loads(header)
    except ValueError:
        raise BackupError("the archive header is damaged") from None


def _opened_lines(fh: IO[bytes], passphrase: str) -> Iterator[str]:
    """The archive's plaintext lines, each frame authenticated before use."""
    header, info = _read_header(fh)
    key = derive_key(passphrase, base64.b64decode(info["salt"]))
    aead = AESGCM(key)
    pending, index = b"", 0
    while True:
        size_raw = fh.read(4)
        if len(size_raw) < 4:
            raise BackupError("the archive is truncated: its last part is missing")
        (size,) = struct.unpack(">I", size_raw)
        nonce, sealed = fh.read(12), fh.read(size)
        if len(sealed) < size:
            raise BackupError("the archive is truncated in the middle of a part")
        plain = last = None
        for last in (False, True):
            try:
                plain = aead.decrypt(nonce, sealed, _aad(header, index, last))
                break
            except InvalidTag:
                continue
        if plain is None:
            raise BackupError(f"part {index} of the archive fails authentication: wrong "
                              "passphrase, or the file was altered or damaged")
        index += 1
        pending += plain
        *lines, pending = pending.split(b"\n")
        for line in lines:
            yield line.decode("utf-8")
        if last:
            if pending or fh.read(1):
                raise BackupError("the archive has data after its last part")
            return


# -- making backups -----------------------------------------------------------------------


def backup(store: Store, dest: Path, passphrase: str, logical: bool = False) -> Manifest:
    """Write an encrypted, verifiable backup of ``store`` to ``dest`` (not overwritten)."""
    if dest.exists():
        raise BackupError(f"{dest} exists; choose a new file name (backups are never "
                          "overwritten)")
    tmp = dest.with_name(dest.name + ".part")
    try:
        if store.location.backend == "sqlite" and not logical:
            manifest = _backup_sqlite(store, tmp, passphrase)
        else:
            manifest = _backup_archive(store, tmp, passphrase)
        os.replace(tmp, dest)  # only a complete backup ever has the final name
    finally:
        tmp.unlink(missing_ok=True)
    return manifest


def _backup_archive(store: Store, dest: Path, passphrase: str) -> Manifest:
    salt = secrets.token_bytes(SALT_BYTES)
    info = {"format": "khronika-backup", "version": 1, "kdf": "argon2id",
            "salt": base64.b64encode(salt).decode(), "cipher": "AES-256-GCM",
            "backend": store.location.backend, "frame": FRAME}
    header = json.dumps(info, sort_keys=True).encode()
    manifest = Manifest(store.location.backend, "archive",
                        migrate.current_revision(store.engine), _now())
    # one repeatable-read transaction: every table as of the same moment
    with dest.open("wb") as fh, store.engine.connect() as conn:
        if store.location.backend == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            out = _SealedWriter(fh, derive_key(passphrase, salt), header)
            for table in our_tables(conn):
                h, n = hashlib.sha256(), 0
                for line in table_rows(conn, table):
                    out.write(f'{{"t":{json.dumps(table.name)},"r":{line}}}\n')
                    h.update(line.encode("utf-8") + b"\n")
                    n += 1
                manifest.tables[table.name] = {"rows": n, "sha256": h.hexdigest()}
            out.write(json.dumps({"manifest": manifest.to_json()}) + "\n")
            out.close()
    return manifest


def _backup_sqlite(store: Store, dest: Path, passphrase: str) -> Manifest:
    salt = secrets.token_bytes(SALT_BYTES)
    key = StoreKey(derive_key(passphrase, salt), salt)
    with store.engine.connect() as conn:
        manifest = Manifest("sqlite", "sqlite", migrate.current_revision(store.engine), _now())
        raw = conn.connection.dbapi_connection
        assert raw is not None
        # SQLite refuses ATTACH inside a transaction: attach first, then take the manifest
        # and the copy inside one read transaction, so that they agree even while others
        # write (a WAL reader sees one snapshot)
        raw.execute(f"ATTACH DATABASE ? AS backup KEY \"{key.raw_key_literal()}\"",
                    (str(dest),))
        raw.execute("BEGIN")
        try:
            manifest.tables = digest_tables(conn)
            raw.execute("SELECT sqlcipher_export('backup')")
            raw.execute(f"CREATE TABLE backup.{MANIFEST_TABLE} (key TEXT PRIMARY KEY, "
                        "value TEXT NOT NULL)")
            raw.execute(f"INSERT INTO backup.{MANIFEST_TABLE} VALUES ('manifest', ?)",
                        (json.dumps(manifest.to_json()),))
            raw.execute("COMMIT")
        except Exception:
            raw.execute("ROLLBACK")
            raise
        finally:
            if any(r[1] == "backup" for r in raw.execute("PRAGMA database_list")):
                raw.execute("DETACH DATABASE backup")
    return manifest


# -- verifying ----------------------------------------------------------------------------


def is_archive(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(len(MAGIC)) == MAGIC


def verify_backup(path: Path, passphrase: str) -> Manifest:
    """Check a backup end to end against its manifest; :class:`BackupError` if it fails."""
    if not path.is_file():
        raise BackupError(f"no backup at {path}")
    if is_archive(path):
        return _verify_archive(path, passphrase)
    return _verify_sqlite(path, passphrase)


def _verify_archive(path: Path, passphrase: str) -> Manifest:
    found: dict[str, dict[str, Any]] = {}
    hashes: dict[str, Any] = {}
    manifest: Manifest | None = None
    with path.open("rb") as fh:
        for line in _opened_lines(fh, passphrase):
            if manifest is not None:
                raise BackupError("the archive has rows after its manifest")
            if line.startswith('{"manifest":'):
                manifest = Manifest.from_json(json.loads(line)["manifest"])
                continue
            name, row = _split(line)
            if name not in hashes:
                hashes[name], found[name] = hashlib.sha256(), {"rows": 0}
            hashes[name].update(row.encode("utf-8") + b"\n")
            found[name]["rows"] += 1
    if manifest is None:
        raise BackupError("the archive has no manifest")
    for name, h in hashes.items():
        found[name]["sha256"] = h.hexdigest()
    _compare({k: v for k, v in manifest.tables.items() if v["rows"]}, found, "archive")
    return manifest


def _split(line: str) -> tuple[str, str]:
    """(table name, canonical row text) of an archive line, exactly as written."""
    head = '{"t":'
    if not line.startswith(head) or not line.endswith("}"):
        raise BackupError("the archive holds a line that is not a table row")
    name_end = line.index(',"r":')
    return json.loads(line[len(head):name_end]), line[name_end + 5 : -1]


def _sqlite_key(path: Path, passphrase: str) -> StoreKey:
    return key_for_file(passphrase, file_header(path))


def _verify_sqlite(path: Path, passphrase: str) -> Manifest:
    engine = make_engine(resolve_location(str(path)), _sqlite_key(path, passphrase))
    try:
        with engine.connect() as conn:
            try:
                problems = [r[0] for r in conn.exec_driver_sql("PRAGMA cipher_integrity_check")]
            except DatabaseError:
                raise BackupError("the backup cannot be opened: wrong passphrase, or not a "
                                  "Khronika backup, or damaged") from None
            if problems:
                raise BackupError(f"the backup file was altered or damaged: {problems[0]}")
            check = conn.exec_driver_sql("PRAGMA integrity_check").scalar()
            if check != "ok":
                raise BackupError(f"the backup's database structure is damaged: {check}")
            raw = conn.execute(text(f"SELECT value FROM {MANIFEST_TABLE} "
                                    "WHERE key = 'manifest'")).scalar_one_or_none()
            if raw is None:
                raise BackupError("the backup has no manifest")
            manifest = Manifest.from_json(json.loads(raw))
            _compare(manifest.tables, digest_tables(conn), "backup")
    except DatabaseError as exc:
        # SQLCipher checks each page's HMAC as it reads: an altered page fails here
        raise BackupError(f"the backup cannot be read: wrong passphrase, or the file was "
                          f"altered or damaged ({exc.orig})") from None
    finally:
        engine.dispose()
    return manifest


# -- restoring ----------------------------------------------------------------------------


def restore(path: Path, db: str, passphrase: str, force: bool = False) -> Manifest:
    """Verify the backup at ``path``, then restore it to the store location ``db``.

    A SQLite target must not exist unless ``force`` (it is then replaced only once the
    restored copy is complete); a PostgreSQL target must hold no rows of ours.
    """
    manifest = verify_backup(path, passphrase)
    loc = resolve_location(db)
    if loc.path is not None and loc.path.exists() and not force:
        raise BackupError(f"{loc.path} exists; restore to a new path, or pass --force to "
                          "replace it")
    if not is_archive(path):
        if loc.path is None:
            raise BackupError("a SQLite backup restores to a file; for PostgreSQL make the "
                              "backup with --logical")
        _restore_sqlite_file(path, loc.path, passphrase)
        return manifest
    if manifest.backend != loc.backend:
        # personal fields are encrypted by the application on PostgreSQL and by the file
        # on SQLite: moving rows across would leave them unreadable or unprotected
        raise BackupError(f"this archive was made from a {manifest.backend} store; restore "
                          f"it to {manifest.backend} (moving between backends is not "
                          "supported yet)")
    if loc.path is not None:
        tmp = loc.path.with_name(loc.path.name + ".restoring")
        for stale in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            stale.unlink(missing_ok=True)
        _restore_archive(path, str(tmp), passphrase, manifest)
        _replace_sqlite(tmp, loc.path)
    else:
        _restore_archive(path, db, passphrase, manifest)
    return manifest


def _replace_sqlite(src: Path, dest: Path) -> None:
    for side in ("-wal", "-shm"):
        Path(f"{dest}{side}").unlink(missing_ok=True)
    os.replace(src, dest)


def _restore_sqlite_file(path: Path, dest: Path, passphrase: str) -> None:
    tmp = dest.with_name(dest.name + ".restoring")
    shutil.copyfile(path, tmp)
    engine = make_engine(resolve_location(str(tmp)), _sqlite_key(tmp, passphrase))
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"DROP TABLE {MANIFEST_TABLE}")
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
    _replace_sqlite(tmp, dest)


def _restore_archive(path: Path, db: str, passphrase: str, manifest: Manifest) -> None:
    store = _empty_store(db, passphrase, manifest.revision)
    try:
        tables = {t.name: t for t in metadata.sorted_tables}
        with store.engine.begin() as conn, path.open("rb") as fh:
            # init_store wrote a fresh field key; the archive brings the original one
            conn.execute(tables["settings"].delete())
            batch: list[dict[str, Any]] = []
            current: Table | None = None
            for line in _opened_lines(fh, passphrase):
                if line.startswith('{"manifest":'):
                    break
                name, row = _split(line)
                if current is None or name != current.name:
                    _flush(conn, current, batch)
                    current = tables[name]
                batch.append(_decode(current, json.loads(row)))
                if len(batch) >= INSERT_BATCH:
                    _flush(conn, current, batch)
            _flush(conn, current, batch)
            if store.location.backend == "postgresql":
                _reset_sequences(conn)
            # what the database now holds must be what was backed up, or nothing is kept
            _compare({k: v for k, v in manifest.tables.items() if v["rows"]},
                     {k: v for k, v in digest_tables(conn).items() if v["rows"]},
                     "restored store")
    finally:
        store.close()
    if manifest.revision != migrate.head_revision():
        open_store(db, passphrase).close()  # brings an older backup's schema up to date


def _empty_store(db: str, passphrase: str, revision: str | None) -> Store:
    """A store at ``db`` with the schema at ``revision`` and none of our rows."""
    store = init_store(db, passphrase=passphrase)
    with store.connect() as conn:
        busy = [t.name for t in our_tables(conn) if t.name != "settings"
                and conn.execute(select(func.count()).select_from(t)).scalar_one()]
    if busy:
        store.close()
        raise BackupError(f"the target store is not empty ({', '.join(busy)} have rows); "
                          "restore into an empty database")
    if revision and revision != migrate.current_revision(store.engine):
        migrate.downgrade(store.engine, revision)
    return store


def _flush(conn: Connection, table: Table | None, batch: list[dict[str, Any]]) -> None:
    if table is not None and batch:
        conn.execute(insert(table), batch)
    batch.clear()


def _reset_sequences(conn: Connection) -> None:
    """Point each id sequence past the restored ids, so new rows do not collide."""
    for table in our_tables(conn):
        if "id" in table.c and table.c.id.primary_key and table.c.id.autoincrement:
            conn.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table.name}"))


__all__ = ["BackupError", "Manifest", "backup", "restore", "verify_backup"]
