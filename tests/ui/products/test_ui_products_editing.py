"""The product editor, the master-data tabs and the labels dialog, driven by keys."""
from __future__ import annotations

import pypdfium2 as pdfium
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.persistence.schema import Brand, Product, ProductBarcode
from app.services.auth import SignedInUser
from app.ui.products.editor import ProductEditor


def _editor(qtbot) -> ProductEditor:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ProductEditor)
                    or any(isinstance(w, ProductEditor) and w.isVisible()
                           for w in QApplication.topLevelWidgets()), timeout=3000)
    editor = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, ProductEditor) and w.isVisible())
    qtbot.waitUntil(editor.isEnabled, timeout=3000)
    return editor


def test_enter_after_typing_opens_the_first_match_and_a_change_is_saved(page_for, qtbot,
                                                                        catalog):
    page = page_for()
    tab = page.products
    qtbot.keyClicks(tab.search, "P0000007")
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    editor = _editor(qtbot)
    assert editor.edits["sku"].text() == "P0000007" and editor.form.id is not None
    editor.edits["retail_price"].setText("99.90")
    editor.barcodes.setPlainText("6901234567892\nP7INNER")
    # a press only: the editor is disabled while it saves, so the release finds no taker
    qtbot.keyPress(editor.edits["retail_price"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not editor.isVisible() or bool(editor.errors.text()), timeout=3000)
    assert editor.errors.text() == ""
    with catalog.engine.connect() as conn:
        pid, price = conn.execute(select(Product.id, Product.retail_price_fen)
                                  .where(Product.sku == "P0000007")).one()
        codes = conn.execute(select(ProductBarcode.barcode, ProductBarcode.is_primary)
                             .where(ProductBarcode.product_id == pid)).all()
    assert price == 9990 and sorted(codes) == [("6901234567892", True), ("P7INNER", False)]
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1 and not tab.model.searching, timeout=3000)
    assert tab.model.rows[0].retail_price_fen == 9990


def test_ctrl_n_then_a_bad_form_marks_each_field_and_keeps_the_text(page_for, qtbot):
    page = page_for()
    qtbot.keyClick(page.products.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = _editor(qtbot)
    assert editor.form.id is None and editor.focusWidget() is editor.edits["sku"]
    editor.edits["sku"].setText("NEW 1")
    editor.edits["name"].setText("新商品")
    editor.edits["retail_price"].setText("1.234")
    editor.barcodes.setPlainText("6901234567890")
    editor.save()
    qtbot.waitUntil(lambda: bool(editor.errors.text()), timeout=3000)
    for key in ("sku", "retail_price"):
        assert "c62828" in editor.edits[key].styleSheet() and editor.edits[key].toolTip()
    assert "c62828" in editor.barcodes.styleSheet()
    assert editor.edits["sku"].text() == "NEW 1" and editor.pages.currentIndex() == 0
    editor.edits["sku"].setText("NEW1")
    editor.edits["retail_price"].setText("1.23")
    editor.barcodes.setPlainText("")
    editor.save()
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=3000)


def test_cost_fields_are_hidden_from_a_shift_lead(page_for, qtbot):
    page = page_for(SignedInUser(9, "lead", "领班", "shift_lead"))
    page.products.table.selectRow(0)
    page.products.open_current()
    editor = _editor(qtbot)
    assert not editor.edits["purchase_price"].isVisible()
    editor.pages.setCurrentIndex(1)
    assert not editor.edits["freight"].isVisibleTo(editor)
    editor.reject()


def test_a_brand_is_added_in_its_tab_and_a_duplicate_is_marked(page_for, qtbot, catalog):
    page = page_for()
    tab = page.records["brands"]
    page.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.tree.topLevelItemCount() > 0, timeout=3000)
    existing = tab.tree.topLevelItem(0).text(0)
    dialog = tab.open_record(tab.spec.new())
    dialog.widgets["name"].setText(existing)
    dialog.save()
    qtbot.waitUntil(lambda: bool(dialog.errors.text()), timeout=3000)
    assert "c62828" in dialog.widgets["name"].styleSheet()
    dialog.widgets["name"].setText("测试新品牌")
    qtbot.keyPress(dialog.widgets["name"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: any(tab.tree.topLevelItem(i).text(0) == "测试新品牌"
                                for i in range(tab.tree.topLevelItemCount())), timeout=3000)
    with catalog.engine.connect() as conn:
        assert conn.execute(select(Brand.id).where(Brand.name == "测试新品牌")).scalar()
    qtbot.waitUntil(lambda: page.products.brand.findText("测试新品牌") >= 0, timeout=3000)


def test_categories_show_as_a_tree_and_members_page_on(page_for, qtbot):
    page = page_for()
    cats = page.records["categories"]
    qtbot.waitUntil(lambda: cats.tree.topLevelItemCount() > 0, timeout=3000)
    assert cats.tree.topLevelItem(0).childCount() > 0
    members = page.records["members"]
    qtbot.waitUntil(lambda: len(members.records) > 0, timeout=3000)
    first = len(members.records)
    if members.more.isVisible():
        members.load_more()
        qtbot.waitUntil(lambda: len(members.records) > first, timeout=3000)
    codes = [m.code for m in members.records]
    assert codes == sorted(codes) and len(set(codes)) == len(codes)


def test_labels_for_selected_products_are_written_as_pdf(page_for, qtbot, tmp_path,
                                                         monkeypatch):
    page = page_for()
    opened = []
    monkeypatch.setattr("app.ui.products.labels_dialog.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toLocalFile()))
    page.products.table.selectRow(0)
    qtbot.keyClick(page.products.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = next(w for w in page.findChildren(type(page).__mro__[0].__base__)
                  if w.objectName() == "labels_dialog")
    dialog.copies[0].setValue(3)
    dialog.paper.setCurrentIndex(dialog.paper.findData("roll_40x30"))
    target = tmp_path / "labels.pdf"
    dialog.write(str(target))
    qtbot.waitUntil(lambda: opened == [str(target)], timeout=5000)
    pdf = pdfium.PdfDocument(str(target))
    assert len(pdf) == 3
    assert page.products.model.rows[0].sku in pdf[0].get_textpage().get_text_range()
    dialog.reject()


def test_a_shift_lead_reads_products_but_cannot_save_or_create(page_for, qtbot):
    page = page_for(SignedInUser(9, "lead", "领班", "shift_lead"))
    assert not page.products.new_button.isVisibleTo(page)
    page.products.open_current()
    editor = _editor(qtbot)
    assert not editor.save_button.isVisibleTo(editor) and not editor.may_save
    editor.reject()


def test_the_shelf_location_is_typed_on_the_stock_page_and_a_bad_one_is_marked(page_for, qtbot,
                                                                             catalog):
    page = page_for()
    tab = page.products
    qtbot.keyClicks(tab.search, "P0000009")
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    editor = _editor(qtbot)
    field = editor.edits["location"]
    field.setText("Ａ-03")  # full-width, as a Chinese input method may type it
    editor.save()
    qtbot.waitUntil(lambda: bool(editor.errors.text()), timeout=3000)
    assert editor.pages.currentIndex() == 2 and "c62828" in field.styleSheet()
    assert field.toolTip() and field.text() == "Ａ-03"  # kept as typed, to correct
    field.setText("b-07-2")
    qtbot.keyPress(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=3000)
    with catalog.engine.connect() as conn:
        stored = conn.execute(select(Product.location).where(Product.sku == "P0000009")).scalar()
    assert stored == "b-07-2"
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1 and not tab.model.searching, timeout=3000)
    column = tab.model.columns.index("location")
    assert tab.model.index(0, column).data() == "b-07-2"


def test_custom_fields_page_shows_marks_keeps_and_saves(page_for, qtbot, catalog):
    from decimal import Decimal

    from app.domain.custom_fields import FieldDef
    from app.services import custom_fields
    from app.services.records import Actor
    page = page_for()
    admin = Actor(1, "admin", "admin")
    custom_fields.define(catalog, admin, FieldDef("product", "shelf", "货架号", "Shelf",
                                                  "number", required=True,
                                                  maximum=Decimal("99")))
    custom_fields.define(catalog, admin, FieldDef("product", "origin", "产地", "Origin",
                                                  "choice", choices=("广东", "四川"), position=2))
    custom_fields.set_values(catalog, admin, "product", "P0000007", {"origin": "四川", "shelf": "5"})
    qtbot.keyClicks(page.products.search, "P0000007")  # defined after the page opened
    qtbot.keyClick(page.products.search, Qt.Key.Key_Return)
    editor = _editor(qtbot)
    qtbot.waitUntil(lambda: editor.custom.ready, timeout=3000)
    shelf, origin = editor.custom.widgets["shelf"], editor.custom.widgets["origin"]
    assert shelf.text() == "5" and origin.currentText() == "四川"
    shelf.setText("120")
    editor.save()
    qtbot.waitUntil(lambda: bool(editor.errors.text()), timeout=3000)
    assert "c62828" in shelf.styleSheet() and "99" in shelf.toolTip()
    assert shelf.text() == "120" and editor.pages.currentWidget() is editor.custom
    shelf.setText("12")
    origin.setCurrentIndex(origin.findData("广东"))
    editor.save()
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=3000)
    assert custom_fields.values(catalog, "product", ["P0000007"]) == {
        "P0000007": {"origin": "广东", "shelf": "12"}}


def test_a_member_editor_shows_and_saves_its_custom_fields(page_for, qtbot, catalog):
    from app.domain.custom_fields import FieldDef
    from app.services import custom_fields
    from app.services.records import Actor
    page = page_for()
    custom_fields.define(catalog, Actor(1, "admin", "admin"),
                         FieldDef("customer", "vip", "贵宾", "VIP", "bool"))
    members = page.records["members"]
    qtbot.waitUntil(lambda: len(members.records) > 0, timeout=3000)
    code = members.records[0].code
    dialog = members.open_record(members.records[0])
    qtbot.waitUntil(lambda: dialog.custom.ready, timeout=3000)
    assert dialog.custom_box.isVisibleTo(dialog)
    assert not dialog.custom.widgets["vip"].isChecked()
    dialog.custom.widgets["vip"].setChecked(True)
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    assert custom_fields.values(catalog, "customer", [code]) == {code: {"vip": "1"}}


def test_a_member_list_shows_a_custom_column_and_filters_by_it(en_ui, page_for, qtbot,
                                                                catalog):
    from app.domain.custom_fields import FieldDef
    from app.services import custom_fields
    from app.services.records import Actor
    admin = Actor(1, "admin", "admin")
    custom_fields.define(catalog, admin, FieldDef("customer", "vip", "贵宾", "VIP", "bool"))
    page = page_for()
    members = page.records["members"]
    qtbot.waitUntil(lambda: len(members.records) > 0 and members.custom.field.count() == 2,
                    timeout=3000)
    column = members.columns.columns.index("custom:vip")
    assert members.tree.headerItem().text(column) == "VIP"
    assert members.custom.field.isVisibleTo(members)
    code = members.records[2].code
    custom_fields.set_values(catalog, admin, "customer", code, {"vip": "是"})
    members.custom.field.setCurrentIndex(members.custom.field.findData("vip"))
    members.custom.value.setText("yes")
    members.custom.value.textEdited.emit("yes")
    qtbot.waitUntil(lambda: [m.code for m in members.records] == [code], timeout=3000)
    assert members.tree.topLevelItem(0).text(column) == "Yes"
    members.tree.header().actions()[0].setChecked(False)
    assert members.tree.isColumnHidden(column)
    members.custom.value.setText("maybe")  # refused by the field: said in the status
    members.custom.value.textEdited.emit("maybe")
    qtbot.waitUntil(lambda: "yes or no" in members.status.text(), timeout=3000)
    assert members.records == [] and members.tree.topLevelItemCount() == 0
    custom_fields.set_active(catalog, admin, "customer", "vip", False)
    members.reload()  # the hidden field's column and filter go; the list is whole again
    qtbot.waitUntil(lambda: members.custom.field.count() == 1 and len(members.records) > 1,
                    timeout=3000)
    assert members.columns.columnCount() == members.columns.fixed
    assert not members.custom.value.isVisibleTo(members)
    suppliers = page.records["suppliers"]
    qtbot.waitUntil(lambda: len(suppliers.records) > 0, timeout=3000)
    assert suppliers.columns.columnCount() == suppliers.columns.fixed  # no supplier fields
    assert not suppliers.custom.field.isVisibleTo(suppliers)
