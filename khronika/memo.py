"""A bounded memo for pure functions of one hashable argument, looked up as a dict."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(dict[K, V]):
    """``memo[key]`` is ``compute(key)``, worked out once and remembered; the memo is emptied
    when it holds ``limit`` entries, so that a process that reads millions of distinct words
    keeps a bounded set of them. A hit costs a dict look-up (``__missing__`` runs only for
    a key not held), which is why the memo is a dict and not a decorator."""

    __slots__ = ("compute", "limit")

    def __init__(self, compute: Callable[[K], V] | None = None, limit: int = 50_000) -> None:
        super().__init__()
        self.compute = compute
        self.limit = limit

    def __missing__(self, key: K) -> V:
        if self.compute is None:
            raise KeyError(key)
        return self.remember(key, self.compute(key))

    def remember(self, key: K, value: V) -> V:
        """Hold ``value`` for ``key`` (first emptying a full memo); returns the value."""
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value
