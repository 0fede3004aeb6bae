"""Figures that cost a scan of every incident, computed once per change of the incidents.

The dashboard, the map, the region filter's choices and the search facets of a query
with no words each read every incident. They change only when incidents do, so each is
kept under a *stamp* of the incidents table: the newest ``updated_at`` and the highest id
(one probe of an index each, migration 0006). Every write of an incident (linking,
review, correction, merge, split) moves ``updated_at`` or the id, so a cached figure is
never shown after the incidents it counts have changed. A time limit is the safety net
for a writer that edits rows without touching ``updated_at`` (a restore, a hand edit).
"""

from __future__ import annotations

import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import func, select

from khronika.store.schema import incidents
from khronika.store.store import Store

T = TypeVar("T")

#: Seconds a figure is kept at most, whatever the stamp says.
MAX_AGE = 300.0
#: Figures kept per store (filter combinations of search facets, mostly).
MAX_ENTRIES = 256


def stamp(store: Store) -> tuple[Any, Any]:
    """What changes whenever an incident is added, changed or removed by a merge."""
    with store.connect() as conn:
        row = conn.execute(select(func.max(incidents.c.updated_at),
                                  func.max(incidents.c.id))).one()
    return row[0], row[1]


class FigureCache:
    """Least-recently-used figures, each valid for one stamp of the incidents table."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_age: float = MAX_AGE) -> None:
        self._items: OrderedDict[Hashable, tuple[Any, float, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self.max_entries, self.max_age = max_entries, max_age
        self.hits = self.misses = 0

    def get(self, store: Store, key: Hashable, compute: Callable[[], T]) -> T:
        """The figure under ``key``, computed again when the incidents changed."""
        now_stamp = stamp(store)
        with self._lock:
            found = self._items.get(key)
            if found is not None and found[0] == now_stamp and \
                    time.monotonic() - found[1] < self.max_age:
                self._items.move_to_end(key)
                self.hits += 1
                return found[2]  # type: ignore[no-any-return]
            self.misses += 1
        value = compute()  # outside the lock: a slow figure must not hold up the others
        with self._lock:
            self._items[key] = (now_stamp, time.monotonic(), value)
            self._items.move_to_end(key)
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


# weak keys: a closed and forgotten store takes its figures with it
_CACHES: weakref.WeakKeyDictionary[Store, FigureCache] = weakref.WeakKeyDictionary()
_CACHES_LOCK = threading.Lock()


def figures(store: Store) -> FigureCache:
    """The figure cache of ``store`` (one per opened store)."""
    with _CACHES_LOCK:
        found = _CACHES.get(store)
        if found is None:
            found = _CACHES[store] = FigureCache()
        return found


def cached(store: Store, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or its value from the last call under ``key`` if nothing changed."""
    return figures(store).get(store, key, compute)
