"""The document PDF template editor: a change redraws the preview from the real document PDF;
a file that is not an image is refused with a message and the old logo stays; saving is
what the next document PDF uses."""
from __future__ import annotations

import pypdfium2 as pdfium
from PIL import Image
from PySide6.QtCore import Qt

from app.services.auth import SignedInUser
from app.services.document_pdf import document_pdf
from app.services.printing.document_templates import document_setup
from app.ui.templates.document_editor import DocumentEditor
from app.services.inventory.posting import post_document
from app.services.records import Actor
from helpers import add_catalog

ADMIN = Actor(None, "admin", "admin")
MANAGER = SignedInUser(user_id=1, username="admin", display_name="管理员", role="admin")


def _editor(qtbot, store, ops) -> DocumentEditor:
    editor = DocumentEditor(store, ops, MANAGER)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: editor.preview is not None, timeout=10000)
    return editor


def _column(editor, key):
    keys = [editor.columns.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(editor.columns.count())]
    return editor.columns.item(keys.index(key))


def _text(data: bytes) -> str:
    return pdfium.PdfDocument(data)[0].get_textpage().get_text_range()


def test_a_change_redraws_the_preview_and_saving_shapes_the_next_pdf(zh_ui, qtbot, new_store,
                                                                     ops, tmp_path):
    add_catalog(new_store)
    post_document(new_store, ADMIN, {
        "type": "purchase_receipt", "id": "in-1", "supplier": "S01", "date": "2026-03-01",
        "lines": [{"sku": "MILK", "qty": "12", "unit_cost": "3.00", "batch": "B1",
                   "expiry": "2099-01-31"}]})
    editor = _editor(qtbot, new_store, ops)
    first, picture = editor.preview, editor.paper_view.image()
    assert picture.width() > 500 and "B20261101" in _text(first.pdf)
    _column(editor, "batch").setCheckState(Qt.CheckState.Unchecked)
    editor.footer.setPlainText("请核对后签收")
    editor.qr.setChecked(True)
    qtbot.waitUntil(lambda: editor.preview is not first, timeout=10000)
    assert "B20261101" not in _text(editor.preview.pdf) and editor.paper_view.image() != picture
    logo = tmp_path / "logo.png"
    Image.new("RGB", (90, 30), (21, 101, 192)).save(logo, "PNG")
    editor.load_logo(str(logo))
    qtbot.waitUntil(lambda: editor.logo is not None, timeout=10000)
    with qtbot.waitSignal(editor.saved, timeout=10000):
        editor.save_button.click()
    assert document_setup(new_store).logo == logo.read_bytes()
    text = _text(document_pdf(new_store, ADMIN, "in-1"))
    assert "请核对后签收" in text and "B1" not in text


def test_a_file_that_is_not_an_image_is_refused_and_the_old_logo_stays(en_ui, qtbot, new_store,
                                                                      ops, tmp_path):
    editor = _editor(qtbot, new_store, ops)
    fake = tmp_path / "logo.png"
    fake.write_bytes(b"this is not a picture")
    editor.load_logo(str(fake))
    qtbot.waitUntil(lambda: "PNG or JPEG" in editor.problem.text(), timeout=10000)
    assert editor.logo is None and editor.save_button.isEnabled()
