"""Linking with candidates from memory gives exactly what a query per event gives."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from sqlalchemy import select

from khronika.link.candidates import BOX_LAT, BOX_LON, CELL_LAT, CELL_LON, CandidateIndex, Row
from khronika.link.features import LinkFeatures, related_families
from khronika.link.linker import Linker
from khronika.link.review import merge
from khronika.link.score import WINDOW_DAYS
from khronika.scale.locking import review_incident
from khronika.store.schema import changes, incidents
from khronika.store.store import NewReport, Store, init_store
from tests.conftest import PASSPHRASE, linking_rows, pg_test_url

# (name, lat, lon, admin1, country): a crowd of places within and beyond the linking
# distance of each other, a region, places known only by name or by region, and none
PLACES: list[tuple[str | None, float | None, float | None, str | None, str | None]] = [
    ("Kaluga", 54.53, 36.27, "Kaluga Oblast", "RU"),
    ("Obninsk", 55.10, 36.61, "Kaluga Oblast", "RU"),  # 66 km from Kaluga
    ("Maloyaroslavets", 55.01, 36.46, "Kaluga Oblast", "RU"),
    ("Tula", 54.19, 37.62, "Tula Oblast", "RU"),
    ("Kaluga Oblast", 54.40, 35.50, "Kaluga Oblast", "RU"),
    ("Kaluga", None, None, None, None),  # a name the gazetteer did not resolve
    (None, None, None, "Kaluga Oblast", "RU"),
    (None, None, None, "Tula Oblast", "RU"),
    (None, None, None, None, None),
]
TYPES = ["raid", "arrest", "assault", "deportation", "court_ruling", "arson"]
FAMILIES = {"raid": "detention", "arrest": "detention", "assault": "violence",
            "deportation": "deportation", "court_ruling": "court_ruling",
            "arson": "destruction"}


def _random(rng: random.Random) -> LinkFeatures:
    """An event of any type, day and place (days and places crowd a few weeks and towns)."""
    type_ = rng.choice(TYPES)
    day = rng.choice([None, *range(738960, 738990)])
    name, lat, lon, admin1, country = rng.choice(PLACES)
    stated = rng.random() < 0.7
    return LinkFeatures(
        type=type_, family=FAMILIES[type_], day=day,
        day_end=None if day is None else day + rng.choice([0, 0, 0, 2]),
        precision=rng.choice(["day", "day", "week"]) if stated else None,
        day_source="stated" if stated else "published",
        lat=lat, lon=lon, geonameid=rng.choice([None, 553915]) if name == "Kaluga" else None,
        place=name, admin1=admin1, country=country,
        place_precision=3 if name and "Oblast" in name else 1 if name else None,
        counts={"detained": [n, n]} if (n := rng.choice([None, 3, 14, 30])) else {},
        names=sorted(rng.sample(NAMES, rng.randint(0, 3))),
        numbers=sorted(rng.sample(["3", "14", "30", "40"], rng.randint(0, 2))),
        sketch=sorted(rng.sample(range(200), rng.randint(0, 20))),
        urgency=rng.randint(0, 4), source=rng.choice([None, "hotline", "telegram"]))


NAMES = ["karimov", "chupik", "vahdat", "rustam", "sharipov", "nazarov", "umarov"]


def _retold(rng: random.Random, event: LinkFeatures) -> LinkFeatures:
    """Another report of ``event``: a related type, a day off, some of its names and
    words, a place known more or less precisely."""
    f = _random(rng)
    if event.day is not None and rng.random() < 0.8:
        f.day = event.day + rng.choice([0, 0, 0, 1, -1])
        f.day_end, f.day_source, f.precision = f.day, "stated", "day"
    if rng.random() < 0.8:
        f.type, f.family = event.type, event.family
    if rng.random() < 0.7:
        f.lat, f.lon, f.geonameid, f.place = event.lat, event.lon, event.geonameid, event.place
        f.admin1, f.country, f.place_precision = (event.admin1, event.country,
                                                  event.place_precision)
    f.names = sorted(rng.sample(event.names, min(len(event.names), 2)))
    f.sketch = sorted({*rng.sample(event.sketch, len(event.sketch) * 3 // 4), *f.sketch[:4]})
    f.numbers = list(event.numbers) if rng.random() < 0.6 else f.numbers
    return f


def _crowd(rng: random.Random, reports: int) -> list[list[LinkFeatures]]:
    """Reports retelling 60 events (and some of nothing in particular), 1-3 events each."""
    events = [_random(rng) for _ in range(60)]
    for e in events:
        e.sketch = sorted(rng.sample(range(200), 40))
    return [[_retold(rng, rng.choice(events)) if rng.random() < 0.85 else _random(rng)
             for _ in range(rng.choice([1, 1, 1, 2, 3]))] for _ in range(reports)]


def _outcome(store: Store) -> dict[str, Any]:
    """Everything linking wrote, without the moments it was written at."""
    with store.connect() as conn:
        incs, links = linking_rows(conn)
        log = [tuple(r) for r in conn.execute(
            select(changes.c.actor, changes.c.action, changes.c.entity_id, changes.c.data)
            .order_by(changes.c.id))]
    return {"incidents": incs, "links": links, "log": log}


def _link_crowd(store: Store, index: bool) -> dict[str, Any]:
    """Link 400 generated reports in batches with one linker; a reviewer merges and
    verifies incidents between batches."""
    rng = random.Random(11)
    reports = _crowd(rng, 400)
    with store.engine.begin() as conn:
        ids = [rid for rid, _ in store.add_reports(
            [NewReport(text=f"report {i}", origin="test") for i in range(len(reports))], conn)]
    linker = Linker(store, index=index)
    for start in range(0, len(reports), 50):
        with store.engine.begin() as conn:
            linker.link_many(conn, list(zip(ids[start:start + 50],
                                            reports[start:start + 50], strict=True)))
        if start == 100:  # changes by someone else, which the linker must see
            with store.connect() as conn:
                first, second = conn.execute(
                    select(incidents.c.id).order_by(incidents.c.id).limit(2)).scalars()
            merge(store, int(first), int(second), by="anna")
            with store.connect() as conn:
                version = conn.execute(select(incidents.c.version)
                                       .where(incidents.c.id == first)).scalar_one()
            review_incident(store, int(first), "verify", int(version), "anna")
    assert store.verify_changes() is None
    return _outcome(store)


def _fresh(store_url: str, tmp_path: Path, n: int) -> Store:
    if store_url.startswith("postgresql"):
        return init_store(pg_test_url(), passphrase=PASSPHRASE)  # emptied
    return init_store(str(tmp_path / f"crowd{n}.db"), passphrase=PASSPHRASE)


def test_candidates_from_memory_link_as_the_query_does(store_url: str, tmp_path: Path) -> None:
    outcomes = []
    for n, index in enumerate((False, True)):
        s = _fresh(store_url, tmp_path, n)
        try:
            outcomes.append(_link_crowd(s, index))
        finally:
            s.close()
    by_query, by_index = outcomes
    # the crowd does exercise linking: many events join, more turn candidates down
    links = by_query["links"]
    reasons = [link[4] for link in links]
    assert len(by_query["incidents"]) < len(links) * 3 / 4
    assert sum(r.startswith("linked:") for r in reasons) > 150
    assert sum(r.startswith("new incident: best candidate") for r in reasons) > 100
    assert any(r.endswith("none compatible") for r in reasons)
    assert any(r.startswith("new incident: no candidate") for r in reasons)
    assert any(a == "incident.merge" for _, a, _, _ in by_query["log"])
    assert by_index == by_query


def _in_box(f: LinkFeatures, r: Row) -> bool:
    """The candidate query's place test, as written in its SQL (no grid)."""
    assert f.lat is not None and f.lon is not None
    if r.lat is not None and r.lon is not None:
        return (f.lat - BOX_LAT <= r.lat <= f.lat + BOX_LAT
                and f.lon - BOX_LON <= r.lon <= f.lon + BOX_LON)
    return r.lat is None and not r.named


def test_the_grid_finds_every_incident_in_the_box_and_no_other(tmp_path: Path) -> None:
    """Incidents on and around the edges of the grid's cells and of each event's box are
    found exactly when the query's box test holds (the grid only saves looking)."""
    rng = random.Random(3)
    store = init_store(str(tmp_path / "grid.db"), passphrase=PASSPHRASE)
    try:
        index = CandidateIndex()
        # coordinates on cell edges, a box's half-side from them, and anywhere near
        edges = [k * CELL_LAT for k in range(44, 48)] + [k * CELL_LON for k in range(14, 18)]
        def coord(base: float) -> float | None:
            pick = rng.random()
            if pick < 0.1:
                return None
            if pick < 0.5:
                return rng.choice(edges) + rng.choice([0.0, BOX_LAT, -BOX_LON, 1e-9, -1e-9])
            return base + rng.uniform(-2.0, 2.0)
        for inc in range(1, 801):
            index.put(inc, Row(1, rng.choice(["detention", "violence", "destruction"]),
                               738960 + rng.randint(0, 20), coord(54.5), coord(36.3),
                               rng.choice([None, "Kaluga Oblast"]), rng.random() < 0.5))
        with store.connect() as conn:
            for _ in range(300):
                lat, lon = coord(54.5), coord(36.3)
                f = LinkFeatures(type="raid", family="detention", day=738970, day_end=None,
                                 precision="day", day_source="stated",
                                 lat=54.5 if lat is None else lat,
                                 lon=36.3 if lon is None else lon)
                found = index.find(conn, f, limit=10_000)
                expected = {inc for inc, r in index.rows.items()
                            if r.family in related_families("detention") and r.day is not None
                            and abs(r.day - 738970) <= WINDOW_DAYS and _in_box(f, r)}
                assert set(found) == expected
                assert expected  # the crowd puts incidents in every box
    finally:
        store.close()


def test_an_incident_that_moves_is_found_only_where_it_now_is(tmp_path: Path) -> None:
    """Changed coordinates re-file an incident in its new cell (and out of the old one)."""
    store = init_store(str(tmp_path / "moved.db"), passphrase=PASSPHRASE)
    try:
        index = CandidateIndex()
        index.put(7, Row(1, "detention", 738970, 54.53, 36.27, "Kaluga Oblast", True))
        index.put(7, Row(2, "detention", 738970, 59.94, 30.31, "Saint Petersburg", True))
        with store.connect() as conn:
            def near(lat: float, lon: float) -> dict[int, int]:
                return index.find(conn, LinkFeatures(
                    type="raid", family="detention", day=738970, day_end=None,
                    precision="day", day_source="stated", lat=lat, lon=lon), limit=500)
            assert near(54.53, 36.27) == {}
            assert near(59.94, 30.31) == {7: 2}
            index.put(7, Row(3, "detention", 738970, None, None, None, False))  # placeless
            assert near(59.94, 30.31) == {7: 3} == near(54.53, 36.27)
    finally:
        store.close()
