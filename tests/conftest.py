"""Shared fixtures: stores on every backend the machine has.

PostgreSQL tests run against 127.0.0.1:5432 (database ``test`` unless
``KHRONIKA_TEST_PG`` names another URL). Where no server answers they are skipped with the
reason, except under ``CI=true``, where a missing server fails the run.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, select

from khronika.store.schema import incident_reports, incidents
from khronika.store.store import Store, init_store

PASSPHRASE = "correct horse battery staple"

PG_URL = os.environ.get("KHRONIKA_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
IN_CI = os.environ.get("CI", "").lower() == "true"


def _pg_available() -> str | None:
    """None when PostgreSQL answers, else why not."""
    try:
        import psycopg

        with psycopg.connect(PG_URL.replace("postgresql://", "postgresql://", 1),
                             connect_timeout=3):
            return None
    except Exception as exc:
        return f"PostgreSQL not reachable at {PG_URL}: {exc}"


_PG_PROBLEM: str | bool | None = False  # False = not probed yet


def require_postgres() -> None:
    global _PG_PROBLEM
    if _PG_PROBLEM is False:
        _PG_PROBLEM = _pg_available()
    if _PG_PROBLEM:
        if IN_CI:
            pytest.fail(f"PostgreSQL is mandatory when CI=true: {_PG_PROBLEM}")
        pytest.skip(str(_PG_PROBLEM))


def _private_pg_url() -> str:
    """A database of this test run's own, so that parallel runs never reset each other's."""
    import psycopg

    name = f"khronika_test_{os.getpid()}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return PG_URL.rsplit("/", 1)[0] + "/" + name


def _drop_pg_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


_PRIVATE_PG: list[str] = []


def _reset_pg_schema(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
        conn.execute("CREATE SCHEMA public")


def pg_test_url() -> str:
    """The URL of this run's private test database, emptied (create it on first use)."""
    require_postgres()
    if not _PRIVATE_PG:
        _PRIVATE_PG.append(_private_pg_url())
    _reset_pg_schema(_PRIVATE_PG[0])
    return _PRIVATE_PG[0]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    for url in _PRIVATE_PG:
        try:
            _drop_pg_database(url)
        except Exception as exc:  # a leftover test database is harmless; say so, go on
            warnings.warn(f"could not drop test database {url}: {exc}", stacklevel=1)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A location for a new, empty store on each backend."""
    if request.param == "postgresql":
        return pg_test_url()
    return str(tmp_path / "store.db")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A new store: SQLCipher-encrypted on SQLite (the default), and on PostgreSQL."""
    s = init_store(store_url, passphrase=PASSPHRASE)
    try:
        yield s
    finally:
        s.close()


def linking_rows(conn: Connection) -> tuple[list[dict[str, Any]], list[tuple[Any, ...]]]:
    """The incidents (without the moments they were written at) and the link rows, in a
    stable order: what two ways of linking the same reports must agree on."""
    incs = [{k: v for k, v in r.items() if k not in ("created_at", "updated_at")}
            for r in conn.execute(select(incidents).order_by(incidents.c.id)).mappings()]
    links = [tuple(r) for r in conn.execute(
        select(incident_reports.c.incident_id, incident_reports.c.report_id,
               incident_reports.c.event_index, incident_reports.c.score,
               incident_reports.c.reason, incident_reports.c.features)
        .order_by(incident_reports.c.report_id, incident_reports.c.event_index))]
    return incs, links
