"""The receipt template editor: changes redraw the preview from the real printer bytes;
a bad code content is explained and blocks saving; saving is what the next receipt uses."""
from __future__ import annotations

from PySide6.QtCore import Qt

from app.services.auth import SignedInUser
from app.services.printing.templates import receipt_setup
from app.ui.templates.receipt_editor import ReceiptEditor

MANAGER = SignedInUser(user_id=1, username="admin", display_name="管理员", role="admin")


def _editor(qtbot, store, ops) -> ReceiptEditor:
    editor = ReceiptEditor(store, ops, MANAGER)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: editor.preview is not None, timeout=10000)
    return editor


def _printed(editor) -> list[str]:
    return [r.text.strip() for r in editor.preview.rows if r.kind == "text"]


def test_edits_redraw_the_preview_and_saving_keeps_them(zh_ui, qtbot, new_store, ops, tmp_path):
    editor = _editor(qtbot, new_store, ops)
    assert "测试门店" in _printed(editor)
    assert not editor.paper.pixmap().isNull() and editor.paper.pixmap().height() > 400
    first = editor.preview
    editor.title.setText("购物凭证")  # as an input method would (QTest types Latin only)
    editor.info["cashier"].setChecked(False)
    editor.code_kind.setCurrentIndex(editor.code_kind.findData("qr"))
    qtbot.waitUntil(lambda: editor.preview is not first and "购物凭证" in _printed(editor),
                    timeout=10000)
    assert not any(line.startswith("收银") for line in _printed(editor))
    assert [r.kind for r in editor.preview.rows if r.kind in ("qr", "barcode")] == ["qr"]
    editor.paper.pixmap().save(str(tmp_path / "receipt-preview.png"))
    with qtbot.waitSignal(editor.saved, timeout=10000):
        editor.save_button.click()
    saved = receipt_setup(new_store)
    assert saved.template.title == "购物凭证" and "cashier" not in saved.template.info


def test_a_code_without_the_number_is_explained_and_cannot_be_saved(en_ui, qtbot, new_store,
                                                                    ops):
    editor = _editor(qtbot, new_store, ops)
    editor.code_kind.setCurrentIndex(editor.code_kind.findData("qr"))
    editor.code_content.setText("https://shop.example.cn")
    qtbot.waitUntil(lambda: "{number}" in editor.problem.text(), timeout=10000)
    assert not editor.save_button.isEnabled()
    editor.code_content.setText("https://shop.example.cn/r/{number}")
    qtbot.waitUntil(editor.save_button.isEnabled, timeout=10000)
    assert editor.problem.text() == ""


def test_blocks_can_be_unticked_but_items_and_totals_always_print(en_ui, qtbot, new_store, ops):
    editor = _editor(qtbot, new_store, ops)
    keys = [editor.blocks.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(editor.blocks.count())]
    for key in ("items", "totals"):
        item = editor.blocks.item(keys.index(key))
        assert not item.flags() & Qt.ItemFlag.ItemIsUserCheckable
    footer = editor.blocks.item(keys.index("footer"))
    before = editor.preview
    footer.setCheckState(Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: editor.preview is not before, timeout=10000)
    assert "谢谢惠顾，欢迎再次光临" not in _printed(editor)
