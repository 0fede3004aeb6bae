"""The store: reports, their extractions, incidents and the change log.

:class:`Store` is the one way the rest of the package touches the database. Reports are
immutable: they are inserted once (keyed by the hash of their exact text) and never
updated. Every change to incidents goes through :meth:`Store.log_change`, which appends a
hash-chained row to ``changes``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, func, insert, select
from sqlalchemy import text as sql
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DatabaseError

from khronika.security.fields import (
    FieldCipher,
    PlainFields,
    load_field_key,
    setup_field_key,
)
from khronika.security.keys import PassphraseError, StoreKey, key_for_file, new_key
from khronika.store import migrate
from khronika.store.engine import (
    JSONText,
    StoreError,
    StoreLocation,
    check_sqlite_file,
    file_header,
    is_plain_sqlite,
    make_engine,
    resolve_location,
)
from khronika.store.schema import changes, extractions, incident_reports, incidents, reports

GENESIS = "0" * 64
#: How much of a report's text the redacted search copy covers (see _add_report).
SEARCH_CHARS = 200_000


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def content_hash(text: str) -> str:
    """The identity of a report: sha256 of its exact text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _chain_hash(prev: str, row: dict[str, Any]) -> str:
    payload = json.dumps(row, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256((prev + payload).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Change:
    """One entry to append to the change log (:meth:`Store.log_changes`)."""

    actor: str
    action: str
    entity: str
    entity_id: str | int | None
    data: dict[str, Any]
    #: when the change was made (the entry's ``at``, part of its hash)
    at: dt.datetime = field(default_factory=lambda: utcnow())


#: The head of the change log's hash chain: id of the last entry (0 when the log is empty)
#: and its hash (:data:`GENESIS` when empty).
ChainHead = tuple[int, str]

# Statements run for every batch, built once: building a statement costs more than
# running it (a third of an import's store time went to building them per report).
_FIND_HASHES = select(reports.c.content_hash, reports.c.id).where(
    reports.c.content_hash.in_(bindparam("hashes", expanding=True)))
_DROP_EXTRACTIONS = delete(extractions).where(
    extractions.c.report_id.in_(bindparam("ids", expanding=True))
    & (extractions.c.pipeline_version == bindparam("version")))
_INSERT_EXTRACTION = insert(extractions)
_CHAIN_HEAD = select(changes.c.id, changes.c.hash).order_by(changes.c.id.desc()).limit(1)
# RETURNING in parameter order also makes the ids follow the parameters on PostgreSQL (a
# multi-row INSERT does not promise that by itself), and the chain is verified in id order.
_INSERT_CHANGES = insert(changes).returning(changes.c.id, sort_by_parameter_order=True)

#: Values per statement where a batch is looked up or deleted by a list of keys.
IN_CHUNK = 500


@dataclass(frozen=True, slots=True)
class NewReport:
    """A report as it arrived, before it is stored."""

    text: str
    origin: str
    kind: str = "text"
    title: str | None = None
    external_id: str | None = None
    lang: str | None = None
    published: dt.date | None = None
    meta: dict[str, Any] | None = None


class Store:
    """An opened store. Use :func:`open_store` or :func:`init_store` to get one."""

    def __init__(self, engine: Engine, location: StoreLocation, encrypted: bool,
                 fields: FieldCipher | None = None) -> None:
        self.engine = engine
        self.location = location
        #: True when the data is encrypted at rest: the whole SQLCipher file, or (on
        #: PostgreSQL) the personal fields through ``fields``
        self.encrypted = encrypted
        #: encrypts personal fields where the file itself is not encrypted
        self.fields: FieldCipher = fields or PlainFields()

    @property
    def fields_encrypted(self) -> bool:
        """True when personal fields are encrypted by the application (PostgreSQL)."""
        return not isinstance(self.fields, PlainFields)

    def report_text(self, stored: str) -> str:
        """A report's text as written, from what the ``text`` column holds."""
        return self.fields.decrypt(stored) or ""

    # -- life cycle ---------------------------------------------------------------------

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def connect(self) -> Connection:
        return self.engine.connect()

    # -- reports ------------------------------------------------------------------------

    def add_report(self, report: NewReport, conn: Connection | None = None) -> tuple[int, bool]:
        """Store a report unless its text is already stored: (report id, newly added)."""
        digest = content_hash(report.text)
        if conn is None:
            with self.engine.begin() as own:
                return self._add_report(own, report, digest)
        return self._add_report(conn, report, digest)

    def add_reports(self, batch: Sequence[NewReport], conn: Connection
                    ) -> list[tuple[int, bool]]:
        """:meth:`add_report` for each report of ``batch`` in turn, in a few statements: one
        look-up of the batch's hashes (per :data:`IN_CHUNK`) and one multi-row INSERT of the
        new reports, which get their ids in batch order (as one at a time would)."""
        digests = [content_hash(r.text) for r in batch]
        found: dict[str, int] = {}
        unique = list(dict.fromkeys(digests))
        for part in chunked(unique, IN_CHUNK):
            found |= {h: int(i) for h, i in conn.execute(_FIND_HASHES, {"hashes": list(part)})}
        # a text twice in the batch is new the first time only, as one at a time
        todo = {d: r for d, r in zip(digests, batch, strict=True) if d not in found}
        created: set[str] = set()
        if todo:
            rows = [self._report_row(r, d) for d, r in todo.items()]
            # ON CONFLICT DO NOTHING: another writer may store the same text between our
            # look-up and insert; only the rows inserted come back
            dialect_insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
            stmt = (dialect_insert(reports).on_conflict_do_nothing(index_elements=["content_hash"])
                    .returning(reports.c.id, reports.c.content_hash,
                               sort_by_parameter_order=True))
            for rid, digest in conn.execute(stmt, rows):
                found[digest] = int(rid)
                created.add(digest)
            lost = [d for d in todo if d not in found]
            if lost:  # stored by that other writer meanwhile
                found |= {h: int(i) for h, i in conn.execute(_FIND_HASHES, {"hashes": lost})}
        out: list[tuple[int, bool]] = []
        for d in digests:
            out.append((found[d], d in created))
            created.discard(d)
        return out

    def _report_row(self, report: NewReport, digest: str) -> dict[str, Any]:
        """The ``reports`` row of a new report (its text encrypted where fields are)."""
        values = {
            "content_hash": digest,
            "text": report.text,
            "title": report.title,
            "origin": report.origin,
            "external_id": report.external_id,
            "kind": report.kind,
            "lang": report.lang,
            "published": report.published,
            "received_at": utcnow(),
            "meta": report.meta or {},
        }
        if self.fields_encrypted:
            # Personal data in a report's text is encrypted like a case's; search gets the
            # text with names, numbers and addresses replaced (the public profile).
            from khronika.security.redact import redact_text

            values["text"] = self.fields.encrypt(report.text)
            # Search covers the head of a very long text, as extraction does: finding
            # names in megabytes would stall an import (a 2 MB report took minutes).
            values["search_text"] = redact_text(report.text[:SEARCH_CHARS], "public")
        return values

    def _add_report(self, conn: Connection, report: NewReport, digest: str) -> tuple[int, bool]:
        found = conn.execute(
            select(reports.c.id).where(reports.c.content_hash == digest)
        ).scalar_one_or_none()
        if found is not None:
            return int(found), False
        values = self._report_row(report, digest)
        # ON CONFLICT DO NOTHING instead of a savepoint around a plain INSERT: another
        # writer may store the same text between our look-up and insert, and a savepoint
        # per report cost ~5 ms on SQLCipher (measured by bench/import_scale.py).
        dialect_insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
        stmt = (dialect_insert(reports).values(**values)
                .on_conflict_do_nothing(index_elements=["content_hash"])
                .returning(reports.c.id))
        new_id = conn.execute(stmt).scalar_one_or_none()
        if new_id is None:
            found = conn.execute(
                select(reports.c.id).where(reports.c.content_hash == digest)
            ).scalar_one()
            return int(found), False
        return int(new_id), True

    def get_report(self, report_id: int) -> dict[str, Any] | None:
        with self.connect() as conn:
            row = conn.execute(select(reports).where(reports.c.id == report_id)).mappings().first()
        if row is None:
            return None
        out = dict(row)
        out["text"] = self.report_text(out["text"])
        return out

    def count(self, table: str) -> int:
        tables = {"reports": reports, "extractions": extractions, "incidents": incidents,
                  "changes": changes, "incident_reports": incident_reports}
        with self.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(tables[table])).scalar_one())

    # -- extractions --------------------------------------------------------------------

    def save_extraction(
        self,
        conn: Connection,
        report_id: int,
        version: str,
        result: dict[str, Any],
        error: str | None = None,
    ) -> None:
        """Record what the pipeline made of a report (replacing that version's earlier run)."""
        self.save_extractions(conn, version, [(report_id, result, error)])

    def save_extractions(
        self,
        conn: Connection,
        version: str,
        done: Sequence[tuple[int, dict[str, Any] | JSONText, str | None]],
    ) -> None:
        """:meth:`save_extraction` for each (report id, result, error) of ``done`` (a result
        may come as its JSON text, from an extraction worker), in one
        DELETE (per :data:`IN_CHUNK` reports) and one multi-row INSERT; a report named twice
        keeps its last result, as saving them one by one would."""
        last = {rid: (result, error) for rid, result, error in done}
        if not last:
            return
        for part in chunked(list(last), IN_CHUNK):
            conn.execute(_DROP_EXTRACTIONS, {"ids": list(part), "version": version})
        now = utcnow()
        conn.execute(_INSERT_EXTRACTION, [
            {"report_id": rid, "pipeline_version": version, "created_at": now,
             "status": "error" if error else "ok", "error": error, "result": result}
            for rid, (result, error) in last.items()])

    def latest_extraction(self, report_id: int) -> dict[str, Any] | None:
        with self.connect() as conn:
            row = (
                conn.execute(
                    select(extractions)
                    .where(extractions.c.report_id == report_id)
                    .order_by(extractions.c.id.desc())
                )
                .mappings()
                .first()
            )
            return dict(row) if row else None

    def reports_without_extraction(self, version: str) -> Iterator[dict[str, Any]]:
        done = select(extractions.c.report_id).where(extractions.c.pipeline_version == version)
        with self.connect() as conn:
            rows = conn.execute(
                select(reports).where(reports.c.id.not_in(done)).order_by(reports.c.id)
            ).mappings()
            for row in rows.all():
                out = dict(row)
                out["text"] = self.report_text(out["text"])
                yield out

    # -- incidents ----------------------------------------------------------------------

    def incidents(
        self,
        type_: str | None = None,
        place: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Incidents, most urgent then newest first, each with the ids of its reports."""
        q = select(incidents)
        if type_:
            q = q.where(incidents.c.type == type_)
        if place:
            like = f"%{place.lower()}%"
            q = q.where(
                func.lower(incidents.c.location_name).like(like)
                | func.lower(incidents.c.admin1).like(like)
                | (func.lower(incidents.c.country) == place.lower())
            )
        if since:
            q = q.where(incidents.c.date_start >= since)
        if until:
            q = q.where(incidents.c.date_start <= until)
        q = q.order_by(incidents.c.urgency.desc(), incidents.c.date_start.desc(), incidents.c.id)
        if limit:
            q = q.limit(limit)
        with self.connect() as conn:
            rows = [dict(r) for r in conn.execute(q).mappings()]
            if not rows:
                return rows
            ids = [r["id"] for r in rows]
            links: dict[int, list[int]] = {}
            for inc_id, rep_id in conn.execute(
                select(incident_reports.c.incident_id, incident_reports.c.report_id)
                .where(incident_reports.c.incident_id.in_(ids))
                .order_by(incident_reports.c.report_id)
            ):
                lst = links.setdefault(int(inc_id), [])
                if int(rep_id) not in lst:
                    lst.append(int(rep_id))
        for r in rows:
            r["report_ids"] = links.get(int(r["id"]), [])
        return rows

    def incidents_of_report(self, report_id: int) -> list[int]:
        with self.connect() as conn:
            return [
                int(i)
                for i in conn.execute(
                    select(incident_reports.c.incident_id)
                    .where(incident_reports.c.report_id == report_id)
                    .distinct()
                ).scalars()
            ]

    # -- change log ---------------------------------------------------------------------

    def log_change(
        self,
        conn: Connection,
        actor: str,
        action: str,
        entity: str,
        entity_id: str | int | None,
        data: dict[str, Any],
    ) -> None:
        """Append one hash-chained entry to the change log."""
        self.log_changes(conn, [Change(actor, action, entity, entity_id, data)])

    def lock_changes(self, conn: Connection) -> ChainHead:
        """Take the change log's write lock until ``conn``'s transaction ends, and read the
        head of the chain under it."""
        # Serialise writers of the log until this transaction ends: two transactions
        # reading the same last hash would fork the chain (seen with 50 clients by
        # bench/concurrency.py, and with threads by tests/store/test_store.py).
        if conn.dialect.name == "postgresql":
            conn.execute(sql("SELECT pg_advisory_xact_lock(7215006)"))
        else:
            # A write statement takes SQLite's write lock now, before the read below, even
            # when it changes no row; other writers wait (busy_timeout) until we commit.
            conn.execute(sql("UPDATE changes SET id = id WHERE 0"))
        row = conn.execute(_CHAIN_HEAD).first()
        return (int(row.id), str(row.hash)) if row is not None else (0, GENESIS)

    def log_changes(self, conn: Connection, entries: Sequence[Change],
                    head: ChainHead | None = None) -> ChainHead:
        """Append ``entries`` in order to the change log, hash-chained, in one statement;
        returns the new head.

        ``head`` is the chain head as :meth:`lock_changes` read it in this transaction
        (the lock is held until it ends, so it is still the head); without it the lock is
        taken and the head read here.
        """
        if head is None:
            head = self.lock_changes(conn)
        if not entries:
            return head
        prev = head[1]
        rows = []
        for e in entries:
            entity_id = None if e.entity_id is None else str(e.entity_id)
            digest = _chain_hash(prev, {"at": e.at.isoformat(), "actor": e.actor,
                                        "action": e.action, "entity": e.entity,
                                        "entity_id": entity_id, "data": e.data})
            rows.append({"at": e.at, "actor": e.actor, "action": e.action,
                         "entity": e.entity, "entity_id": entity_id, "data": e.data,
                         "prev_hash": prev, "hash": digest})
            prev = digest
        ids = conn.execute(_INSERT_CHANGES, rows).scalars().all()
        return int(ids[-1]), prev

    def verify_changes(self) -> int | None:
        """Id of the first change-log entry that breaks the hash chain, or None if intact."""
        prev = GENESIS
        with self.connect() as conn:
            for r in conn.execute(select(changes).order_by(changes.c.id)).mappings():
                at = r["at"]
                if at.tzinfo is None:  # SQLite hands back naive datetimes
                    at = at.replace(tzinfo=dt.UTC)
                row = {
                    "at": at.isoformat(),
                    "actor": r["actor"],
                    "action": r["action"],
                    "entity": r["entity"],
                    "entity_id": r["entity_id"],
                    "data": r["data"],
                }
                if r["prev_hash"] != prev or _chain_hash(prev, row) != r["hash"]:
                    return int(r["id"])
                prev = r["hash"]
        return None


#: A passphrase, or a function asked for one only when the store turns out to need it.
PassphraseSource = str | Callable[[], str] | None


def _passphrase(source: PassphraseSource) -> str:
    if source is None:
        raise PassphraseError("this store is encrypted: a passphrase is needed to open it")
    return source() if callable(source) else source


def _is_initialised(engine: Engine) -> bool:
    try:
        return migrate.current_revision(engine) is not None
    except DatabaseError as exc:
        if "file is not a database" in str(exc.orig):
            raise StoreError(
                "wrong passphrase, or the file is not a Khronika store (nothing was changed)"
            ) from None
        raise StoreError(f"cannot read the store: {exc.orig}") from exc


def init_store(db: str | None = None, passphrase: PassphraseSource = None,
               plaintext: bool = False) -> Store:
    """Create a store at ``db`` (or bring an existing one up to date) and return it opened.

    A new SQLite store is encrypted with a key derived from ``passphrase``; only
    ``plaintext=True`` makes an unencrypted one.
    """
    loc = resolve_location(db)
    key: StoreKey | None = None
    if loc.path is not None:
        check_sqlite_file(loc.path)
        if loc.path.exists() and loc.path.stat().st_size > 0:
            return open_store(db, passphrase)  # opening upgrades the schema
        if not plaintext:
            key = new_key(_passphrase(passphrase))
    engine = _engine(loc, key)
    try:
        migrate.upgrade(engine)
    except DatabaseError as exc:
        raise StoreError(f"cannot create the store at {loc.describe()}: {exc.orig}") from exc
    if loc.backend == "postgresql":
        return _server_store(engine, loc, passphrase, plaintext, create=True)
    return Store(engine, loc, encrypted=key is not None)


def _server_store(engine: Engine, loc: StoreLocation, passphrase: PassphraseSource,
                  plaintext: bool, create: bool) -> Store:
    """A PostgreSQL store, its personal fields encrypted under the passphrase.

    A new store gets a field key unless ``plaintext``; an existing store needs the
    passphrase only when it has a field key.
    """
    fields: FieldCipher | None = None
    try:
        with engine.begin() as conn:
            if create and not plaintext:
                secret = _passphrase(passphrase)
                fields = load_field_key(conn, secret) or setup_field_key(conn, secret)
            elif not create and _field_key_exists(conn):
                fields = load_field_key(conn, _passphrase(passphrase))
    except PassphraseError:
        engine.dispose()
        raise
    return Store(engine, loc, encrypted=fields is not None, fields=fields)


def _field_key_exists(conn: Connection) -> bool:
    from khronika.store.schema import settings

    found = conn.execute(select(settings.c.key).where(settings.c.key == "field_key")).first()
    return found is not None


def open_store(db: str | None = None, passphrase: PassphraseSource = None,
               upgrade: bool = True) -> Store:
    """Open an existing store; a clear error when there is none or the passphrase is wrong."""
    loc = resolve_location(db)
    key: StoreKey | None = None
    if loc.path is not None:
        if not loc.path.exists():
            raise StoreError(
                f"no store at {loc.path}; create one with: khronika init --db {loc.path}"
            )
        check_sqlite_file(loc.path)
        if not is_plain_sqlite(loc.path):
            key = key_for_file(_passphrase(passphrase), file_header(loc.path))
    engine = _engine(loc, key)
    if not _is_initialised(engine):
        raise StoreError(
            f"{loc.describe()} holds no Khronika store; create one with: khronika init"
        )
    if upgrade and migrate.current_revision(engine) != migrate.head_revision():
        migrate.upgrade(engine)
    if loc.backend == "postgresql":
        return _server_store(engine, loc, passphrase, plaintext=False, create=False)
    return Store(engine, loc, encrypted=key is not None)


def _engine(loc: StoreLocation, key: StoreKey | None = None) -> Engine:
    try:
        return make_engine(loc, key)
    except Exception as exc:  # driver errors vary by backend; the user needs one message
        raise StoreError(f"cannot open store {loc.describe()}: {exc}") from exc


def chunked(seq: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(seq), size):
        yield seq[i : i + size]
