"""Purchase orders on screen: lines by scanning and search, suggestions, drafts, submitting."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.services import documents, purchasing
from app.services.documents import DocFilter
from app.services.inventory import approval_rules, queries
from app.domain.documents import DocType
from app.services.records import Actor
from app.ui.purchasing.page import PurchasingPage
from back_office_shop import COLA_CODE, wait_idle


@pytest.fixture
def page(qtbot, ops, shop):
    made = PurchasingPage(shop, ops, shop.users["clerk"])
    qtbot.addWidget(made)
    made.resize(1200, 760)
    made.show()
    wait_idle(qtbot, ops)
    return made


def scan(qtbot, ops, editor, text: str) -> None:
    editor.entry.setText(text)
    qtbot.keyClick(editor.entry, Qt.Key.Key_Return)
    wait_idle(qtbot, ops)


def test_lines_by_scanning_and_search_then_submit(en_ui, qtbot, ops, shop, page):
    tab = page.orders
    tab.head.set_supplier("S01")
    scan(qtbot, ops, tab.lines, COLA_CODE)
    scan(qtbot, ops, tab.lines, f"5*{COLA_CODE}")
    lines = tab.lines.model.lines
    assert [(l.product.sku, l.qty_milli, l.unit_cost_fen) for l in lines] == [("COLA", 6000, 150)]
    scan(qtbot, ops, tab.lines, "光明")  # one match: added at once
    assert [l.product.sku for l in tab.lines.model.lines] == ["COLA", "MILK"]
    scan(qtbot, ops, tab.lines, "nothing-like-this")
    assert "Nothing matches" in tab.lines.message.text()
    model = tab.lines.model
    qty = model.index(1, model.columns.index("qty"))
    assert model.setData(qty, "12")
    assert not model.setData(qty, "1.2345")
    assert "1.2345" in tab.lines.message.text() and model.lines[1].qty_milli == 12_000
    tab.submit()
    wait_idle(qtbot, ops)
    assert "posted" in tab.lines.message.text()
    assert tab.lines.model.lines == []
    [order] = documents.list_documents(shop, Actor(None, "a", "admin"),
                                       DocFilter(types=("purchase_order",))).rows
    shown = queries.document(shop, order.id)
    assert [(l["sku"], l["qty"], l["unit_cost"]) for l in shown["lines"]] == \
        [("COLA", "6", "1.50"), ("MILK", "12", "3.00")]
    assert tab.list.rowCount() == 1 and tab.list.item(0, 2).text() == "Posted"


def test_choose_among_several_matches(en_ui, qtbot, ops, shop, page):
    tab = page.orders
    actor = shop.users["clerk"].actor
    found = purchasing.find_products(shop, actor, "COLA") + \
        purchasing.find_products(shop, actor, "MILK")
    tab.lines._found(found, 2000, "x")  # what a search with two matches hands over
    chooser = tab.lines.chooser
    assert chooser.isVisible() and chooser.list.count() == 2
    chooser.list.setCurrentRow(1)
    chooser.accept()
    assert [(l.product.sku, l.qty_milli) for l in tab.lines.model.lines] == [("MILK", 2000)]


def test_suggested_order_fills_the_lines(en_ui, qtbot, ops, page):
    tab = page.orders
    tab.suggest()
    assert "supplier first" in tab.lines.message.text()
    tab.head.set_supplier("S01")
    tab.suggest()
    wait_idle(qtbot, ops)
    dialog = tab.suggest_dialog
    assert dialog.isVisible()
    rows = {dialog.table.item(r, 1).text(): r for r in range(dialog.table.rowCount())}
    assert set(rows) == {"COLA"}  # 24 on hand below the minimum of 30: up to 60
    assert dialog.table.item(rows["COLA"], 8).text() == "36"
    dialog.table.item(rows["COLA"], 8).setText("40")
    dialog.grab().save("/tmp/jxc_suggest.png")
    dialog.accept()
    assert [(l.product.sku, l.qty_milli) for l in tab.lines.model.lines] == [("COLA", 40_000)]


def test_draft_saved_reopened_and_sent_for_approval(en_ui, qtbot, ops, shop, page):
    approval_rules.add_rule(shop, Actor(None, "a", "admin"), DocType.PURCHASE_ORDER,
                            "store_manager", 1, None)
    tab = page.orders
    tab.head.set_supplier("S01")
    tab.head.note.setText("周一到货")
    scan(qtbot, ops, tab.lines, COLA_CODE)
    draft_id = tab.doc_id
    tab.save_draft()
    wait_idle(qtbot, ops)
    assert tab.lines.message.text() == "Draft saved."
    tab.new_order()
    assert tab.lines.model.lines == [] and tab.doc_id != draft_id
    assert tab.list.rows[0].status == "draft"
    tab.list.selectRow(0)
    tab.open_selected()
    wait_idle(qtbot, ops)
    assert tab.doc_id == draft_id and tab.head.note.text() == "周一到货"
    assert [(l.product.sku, l.qty_milli) for l in tab.lines.model.lines] == [("COLA", 1000)]
    page.grab().save("/tmp/jxc_orders.png")
    tab.submit()
    wait_idle(qtbot, ops)
    assert "waiting for approval" in tab.lines.message.text()
    assert tab.list.rows[0].status == "pending"


def test_submit_needs_a_supplier_and_lines(en_ui, qtbot, ops, page):
    tab = page.orders
    tab.submit()
    assert "supplier first" in tab.lines.message.text()
    tab.head.set_supplier("S01")
    tab.submit()
    assert "at least one line" in tab.lines.message.text()


def test_new_documents_start_with_the_stores_default_supplier_and_warehouse(en_ui, qtbot, ops,
                                                                            shop):
    from app.services import settings, warehouses

    admin = Actor(None, "a", "admin")
    warehouses.add_warehouse(shop, admin, "BACK", "后仓")
    settings.change(shop, admin, "defaults.warehouse", "BACK")
    settings.change(shop, admin, "defaults.supplier", "S01")
    made = PurchasingPage(shop, ops, shop.users["clerk"])
    qtbot.addWidget(made)
    made.show()
    wait_idle(qtbot, ops)
    for tab in (made.orders, made.receiving, made.returns):
        assert (tab.head.supplier_code(), tab.head.warehouse_code()) == ("S01", "BACK")
        assert tab.head.warehouse.currentText() == "BACK · 后仓"
    orders = made.orders
    orders.head.set_supplier("")
    orders.head.set_warehouse("MAIN")
    orders.new_order()  # the next order starts from the defaults again
    assert (orders.head.supplier_code(), orders.head.warehouse_code()) == ("S01", "BACK")
