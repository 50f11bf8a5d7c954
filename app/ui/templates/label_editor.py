"""The label template editor: fields and their order, the price's size, a header line and the
code on the left; on the right the label PDF itself, drawn by pdfium on the ops worker a
moment after each change, on the paper and kind chosen."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QLineEdit, QListWidgetItem,
                               QSpinBox, QWidget)

from app.domain.errors import JxcError
from app.domain.label_template import FIELDS, SCALES, LabelTemplate
from app.persistence.store import LocalStore
from app.services.auth import SignedInUser
from app.services.custom_fields import definitions
from app.services.labels import KINDS, PAPERS
from app.services.labels.templates import (LabelPreview, label_template, preview_label,
                                           save_label_template)
from app.ui.errors import error_text, show_error
from app.ui.ops import OpsRunner
from app.ui.templates.editor_frame import frame, ordered_list
from app.ui.templates.pdf_preview import PdfPreview
from app.ui.translations import current_language

translate = QCoreApplication.translate
PREVIEW_DELAY_MS = 250


def field_title(key: str) -> str:
    return {"name": translate("LabelEditor", "Product name"),
            "spec": translate("LabelEditor", "Specification"),
            "unit": translate("LabelEditor", "Unit"),
            "custom": translate("LabelEditor", "Custom field"),
            "price": translate("LabelEditor", "Retail price"),
            "member": translate("LabelEditor", "Member price"),
            "barcode": translate("LabelEditor", "Barcode / QR code"),
            "sku": translate("LabelEditor", "SKU")}[key]


class LabelEditor(QDialog):
    saved = Signal()

    def __init__(self, store: LocalStore, ops: OpsRunner, user: SignedInUser,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._ops, self._actor = store, ops, user.actor
        self.preview: LabelPreview | None = None
        self._loading = True
        self.setWindowTitle(self.tr("Label template"))
        self.resize(980, 640)
        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        self._build()
        store_, actor = store, self._actor
        ops.run(lambda: (label_template(store_, actor=actor),
                         definitions(store_, "product", actor=actor)),
                self._loaded, self._failed, context=self)

    def _build(self) -> None:
        controls = self._controls()
        self.paper_view = PdfPreview(self.tr("Label preview"))
        self.problem, self.save_button = frame(self, controls, self.paper_view)

    def _controls(self) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        self.fields = ordered_list(self.tr("Tick what prints; drag to change the order of the "
                                           "name, specification, unit and custom field."),
                                   self._changed)
        self.custom_field = QComboBox()
        self.price_scale = QSpinBox()
        self.price_scale.setRange(*SCALES)
        self.price_scale.setSingleStep(10)
        self.price_scale.setSuffix(" %")
        self.header = QLineEdit()
        self.header.setMaxLength(40)
        self.header.setPlaceholderText(self.tr("e.g. {store} (the store's name)"))
        self.code_kind = QComboBox()
        for key, text in (("auto", self.tr("Automatic (EAN-13 when the barcode is one)")),
                          ("code128", self.tr("Barcode (CODE128)")),
                          ("qr", self.tr("QR code"))):
            self.code_kind.addItem(text, key)
        self.code_content = QLineEdit()
        self.code_content.setToolTip(self.tr("{barcode} or {sku}; a QR code may wrap them in "
                                             "a link, e.g. https://m.example.cn/p/{sku}"))
        zh = current_language().startswith("zh")
        self.paper = QComboBox()
        for key, paper in PAPERS.items():
            self.paper.addItem(paper.zh if zh else paper.en, key)
        self.paper.setCurrentIndex(self.paper.findData("roll_60x40"))
        self.kind = QComboBox()
        for key, (kind_zh, kind_en) in KINDS.items():
            self.kind.addItem(kind_zh if zh else kind_en, key)
        self.sku = QLineEdit()
        self.sku.setPlaceholderText(self.tr("a SKU; empty: a sample product"))
        for widget in (self.header, self.code_content, self.sku):
            widget.textChanged.connect(self._changed)
        for widget in (self.custom_field, self.code_kind, self.paper, self.kind):
            widget.currentIndexChanged.connect(self._changed)
        self.price_scale.valueChanged.connect(self._changed)
        form.addRow(self.tr("Fields (drag to order):"), self.fields)
        form.addRow(self.tr("Custom field:"), self.custom_field)
        form.addRow(self.tr("Price size:"), self.price_scale)
        form.addRow(self.tr("Header:"), self.header)
        form.addRow(self.tr("Code:"), self.code_kind)
        form.addRow(self.tr("Code content:"), self.code_content)
        form.addRow(self.tr("Preview paper:"), self.paper)
        form.addRow(self.tr("Preview kind:"), self.kind)
        form.addRow(self.tr("Preview with:"), self.sku)
        return box

    def _loaded(self, result) -> None:
        t, defs = result
        zh = current_language().startswith("zh")
        self.custom_field.addItem(self.tr("(none)"), "")
        for fd in defs:
            self.custom_field.addItem(fd.label_zh if zh else fd.label_en, fd.key)
        self.custom_field.setCurrentIndex(max(self.custom_field.findData(t.custom_field), 0))
        self.fields.clear()
        for key in [*t.fields, *[f for f in FIELDS if f not in t.fields]]:
            item = QListWidgetItem(field_title(key))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if key in t.fields
                               else Qt.CheckState.Unchecked)
            self.fields.addItem(item)
        self.price_scale.setValue(t.price_scale)
        self.header.setText(t.header)
        self.code_kind.setCurrentIndex(max(self.code_kind.findData(t.code_kind), 0))
        self.code_content.setText(t.code_content)
        self._loading = False
        self.refresh_preview()

    def template(self) -> LabelTemplate:
        items = [self.fields.item(i) for i in range(self.fields.count())]
        return LabelTemplate(
            fields=tuple(i.data(Qt.ItemDataRole.UserRole) for i in items
                         if i.checkState() == Qt.CheckState.Checked),
            price_scale=self.price_scale.value(), header=self.header.text().strip(),
            code_kind=self.code_kind.currentData(), code_content=self.code_content.text().strip(),
            custom_field=self.custom_field.currentData() or "")

    def _changed(self, *_args) -> None:
        if not self._loading:
            self._timer.start()

    def refresh_preview(self) -> None:
        store, actor, t = self._store, self._actor, self.template()
        paper, kind = self.paper.currentData(), self.kind.currentData()
        sku = self.sku.text().strip() or None
        self._ops.run(lambda: preview_label(store, t, paper, kind, sku=sku, actor=actor),
                      self._show, self._failed, context=self)

    def _show(self, preview: LabelPreview) -> None:
        self.preview = preview
        self.problem.clear()
        self.save_button.setEnabled(True)
        self.paper_view.show_page(preview.image)

    def _failed(self, exc: Exception) -> None:
        if not isinstance(exc, JxcError):
            show_error(self, exc)
            return
        self.problem.setText(error_text(exc))  # the old preview stays; saving waits
        self.save_button.setEnabled(False)

    def save(self) -> None:
        store, actor, t = self._store, self._actor, self.template()
        self._ops.run(lambda: save_label_template(store, actor, t), self._saved, self._failed,
                      context=self)

    def _saved(self, _result) -> None:
        self.saved.emit()
        self.accept()
