"""The receipt template editor: blocks and their order, info lines, title, code, header and
footer on the left; on the right the receipt as the printer would print it, redrawn a
moment after each change from the real ESC/POS bytes (decoded by the printer emulator)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QListWidgetItem, QPlainTextEdit, QScrollArea, QWidget)

from app.domain.errors import JxcError
from app.domain.receipt_template import BLOCKS, INFO, ReceiptTemplate
from app.persistence.store import LocalStore
from app.services.auth import SignedInUser
from app.services.printing.templates import (ReceiptPreview, ReceiptSetup, preview_receipt,
                                             receipt_setup, save_receipt_setup)
from app.ui.errors import error_text, show_error
from app.ui.ops import OpsRunner
from app.ui.templates.editor_frame import frame, ordered_list
from app.ui.templates.receipt_image import render_receipt

translate = QCoreApplication.translate
PREVIEW_DELAY_MS = 250


def block_title(key: str) -> str:
    return {"logo": translate("ReceiptEditor", "Logo"),
            "header": translate("ReceiptEditor", "Header text"),
            "store": translate("ReceiptEditor", "Store name"),
            "title": translate("ReceiptEditor", "Title"),
            "info": translate("ReceiptEditor", "Number, time, cashier, member"),
            "items": translate("ReceiptEditor", "Items"),
            "totals": translate("ReceiptEditor", "Totals and payments"),
            "footer": translate("ReceiptEditor", "Footer text"),
            "code": translate("ReceiptEditor", "Receipt code")}[key]


def info_title(key: str) -> str:
    return {"number": translate("ReceiptEditor", "Receipt number"),
            "time": translate("ReceiptEditor", "Time"),
            "cashier": translate("ReceiptEditor", "Cashier"),
            "member": translate("ReceiptEditor", "Member")}[key]


class ReceiptEditor(QDialog):
    saved = Signal()

    def __init__(self, store: LocalStore, ops: OpsRunner, user: SignedInUser,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._ops, self._actor = store, ops, user.actor
        self.preview: ReceiptPreview | None = None
        self._loading = True
        self.setWindowTitle(self.tr("Receipt template"))
        self.resize(980, 720)
        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        self._build()
        store_, actor = store, self._actor
        ops.run(lambda: receipt_setup(store_, actor=actor), self._loaded, self._failed,
                context=self)

    # -- building -------------------------------------------------------------------------
    def _build(self) -> None:
        controls = self._controls()
        self.problem, self.save_button = frame(self, controls, self._preview_area())

    def _controls(self) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        self.blocks = ordered_list(self.tr("Tick what prints; drag to change the order."),
                                   self._changed)
        form.addRow(self.tr("Blocks (drag to order):"), self.blocks)
        self.info = {key: QCheckBox(info_title(key)) for key in INFO}
        info_row = QHBoxLayout()
        for box_ in self.info.values():
            box_.toggled.connect(self._changed)
            info_row.addWidget(box_)
        form.addRow(self.tr("Info lines:"), info_row)
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("empty: 销售小票 / 退货小票"))
        self.title.setMaxLength(20)
        self.code_kind = QComboBox()
        for key, text in (("auto", self.tr("Automatic (QR on 58 mm, barcode on 80 mm)")),
                          ("code128", self.tr("Barcode (CODE128)")), ("qr", self.tr("QR code")),
                          ("none", self.tr("None"))):
            self.code_kind.addItem(text, key)
        self.code_content = QLineEdit("{number}")
        self.code_content.setToolTip(self.tr("QR only: may wrap {number} in a link; "
                                             "fields {number} {store} {total} {date}."))
        self.item_discounts = QCheckBox(self.tr("Discount line under discounted items"))
        self.references = QCheckBox(self.tr("Payment reference numbers"))
        self.header = QPlainTextEdit()
        self.footer = QPlainTextEdit()
        for edit in (self.header, self.footer):
            edit.setMaximumHeight(80)
        self.width_mm = QComboBox()
        self.width_mm.addItem("80 mm", 80)
        self.width_mm.addItem("58 mm", 58)
        self.sale_ref = QLineEdit()
        self.sale_ref.setPlaceholderText(self.tr("a receipt number; empty: a sample sale"))
        for widget in (self.title, self.code_content, self.sale_ref):
            widget.textChanged.connect(self._changed)
        for widget in (self.header, self.footer):
            widget.textChanged.connect(self._changed)
        for widget in (self.code_kind, self.width_mm):
            widget.currentIndexChanged.connect(self._changed)
        for widget in (self.item_discounts, self.references):
            widget.toggled.connect(self._changed)
        form.addRow(self.tr("Title:"), self.title)
        form.addRow(self.tr("Receipt code:"), self.code_kind)
        form.addRow(self.tr("Code content:"), self.code_content)
        form.addRow("", self.item_discounts)
        form.addRow("", self.references)
        form.addRow(self.tr("Header:"), self.header)
        form.addRow(self.tr("Footer:"), self.footer)
        form.addRow(self.tr("Paper:"), self.width_mm)
        form.addRow(self.tr("Preview with:"), self.sale_ref)
        return box

    def _preview_area(self) -> QWidget:
        self.paper = QLabel()
        self.paper.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.paper.setAccessibleName(self.tr("Receipt preview"))
        area = QScrollArea()
        area.setWidget(self.paper)
        area.setWidgetResizable(True)
        area.setStyleSheet("QScrollArea { background: #eceff1; }")
        return area

    # -- behaviour ------------------------------------------------------------------------
    def _loaded(self, setup: ReceiptSetup) -> None:
        t = setup.template
        self.blocks.clear()
        for key in [*t.blocks, *[b for b in BLOCKS if b not in t.blocks]]:
            item = QListWidgetItem(block_title(key))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            locked = key in ("items", "totals")  # always printed
            if locked:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if key in t.blocks
                               else Qt.CheckState.Unchecked)
            self.blocks.addItem(item)
        for key, box in self.info.items():
            box.setChecked(key in t.info)
        self.title.setText(t.title)
        self.code_kind.setCurrentIndex(max(self.code_kind.findData(t.code_kind), 0))
        self.code_content.setText(t.code_content)
        self.item_discounts.setChecked(t.item_discounts)
        self.references.setChecked(t.tender_references)
        self.header.setPlainText(setup.header)
        self.footer.setPlainText(setup.footer)
        self._loading = False
        self.refresh_preview()

    def setup(self) -> ReceiptSetup:
        blocks = tuple(self.blocks.item(i).data(Qt.ItemDataRole.UserRole)
                       for i in range(self.blocks.count())
                       if self.blocks.item(i).checkState() == Qt.CheckState.Checked)
        template = ReceiptTemplate(
            blocks=blocks, info=tuple(k for k in INFO if self.info[k].isChecked()),
            title=self.title.text().strip(), code_kind=self.code_kind.currentData(),
            code_content=self.code_content.text().strip(),
            item_discounts=self.item_discounts.isChecked(),
            tender_references=self.references.isChecked())
        return ReceiptSetup(template, self.header.toPlainText(), self.footer.toPlainText())

    def _changed(self, *_args) -> None:
        if not self._loading:
            self._timer.start()

    def refresh_preview(self) -> None:
        store, actor, setup = self._store, self._actor, self.setup()
        width, ref = self.width_mm.currentData(), self.sale_ref.text().strip() or None
        self._ops.run(lambda: preview_receipt(store, setup, width, sale_ref=ref, actor=actor),
                      self._show, self._failed, context=self)

    def _show(self, preview: ReceiptPreview) -> None:
        self.preview = preview
        self.problem.clear()
        self.save_button.setEnabled(True)
        self.paper.setPixmap(QPixmap.fromImage(render_receipt(preview.rows, preview.columns)))

    def _failed(self, exc: Exception) -> None:
        if not isinstance(exc, JxcError):
            show_error(self, exc)
            return
        self.problem.setText(error_text(exc))  # the old preview stays; saving waits
        self.save_button.setEnabled(False)

    def save(self) -> None:
        store, actor, setup = self._store, self._actor, self.setup()
        self._ops.run(lambda: save_receipt_setup(store, actor, setup), self._saved,
                      self._failed, context=self)

    def _saved(self, _result) -> None:
        self.saved.emit()
        self.accept()
