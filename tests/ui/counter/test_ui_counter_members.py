"""Members' stored value and points at the till, near-expiry markdowns and expired stock,
from the keyboard."""
from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from app.services.counter import find_member
from app.services.inventory.posting import post_document
from app.services.inventory.queries import document
from app.services.inventory.verify import verify
from app.services.records import Actor
from counter_till import COLA_CODE, MILK_CODE, set_meta

F = Qt.Key
ADMIN = Actor(None, "setup", "admin")


def member_on_sale(till):
    till.key(F.Key_F4)
    till.answer("13800000001")


def test_top_up_then_pay_with_stored_value_and_points(en_ui, till, shop, printer):
    member_on_sale(till)
    page = till.page
    till.key(F.Key_T, Qt.KeyboardModifier.ControlModifier)  # top up
    till.answer("20")
    assert "stored value now ¥20.00" in till.message()
    assert "stored value ¥20.00" in page.totals.member.text()
    assert printer.wait_for(lambda: len(printer.events("drawer")) == 1)  # cash in: drawer
    till.scan(COLA_CODE)
    till.scan(COLA_CODE)  # 2 x 3.20 (member price) = 6.40
    till.key(F.Key_F12)
    dialog = till.dialog()
    assert "stored value ¥20.00" in dialog.balance.text()
    dialog.grab().save("/tmp/payment_member.png")
    till.qtbot.keyClick(dialog, F.Key_F10)  # points: M001 has none
    till.qtbot.keyClick(dialog.amount_edit, F.Key_Return)
    till.idle()
    assert "only 0 points" in dialog.problem.text()
    till.qtbot.keyClick(dialog, F.Key_F9)  # stored value: what is due
    till.qtbot.keyClick(dialog.amount_edit, F.Key_Return)
    till.idle()
    assert dialog.finished_sale and dialog.change_label.text() == "¥0.00"
    sale = document(shop, page.totals.last_sale.text().split()[2])
    assert [(p["method"], p["amount"], p["reference"]) for p in sale["payments"]] == [
        ("stored_value", "6.40", "M001")]
    member = find_member(shop, "M001")
    assert (member.stored_value_fen, member.points) == (13_60, 6)  # 6.40 earns 6 points
    assert verify(shop).ok


def test_paying_beyond_the_balance_is_refused_clearly(en_ui, till, shop, printer):
    member_on_sale(till)
    till.scan(COLA_CODE)
    till.key(F.Key_F12)
    dialog = till.dialog()
    till.qtbot.keyClick(dialog, F.Key_F9)
    till.qtbot.keyClick(dialog.amount_edit, F.Key_Return)
    till.idle()
    assert "has only 0.00 of stored value" in dialog.problem.text()
    assert till.page.controller.tenders == [] and not dialog.finished_sale


def test_stored_value_needs_a_member(en_ui, till, shop, printer):
    till.scan(COLA_CODE)
    till.key(F.Key_F12)
    dialog = till.dialog()
    till.qtbot.keyClick(dialog, F.Key_F9)
    assert "member first" in dialog.problem.text() and dialog.method == "cash"


def _receive_milk(store, *batches):
    post_document(store, ADMIN, {
        "type": "purchase_receipt", "id": f"milk-{batches}", "supplier": "S01",
        "lines": [{"sku": "MILK", "qty": str(n), "unit_cost": "3.00", "batch": b,
                   "expiry": (date.today() + timedelta(days=d)).isoformat()}
                  for b, n, d in batches]})


def test_a_near_expiry_batch_is_marked_down_on_the_line(en_ui, make_page, qtbot, ops, shop,
                                                        printer):
    from counter_till import Till

    set_meta(shop, "counter.expiry_markdowns", "3:30,1:50")
    # the fixture's far-off batch goes: only the near-expiry one is left
    post_document(shop, ADMIN, {"type": "write_off", "id": "wo-milk", "lines": [
        {"sku": "MILK", "qty": "24", "reason": "test"}]})
    _receive_milk(shop, ("SOON", 6, 1))
    till = Till(qtbot, make_page(shop), ops)
    till.scan("2*" + MILK_CODE)
    line = till.page.controller.cart.lines[0]
    assert line.markdown_percent == 50 and line.amount_fen == 450
    name = till.page.model.index(0, 1).data()
    assert "near expiry -50%" in name and till.page.model.index(0, 4).data() == "-¥4.50"
    assert "50% off" in till.message()
    till.page.grab().save("/tmp/counter_markdown.png")


def test_only_expired_stock_is_refused_at_the_scan(en_ui, make_page, qtbot, ops, shop, printer):
    from counter_till import Till

    post_document(shop, ADMIN, {"type": "write_off", "id": "wo-milk", "lines": [
        {"sku": "MILK", "qty": "24", "reason": "test"}]})
    _receive_milk(shop, ("OLD", 4, -2))
    till = Till(qtbot, make_page(shop), ops)
    till.scan(MILK_CODE)
    assert till.page.controller.cart.lines == []
    assert "expired" in till.message() and "cannot be sold" in till.message()
