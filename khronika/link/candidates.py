"""Candidate incidents of an event from memory: what the linker's candidate query returns.

The linker's candidate query (:func:`khronika.link.linker._candidate_rows`) selects the
incidents whose *own* fields (event family, start date, coordinates, admin area, place name)
could hold an event: a related family, a start within :data:`~khronika.link.score.WINDOW_DAYS`
days, and a place test that depends on what the event knows of its place. Run for every
event of an import it was the largest cost of linking (one statement per event, some 3 ms).

:class:`CandidateIndex` keeps those columns of the incidents it has read, filed by (family,
start day) and, within a day, by a cell of a coarse grid of latitude and longitude (an
event with coordinates tests only the cells its box overlaps, not every incident of the
fortnight), and answers the same question with the same predicate in memory. It reads the
store once per (family, day) it has not read yet, one window at a time, and the linker tells
it every incident it opens or changes itself; so, as long as nobody else changes incidents,
it returns exactly the rows the query would return. Whoever else changes incidents appends
to the change log (every change to an incident is logged in the same transaction), so the
linker drops the index whenever the head of the change log is not the one it left there
(:class:`~khronika.link.linker.Linker`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, select

from khronika.link.features import LinkFeatures, related_families
from khronika.link.score import MAX_KM, WINDOW_DAYS
from khronika.store.schema import incidents

#: Days either side of an event's window read at once when some of it was never read: an
#: import's events crowd a few weeks, so the store is read a few times per import, not per
#: event.
READ_AHEAD = 24

#: The candidate query's box around an event with coordinates, in degrees either side: a
#: little larger than MAX_KM (exact distances are checked when the pair is compared).
BOX_LAT, BOX_LON = MAX_KM / 100.0, MAX_KM / 50.0

#: The grid's cells are as large as the box, so that a box overlaps at most four.
CELL_LAT, CELL_LON = 2 * BOX_LAT, 2 * BOX_LON

#: Where incidents without both coordinates are filed within a day.
_NOWHERE = None

#: A grid cell (latitude and longitude divided by the cell's sides, floored), or
#: :data:`_NOWHERE`.
Cell = tuple[int, int] | None


def _cell(lat: float | None, lon: float | None) -> Cell:
    """The grid cell of a point, or :data:`_NOWHERE` without both coordinates."""
    if lat is None or lon is None:
        return _NOWHERE
    return math.floor(lat / CELL_LAT), math.floor(lon / CELL_LON)


@dataclass(frozen=True, slots=True)
class Row:
    """The columns of one incident that the candidate query tests."""

    version: int
    family: str | None
    day: int | None  # date_start as a proleptic ordinal
    lat: float | None
    lon: float | None
    admin1: str | None
    named: bool  # location_name is not NULL


_COLUMNS = (incidents.c.id, incidents.c.version, incidents.c.family, incidents.c.date_start,
            incidents.c.lat, incidents.c.lon, incidents.c.admin1, incidents.c.location_name)
_READ = select(*_COLUMNS).where(
    incidents.c.family.in_(bindparam("families", expanding=True))
    & incidents.c.date_start.between(bindparam("first"), bindparam("last")))
_READ_ONE = select(*_COLUMNS).where(incidents.c.id == bindparam("inc"))


def _row(values: Mapping[Any, Any], version: int) -> Row:
    start = values.get("date_start")
    return Row(version, values.get("family"),
               start.toordinal() if isinstance(start, dt.date) else None,
               values.get("lat"), values.get("lon"), values.get("admin1"),
               values.get("location_name") is not None)


class CandidateIndex:
    """The candidate columns of incidents, filed by (family, start day)."""

    def __init__(self) -> None:
        self.rows: dict[int, Row] = {}
        #: (family, start day) -> grid cell -> incidents
        self._filed: dict[tuple[str, int], dict[Cell, set[int]]] = {}
        self._read: set[tuple[str, int]] = set()  # (family, day) read from the store
        self._ready: set[tuple[str, int]] = set()  # (family, day) whose window is read

    def clear(self) -> None:
        self.rows.clear()
        self._filed.clear()
        self._read.clear()
        self._ready.clear()

    def put(self, inc: int, row: Row) -> None:
        """Record an incident's columns as they now are (opened, changed or read)."""
        self._unfile(inc)
        self.rows[inc] = row
        if row.family is not None and row.day is not None:
            (self._filed.setdefault((row.family, row.day), {})
             .setdefault(_cell(row.lat, row.lon), set()).add(inc))

    def _unfile(self, inc: int) -> None:
        """Take an incident out of the (family, day, cell) it is filed under, if any."""
        old = self.rows.get(inc)
        if old is not None and old.family is not None and old.day is not None:
            self._filed[old.family, old.day][_cell(old.lat, old.lon)].discard(inc)

    def put_values(self, inc: int, version: int, values: Mapping[str, Any]) -> None:
        """Record an incident from the values written to its row."""
        self.put(inc, _row(values, version))

    def reread(self, conn: Connection, inc: int) -> None:
        """Read one incident again (after it was recomputed in the store)."""
        found = conn.execute(_READ_ONE, {"inc": inc}).mappings().first()
        if found is None:
            self._unfile(inc)
            self.rows.pop(inc, None)
            return
        self.put(inc, _row(found, int(found["version"])))

    def _ensure(self, conn: Connection, families: list[str], day: int,
                keep: Iterable[int]) -> None:
        """Read from the store the incidents of ``families`` starting within the window of
        ``day`` that were never read; ``keep`` are incidents whose row in the store is behind
        what this index holds (changes not written yet), left as they are."""
        if all((f, day) in self._ready for f in families):
            return
        window = range(day - WINDOW_DAYS, day + WINDOW_DAYS + 1)
        missing = [f for f in families if any((f, d) not in self._read for d in window)]
        self._ready.update((f, day) for f in families)
        if not missing:
            return
        first, last = day - WINDOW_DAYS - READ_AHEAD, day + WINDOW_DAYS + READ_AHEAD
        skip = set(keep)
        for found in conn.execute(_READ, {"families": missing,
                                          "first": dt.date.fromordinal(first),
                                          "last": dt.date.fromordinal(last)}).mappings():
            inc = int(found["id"])
            if inc not in skip:
                self.put(inc, _row(found, int(found["version"])))
        self._read.update((f, d) for f in missing for d in range(first, last + 1))

    def find(self, conn: Connection, f: LinkFeatures, limit: int,
             keep: Iterable[int] = ()) -> dict[int, int]:
        """Incidents (id -> version) that could hold ``f``: the rows the candidate query
        returns. Past ``limit`` rows, the first ``limit`` by (family, start, id), the order
        in which SQLite's family-and-date index yields them."""
        assert f.day is not None
        families = related_families(f.family)
        self._ensure(conn, families, f.day, keep)
        hits: list[tuple[str, int, int]] = []
        rows, filed = self.rows, self._filed
        # the place tests of the query's three shapes, written out: this loop runs for
        # every incident of the window, hundreds per event in a crowded month
        cells: list[Cell] | None = None
        if f.lat is not None and f.lon is not None:
            # a box a little larger than MAX_KM, or an incident with no place at all: the
            # cells the box overlaps (floor is monotonic, so no point of the box falls
            # outside them) and the incidents without coordinates
            south, north = f.lat - BOX_LAT, f.lat + BOX_LAT
            west, east = f.lon - BOX_LON, f.lon + BOX_LON
            ys = range(math.floor(south / CELL_LAT), math.floor(north / CELL_LAT) + 1)
            xs = range(math.floor(west / CELL_LON), math.floor(east / CELL_LON) + 1)
            cells = [_NOWHERE, *((y, x) for y in ys for x in xs)]
        admin1 = f.admin1
        for family in families:
            for d in range(f.day - WINDOW_DAYS, f.day + WINDOW_DAYS + 1):
                day = filed.get((family, d))
                if not day:
                    continue
                if cells is None:
                    for incs in day.values():
                        for inc in incs:
                            if admin1 and rows[inc].admin1 != admin1 and rows[inc].named:
                                continue
                            hits.append((family, d, inc))
                    continue
                for cell in cells:
                    for inc in day.get(cell, ()):
                        r = rows[inc]
                        if cell is _NOWHERE:
                            if r.lat is not None or r.named:
                                continue
                        elif not (south <= r.lat <= north  # type: ignore[operator]
                                  and west <= r.lon <= east):  # type: ignore[operator]
                            continue
                        hits.append((family, d, inc))
        if len(hits) > limit:
            hits = sorted(hits)[:limit]
        return {inc: rows[inc].version for _, _, inc in hits}
