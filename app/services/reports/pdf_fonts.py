"""The Chinese font of PDF reports.

A TrueType CJK font found on the PC (Microsoft YaHei, SimHei or SimSun on Windows; WenQuanYi
or AR PL on Linux) is embedded as a subset, so the PDF reads the same on a phone that has no
Chinese fonts (the morning brief is read there). Without one, reportlab's built-in
`STSong-Light` CID font is used: it needs no file, but it is not embedded, so the viewer
must supply a Chinese font (every Chinese Windows and phone does). `JXC_PDF_FONT` may name a
.ttf/.ttc file to embed, or `cid` to force the built-in font.
"""
from __future__ import annotations

import os
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

CID_FONT = "STSong-Light"
EMBEDDED = "JXC-CJK"
CANDIDATES = (
    "C:/Windows/Fonts/msyh.ttc", "C:/Windows/Fonts/simhei.ttf", "C:/Windows/Fonts/simsun.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc", "/usr/share/fonts/truetype/arphic/ukai.ttc",
)
_chosen: dict[str, str] = {}


def cjk_font(choice: str | None = None) -> str:
    """The registered font name to use: `choice` (or JXC_PDF_FONT) is 'cid', a font file,
    or empty for the first usable candidate; registered once per process and choice."""
    choice = choice if choice is not None else os.environ.get("JXC_PDF_FONT", "")
    if choice not in _chosen:
        name = _register(choice)
        # One face only: <b> in a paragraph maps to the same font instead of failing.
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
        _chosen[choice] = name
    return _chosen[choice]


def is_embedded(font_name: str) -> bool:
    return font_name != CID_FONT


def _register(choice: str) -> str:
    if choice.lower() != "cid":
        paths = [choice] if choice else list(CANDIDATES)
        for i, path in enumerate(paths):
            if not Path(path).is_file():
                continue
            name = f"{EMBEDDED}-{len(_chosen)}-{i}"
            try:
                pdfmetrics.registerFont(TTFont(name, path, subfontIndex=0))
                return name
            except (TTFError, OSError, ValueError):  # e.g. CFF outlines: try the next one
                continue
    if CID_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    return CID_FONT
