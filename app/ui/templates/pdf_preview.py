"""The template editors' paper: a PDF page, as pdfium drew it on the ops worker, shown in a
grey scrolling area."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget

from app.services.printing.pdf_image import PageImage


def to_qimage(page: PageImage) -> QImage:
    """A QImage owning a copy of the page's RGB rows."""
    return QImage(page.rgb, page.width, page.height, page.stride,
                  QImage.Format.Format_RGB888).copy()


class PdfPreview(QScrollArea):
    """The page fitted to the area's width (never enlarged); taller pages scroll."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._page = QImage()
        self.paper = QLabel()
        self.paper.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.paper.setAccessibleName(accessible_name)
        self.setWidget(self.paper)
        self.setWidgetResizable(True)
        self.setStyleSheet("QScrollArea { background: #eceff1; }")

    def show_page(self, page: PageImage) -> None:
        self._page = to_qimage(page)
        self._fit()

    def image(self) -> QImage:
        """The page as drawn by pdfium, before fitting."""
        return self._page

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self._page.isNull():
            return
        width = min(self._page.width(), max(self.viewport().width() - 16, 100))
        self.paper.setPixmap(QPixmap.fromImage(self._page.scaledToWidth(
            width, Qt.TransformationMode.SmoothTransformation)))
