"""The linker's running summaries and remembered incidents give what a full recompute gives."""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import Connection, func, select

from khronika.link import linker
from khronika.link.features import LinkFeatures
from khronika.link.incident import Member, Summary, summarise
from khronika.link.index import MAX_MEMBERS
from khronika.link.linker import Linker, best_comparison, members_of, recent_members
from khronika.link.review import merge
from khronika.link.score import (
    Comparison,
    Gated,
    compare,
    decide,
    gates,
    scored,
    sketch_similarity,
    verdict,
)
from khronika.store.schema import incident_reports, incidents
from khronika.store.store import NewReport, Store

# (name, geonameid, lat, lon, admin1, country, ACLED precision)
PLACES = [
    ("Kaluga", 553915, 54.53, 36.27, "Kaluga Oblast", "RU", 1),
    ("Kaluga Oblast", None, 54.4, 35.5, "Kaluga Oblast", "RU", 3),
    ("Moscow", 524901, 55.75, 37.62, "Moscow", "RU", 1),
    ("Lyublino", 6945021, 55.68, 37.76, "Moscow", "RU", 1),
    ("Kaluga", None, None, None, None, None, None),
]


def random_features(rng: random.Random) -> LinkFeatures:
    """Features that disagree on every field a summary chooses or flags."""
    day = rng.choice([None, 738970, 738971, 738975])
    place = rng.choice([*PLACES, None])
    counts: dict[str, list[int | None]] = {}
    for kind in rng.sample(["detained", "killed", "injured"], rng.randint(0, 3)):
        lo = rng.choice([None, 3, 5, 30])
        counts[kind] = [lo, rng.choice([None, lo, 40])]
    return LinkFeatures(
        type=rng.choice(["raid", "arrest", "assault"]),
        family=rng.choice(["detention", "violence"]),
        day=day, day_end=rng.choice([day, None if day is None else day + 1]),
        precision=rng.choice(["day", "week", None]),
        day_source=rng.choice(["stated", "published"]),
        lat=place[2] if place else None, lon=place[3] if place else None,
        geonameid=place[1] if place else None, place=place[0] if place else None,
        admin1=place[4] if place else None, country=place[5] if place else None,
        place_precision=place[6] if place else None, counts=counts, urgency=rng.randint(0, 5),
        urgency_reasons=rng.sample(["minors", "torture", "in custody"], rng.randint(0, 2)),
        people=rng.sample(["Rustam Karimov", "Valentina Chupik"], rng.randint(0, 2)),
        source=rng.choice([None, "telegram", "hotline"]),
        names=sorted(rng.sample(["karimov", "chupik", "vahdat"], rng.randint(0, 2))),
        numbers=sorted(rng.sample(["3", "14", "30"], rng.randint(0, 2))),
        sketch=sorted(rng.sample(range(40), rng.randint(0, 12))))


def _canonical(values: dict[str, Any]) -> str:
    return json.dumps(values, default=str)  # key order and list order included


def test_a_summary_built_member_by_member_in_any_order_is_the_full_summary() -> None:
    rng = random.Random(3)
    conflicts = 0
    for _ in range(400):
        keys = {(rng.randint(1, 9), rng.randint(0, 2)) for _ in range(rng.randint(1, 12))}
        members: list[Member] = [(rid, i, random_features(rng)) for rid, i in keys]
        full = summarise(sorted(members, key=lambda m: (m[0], m[1])))
        rng.shuffle(members)
        running = Summary()
        for m in members:
            running.add(m)
        assert _canonical(running.values()) == _canonical(full)
        where = running.where()
        assert where == {k: full[k] for k in where}  # what the candidate index files it by
        conflicts += bool(full["conflicts"])
    assert conflicts > 100  # the generator does exercise dates, places and counts disagreeing


def test_the_best_member_is_found_without_comparing_alike_members_again() -> None:
    rng = random.Random(5)
    outcomes = set()
    for _ in range(1500):
        f = random_features(rng)
        members: list[Member] = [(i, 0, random_features(rng))
                                 for i in range(rng.randint(1, MAX_MEMBERS))]
        # members that share their day and place, as an incident's mostly do
        members += [(len(members) + i, 0, replace(members[0][2], sketch=[i]))
                    for i in range(rng.randint(0, 3))]
        every = [compare(f, m) for _, _, m in reversed(members)]
        ok = [c for c in every if c.compatible]
        expected = max(ok or every, key=lambda c: c.score)
        got = best_comparison(f, members)
        assert got.compatible == expected.compatible
        if expected.compatible:
            assert (got.score, got.reason()) == (expected.score, expected.reason())
        outcomes.add((expected.compatible, bool(expected.parts)))
    assert outcomes == {(True, True), (False, True), (False, False)}


def test_the_winner_found_by_ceilings_is_what_comparing_every_member_decides(
        monkeypatch: pytest.MonkeyPatch) -> None:
    calls = 0

    def counting(a: LinkFeatures, b: LinkFeatures, gated: Gated) -> Comparison:
        nonlocal calls
        calls += 1
        return scored(a, b, gated)

    monkeypatch.setattr(linker, "scored", counting)
    rng = random.Random(9)
    outcomes, spared = set(), 0
    memo: dict[Any, Any] = {}
    numbers: dict[tuple[Any, ...], int] = {}

    def number(m: LinkFeatures) -> int:
        return numbers.setdefault(linker._gates(m), len(numbers))

    for _ in range(1500):
        f = random_features(rng)
        candidates = []
        for inc in sorted(rng.sample(range(1, 60), rng.randint(0, 6))):
            members: list[Member] = [(i, 0, random_features(rng))
                                     for i in range(rng.randint(1, MAX_MEMBERS))]
            # near-copies of the event: equal scores, so ties must go as decide's do
            members += [(len(members) + i, 0, replace(f, sketch=f.sketch[i:]))
                        for i in range(rng.randint(0, 2))]
            candidates.append((inc, members))
        expected = decide([(inc, best_comparison(f, ms)) for inc, ms in candidates])
        calls = 0
        # one memo for every event, as a linker keeps, keyed by gate numbers as it is
        mine = (number(f), f.type, not f.names, not f.sketch, not f.numbers)
        found = linker._Comparer(f, memo, mine).winner(
            [(inc, linker._alike(ms, [number(m) for _, _, m in ms])) for inc, ms in candidates])
        assert verdict(found, len(candidates)) == expected
        outcomes.add(expected[0] is not None)
        passing = sum(not isinstance(gates(f, m), Comparison)
                      for _, ms in candidates for _, _, m in ms)
        spared += calls < passing
    assert outcomes == {True, False}
    assert spared > 100  # the ceilings do spare scoring members


def test_sketch_similarity_is_its_definition_on_the_comparable_hashes() -> None:
    rng = random.Random(4)
    for _ in range(3000):
        a = sorted(rng.sample(range(60), rng.randint(0, 16)))
        b = sorted(rng.sample(range(60), rng.randint(0, 16)))
        expected = 0.0
        if a and b:
            limit = min(a[-1], b[-1])
            ca, cb = {h for h in a if h <= limit}, {h for h in b if h <= limit}
            inter = len(ca & cb)
            expected = max(inter / len(ca | cb),
                           0.8 * (inter / max(4, min(len(ca), len(cb)))))
        assert sketch_similarity(a, b) == expected


KALUGA = {"name": "Kaluga", "lat": 54.53, "lon": 36.27, "admin1": "Kaluga Oblast",
          "country": "RU", "geonameid": 553915, "precision": 1}


def _event(type_: str, day: str, detained: int) -> dict[str, Any]:
    return {"type": type_, "date": {"start": day, "end": day, "precision": "day"},
            "location": KALUGA, "counts": {"detained": {"min": detained, "max": detained}}}


def _store_report(store: Store, text: str, conn: Connection | None = None) -> int:
    rid, _ = store.add_report(NewReport(text=text, origin="test",
                                        published=dt.date(2024, 3, 25)), conn)
    return rid


def _features(text: str, events: list[dict[str, Any]]) -> list[LinkFeatures]:
    from khronika.link.blocks import features_of

    return features_of(text, {"events": events}, "2024-03-25", "test")


def _stored_matches_recompute(store: Store) -> int:
    """Every incident's stored fields equal a summary of its link rows; how many there are."""
    with store.connect() as conn:
        rows = conn.execute(select(incidents)).mappings().all()
        for row in rows:
            full = summarise(members_of(conn, int(row["id"])))
            assert _canonical({k: row[k] for k in full}) == _canonical(full), row["id"]
    return len(rows)


def _raid_text(i: int, figure: int) -> str:
    return (f"Police raided the central market in Kaluga on 24 March and detained {figure} "
            f"migrants from Tajikistan, witness {i} said.")


def test_a_long_lived_linker_stores_what_a_full_recompute_gives(store: Store) -> None:
    linker = Linker(store)
    for batch in range(3):  # three transactions, one linker: remembered across them
        with store.engine.begin() as conn:
            for i in range(6):
                figure = 30 if i % 3 else 31  # some sources disagree: a counts conflict
                text = _raid_text(batch * 10 + i, figure)
                rid = _store_report(store, text, conn)
                day = "2024-03-24" if i != 5 else "2024-03-25"  # and a date conflict
                linker.link(conn, rid, _features(text, [_event("raid", day, figure)]))
    assert _stored_matches_recompute(store) >= 1
    with store.connect() as conn:
        largest = max(r.n for r in conn.execute(
            select(incident_reports.c.incident_id, func.count().label("n"))
            .group_by(incident_reports.c.incident_id)))
        assert largest >= 10  # most reports joined one incident
        versions = {int(r.id): int(r.version) for r in conn.execute(
            select(incidents.c.id, incidents.c.version))}
        links = conn.execute(select(incident_reports.c.incident_id)).scalars().all()
    # as before: version 1 when opened, one more per report that joined
    for inc, version in versions.items():
        assert version == links.count(inc)


def test_a_change_by_someone_else_is_seen(store: Store) -> None:
    linker = Linker(store)
    ids = []
    for i, (type_, day) in enumerate([("raid", "2024-03-24"), ("raid", "2024-03-24"),
                                      ("assault", "2024-03-24")]):
        text = _raid_text(i, 30) if type_ == "raid" else (
            "Unknown men beat three Tajik migrants in Kaluga on 24 March, police said.")
        rid = _store_report(store, text)
        with store.engine.begin() as conn:
            ids += linker.link(conn, rid, _features(text, [_event(type_, day, 30)]))
    assert ids[0] == ids[1] != ids[2]
    merge(store, ids[0], ids[2], by="anna")  # not through the linker: bumps the version
    text = _raid_text(9, 31)
    rid = _store_report(store, text)
    with store.engine.begin() as conn:
        (inc,) = linker.link(conn, rid, _features(text, [_event("raid", "2024-03-24", 31)]))
    assert inc == ids[0]
    assert _stored_matches_recompute(store) == 1


def test_a_linker_goes_on_rightly_after_a_rolled_back_transaction(store: Store) -> None:
    linker = Linker(store)
    texts = [_raid_text(1, 30), _raid_text(2, 30)]
    first, second = (_store_report(store, t) for t in texts)
    events = [_event("raid", "2024-03-24", 30)]
    with store.engine.begin() as conn:
        linker.link(conn, first, _features(texts[0], events))
    with store.engine.connect() as conn:
        trans = conn.begin()
        linker.link(conn, second, _features(texts[1], events))
        trans.rollback()
    linker.forget()
    with store.engine.begin() as conn:
        linker.link(conn, second, _features(texts[1], events))
    assert _stored_matches_recompute(store) == 1
    with store.connect() as conn:
        assert conn.execute(select(incidents.c.version)).scalar_one() == 2


def test_recent_members_are_the_latest_few(store: Store) -> None:
    linker = Linker(store)
    rids = []
    with store.engine.begin() as conn:
        for i in range(MAX_MEMBERS + 3):
            text = _raid_text(i, 30)
            rid = _store_report(store, text, conn)
            rids.append(rid)
            linker.link(conn, rid, _features(text, [_event("raid", "2024-03-24", 30)]))
    with store.connect() as conn:
        (inc,) = conn.execute(select(incidents.c.id)).scalars().all()
        recent = recent_members(conn, [inc])[inc]
    assert [(r, i) for r, i, _ in recent] == [(r, 0) for r in rids[-MAX_MEMBERS:]]
