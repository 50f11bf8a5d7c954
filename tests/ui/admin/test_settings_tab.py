"""Admin → Settings: every setting edited in place through the settings service; a wrong
value is marked, explained and not saved; approval rules added and disabled; a cashier
reads the refusal (issue 7 item 8)."""
from __future__ import annotations

from PySide6.QtCore import Qt

from app.services import settings
from app.services.inventory import approval_rules
from test_admin_page import ADMIN, page_for, shop  # noqa: F401  (the fixture)


def _row(tab, key: str) -> int:
    return [r["key"] for r in tab.rows].index(key)


def test_settings_are_edited_in_place_and_a_wrong_value_is_refused(en_ui, qtbot, shop, ops,
                                                                  tmp_path):
    page = page_for(qtbot, shop, ops, ADMIN)
    page.tabs.setCurrentWidget(page.settings_tab)
    tab = page.settings_tab
    qtbot.waitUntil(lambda: len(tab.rows) > 20)
    row = _row(tab, "price_anomaly_percent")
    assert "purchase price" in tab.table.item(row, 2).text()
    tab.table.item(row, 1).setText("35")
    qtbot.waitUntil(lambda: "Saved price_anomaly_percent = 35" in tab.message.text())
    assert {s["key"]: s["value"] for s in settings.all_settings(shop)}[
        "price_anomaly_percent"] == "35"
    rounding = _row(tab, "counter.rounding")
    tab.table.item(rounding, 1).setText("fen")  # not a choice
    qtbot.waitUntil(lambda: tab.message.is_error)
    assert "counter.rounding" in tab.message.text()
    assert tab.table.item(rounding, 1).text() == "fen"  # what was typed stays, marked
    assert tab.table.item(rounding, 1).background().color() == Qt.GlobalColor.yellow
    assert {s["key"]: s["value"] for s in settings.all_settings(shop)}[
        "counter.rounding"] == "none"
    page.grab().save(str(tmp_path / "settings-tab.png"))  # looked at while building it


def test_approval_rules_are_added_and_disabled(en_ui, qtbot, shop, ops):
    page = page_for(qtbot, shop, ops, ADMIN)
    page.tabs.setCurrentWidget(page.settings_tab)
    tab = page.settings_tab
    qtbot.waitUntil(lambda: len(tab.rows) > 20)
    tab.kind.setCurrentIndex(tab.kind.findText("write_off"))
    tab.levels.setText("store_manager")
    tab.amount.setText("500.00")
    tab.add_rule()
    qtbot.waitUntil(lambda: tab.rules.rowCount() == 1)
    assert [tab.rules.item(0, c).text() for c in (1, 2, 3)] == [
        "write_off", "store_manager", "500.00"]
    tab.levels.setText("nobody_here")
    tab.add_rule()
    qtbot.waitUntil(lambda: tab.message.is_error)
    assert tab.rules.rowCount() == 1
    tab.rules.selectRow(0)
    tab.disable_rule()
    qtbot.waitUntil(lambda: tab.rules.rowCount() == 0)
    assert [r["active"] for r in approval_rules.list_rules(shop)] == [False]


def test_a_cashier_reads_the_refusal(en_ui, qtbot, shop, ops):
    page = page_for(qtbot, shop, ops, shop.cashier)
    page.tabs.setCurrentWidget(page.settings_tab)
    qtbot.waitUntil(lambda: page.settings_tab.message.is_error)
    assert page.settings_tab.table.rowCount() == 0
