"""Draw a decoded receipt (the rows the printer emulator read from the ESC/POS bytes) as an
image of the paper: one monospace cell per column, a Chinese character two cells wide,
double-size text twice as wide and tall, barcodes and QR codes drawn from their data."""
from __future__ import annotations

import io

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from app.domain import text_columns as tc
from app.services.printing.templates import PreviewRow

CELL_PX = 10
LINE_PX = 22
MARGIN = 12
CODE_PX = {"barcode": 70, "qr": 150, "image": 60}


def render_receipt(rows: tuple[PreviewRow, ...], columns: int) -> QImage:
    width = columns * CELL_PX + 2 * MARGIN
    height = 2 * MARGIN + sum(_row_height(r) for r in rows)
    image = QImage(width, max(height, 80), QImage.Format.Format_RGB32)
    image.fill(QColor("#fffdf7"))
    painter = QPainter(image)
    try:
        y = MARGIN
        for row in rows:
            _draw(painter, row, y, columns)
            y += _row_height(row)
    finally:
        painter.end()
    return image


def _row_height(row: PreviewRow) -> int:
    if row.kind == "text":
        return LINE_PX * (2 if row.double else 1)
    if row.kind == "cut":
        return 18
    if row.kind == "feed":
        return LINE_PX
    return CODE_PX.get(row.kind, LINE_PX) + 8


def _draw(painter: QPainter, row: PreviewRow, y: int, columns: int) -> None:
    width = columns * CELL_PX
    if row.kind == "text":
        _text(painter, row, y, columns)
    elif row.kind == "cut":
        painter.setPen(QColor("#9e9e9e"))
        painter.drawText(QRect(MARGIN, y, width, 18), Qt.AlignmentFlag.AlignCenter, "✂ - - - - - -")
    elif row.kind in ("barcode", "qr"):
        picture = _code_image(row)
        size = CODE_PX[row.kind]
        scaled = picture.scaled(width if row.kind == "barcode" else size, size,
                                Qt.AspectRatioMode.KeepAspectRatio)
        painter.drawImage(MARGIN + (width - scaled.width()) // 2, y + 4, scaled)
    elif row.kind == "image":
        painter.fillRect(QRect(MARGIN + width // 3, y + 4, width // 3, CODE_PX["image"]),
                         QColor("#cfd8dc"))


def _text(painter: QPainter, row: PreviewRow, y: int, columns: int) -> None:
    scale = 2 if row.double else 1
    font = QFont("monospace")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPixelSize(16 * scale)
    font.setBold(row.bold)
    painter.setFont(font)
    painter.setPen(QColor("#212121"))
    text = row.text.rstrip()
    used = tc.width(text) * scale
    start = {"center": (columns - used) // 2, "right": columns - used}.get(row.align, 0)
    x = MARGIN + max(start, 0) * CELL_PX
    for ch in text:
        cells = tc.width(ch) * scale
        box = QRect(x, y, cells * CELL_PX, LINE_PX * scale)
        if ch.strip():
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, ch)
        x += cells * CELL_PX


def _code_image(row: PreviewRow) -> QImage:
    buffer = io.BytesIO()
    if row.kind == "qr":
        import qrcode

        qrcode.make(row.text, border=1).save(buffer, "PNG")
    else:
        from barcode import Code128
        from barcode.writer import ImageWriter

        Code128(row.text, writer=ImageWriter()).write(buffer, {"write_text": True,
                                                               "module_height": 8.0})
    picture = QImage()
    picture.loadFromData(buffer.getvalue(), "PNG")
    return picture
