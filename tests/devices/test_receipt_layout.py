"""The pure receipt layout: columns counted as the printer counts them, totals, the COPY mark."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain import text_columns as tc
from app.domain.receipt import (COLUMNS, COPY_MARK, Code, Cut, Logo, ReceiptItem, ReceiptMismatch,
                                Tender, Text, UnknownPaperWidth, layout, preview)
from device_receipts import sale

def texts(ops) -> list[str]:
    return [op.text for op in ops if isinstance(op, Text)]


def assert_fits(ops, width_mm):
    cols = COLUMNS[width_mm]
    for op in ops:
        if isinstance(op, Text):
            limit = cols // 2 if op.double else cols
            assert tc.width(op.text) <= limit, (op.text, tc.width(op.text), limit)


def test_widths_count_chinese_and_fullwidth_as_two():
    assert tc.width("可乐") == 4 and tc.width("ＡＢ") == 4 and tc.width("ab") == 2
    assert tc.width("3×4") == 4  # × is a two-byte GB18030 code: the printer's Chinese font
    assert tc.clean("a\x1bp\x00\x19b\u200b\tc") == "ap\x19b c".replace("\x19", "")


def test_cut_never_splits_a_double_width_character():
    assert tc.cut("ab可乐", 3) == ("ab", "可乐")
    assert tc.cut("ab可乐", 4) == ("ab可", "乐")
    assert tc.wrap("可口可乐", 3) == ["可", "口", "可", "乐"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("可口乐米奶 abcXYZ12．Ａ×é\x1b\t"), max_size=60),
       st.integers(min_value=2, max_value=48))
def test_wrap_keeps_every_visible_character_and_respects_the_width(text, columns):
    lines = tc.wrap(text, columns)
    assert all(tc.width(line) <= columns for line in lines)
    assert "".join(lines).replace(" ", "") == tc.clean(text).replace(" ", "")


@pytest.mark.parametrize("width_mm", [58, 80])
def test_every_line_fits_the_paper(width_mm):
    ops = layout(sale(reprint=True, member="张三 138****0001"), width_mm)
    assert_fits(ops, width_mm)
    assert isinstance(ops[-1], Cut)


@settings(max_examples=150, deadline=None)
@given(names=st.lists(st.text(alphabet=st.sampled_from("可口乐米奶大 abcXYZ12-Ａ×"), max_size=50),
                      min_size=1, max_size=5),
       prices=st.lists(st.integers(0, 9_999_999), min_size=5, max_size=5),
       qtys=st.lists(st.integers(1, 99_999_999), min_size=5, max_size=5),
       width_mm=st.sampled_from([58, 80]))
def test_random_sales_always_fit(names, prices, qtys, width_mm):
    items = tuple(ReceiptItem(n, q, p, p * q // 1000, 0, "kg")
                  for n, p, q in zip(names, prices, qtys))
    total = sum(i.amount_fen for i in items)
    ops = layout(sale(items=items, total_fen=total, tenders=(Tender("wechat", total, "wx42"),),
                      change_fen=0, store_name=names[0] * 3 or "店"), width_mm)
    assert_fits(ops, width_mm)


def test_80mm_columns_line_up_under_chinese_names():
    lines = texts(layout(sale(), 80))
    header = next(l for l in lines if l.startswith("品名"))
    rows = [l for l in lines if l.endswith(("  7.00", " 20.00", "  4.50"))]
    assert len(rows) == 3
    for row, price in zip(rows, ("3.50", "8.00", "4.50")):
        assert tc.width(row) == 48  # the amount ends at the right edge
        assert tc.width(row[: row.rindex(price + " ") + 4]) == 38  # the price column's edge
    assert tc.width(header) == 48
    assert "可口可乐 500ml" in rows[0] and rows[0].endswith("2瓶     3.50      7.00")
    continuation = lines[lines.index(rows[1]) + 1]
    assert continuation == "质长粒香米 新米"  # the long name continues below, whole characters


def test_58mm_puts_figures_under_the_name():
    lines = texts(layout(sale(), 58))
    i = lines.index("可口可乐 500ml")
    assert lines[i + 1] == "         2瓶      3.50      7.00"
    assert "  折扣                     -1.00" in lines


def test_totals_tenders_change_and_discounts():
    lines = texts(layout(sale(), 80))
    assert tc.spread("合计", "30.50", 24) in lines
    assert tc.spread("现金", "50.00", 48) in lines and tc.spread("找零", "19.50", 48) in lines
    assert tc.spread("优惠", "-1.00", 48) in lines
    assert any(l.startswith("品项: 3") and l.endswith("小计: 31.50") for l in lines)


def test_order_discount_and_tender_reference():
    data = sale(order_discount_fen=50, total_fen=3000,
                tenders=(Tender("alipay", 3000, "2088xyz"),), change_fen=0)
    lines = texts(layout(data, 58))
    assert tc.spread("优惠", "-1.50", 32) in lines
    assert "  参考号: 2088xyz" in lines and tc.spread("支付宝", "30.00", 32) in lines


def test_reprint_carries_the_copy_mark_top_and_bottom():
    ops = layout(sale(reprint=True), 58)
    marks = [op for op in ops if isinstance(op, Text) and COPY_MARK in op.text]
    assert len(marks) == 2 and all(m.bold and m.double for m in marks)
    assert not any(COPY_MARK in t for t in texts(layout(sale(), 58)))


def test_receipt_number_code_logo_and_header():
    ops58, ops80 = layout(sale(logo=True), 58), layout(sale(), 80)
    assert Code("XS-S001-20261122-0001", "qr") in ops58 and isinstance(ops58[0], Logo)
    assert Code("XS-S001-20261122-0001", "code128") in ops80
    assert not any(isinstance(op, Code) for op in layout(sale(code_kind="none"), 80))
    assert ops80[0] == Text("欢迎光临", "center")
    assert Text("测试门店", "center", bold=True, double=True) in ops80


def test_figures_that_contradict_each_other_are_refused():
    with pytest.raises(ReceiptMismatch) as err:
        layout(sale(total_fen=3000), 80)
    assert "30.50" in err.value.message("zh_CN") and "30.00" in err.value.message("en")
    with pytest.raises(ReceiptMismatch):
        layout(sale(change_fen=1000), 80)
    with pytest.raises(UnknownPaperWidth):
        layout(sale(), 76)


def test_a_name_cannot_smuggle_printer_commands():
    evil = ReceiptItem("可乐\x1bp\x00\x19\xfa", 1000, 350, 350)
    data = sale(items=(evil,), total_fen=350, tenders=(Tender("cash", 350),), change_fen=0)
    ops = layout(data, 58)
    assert not any("\x1b" in t or "\x00" in t for t in texts(ops))


def test_preview_shows_the_paper():
    lines = preview(layout(sale(reprint=True), 58), 58)
    assert lines[1] == "            测试门店" and "[QR XS-S001-20261122-0001]" in lines[-6]
    assert lines[-1] == "~" * 32


def test_a_long_store_name_is_bold_at_normal_size_instead_of_split_in_giant_letters():
    ops = layout(sale(store_name="好邻居便利店（中山路店）"), 58)  # 24 columns: > 16 at double size
    assert Text("好邻居便利店（中山路店）", "center", bold=True) in ops
    assert Text("好邻居便利店（中山路店）", "center", bold=True, double=True) in layout(
        sale(store_name="好邻居便利店（中山路店）"), 80)
