"""The document PDF template editor: columns and their order, header and footer lines, the
logo, voucher, signature and QR code on the left; on the right the document PDF itself
(a sample sale, or the document typed under "Preview with"), drawn by pdfium on the ops
worker a moment after each change."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QDialog, QFileDialog, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QListWidgetItem, QPlainTextEdit, QPushButton,
                               QWidget)

from app.domain.document_template import COLUMNS, MAX_LOGO_BYTES, DocumentTemplate
from app.domain.errors import JxcError
from app.persistence.store import LocalStore
from app.services.auth import SignedInUser
from app.services.printing.document_templates import (BadLogo, DocumentPreview, DocumentSetup,
                                                      document_setup, preview_document,
                                                      save_document_setup)
from app.ui.errors import error_text, show_error
from app.ui.ops import OpsRunner
from app.ui.templates.editor_frame import frame, ordered_list
from app.ui.templates.pdf_preview import PdfPreview
from app.ui.translations import fill

translate = QCoreApplication.translate
PREVIEW_DELAY_MS = 250
LOCKED = ("name", "amount")  # always printed


def column_title(key: str) -> str:
    return {"line": translate("DocumentEditor", "Line no."),
            "sku": translate("DocumentEditor", "SKU"),
            "name": translate("DocumentEditor", "Product name"),
            "qty": translate("DocumentEditor", "Quantity"),
            "price": translate("DocumentEditor", "Unit price (cost on stock documents)"),
            "amount": translate("DocumentEditor", "Amount"),
            "cogs": translate("DocumentEditor", "COGS (cost viewers only)"),
            "batch": translate("DocumentEditor", "Batch"),
            "expiry": translate("DocumentEditor", "Expiry")}[key]


def read_logo(path: str) -> bytes:
    """The file's bytes, at most one byte past the limit (enough to refuse it)."""
    with open(path, "rb") as file:
        return file.read(MAX_LOGO_BYTES + 1)


class DocumentEditor(QDialog):
    saved = Signal()

    def __init__(self, store: LocalStore, ops: OpsRunner, user: SignedInUser,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._ops, self._actor = store, ops, user.actor
        self.preview: DocumentPreview | None = None
        self.logo: bytes | None = None
        self._candidate: bytes | None = None  # a logo just chosen, kept once it draws
        self._loading = True
        self.setWindowTitle(self.tr("Document PDF template"))
        self.resize(1100, 760)
        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        self._build()
        store_, actor = store, self._actor
        ops.run(lambda: document_setup(store_, actor=actor), self._loaded, self._failed,
                context=self)

    def _build(self) -> None:
        controls = self._controls()
        self.paper_view = PdfPreview(self.tr("Document preview"))
        self.problem, self.save_button = frame(self, controls, self.paper_view, (2, 3))

    def _controls(self) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        self.columns = ordered_list(
            self.tr("Tick the columns to print; drag to change the order."), self._changed)
        self.header, self.footer = QPlainTextEdit(), QPlainTextEdit()
        for edit in (self.header, self.footer):
            edit.setMaximumHeight(70)
            edit.textChanged.connect(self._changed)
        self.logo_state = QLabel()
        self.choose_logo = QPushButton(self.tr("Choose logo..."))
        self.choose_logo.clicked.connect(self._pick_logo)
        self.remove_logo = QPushButton(self.tr("Remove logo"))
        self.remove_logo.clicked.connect(self._drop_logo)
        logo_row = QHBoxLayout()
        for widget in (self.logo_state, self.choose_logo, self.remove_logo):
            logo_row.addWidget(widget)
        self.voucher = QCheckBox(self.tr("Voucher (cost viewers only)"))
        self.signature = QCheckBox(self.tr("Signature line"))
        self.signature_text = QLineEdit()
        self.signature_text.setPlaceholderText(self.tr("empty: 制单 / 审核 / 经手"))
        self.qr = QCheckBox(self.tr("QR code of the document number"))
        self.qr_content = QLineEdit()
        self.qr_content.setToolTip(self.tr("May wrap {number} in a link; fields {number} "
                                           "{store} {date}."))
        self.ref = QLineEdit()
        self.ref.setPlaceholderText(self.tr("a document number; empty: a sample sale"))
        for widget in (self.voucher, self.signature, self.qr):
            widget.toggled.connect(self._changed)
        for widget in (self.signature_text, self.qr_content, self.ref):
            widget.textChanged.connect(self._changed)
        form.addRow(self.tr("Columns (drag to order):"), self.columns)
        form.addRow(self.tr("Header:"), self.header)
        form.addRow(self.tr("Footer:"), self.footer)
        form.addRow(self.tr("Logo:"), logo_row)
        form.addRow("", self.voucher)
        form.addRow("", self.signature)
        form.addRow(self.tr("Signature text:"), self.signature_text)
        form.addRow("", self.qr)
        form.addRow(self.tr("QR content:"), self.qr_content)
        form.addRow(self.tr("Preview with:"), self.ref)
        return box

    def _loaded(self, setup: DocumentSetup) -> None:
        t = setup.template
        self.columns.clear()
        for key in [*t.columns, *[c for c in COLUMNS if c not in t.columns]]:
            item = QListWidgetItem(column_title(key))
            item.setData(Qt.ItemDataRole.UserRole, key)
            if key not in LOCKED:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if key in t.columns
                               else Qt.CheckState.Unchecked)
            self.columns.addItem(item)
        self.header.setPlainText(t.header)
        self.footer.setPlainText(t.footer)
        self.voucher.setChecked(t.voucher)
        self.signature.setChecked(t.signature)
        self.signature_text.setText(t.signature_text)
        self.qr.setChecked(t.qr)
        self.qr_content.setText(t.qr_content)
        self._set_logo(setup.logo)
        self._loading = False
        self.refresh_preview()

    def setup(self, logo: bytes | None = None) -> DocumentSetup:
        items = [self.columns.item(i) for i in range(self.columns.count())]
        template = DocumentTemplate(
            columns=tuple(i.data(Qt.ItemDataRole.UserRole) for i in items
                          if i.checkState() == Qt.CheckState.Checked),
            header=self.header.toPlainText(), footer=self.footer.toPlainText(),
            logo=True, voucher=self.voucher.isChecked(), signature=self.signature.isChecked(),
            signature_text=self.signature_text.text().strip(), qr=self.qr.isChecked(),
            qr_content=self.qr_content.text().strip())
        return DocumentSetup(template, logo if logo is not None else self.logo)

    def _set_logo(self, logo: bytes | None) -> None:
        self.logo = logo
        self.logo_state.setText(fill(self.tr("%1 KB"), f"{len(logo) / 1024:.0f}") if logo
                                else self.tr("none"))
        self.remove_logo.setEnabled(logo is not None)

    def _pick_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a logo"), str(Path.home()),
                                              self.tr("Images (*.png *.jpg *.jpeg)"))
        if path:
            self.load_logo(path)

    def load_logo(self, path: str) -> None:
        """Read the file on the worker; it becomes the logo once the preview draws it."""
        self._ops.run(lambda: read_logo(path), self._logo_read, self._failed, context=self)

    def _logo_read(self, data: bytes) -> None:
        self._candidate = data
        self.refresh_preview()

    def _drop_logo(self) -> None:
        self._set_logo(None)
        self._changed()

    def _changed(self, *_args) -> None:
        if not self._loading:
            self._timer.start()

    def refresh_preview(self) -> None:
        store, actor = self._store, self._actor
        candidate, ref = self._candidate, self.ref.text().strip() or None
        setup = self.setup(candidate)
        self._ops.run(lambda: (candidate, preview_document(store, setup, ref=ref, actor=actor)),
                      self._show, self._failed, context=self)

    def _show(self, result) -> None:
        candidate, preview = result
        if candidate is not None and candidate is self._candidate:
            self._candidate = None
            self._set_logo(candidate)
        self.preview = preview
        self.problem.clear()
        self.save_button.setEnabled(True)
        self.paper_view.show_page(preview.image)

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, BadLogo):  # the chosen file is refused; the old logo stays
            self._candidate = None
            self.problem.setText(error_text(exc))
            return
        if not isinstance(exc, JxcError):
            show_error(self, exc)
            return
        self.problem.setText(error_text(exc))  # the old preview stays; saving waits
        self.save_button.setEnabled(False)

    def save(self) -> None:
        store, actor, setup = self._store, self._actor, self.setup()
        self._ops.run(lambda: save_document_setup(store, actor, setup), self._saved,
                      self._failed, context=self)

    def _saved(self, _result) -> None:
        self.saved.emit()
        self.accept()
