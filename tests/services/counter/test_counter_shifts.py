"""Shifts at the till: open with a float, sell, cash in and out, X report, close with a count
and a Z report; figures checked against the posted documents, computed here on their own."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select, text

from app.devices.emulator import PrinterEmulator
from app.domain import text_columns as tc
from app.domain.money import parse_money
from app.persistence.schema import AuditEntry, OutboxEvent, PrintJob, Shift, ShiftReport
from app.services.counter import (Cart, Tender, cash_move, checkout, close_shift, current_shift,
                                  load_config, open_shift, post_return, shift_totals, x_report)
from app.services.counter.errors import (AuthorisationNeeded, BadCashAmount, BadCount,
                                         CashOutTooLarge, NoOpenShift, ReasonNeeded,
                                         ShiftAlreadyOpen, WrongPin)
from app.services.inventory.queries import document
from app.services.printing import drain
from counter_shop import MANAGER_PIN, add_user, product, set_meta


def sell(store, actor, items, tenders) -> str:
    cart = Cart()
    for sku, qty in items:
        cart.add(product(store, sku), qty)
    return checkout(store, actor, cart, tenders).number


def audit(store, prefix: str) -> list[tuple[str, dict]]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(AuditEntry.action, AuditEntry.detail).where(
            AuditEntry.action.like(prefix + "%")).order_by(AuditEntry.seq)).all()
    return [(a, json.loads(d) if isinstance(d, str) else d) for a, d in rows]


def by_method(numbers: list[str], store) -> dict[str, int]:
    """Per tender, the payments of these posted documents (change counted as cash)."""
    out: dict[str, int] = {}
    for number in numbers:
        for p in document(store, number)["payments"]:
            method = "cash" if p["method"] == "change" else p["method"]
            out[method] = out.get(method, 0) + parse_money(p["amount"])
    return out


def test_open_sell_return_move_cash_and_close_match_the_posted_documents(shop, cashier, manager):
    info = open_shift(shop, cashier, 200_00)
    assert (info.seq, info.status, info.opened_by, info.float_fen) == (1, "open", "cashier1", 20000)
    assert current_shift(shop) == info
    sales = [sell(shop, cashier, [("COLA", 3000)], [Tender("cash", 20_00)]),
             sell(shop, cashier, [("MILK", 2000)], [Tender("card", 9_00, "T01")]),
             sell(shop, cashier, [("RICE", 1255), ("COLA", 1000)],
                  [Tender("wechat", 5_00, "134567890123456789"), Tender("cash", 10_00)])]
    config = load_config(shop)
    refund = post_return(shop, manager, sales[0], {1: 1000}, config, return_id="r-1")
    cash_move(shop, cashier, "in", 50_00, "换零钱", config)
    cash_move(shop, cashier, "out", 30_00, "交银行", config)
    taken, refunded = by_method(sales, shop), by_method([refund.number], shop)
    expected_cash = 200_00 + taken["cash"] - refunded["cash"] + 50_00 - 30_00
    _, totals = shift_totals(shop)
    assert totals.expected == {"cash": expected_cash, "card": taken["card"],
                               "wechat": taken["wechat"], "alipay": 0}
    assert (totals.sales_count, totals.returns_count) == (3, 1)
    assert totals.sales_fen == sum(parse_money(document(shop, n)["total"]) for n in sales)
    assert totals.returns_fen == 3_50 and expected_cash == 200_00 + 19_04 - 3_50 + 20_00
    counts = {100_00: 2, 20_00: 1, 10_00: 1, 5_00: 1, 1_00: 2, 50: 1, 10: 1}  # ¥237.60
    closed = close_shift(shop, cashier, counts, config)
    assert closed.counted_fen == 237_60 and closed.over_short_fen == 237_60 - expected_cash
    with shop.engine.connect() as conn:
        row = conn.execute(select(Shift)).one()
    assert (row.status, row.counted_fen) == ("closed", 237_60)
    assert row.over_short_fen == closed.over_short_fen
    assert json.loads(row.expected_json)["cash"] == expected_cash
    assert json.loads(row.counted_json) == {"100.00": 2, "20.00": 1, "10.00": 1, "5.00": 1,
                                            "1.00": 2, "0.50": 1, "0.10": 1}
    assert current_shift(shop) is None


def test_selling_and_refunding_are_refused_without_an_open_shift(shop, cashier, manager):
    cart = Cart()
    cart.add(product(shop, "COLA"))
    with pytest.raises(NoOpenShift) as refused:
        checkout(shop, cashier, cart, [Tender("cash", 350)])
    assert "开班" in refused.value.message("zh_CN")
    assert "Open a shift" in refused.value.message("en")
    open_shift(shop, cashier, 0)
    number = checkout(shop, cashier, cart, [Tender("cash", 350)]).number
    close_shift(shop, cashier, {1_00: 3, 50: 1}, load_config(shop))
    with pytest.raises(NoOpenShift):
        checkout(shop, cashier, Cart(lines=list(cart.lines)), [Tender("cash", 350)])
    with pytest.raises(NoOpenShift):
        post_return(shop, manager, number, {1: 1000}, load_config(shop), return_id="r-x")
    assert document(shop, number)["status"] == "posted"


def test_one_open_shift_per_till_and_z_numbers_count_up(shop, cashier):
    open_shift(shop, cashier, 100_00)
    with pytest.raises(ShiftAlreadyOpen) as twice:
        open_shift(shop, cashier, 100_00)
    assert "cashier1" in twice.value.message("en")
    close_shift(shop, cashier, {100_00: 1}, load_config(shop))
    assert open_shift(shop, cashier, 50_00).seq == 2
    with pytest.raises(BadCashAmount):
        open_shift(shop, cashier, -1)


def test_cash_in_and_out_are_audited_each_in_its_own_entry(shop, cashier, manager, shift):
    config = load_config(shop)
    cash_move(shop, cashier, "in", 100_00, "备用零钱", config)
    moved = cash_move(shop, cashier, "out", 80_00, "交银行", config)
    assert (moved.approved_by, moved.expected_cash_fen) == ("cashier1", 220_00)
    with pytest.raises(ReasonNeeded):
        cash_move(shop, cashier, "in", 1_00, "   ", config)
    with pytest.raises(CashOutTooLarge):
        cash_move(shop, manager, "out", 300_00, "超出钱箱", config)
    set_meta(shop, "counter.cash_out_limit", "50")
    config = load_config(shop)
    with pytest.raises(AuthorisationNeeded):
        cash_move(shop, cashier, "out", 60_00, "付供应商", config)
    with pytest.raises(WrongPin):
        cash_move(shop, cashier, "out", 60_00, "付供应商", config, approver="boss", pin="0000")
    big = cash_move(shop, cashier, "out", 60_00, "付供应商", config, approver="boss",
                    pin=MANAGER_PIN)
    assert big.approved_by == "boss" and big.expected_cash_fen == 160_00
    moves = audit(shop, "shift.cash_")
    assert [(a, d["amount"], d["reason"], d["approved_by"]) for a, d in moves] == [
        ("shift.cash_in", "100.00", "备用零钱", "cashier1"),
        ("shift.cash_out", "80.00", "交银行", "cashier1"),
        ("shift.cash_out", "60.00", "付供应商", "boss")]
    assert all(d["by"] == "cashier1" for _, d in moves)
    assert [a for a, _ in audit(shop, "counter.")] == [
        "counter.authorisation_refused", "counter.cash_out_over_limit"]
    with shop.engine.connect() as conn:
        events = conn.execute(select(OutboxEvent.event_type).where(
            OutboxEvent.event_type.like("shift.%")).order_by(OutboxEvent.id)).scalars().all()
    assert events == ["shift.opened", "shift.cash_moved", "shift.cash_moved", "shift.cash_moved"]


def test_a_cash_move_prints_a_slip_that_opens_the_drawer(shop, cashier, shift):
    with PrinterEmulator(width_mm=58) as printer:
        set_meta(shop, "counter.printer", printer.url)
        set_meta(shop, "counter.receipt_width", "58")
        cash_move(shop, cashier, "out", 20_00, "买打印纸", load_config(shop))
        assert [o.drawer_pulsed for o in drain(shop)] == [True]
        (slip,) = printer.receipts()
    assert "取出现金" in slip and "2 0 . 0 0" in slip and "买打印纸" in slip  # double size


def test_x_then_z_reports_are_stored_and_printed_on_receipt_width(shop, cashier, shift):
    with PrinterEmulator(width_mm=58) as printer:
        set_meta(shop, "counter.printer", printer.url)
        set_meta(shop, "counter.receipt_width", "58")
        config = load_config(shop)
        sell(shop, cashier, [("COLA", 2000)], [Tender("cash", 10_00)])
        x = x_report(shop, cashier, config)
        assert current_shift(shop) is not None  # an X report leaves the shift open
        sell(shop, cashier, [("MILK", 1000)], [Tender("alipay", 4_50, "281234567890123456")])
        z = close_shift(shop, cashier, {100_00: 2, 5_00: 1, 1_00: 2}, config).report
        assert [o.printed for o in drain(shop)] == [True, True]
        x_paper, z_paper = printer.receipts()
    assert (x.kind, z.kind, x.body["sales_count"], z.body["sales_count"]) == ("X", "Z", 1, 2)
    assert "X 报表" in x_paper and "Z 报表" in z_paper and "点钞" not in x_paper
    assert "支付宝" in z_paper and "4.50" in z_paper and "207.00" in z_paper  # expected cash
    assert "长短款" in z_paper and "0.00" in z_paper
    for report in (x, z):
        assert all(tc.width(line) <= 32 for line in report.text.splitlines())
    assert "实点现金" in z.text and "应有现金" in x.text
    with shop.engine.connect() as conn:
        stored = conn.execute(select(ShiftReport.kind, ShiftReport.text)
                              .order_by(ShiftReport.id)).all()
        kinds = conn.execute(select(PrintJob.kind).order_by(PrintJob.id)).scalars().all()
    assert [k for k, _ in stored] == ["X", "Z"] and stored[1][1] == z.text
    assert kinds == ["shift_report", "shift_report"]
    assert [a for a, _ in audit(shop, "shift.")] == ["shift.open", "shift.x_report", "shift.close"]


def test_the_z_report_fits_80_mm_too(shop, cashier, shift):
    config = load_config(shop)
    cash_move(shop, cashier, "in", 12_30, "一段很长的原因：" + "找零用的硬币和零钞" * 4, config)
    closed = close_shift(shop, cashier, {100_00: 2, 10_00: 1, 1_00: 2, 10: 3}, config)
    lines = closed.report.text.splitlines()
    assert all(tc.width(line) <= 48 for line in lines) and "第 1 班" in closed.report.text
    assert closed.over_short_fen == 0 and any(l.startswith("长短款") for l in lines)


def test_an_over_short_beyond_the_limit_needs_a_supervisor(shop, cashier, manager, shift):
    config = load_config(shop)
    short = {100_00: 1, 50_00: 1, 20_00: 1, 5_00: 1}  # ¥175.00 of ¥200.00
    with pytest.raises(AuthorisationNeeded):
        close_shift(shop, cashier, short, config)
    assert current_shift(shop) is not None
    closed = close_shift(shop, cashier, short, config, approver="boss", pin=MANAGER_PIN)
    assert (closed.over_short_fen, closed.approved_by) == (-25_00, "boss")
    assert "短款" in closed.report.text and "授权: boss" in closed.report.text
    (approval,) = audit(shop, "counter.shift_close")
    assert approval[1]["reasons"] == ["over_short"] and approval[1]["over_short"] == "-25.00"


def test_closing_another_cashiers_shift_needs_a_supervisor(shop, cashier, shift):
    other = add_user(shop, "cashier2", "cashier")
    lead = add_user(shop, "lead", "shift_lead")
    config = load_config(shop)
    with pytest.raises(AuthorisationNeeded):
        close_shift(shop, other, {100_00: 2}, config)
    closed = close_shift(shop, lead, {100_00: 2}, config)
    assert (closed.approved_by, closed.info.opened_by) == ("lead", "cashier1")


def test_a_closed_shift_its_moves_and_reports_never_change(shop, cashier, shift):
    config = load_config(shop)
    cash_move(shop, cashier, "in", 10_00, "零钱", config)
    close_shift(shop, cashier, {100_00: 2, 10_00: 1}, config)
    for sql in ("UPDATE shifts SET float_fen = 0", "UPDATE shifts SET status = 'open'",
                "DELETE FROM shifts", "UPDATE shift_cash_moves SET amount_fen = 1",
                "DELETE FROM shift_cash_moves", "UPDATE shift_reports SET text = ''",
                "DELETE FROM shift_reports"):
        with pytest.raises(Exception, match="never change|are kept|append-only"):
            with shop.engine.begin() as conn:
                conn.execute(text(sql))
    with pytest.raises(NoOpenShift):
        cash_move(shop, cashier, "in", 10_00, "零钱", config)


def test_a_count_must_name_real_notes_and_whole_pieces(shop, cashier, shift):
    config = load_config(shop)
    for counts in ({3_00: 1}, {100_00: -1}, {1_00: 1.5}):
        with pytest.raises(BadCount):
            close_shift(shop, cashier, counts, config)
    assert current_shift(shop) is not None
