"""Bulk store operations give what the same operations one at a time give."""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from pathlib import Path

from sqlalchemy import select

from khronika.store.schema import changes, extractions, reports
from khronika.store.store import Change, NewReport, Store, init_store
from tests.conftest import PASSPHRASE, pg_test_url


def _reports(texts: list[str]) -> list[NewReport]:
    return [NewReport(text=t, origin=f"o{i}", title=f"t{i}", external_id=str(i), lang="en",
                      published=dt.date(2024, 3, 1 + i % 28), meta={"i": i})
            for i, t in enumerate(texts)]


def _fresh(store_url: str, tmp_path: Path, n: int) -> Store:
    if store_url.startswith("postgresql"):
        return init_store(pg_test_url(), passphrase=PASSPHRASE)  # emptied
    return init_store(str(tmp_path / f"bulk{n}.db"), passphrase=PASSPHRASE)


def test_reports_in_bulk_are_stored_as_one_at_a_time(store_url: str, tmp_path: Path) -> None:
    # already stored, new, and the same text twice in one batch
    first = _reports(["a", "b"])
    batch = _reports(["c", "a", "d", "c", "e", "b", "f"])
    got = []
    for n, bulk in enumerate((False, True)):
        store = _fresh(store_url, tmp_path, n)
        try:
            for r in first:
                store.add_report(r)
            with store.engine.begin() as conn:
                got.append(store.add_reports(batch, conn) if bulk
                           else [store.add_report(r, conn) for r in batch])
                rows = [dict(r) for r in conn.execute(
                    select(reports).order_by(reports.c.id)).mappings()]
            assert [store.report_text(r["text"]) for r in rows] == list("abcdef")
            for r in rows:  # every column written as add_report writes it
                assert r["meta"] == {"i": int(r["external_id"])} and r["lang"] == "en"
        finally:
            store.close()
    one_by_one, bulk_ids = got
    assert bulk_ids == one_by_one == [(3, True), (1, False), (4, True), (3, False), (5, True),
                                      (2, False), (6, True)]


def test_extractions_in_bulk_replace_the_earlier_run(store: Store) -> None:
    with store.engine.begin() as conn:
        ids = [rid for rid, _ in store.add_reports(_reports(["a", "b", "c"]), conn)]
        store.save_extraction(conn, ids[0], "v1", {"old": True})
        store.save_extraction(conn, ids[0], "v0", {"other version": True})
        store.save_extractions(conn, "v1", [(ids[0], {"n": 0}, None), (ids[1], {"n": 1}, "boom"),
                                            (ids[2], {"n": 2}, None)])
        rows = conn.execute(select(extractions.c.report_id, extractions.c.pipeline_version,
                                   extractions.c.status, extractions.c.error,
                                   extractions.c.result)
                            .order_by(extractions.c.report_id, extractions.c.pipeline_version)
                            ).all()
    assert [tuple(r) for r in rows] == [
        (ids[0], "v0", "ok", None, {"other version": True}),
        (ids[0], "v1", "ok", None, {"n": 0}),
        (ids[1], "v1", "error", "boom", {"n": 1}),
        (ids[2], "v1", "ok", None, {"n": 2}),
    ]


def test_changes_in_bulk_chain_on_and_verify(store: Store) -> None:
    with store.engine.begin() as conn:
        store.log_change(conn, "anna", "case.create", "case", 1, {"x": 1})
    with store.engine.begin() as conn:
        head = store.lock_changes(conn)
        assert head[0] == 1
        end = store.log_changes(conn, [Change("linker", "incident.create", "incident", i,
                                              {"i": i, "ru": "задержаны"}) for i in range(5)],
                                head)
        assert end[0] == 6
    with store.engine.begin() as conn:
        store.log_change(conn, "anna", "case.note", "case", 1, {})
        assert store.log_changes(conn, [])[0] == 7  # nothing appended
    assert store.verify_changes() is None
    with store.connect() as conn:
        rows = conn.execute(select(changes.c.id, changes.c.entity_id, changes.c.prev_hash,
                                   changes.c.hash).order_by(changes.c.id)).all()
    assert [r.entity_id for r in rows] == ["1", "0", "1", "2", "3", "4", "1"]
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(rows))


def test_bulk_writers_of_the_log_never_fork_the_chain(store: Store) -> None:
    """Threads appending batches and single entries at once: the lock keeps one chain."""
    errors: list[BaseException] = []

    def batches(n: int) -> None:
        try:
            for k in range(5):
                with store.engine.begin() as conn:
                    store.log_changes(conn, [Change("t", "x", "incident", f"{n}.{k}.{i}", {})
                                             for i in range(20)])
                with store.engine.begin() as conn:
                    store.log_change(conn, "t", "y", "case", n, {"k": k})
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=batches, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert store.count("changes") == 4 * 5 * 21
    assert store.verify_changes() is None
