"""Whole numbers from query strings and JSON bodies, bounded before they reach SQL.

``int("9" * 400)`` is a valid Python integer but no database column holds it:
SQLite raises ``OverflowError`` and PostgreSQL a ``DataError`` (a 500), so
every page number, limit, offset and year taken from a request goes through
``bounded_int`` first. Django's ``Paginator.get_page`` already copes with any
``page`` value and needs no help.
"""

from __future__ import annotations

import math
import re

# Comfortably inside a 32-bit signed integer: a page times a page size, or an
# offset plus a limit, still fits in the 64-bit integers SQL uses.
MAX_QUERY_INT = 2**31 - 1
_DIGITS = re.compile(r"[+-]?[0-9]{1,12}")


def bounded_int(
    raw: object, *, default: int, low: int = 0, high: int = MAX_QUERY_INT
) -> int:
    """``raw`` as an integer from ``low`` to ``high``; ``default`` when empty.

    Accepts an ``int``, a whole ``float`` (from JSON) or a string of ASCII
    digits with an optional sign. Raises ``ValueError`` for anything else
    (text, lists, booleans, NaN, infinity, huge numbers) and for numbers
    outside the bounds; callers turn that into a 400 or 404.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return default
    if isinstance(raw, bool):
        raise ValueError("not a whole number")
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, float):
        if not math.isfinite(raw) or not raw.is_integer():
            raise ValueError("not a whole number")
        value = int(raw)
    elif isinstance(raw, str) and _DIGITS.fullmatch(raw.strip()):
        value = int(raw.strip())
    else:
        raise ValueError("not a whole number")
    if not low <= value <= high:
        raise ValueError("out of range")
    return value


def contains_nul(data: object) -> bool:
    """Whether a parsed JSON value holds a NUL character in any key or string.

    PostgreSQL refuses ``\x00`` in text and ``\u0000`` in ``jsonb``. Walks
    the value without recursion, so any nesting depth is fine.
    """
    pending = [data]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


def strip_nul(data: object) -> object:
    """A copy of a parsed JSON value with every NUL character removed.

    Recursive: may raise ``RecursionError`` for absurdly deep nesting, as
    ``json.loads`` itself does.
    """
    if isinstance(data, str):
        return data.replace("\x00", "")
    if isinstance(data, dict):
        return {strip_nul(k): strip_nul(v) for k, v in data.items()}
    if isinstance(data, list):
        return [strip_nul(item) for item in data]
    return data


def json_object(value: object) -> dict:
    """``value`` when it is a JSON object, else an empty one (for untrusted JSON)."""
    return value if isinstance(value, dict) else {}


def json_list(value: object) -> list:
    """``value`` when it is a JSON array, else an empty one (for untrusted JSON)."""
    return value if isinstance(value, list) else []


def json_text(value: object) -> str:
    """``value`` when it is a string or a number, else empty (for untrusted JSON)."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""
