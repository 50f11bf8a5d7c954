"""Document custom fields on the purchasing screens (issue 11 item 1): filled in the head,
refused by posting when a required one is missing (nothing typed is lost), kept in a draft,
frozen with the posted document and shown read-only in the Documents section."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.domain.custom_fields import FieldDef
from app.services import custom_fields, documents
from app.services.documents import DocFilter
from app.services.inventory import queries
from app.services.records import Actor
from app.ui.documents.detail import DocumentDetail
from app.ui.purchasing.page import PurchasingPage
from back_office_shop import COLA_CODE, wait_idle

ADMIN = Actor(None, "a", "admin")
CHANNEL = FieldDef("document", "channel", "渠道", "Channel", "choice", required=True,
                   choices=("门店", "美团"))


@pytest.fixture
def page(qtbot, ops, shop):
    custom_fields.define(shop, ADMIN, CHANNEL)
    made = PurchasingPage(shop, ops, shop.users["clerk"])
    qtbot.addWidget(made)
    made.resize(1200, 760)
    made.show()
    wait_idle(qtbot, ops)
    return made


def scan(qtbot, ops, tab, text: str) -> None:
    tab.lines.entry.setText(text)
    qtbot.keyClick(tab.lines.entry, Qt.Key.Key_Return)
    wait_idle(qtbot, ops)


def choose(combo, value: str) -> None:
    combo.setCurrentIndex(combo.findData(value))


def test_a_required_document_field_on_a_purchase_order(en_ui, qtbot, ops, shop, page):
    tab = page.orders
    channel = tab.head.custom.widgets["channel"]
    assert tab.head.custom.isVisible() and channel.currentData() == ""
    for other in (page.receiving, page.returns):  # the same head on every purchasing tab
        assert "channel" in other.head.custom.widgets
    tab.head.set_supplier("S01")
    tab.head.note.setText("weekly")
    scan(qtbot, ops, tab, COLA_CODE)
    tab.submit()
    wait_idle(qtbot, ops)
    message = tab.lines.message.text()
    assert "Channel" in message and "required" in message
    assert [l.product.sku for l in tab.lines.model.lines] == ["COLA"]  # nothing lost
    assert tab.head.note.text() == "weekly" and tab.head.supplier_code() == "S01"
    choose(channel, "美团")
    tab.save_draft()
    wait_idle(qtbot, ops)
    draft_id = tab.doc_id
    shown = documents.document_detail(shop, ADMIN, draft_id)["custom_fields"]
    assert [(f["label_en"], f["value"]) for f in shown] == [("Channel", "美团")]  # the body's
    tab.new_order()
    assert channel.currentData() == ""  # a new document starts empty
    tab.open_draft(draft_id)
    wait_idle(qtbot, ops)
    assert channel.currentData() == "美团"  # the draft's stored value
    tab.submit()
    wait_idle(qtbot, ops)
    assert "posted" in tab.lines.message.text()
    [order] = documents.list_documents(shop, ADMIN, DocFilter(types=("purchase_order",))).rows
    assert order.status == "posted"
    assert queries.document(shop, order.id)["custom"] == {"channel": "美团"}


def test_the_document_view_shows_its_field_values(en_ui, qtbot, ops, shop, page):
    tab = page.orders
    tab.head.set_supplier("S01")
    scan(qtbot, ops, tab, COLA_CODE)
    choose(tab.head.custom.widgets["channel"], "门店")
    tab.submit()
    wait_idle(qtbot, ops)
    [order] = documents.list_documents(shop, ADMIN, DocFilter(types=("purchase_order",))).rows
    detail = DocumentDetail(shop, ops, shop.users["boss"])
    qtbot.addWidget(detail)
    detail.show_document(order.number)
    wait_idle(qtbot, ops)
    assert "Channel: 门店" in detail.head.text()
    assert documents.document_detail(shop, ADMIN, order.number)["custom_fields"] == [
        {"key": "channel", "label_zh": "渠道", "label_en": "Channel", "kind": "choice",
         "value": "门店"}]


def test_no_document_fields_no_custom_object(en_ui, qtbot, ops, shop):
    made = PurchasingPage(shop, ops, shop.users["clerk"])
    qtbot.addWidget(made)
    made.show()
    wait_idle(qtbot, ops)
    tab = made.orders
    assert not tab.head.custom.isVisible()
    tab.head.set_supplier("S01")
    scan(qtbot, ops, tab, COLA_CODE)
    assert "custom" not in tab.body()


def test_receipts_and_returns_carry_the_values(en_ui, qtbot, ops, shop, page):
    receipt = page.receiving
    receipt.head.set_supplier("S01")
    scan(qtbot, ops, receipt, COLA_CODE)
    choose(receipt.head.custom.widgets["channel"], "门店")
    assert receipt.body()["custom"] == {"channel": "门店"}
    back = page.returns
    back.prefill({"id": "ct-1", "supplier": "S01", "custom": {"channel": "美团"},
                  "lines": [{"sku": "COLA", "qty": "2"}]}, "RK-1")
    wait_idle(qtbot, ops)
    back.post()
    wait_idle(qtbot, ops)
    assert "posted" in back.lines.message.text()
    assert queries.document(shop, "ct-1")["custom"] == {"channel": "美团"}
    assert back.head.custom.widgets["channel"].currentData() == ""  # the next return
