"""Shelf locations (货位) of products, such as "A-03-2", and the prefixes that select them.

A location is stored as typed, without leading or trailing spaces, at most `MAX_LOCATION`
characters, on one line, in half-width characters (a full-width "Ａ－０３" would never match
the "A-03" a stocktake asks for). Locations are compared case-insensitively for ASCII
letters only, exactly as the database does (SQLite's NOCASE collation and LIKE): "a-03"
selects "A-03-1". A prefix is a plain prefix: "A-03" also selects "A-030".
Standard library only.
"""
from __future__ import annotations

import re

MAX_LOCATION = 32
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_FULL_WIDTH = re.compile(r"[\uff01-\uff5e\u3000]")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def location_problem(text: str) -> tuple[str, str] | None:
    """Why `text` (already stripped) cannot be a location, (zh, en); None if it can."""
    if _CONTROL.search(text):
        return (f"货位“{text[:20]}”含有换行或控制字符", f"location '{text[:20]}' contains a line "
                "break or a control character")
    if _FULL_WIDTH.search(text):
        return (f"货位“{text}”含全角字符，请切换到半角（英文）输入",
                f"location '{text}' contains full-width characters; switch the keyboard to "
                "half-width")
    if len(text) > MAX_LOCATION:
        return (f"货位“{text[:20]}…”有 {len(text)} 个字符，最多 {MAX_LOCATION} 个",
                f"location '{text[:20]}...' has {len(text)} characters, at most {MAX_LOCATION} "
                "are allowed")
    return None


def fold(text: str) -> str:
    """ASCII letters in lower case, everything else as it is (SQLite's NOCASE)."""
    return text.translate(_ASCII_LOWER)


def in_location(location: str | None, prefix: str) -> bool:
    """Whether a product at `location` is selected by `prefix` (case-insensitive)."""
    return bool(location) and fold(location).startswith(fold(prefix))


def like_pattern(prefix: str) -> str:
    """The LIKE pattern (ESCAPE '\\') of everything starting with `prefix`."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"
