"""The bounded memo: computes a value once, and forgets everything when full."""

from __future__ import annotations

import pytest

from khronika.memo import Memo


def test_a_value_is_computed_once_and_the_memo_stays_within_its_limit() -> None:
    calls: list[int] = []

    def square(n: int) -> int:
        calls.append(n)
        return n * n

    memo = Memo(square, limit=3)
    assert [memo[2], memo[2], memo[3]] == [4, 4, 9]
    assert calls == [2, 3]
    assert [memo[n] for n in range(10)] == [n * n for n in range(10)]
    assert 0 < len(memo) <= 3
    assert memo.get(42) is None  # get() looks, it does not compute


def test_a_memo_without_a_function_holds_what_it_is_given() -> None:
    memo: Memo[str, int] = Memo(limit=2)
    with pytest.raises(KeyError):
        memo["a"]
    assert memo.remember("a", 1) == 1 and memo["a"] == 1
    memo.remember("b", 2)
    memo.remember("c", 3)  # full: emptied first
    assert dict(memo) == {"c": 3}
