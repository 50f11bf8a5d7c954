"""The report builder offers the store's custom fields as dimensions, in the user's
language, picks up a field defined while it is open, and a saved report whose field was
hidden since says why instead of dropping the dimension."""
from __future__ import annotations

import pytest

from app.domain.custom_fields import FieldDef
from app.services import custom_fields
from app.services.auth import SignedInUser
from app.services.inventory.posting import post_document
from app.services.reports.common import NOT_SET
from app.ui.reports.builder_tab import BuilderTab
from helpers import add_catalog

ADMIN = SignedInUser(user_id=1, username="admin", display_name="管理员", role="admin")
ORIGIN = FieldDef("product", "origin", "产地", "Origin", "choice", choices=("国产", "进口"))
NAME = "custom:product:origin"


@pytest.fixture
def shop(new_store):
    add_catalog(new_store)
    admin = ADMIN.actor
    custom_fields.define(new_store, admin, ORIGIN)
    custom_fields.set_values(new_store, admin, "product", "COLA", {"origin": "进口"})
    post_document(new_store, admin, {"type": "purchase_receipt", "id": "in", "supplier": "S01",
                                     "lines": [{"sku": "COLA", "qty": "9", "unit_cost": "1.00"},
                                               {"sku": "RICE", "qty": "9", "unit_cost": "1.00"}]})
    post_document(new_store, admin, {"type": "sale", "id": "s1", "lines": [
        {"sku": "COLA", "qty": "2", "unit_price": "3.50"},
        {"sku": "RICE", "qty": "1", "unit_price": "8.00"}],
        "payments": [{"method": "cash", "amount": "15.00"}]})
    return new_store


@pytest.fixture
def tab(qtbot, ops, shop):
    widget = BuilderTab(shop, ops, ADMIN)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: NAME in widget.dimensions.titles, timeout=10_000)
    return widget


def test_a_custom_field_is_a_dimension_in_the_user_s_language(qtbot, zh_ui, tab, shop):
    dims = tab.dimensions
    assert dims.titles[NAME] == "产地（商品）" and dims.titles["product"] == "商品"
    dims.available.setCurrentRow(dims.available.keys().index(NAME))
    dims._move(dims.available, dims.chosen)
    tab.measures.set_keys(["sales"])
    tab.run()
    qtbot.waitUntil(lambda: tab.panel.result is not None, timeout=10_000)
    assert {r["d0"]: r["sales"] for r in tab.panel.result.rows} == {"进口": 700, NOT_SET: 800}
    custom_fields.define(shop, ADMIN.actor, FieldDef("document", "channel", "渠道", "Channel",
                                                     "text"))
    tab.hide()
    tab.show()  # shown again: the new field is offered, the choice is kept
    qtbot.waitUntil(lambda: "custom:document:channel" in dims.titles, timeout=10_000)
    assert dims.keys() == [NAME] and dims.titles["custom:document:channel"] == "渠道（单据）"


def test_a_saved_report_on_a_hidden_field_says_why(qtbot, en_ui, tab, shop, message_boxes):
    assert tab.dimensions.titles[NAME] == "Origin (product)"
    tab.dimensions.set_keys([NAME])
    tab.measures.set_keys(["sales"])
    tab.name_edit.setText("By origin")
    tab.save()
    qtbot.waitUntil(lambda: "By origin" in tab.saved, timeout=10_000)
    custom_fields.set_active(shop, ADMIN.actor, "product", "origin", False)
    tab.hide()
    tab.show()
    qtbot.waitUntil(lambda: NAME not in tab.dimensions.titles, timeout=10_000)
    tab.dimensions.set_keys([])
    tab.saved_box.setCurrentIndex(tab.saved_box.findData("By origin"))
    tab.load_chosen()
    assert tab.dimensions.keys() == [NAME]  # kept under its name, not silently dropped
    tab.run()
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=10_000)
    assert "the field is hidden (deactivated)" in message_boxes[0][1]
    message_boxes.clear()
    assert tab.run_button.isEnabled()
