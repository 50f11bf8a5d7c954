"""Keys of the sale screen: hold/recall, void with a manager's PIN, discounts, member,
help overlay, cancel, status strip."""
from __future__ import annotations

import json

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.persistence.schema import AuditEntry
from app.services.counter import held_sales
from counter_till import COLA_CODE, MANAGER_PIN, MILK_CODE, set_meta

F = Qt.Key


def audited(store) -> list[tuple[str, dict]]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(AuditEntry.action, AuditEntry.detail)
                            .where(AuditEntry.action.like("counter.%")).order_by(AuditEntry.seq)).all()
    return [(a, json.loads(d) if isinstance(d, str) else d) for a, d in rows]


def authorise(till, user: str, pin: str) -> None:
    dialog = till.dialog()
    assert type(dialog).__name__ == "PinDialog"
    dialog.user_edit.setText(user)
    till.qtbot.keyClicks(dialog.pin_edit, pin)
    till.qtbot.keyClick(dialog.pin_edit, F.Key_Return)
    till.idle()


def test_hold_and_recall_keep_the_sale_in_the_store(en_ui, till, shop):
    till.scan(COLA_CODE)
    till.scan("2*" + MILK_CODE)
    sale_id = till.page.controller.cart.sale_id
    till.key(F.Key_F6)
    assert till.page.controller.cart.lines == [] and "F7" in till.message()
    assert [h.sale_id for h in held_sales(shop)] == [sale_id]
    till.scan(COLA_CODE)  # another customer meanwhile
    till.key(F.Key_F7)
    dialog = till.dialog()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 4).text() == "¥12.50"
    till.qtbot.keyClick(dialog.table, F.Key_Return)
    till.idle()
    cart = till.page.controller.cart
    assert cart.sale_id == sale_id and [l.qty_milli for l in cart.lines] == [1000, 2000]
    assert [h.lines for h in held_sales(shop)] == [1]  # the other customer's sale, held for them
    assert till.page.totals.due.text() == "¥12.50"


def test_a_cashier_voids_a_line_only_with_a_manager_pin_and_it_is_audited(en_ui, till, shop):
    till.scan(COLA_CODE)
    till.scan(MILK_CODE)
    till.key(F.Key_Delete)  # the empty field: Del voids the selected (last) line
    authorise(till, "boss", "9999")
    assert len(till.page.controller.cart.lines) == 2 and "Authorisation refused" in till.message()
    authorise(till, "boss", MANAGER_PIN)
    assert [l.product.sku for l in till.page.controller.cart.lines] == ["COLA"]
    assert till.message() == "Done: void a line, authorised by boss."
    actions = audited(shop)
    assert [a for a, _ in actions] == ["counter.authorisation_refused", "counter.void_line"]
    assert actions[1][1]["approved_by"] == "boss" and actions[1][1]["by"] == "cashier1"
    assert actions[1][1]["sku"] == "MILK"


def test_arrow_keys_pick_the_line_to_void(en_ui, make_page, shop, printer, ops, qtbot):
    from counter_till import Till
    till = Till(qtbot, make_page(shop, "boss"), ops)  # a manager needs no PIN
    till.scan(COLA_CODE)
    till.scan(MILK_CODE)
    till.key(F.Key_Up)
    till.key(F.Key_Delete)
    assert [l.product.sku for l in till.page.controller.cart.lines] == ["MILK"]
    assert till.page.prompts.active is None


def test_a_discount_within_the_limit_needs_no_one_and_above_it_a_manager(en_ui, till, shop):
    till.scan("10*" + COLA_CODE)  # ¥35.00
    till.key(F.Key_F8)
    till.answer("10%")  # the cashier's own limit
    assert till.page.totals.due.text() == "¥31.50" and till.page.prompts.active is None
    till.key(F.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    till.answer("9折")  # 10% of 31.50 more on top: over the limit
    authorise(till, "boss", MANAGER_PIN)
    assert till.page.totals.due.text() == "¥28.35"
    assert [d.get("approved_by") for _, d in audited(shop)] == ["cashier1", "boss"]


def test_nonsense_is_refused_in_the_users_language(zh_ui, till):
    till.scan(COLA_CODE)
    till.key(F.Key_F2)
    till.answer("1.5")
    assert "整数" in till.message() and till.page.controller.cart.lines[0].qty_milli == 1000
    till.key(F.Key_F8)
    till.answer("abc")
    assert "折扣" in till.message() and till.page.totals.due.text() == "¥3.50"


def test_more_of_a_line_is_free_but_fewer_is_a_void(en_ui, till):
    till.scan(COLA_CODE)
    till.key(F.Key_F2)
    till.answer("3")
    assert till.page.controller.cart.lines[0].qty_milli == 3000
    till.key(F.Key_F2)
    till.answer("2")
    assert type(till.dialog()).__name__ == "PinDialog"


def test_a_member_gets_member_prices(en_ui, till):
    till.scan("2*" + COLA_CODE)
    till.key(F.Key_F4)
    till.answer("13800000001")
    assert "张三" in till.page.totals.member.text()
    assert till.page.totals.due.text() == "¥6.40"
    till.key(F.Key_F4)
    till.answer("13900000000")
    assert "13900000000" in till.message() and till.page.totals.due.text() == "¥6.40"


def test_f1_lists_every_key_and_esc_closes_it(en_ui, till):
    till.key(F.Key_F1)
    overlay = till.page.overlay
    assert overlay.isVisible()
    keys = [k for k, _ in overlay.rows]
    for key in ("F1", "F2", "F4", "F6", "F7", "F8", "F12", "Del", "Esc", "Enter"):
        assert key in keys
    till.key(F.Key_Escape)
    assert not overlay.isVisible()


def test_esc_twice_cancels_the_sale_for_a_manager(en_ui, make_page, shop, printer, ops, qtbot):
    from counter_till import Till
    till = Till(qtbot, make_page(shop, "boss"), ops)
    till.scan(COLA_CODE)
    till.key(F.Key_Escape)
    assert len(till.page.controller.cart.lines) == 1 and "Esc again" in till.message()
    till.key(F.Key_Escape)
    assert till.page.controller.cart.lines == [] and "cancelled" in till.message()
    assert [a for a, _ in audited(shop)] == ["counter.void_sale"]


def test_the_status_strip_says_what_is_known_and_unknown(zh_ui, till, shop, printer):
    labels = till.page.status.labels
    till.qtbot.waitUntil(lambda: till.page.status.status is not None)
    assert labels["connection"].text() == "单店运行（未连接总部）"
    assert labels["queue"].text() == "待上传：2 条"  # the stock receipt and the shift's opening
    assert labels["printer"].text() == "打印机：就绪"
    assert labels["training"].text() == "培训模式：未知"
    assert labels["scanner"].text() == "扫描枪：尚未扫描"
    till.scan(COLA_CODE)
    assert labels["scanner"].text().startswith("扫描枪：最近扫描")
    set_meta(shop, "sync.hq_url", "https://hq.example")
    set_meta(shop, "sync.state", "offline")
    till.page.status.refresh()
    till.idle()
    assert labels["connection"].text() == "离线"
