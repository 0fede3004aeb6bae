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
