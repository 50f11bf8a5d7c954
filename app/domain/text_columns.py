"""Printer columns: how wide text prints on a Chinese receipt printer, and how to fit it.

A receipt printer in Chinese mode (ESC/POS `FS &`, GB18030) prints an ASCII byte with its
12-dot font (one column) and every multi-byte GB18030 code with its 24-dot Chinese font (two
columns). So a character is two columns when `unicodedata.east_asian_width` says wide or
fullwidth (W/F: 可, Ａ), and also when it is any other non-ASCII character (×, é, ①), which
the printer draws the same double width. Control and zero-width characters are removed by
`clean` before anything is measured, so a product name can never smuggle a printer command
(ESC p would open the drawer) or throw the columns off.

Standard library only.
"""
from __future__ import annotations

import unicodedata

_ZERO_WIDTH_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Mn", "Me"}


def clean(text: str) -> str:
    """NFC text with tabs and line breaks as spaces and control/zero-width characters gone."""
    text = unicodedata.normalize("NFC", str(text))
    out = []
    for ch in text:
        category = unicodedata.category(ch)
        if ch == "\u3000":
            out.append(ch)  # the ideographic space is a real, double-width blank
        elif ch in "\t\r\n" or category in ("Zs", "Zl", "Zp"):
            out.append(" ")
        elif category not in _ZERO_WIDTH_CATEGORIES:
            out.append(ch)
    return "".join(out)


def char_width(ch: str) -> int:
    """Columns one (clean) character takes on the printer: 1 for printable ASCII, else 2."""
    if " " <= ch <= "~":
        return 1
    # W/F are CJK and fullwidth; any other non-ASCII character is a multi-byte GB18030
    # code too, which the printer draws with its double-width Chinese font.
    return 2


def width(text: str) -> int:
    return sum(char_width(ch) for ch in text)


def cut(text: str, columns: int) -> tuple[str, str]:
    """The longest prefix that fits in `columns` and the rest; a double-width character that
    would straddle the edge goes whole into the rest."""
    used = 0
    for index, ch in enumerate(text):
        w = char_width(ch)
        if used + w > columns:
            return text[:index], text[index:]
        used += w
    return text, ""


def wrap(text: str, columns: int) -> list[str]:
    """Lines of at most `columns`, without spaces at the break. Never empty: an empty
    text is one empty line."""
    if columns < 2:
        raise ValueError("columns must be at least 2 (one double-width character)")
    lines: list[str] = []
    rest = clean(text)
    while True:
        head, rest = cut(rest, columns)
        lines.append(head.rstrip(" "))
        rest = rest.lstrip(" ")
        if not rest:
            return lines


def truncate(text: str, columns: int) -> str:
    return cut(clean(text), columns)[0]


def ljust(text: str, columns: int) -> str:
    """Padded with spaces to `columns`; never shortened (callers truncate or wrap first)."""
    return text + " " * max(columns - width(text), 0)


def rjust(text: str, columns: int) -> str:
    return " " * max(columns - width(text), 0) + text


def center(text: str, columns: int) -> str:
    """Centred without trailing spaces (the printer needs none)."""
    return " " * max((columns - width(text)) // 2, 0) + text


def spread(left: str, right: str, columns: int) -> str:
    """`left` and `right` on one line, `right` flush right; `left` is shortened if needed,
    `right` (an amount) never is."""
    right = truncate(right, columns)
    room = columns - width(right)
    left = truncate(left, max(room - 1, 0)) if room > 0 else ""
    return left + " " * (columns - width(left) - width(right)) + right
