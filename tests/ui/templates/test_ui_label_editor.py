"""The label template editor: a change redraws the preview from the real label PDF; a bad
code content is explained and blocks saving; saving is what the next labels use."""
from __future__ import annotations

import pypdfium2 as pdfium
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.persistence.schema import Product
from app.persistence.uow import UnitOfWork
from app.services.auth import SignedInUser
from app.services.labels import label_pdf
from app.ui.templates.label_editor import LabelEditor
from helpers import add_catalog

MANAGER = SignedInUser(user_id=1, username="admin", display_name="管理员", role="admin")


def _editor(qtbot, store, ops) -> LabelEditor:
    editor = LabelEditor(store, ops, MANAGER)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: editor.preview is not None, timeout=10000)
    return editor


def _field(editor, key):
    keys = [editor.fields.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(editor.fields.count())]
    return editor.fields.item(keys.index(key))


def _text(editor) -> str:
    return pdfium.PdfDocument(editor.preview.pdf)[0].get_textpage().get_text_range()


def test_a_change_redraws_the_preview_and_saving_shapes_the_next_labels(zh_ui, qtbot,
                                                                        new_store, ops):
    add_catalog(new_store)
    editor = _editor(qtbot, new_store, ops)
    first = editor.preview
    picture = editor.paper_view.image()
    assert not picture.isNull() and picture.width() > 200
    editor.price_scale.setValue(180)
    _field(editor, "sku").setCheckState(Qt.CheckState.Unchecked)
    editor.header.setText("{store}")
    editor.sku.setText("COLA")  # the real product's label
    qtbot.waitUntil(lambda: editor.preview is not first and "COLA" not in _text(editor)
                    and "3.50" in _text(editor), timeout=10000)
    assert editor.paper_view.image() != picture
    with qtbot.waitSignal(editor.saved, timeout=10000):
        editor.save_button.click()
    with UnitOfWork(new_store.engine, write=False) as uow:
        cola = uow.session.scalar(select(Product.id).where(Product.sku == "COLA"))
    page = pdfium.PdfDocument(label_pdf(new_store, [(cola, 1)], "roll_60x40", "shelf"))[0]
    text = page.get_textpage().get_text_range()
    assert "测试门店" in text and "COLA" not in text and "3.50" in text


def test_a_qr_code_without_a_field_is_explained_and_cannot_be_saved(en_ui, qtbot, new_store,
                                                                    ops):
    editor = _editor(qtbot, new_store, ops)
    editor.code_kind.setCurrentIndex(editor.code_kind.findData("qr"))
    editor.code_content.setText("https://shop.example.cn")
    qtbot.waitUntil(lambda: "{sku} or {barcode}" in editor.problem.text(), timeout=10000)
    assert not editor.save_button.isEnabled()
    editor.code_content.setText("https://shop.example.cn/p/{sku}")
    qtbot.waitUntil(editor.save_button.isEnabled, timeout=10000)
    assert editor.problem.text() == ""
