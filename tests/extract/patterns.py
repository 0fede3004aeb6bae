"""What test modules read of compiled regular expressions."""

from __future__ import annotations

import importlib
import re


def pattern_letters(rx: re.Pattern[str]) -> set[str]:
    """Every character a pattern's literals and character ranges name (its own letters,
    not what its classes such as ``\\w`` match), from its parsed form."""
    parser = importlib.import_module("re._parser")
    constants = importlib.import_module("re._constants")

    def walk(items: object) -> set[str]:
        found: set[str] = set()
        if isinstance(items, tuple | list) or type(items).__name__ == "SubPattern":
            for item in items:  # type: ignore[attr-defined]
                if (isinstance(item, tuple) and len(item) == 2
                        and item[0] in (constants.LITERAL, constants.NOT_LITERAL)):
                    found.add(chr(item[1]))
                elif isinstance(item, tuple) and len(item) == 2 and item[0] is constants.RANGE:
                    found.update(chr(c) for c in range(item[1][0], item[1][1] + 1))
                else:
                    found |= walk(item)
        return found

    return walk(parser.parse(rx.pattern, rx.flags))


#: What :func:`first_chars` gives for a digit class (``\d``) at the start of a match.
DIGIT = "<digit>"


def first_chars(rx: re.Pattern[str] | str) -> set[str] | None:
    """The characters a match of ``rx`` can begin with (:data:`DIGIT` for ``\\d``), or None
    when that cannot be told from the pattern's literals (a class such as ``\\w``, a
    negated set, a pattern that may match nothing)."""
    parser = importlib.import_module("re._parser")
    c = importlib.import_module("re._constants")
    pattern = rx if isinstance(rx, str) else rx.pattern
    flags = 0 if isinstance(rx, str) else rx.flags
    zero_width = (c.AT, c.ASSERT, c.ASSERT_NOT)
    repeats = (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT))

    def char(code: int) -> str:
        return DIGIT if chr(code).isdigit() else chr(code)  # a digit is one \d can match

    def of_set(items: list[tuple[object, object]]) -> set[str] | None:
        out: set[str] = set()
        for op, av in items:
            if op is c.LITERAL:
                out.add(char(av))  # type: ignore[arg-type]
            elif op is c.RANGE:
                lo, hi = av  # type: ignore[misc]
                out.update(char(x) for x in range(lo, hi + 1))
            elif op is c.CATEGORY and av is c.CATEGORY_DIGIT:
                out.add(DIGIT)
            else:  # a negation or another class
                return None
        return out

    def seq(items: object) -> tuple[set[str] | None, bool]:
        """(first characters, whether the sequence may match nothing)."""
        out: set[str] = set()
        for op, av in items:  # type: ignore[attr-defined]
            if op in zero_width:
                continue
            if op is c.LITERAL:
                return out | {char(av)}, False
            if op is c.IN:
                found = of_set(av)
                return (None if found is None else out | found), False
            if op is c.SUBPATTERN:
                found, empty = seq(av[-1])
            elif op is c.BRANCH:
                found, empty = set(), False
                for branch in av[1]:
                    part, part_empty = seq(branch)
                    if part is None:
                        return None, False
                    found |= part
                    empty = empty or part_empty
            elif op in repeats:
                found, empty = seq(av[2])
                empty = empty or av[0] == 0
            else:
                return None, False
            if found is None:
                return None, False
            out |= found
            if not empty:
                return out, False
        return out, True

    found, empty = seq(parser.parse(pattern, flags))
    return None if empty else found
