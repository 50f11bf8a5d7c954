"""Receiving on screen: scanning against an order, partial receipts, batch and expiry,
the price anomaly confirmation, and returns to the supplier."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.services.inventory import queries
from app.services.inventory.posting import post_document
from app.services.records import Actor
from app.ui.purchasing.page import PurchasingPage
from back_office_shop import COLA_CODE, MILK_CODE, wait_idle

ADMIN = Actor(None, "a", "admin")


@pytest.fixture
def order(shop):
    return post_document(shop, ADMIN, {
        "type": "purchase_order", "id": "po-1", "supplier": "S01",
        "lines": [{"sku": "COLA", "qty": "10", "unit_cost": "1.50"},
                  {"sku": "MILK", "qty": "6", "unit_cost": "3.00"}]}).number


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


def cell(model, row: int, column: str):
    return model.index(row, model.columns.index(column))


def test_partial_receipts_against_an_order(en_ui, qtbot, ops, shop, order, page):
    tab = page.receiving
    tab.refresh_orders()
    wait_idle(qtbot, ops)
    assert tab.orders.count() == 2 and tab.orders.itemData(1) == order
    tab.order_entry.setText(order)
    qtbot.keyClick(tab.order_entry, Qt.Key.Key_Return)
    wait_idle(qtbot, ops)
    model = tab.lines.model
    assert [(l.product.sku, l.ordered_milli, l.qty_milli) for l in model.lines] == \
        [("COLA", 10_000, 0), ("MILK", 6_000, 0)]
    scan(qtbot, ops, tab.lines, f"4*{COLA_CODE}")
    scan(qtbot, ops, tab.lines, "RICE")
    assert "not on order" in tab.lines.message.text()
    scan(qtbot, ops, tab.lines, MILK_CODE)
    tab.post()
    wait_idle(qtbot, ops)
    assert "expiry date of MILK" in tab.lines.message.text()
    assert not model.setData(cell(model, 1, "expiry"), "31/12/2027")
    assert "not a date" in tab.lines.message.text()
    assert model.setData(cell(model, 1, "expiry"), "P20260301")  # made on; 30 days' life
    assert model.lines[1].expiry.isoformat() == "2026-03-31"
    assert model.setData(cell(model, 1, "batch"), "L0301")
    page.tabs.setCurrentWidget(tab)
    page.grab().save("/tmp/jxc_receiving.png")
    tab.post()
    wait_idle(qtbot, ops)
    assert "posted" in tab.lines.message.text()
    shown = queries.document(shop, order)
    assert [(l["received"], l["open"]) for l in shown["lines"]] == [("4", "6"), ("1", "5")]
    assert shown["order_state"] == "partial"
    # the order is loaded again with what is still open
    assert [(l.product.sku, l.received_milli, l.qty_milli) for l in model.lines] == \
        [("COLA", 4_000, 0), ("MILK", 1_000, 0)]
    assert model.setData(cell(model, 0, "qty"), "7")  # more than the 6 still open
    tab.post()
    wait_idle(qtbot, ops)
    assert "exceeds the 6" in tab.lines.message.text()


def test_price_anomaly_needs_an_explicit_confirmation(en_ui, qtbot, ops, shop, page):
    tab = page.receiving
    tab.head.set_supplier("S01")
    scan(qtbot, ops, tab.lines, COLA_CODE)
    model = tab.lines.model
    assert model.setData(cell(model, 0, "qty"), "12")
    assert model.setData(cell(model, 0, "cost"), "2.00")  # 1.50 last time: +33%
    tab.post()
    wait_idle(qtbot, ops)
    dialog = tab.confirm
    assert dialog.isVisible() and dialog.table.item(0, 4).text() == "+33.3%"
    dialog.grab().save("/tmp/jxc_price_confirm.png")
    dialog.reject()
    assert "Not posted" in tab.lines.message.text()
    before = queries.stock(shop, sku="COLA")[0]["on_hand"]
    assert before == "24"
    tab.post()
    wait_idle(qtbot, ops)
    tab.confirm.accept()
    wait_idle(qtbot, ops)
    assert "posted" in tab.lines.message.text()
    assert queries.stock(shop, sku="COLA")[0]["on_hand"] == "36"
    assert tab.lines.model.lines == []  # a receipt without order starts afresh


def test_return_to_supplier_by_scanning(en_ui, qtbot, ops, shop, page):
    tab = page.returns
    tab.head.set_supplier("S01")
    scan(qtbot, ops, tab.lines, f"2*{MILK_CODE}")
    model = tab.lines.model
    assert model.setData(cell(model, 0, "batch"), "B1")
    tab.post()
    wait_idle(qtbot, ops)
    assert "posted" in tab.lines.message.text() and "¥6.00" in tab.lines.message.text()
    assert queries.stock(shop, sku="MILK")[0]["on_hand"] == "22"
    scan(qtbot, ops, tab.lines, f"99*{MILK_CODE}")
    tab.post()
    wait_idle(qtbot, ops)
    assert "Not enough MILK" in tab.lines.message.text()
    assert tab.lines.model.lines[0].qty_milli == 99_000  # nothing lost
