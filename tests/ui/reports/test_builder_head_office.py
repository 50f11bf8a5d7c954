"""The report builder lists the definitions head office shares with their marker beside the
store's own of the same name, opens and runs them, refuses to delete or overwrite them, and
saves them under another name as the store's own copy."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.persistence.uow import UnitOfWork
from app.services.auth import SignedInUser
from app.services.catalog_sync import apply_changes
from app.services.inventory.posting import post_document
from app.services.report_builder import BuilderSpec
from app.services.reports import definitions
from app.ui.reports.builder_tab import BuilderTab
from helpers import add_catalog

ADMIN = SignedInUser(user_id=1, username="admin", display_name="管理员", role="admin")
TODAY = date.today().isoformat()  # the screen's periods count from the PC's today
BY_PRODUCT = BuilderSpec(("product",), ("sales",), "table", {}, "this_year")


@pytest.fixture
def shop(new_store):
    add_catalog(new_store)
    admin = ADMIN.actor
    post_document(new_store, admin, {"type": "purchase_receipt", "id": "in", "supplier": "S01",
                                     "lines": [{"sku": "COLA", "qty": "9", "unit_cost": "1.00"},
                                               {"sku": "RICE", "qty": "9", "unit_cost": "1.00"}]})
    post_document(new_store, admin, {"type": "sale", "id": "s1", "date": TODAY, "lines": [
        {"sku": "COLA", "qty": "2", "unit_price": "3.50"},
        {"sku": "RICE", "qty": "1", "unit_price": "8.00"}],
        "payments": [{"method": "cash", "amount": "15.00"}]})
    definitions.save_definition(new_store, admin, "按商品",
                                BuilderSpec(("month",), ("quantity",), "line"))
    with UnitOfWork(new_store.engine) as uow:  # as the change feed delivers it
        apply_changes(new_store, uow.session, [{"id": 7, "kind": "report", "key": "按商品", "data": {
            "name": "按商品", "spec": BY_PRODUCT.to_json(), "title_zh": "商品销售",
            "title_en": "Sales by product", "active": True}}])
        uow.commit()
    return new_store


@pytest.fixture
def tab(qtbot, ops, shop):
    widget = BuilderTab(shop, ops, ADMIN)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: len(widget.saved) == 2, timeout=10_000)
    return widget


def items(tab) -> list[tuple[str, str]]:
    box = tab.saved_box
    return [(box.itemText(i), box.itemData(i)) for i in range(box.count())]


def test_head_office_s_definition_is_marked_and_cannot_be_deleted(qtbot, zh_ui, tab, shop,
                                                                  message_boxes):
    assert items(tab) == [("按商品", "按商品"), ("按商品 — 商品销售（总部）", "hq:按商品")]
    tab.saved_box.setCurrentIndex(1)
    tab.delete()
    assert len(message_boxes) == 1 and "由总部下发，不能在门店修改或删除" in message_boxes[0][1]
    message_boxes.clear()
    assert len(definitions.list_definitions(shop)) == 2

    assert "另存为新名称" in tab.saved_box.itemData(1, Qt.ItemDataRole.ToolTipRole)
    tab.load_chosen()
    assert tab.dimensions.keys() == ["product"] and tab.name_edit.text() == "按商品"
    assert "由总部下发" in tab.panel.status.text()
    tab.run()
    qtbot.waitUntil(lambda: tab.panel.result is not None, timeout=10_000)
    assert {r["d0"].split(" ")[0]: r["sales"] for r in tab.panel.result.rows} == {
        "COLA": 700, "RICE": 800}
    tab.save()  # under its own name: refused, the store's "按商品" is not overwritten
    assert len(message_boxes) == 1 and "另存为新名称" in message_boxes[0][1]
    message_boxes.clear()
    tab.name_edit.setText("我的商品销售")
    tab.save()
    qtbot.waitUntil(lambda: "我的商品销售" in tab.saved, timeout=10_000)
    copy = tab.saved["我的商品销售"]
    assert (copy.origin, copy.spec) == ("local", BY_PRODUCT)
    assert tab.saved["按商品"].spec.dimensions == ("month",)


def test_the_marker_in_english(qtbot, en_ui, tab):
    assert items(tab)[1] == ("按商品 — Sales by product (head office)", "hq:按商品")
