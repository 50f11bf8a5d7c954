"""The Stock page driven as a user would: browse, filter, transfer, write off, count."""
from __future__ import annotations

from PySide6.QtCore import Qt

from app.services.inventory.queries import stock
from app.ui.stock.stock_model import COLOURS
from conftest import COLA_CODE


def _idle(qtbot, ops):
    qtbot.waitUntil(lambda: ops.pending == 0)


def _on_hand(store, sku, wh="MAIN"):
    rows = stock(store, sku=sku, warehouse=wh)
    return rows[0]["on_hand"] if rows else "0"


def test_stock_by_batch_with_expiry_colours_and_filters(qtbot, ops, shop, make_page):
    page = make_page(shop)
    tab = page.pages["stock"]
    model = tab.model
    qtbot.waitUntil(lambda: len(model.rows) == 4)
    colours = {model.rows[r].batch: model.data(model.index(r, 0), Qt.ItemDataRole.BackgroundRole)
               for r in range(4)}
    assert colours["OLD"] == COLOURS["expired"] and colours["SOON"] == COLOURS["near"]
    assert colours["LATER"] is None and colours[""] is None
    assert "4 of 4" in tab.status.text()
    qtbot.keyClicks(tab.search, "COL")
    qtbot.waitUntil(lambda: len(model.rows) == 1 and not model.loading)
    assert model.rows[0].sku == "COLA"
    tab.search.clear()
    tab.state.setCurrentIndex(tab.state.findData("expired"))
    qtbot.waitUntil(lambda: [r.batch for r in model.rows] == ["OLD"])
    page.grab().save("/tmp/jxc7-stock.png")


def test_all_six_tabs_for_a_manager_and_fewer_for_a_shift_lead(qtbot, ops, shop, make_page):
    boss = make_page(shop)
    assert set(boss.pages) == {"stock", "transfers", "write_off", "stocktake", "near_expiry",
                               "low_stock"}
    lead = make_page(shop, "lead")
    assert set(lead.pages) == {"stock", "near_expiry", "low_stock"}
    assert not lead.import_button.isVisibleTo(lead)
    _idle(qtbot, ops)


def test_transfer_out_and_receive_with_a_shortage(qtbot, ops, shop, make_page):
    page = make_page(shop, "clerk")
    tab = page.pages["transfers"]
    page.tabs.setCurrentWidget(tab)
    tab.destination.setCurrentText("W2")
    tab.lines.qty.setText("10")
    qtbot.keyClicks(tab.lines.code, COLA_CODE)
    qtbot.keyClick(tab.lines.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(tab.lines.lines) == 1)
    tab.send_button.click()
    qtbot.waitUntil(lambda: len(tab.transfers) == 1)
    assert _on_hand(shop, "COLA") == "90"
    tab.open_table.selectRow(0)
    tab.receive_selected()
    from app.ui.stock.transfers_tab import ReceiveDialog

    dialog = tab.findChild(ReceiveDialog)
    dialog.model.item(0, 3).setText("7")
    assert dialog.model.item(0, 4).text() == "3"
    dialog.grab().save("/tmp/jxc7-receive.png")
    dialog.post()
    qtbot.waitUntil(lambda: dialog.result is not None)
    assert dialog.result.discrepancies[0].short_milli == 3000
    _idle(qtbot, ops)
    assert _on_hand(shop, "COLA", "W2") == "7" and tab.transfers == []


def test_write_off_with_reason_and_photo(qtbot, ops, shop, make_page, tmp_path):
    page = make_page(shop, "clerk")
    tab = page.pages["write_off"]
    page.tabs.setCurrentWidget(tab)
    photo = tmp_path / "broken.png"
    page.grab().save(str(photo))
    tab.choose_photo(photo)
    assert tab.photo_label.pixmap() is not None and not tab.photo_label.pixmap().isNull()
    tab.lines.reason.setCurrentIndex(tab.lines.reason.findData("damaged"))
    tab.lines.qty.setText("2")
    qtbot.keyClicks(tab.lines.code, "COLA")
    qtbot.keyClick(tab.lines.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(tab.lines.lines) == 1)
    assert tab.lines.lines[0].reason == "damaged"
    tab.grab().save("/tmp/jxc7-writeoff.png")
    tab.post_button.click()
    qtbot.waitUntil(lambda: "posted" in tab.lines.message.text() or "过账" in
                    tab.lines.message.text())
    assert _on_hand(shop, "COLA") == "98"
    assert list((shop.layout.root / "photos" / "write_offs").glob("*.png"))


def test_blind_stocktake_by_scanner_and_file_then_submit(qtbot, ops, shop, make_page, tmp_path):
    clerk = make_page(shop, "clerk")
    tab = clerk.pages["stocktake"]
    clerk.tabs.setCurrentWidget(tab)
    _idle(qtbot, ops)
    assert not tab.variance_button.isVisibleTo(tab)  # the counter never sees system stock
    tab.start()
    qtbot.waitUntil(lambda: tab.current is not None and tab.scan.isEnabled())
    tab.qty.setText("90")
    qtbot.keyClicks(tab.scan, COLA_CODE)
    qtbot.keyClick(tab.scan, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    assert tab.model.item(0, 3).text() == "90" and "= 90" in tab.last.text()
    headers = [tab.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert not any("System" in str(h) or "系统" in str(h) for h in headers)
    counts = tmp_path / "pdj.txt"
    counts.write_text(f"{COLA_CODE},2\nNOPE 1\n", encoding="utf-8")
    tab.import_file(counts)
    qtbot.waitUntil(lambda: "NOPE" in tab.message.text())
    _idle(qtbot, ops)
    assert tab.model.item(0, 3).text() == "92"
    tab.grab().save("/tmp/jxc7-stocktake.png")
    boss = make_page(shop, "boss")
    boss_tab = boss.pages["stocktake"]
    boss.tabs.setCurrentWidget(boss_tab)
    qtbot.waitUntil(lambda: boss_tab.current is not None and ops.pending == 0)
    boss_tab.zero.setChecked(False)
    boss_tab.show_variance()
    from app.ui.stock.variance_dialog import VarianceDialog
    dialog = boss_tab.findChild(VarianceDialog)
    qtbot.waitUntil(lambda: dialog.variance is not None)
    assert "16.00" in dialog.totals.text()  # 8 short at 2.00
    dialog.grab().save("/tmp/jxc7-variance.png")
    dialog.close()
    tab.zero.setChecked(False)
    tab.submit()
    qtbot.waitUntil(lambda: tab.current is None and ops.pending == 0)
    assert _on_hand(shop, "COLA") == "92"


def test_near_expiry_and_low_stock_lists(qtbot, ops, shop, make_page):
    page = make_page(shop)
    near = page.pages["near_expiry"]
    page.tabs.setCurrentWidget(near)
    qtbot.waitUntil(lambda: near.model.rowCount() == 2)
    assert near.model.item(1, 8).text() == "-50%" and near.model.item(1, 9).text() == "2.30"
    low = page.pages["low_stock"]
    page.tabs.setCurrentWidget(low)
    _idle(qtbot, ops)
    assert low.model.rowCount() == 0
    near.grab().save("/tmp/jxc7-near.png")


def test_export_writes_every_row_of_the_filter_not_only_those_loaded(qtbot, ops, shop,
                                                                      make_page, tmp_path,
                                                                      message_boxes):
    from openpyxl import load_workbook

    page = make_page(shop)
    tab = page.pages["stock"]
    qtbot.waitUntil(lambda: len(tab.model.rows) == 4)
    target = tmp_path / "stock.xlsx"
    tab.export(target)
    qtbot.waitUntil(lambda: bool(message_boxes))
    assert message_boxes.pop()[0] == "information"
    ws = load_workbook(target).active
    assert [c.value for c in ws[1]][:3] == ["SKU", "Product", "Warehouse"]
    assert ws.max_row == 5 and {ws.cell(r, 4).value for r in range(2, 6)} == \
        {None, "OLD", "SOON", "LATER"}


def test_every_warehouse_chooser_starts_at_the_default_warehouse(qtbot, ops, shop, make_page):
    from app.services import settings
    from app.services.records import Actor

    settings.change(shop, Actor(None, "a", "admin"), "defaults.warehouse", "W2")
    page = make_page(shop, "clerk")
    assert page.pages["write_off"].warehouse.currentText() == "W2"
    assert page.pages["stocktake"].warehouse.currentText() == "W2"
    transfers = page.pages["transfers"]
    assert (transfers.source.currentText(), transfers.destination.currentText()) == ("W2", "MAIN")
    assert page.pages["stock"].warehouse.currentData() == ""  # the stock list: all warehouses


def test_a_stocktake_by_location_from_the_keyboard(qtbot, ops, shop, make_page):
    from sqlalchemy import text

    from app.persistence.uow import UnitOfWork

    with UnitOfWork(shop.engine) as uow:
        uow.session.execute(text("UPDATE products SET location = CASE sku WHEN 'COLA' THEN "
                                 "'A-03-1' WHEN 'MILK' THEN 'B-01-2' END"))
        uow.commit()
    page = make_page(shop, "clerk")
    tab = page.pages["stocktake"]
    page.tabs.setCurrentWidget(tab)
    _idle(qtbot, ops)
    assert not tab.location.isEnabled()
    tab.scope.setFocus()
    tab.scope.setCurrentIndex(tab.scope.findData("location"))
    assert tab.location.isEnabled() and not tab.category.isEnabled()
    assert page.window().focusWidget() is tab.location  # the cursor goes to the field
    qtbot.keyClicks(tab.location, "Z-9")
    qtbot.keyClick(tab.location, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Z-9" in tab.message.text())
    assert tab.current is None and tab.location.text() == "Z-9"  # refused, text kept
    tab.location.selectAll()
    qtbot.keyClicks(tab.location, "a-03")
    qtbot.keyClick(tab.location, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.current is not None and tab.scan.isEnabled())
    _idle(qtbot, ops)
    assert "a-03" in tab.open_combo.currentText()
    qtbot.keyClicks(tab.scan, "MILK")
    qtbot.keyClick(tab.scan, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "B-01-2" in tab.message.text())
    assert tab.model.rowCount() == 0
    qtbot.keyClicks(tab.scan, COLA_CODE)
    qtbot.keyClick(tab.scan, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    tab.submit()
    qtbot.waitUntil(lambda: tab.current is None and ops.pending == 0)
    assert (_on_hand(shop, "COLA"), _on_hand(shop, "MILK")) == ("1", "35")
