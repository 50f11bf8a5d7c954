"""A PDF page as a picture, for the template editors' live previews: pdfium (pypdfium2)
renders the very bytes that would be saved or printed. Plain RGB rows, so the UI can make a
QImage without this layer knowing Qt."""
from __future__ import annotations

from dataclasses import dataclass

import pypdfium2 as pdfium

MAX_SIDE = 1400  # pixels: enough for a screen, small enough to be quick


@dataclass(frozen=True)
class PageImage:
    width: int
    height: int
    stride: int  # bytes per row
    rgb: bytes  # 8-bit RGB, `height` rows of `stride` bytes


def page_image(pdf: bytes, page: int = 0, width_px: int = 800) -> PageImage:
    """Page `page` of `pdf` drawn `width_px` pixels wide (at most MAX_SIDE on either side)."""
    document = pdfium.PdfDocument(pdf)
    try:
        sheet = document[page]
        width, height = sheet.get_size()
        scale = min(width_px / width, MAX_SIDE / width, MAX_SIDE / height)
        bitmap = sheet.render(scale=scale, rev_byteorder=True, fill_color=(255, 255, 255, 255))
        return PageImage(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer))
    finally:
        document.close()
