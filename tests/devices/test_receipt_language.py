"""Receipts in the store's language (setting `store.language`): an English store's receipts
go to the TCP printer emulator and are read back with English labels that fit 58 and 80 mm;
a Chinese store's receipt is the one printed before the setting existed."""
from __future__ import annotations

import pytest

from app.devices.emulator import PrinterEmulator
from app.domain import text_columns as tc
from app.domain.receipt import COLUMNS, ReceiptItem, Tender, layout, preview
from app.domain.receipt_template import ReceiptTemplate
from app.services import settings
from app.services.inventory.posting import post_document
from app.services.printing import drain, enqueue_receipt, templates
from app.services.printing.receipts import set_receipt_texts
from device_receipts import ADMIN, sale

ZH_LABELS = ("销售小票", "退货小票", "单号", "时间", "收银", "会员", "品名", "数量", "单价", "金额",
             "折扣", "品项", "小计", "优惠", "合计", "参考号", "找零", "现金", "微信支付", "重印",
             "谢谢惠顾")
PAYMENTS = [{"method": "wechat", "amount": "10.00", "reference": "WX-0001"},
            {"method": "cash", "amount": "40.00"}]


def english(store) -> None:
    assert settings.change(store, ADMIN, "store.language", "en") == "en"


def printed(store, refs: list[str], width_mm: int) -> tuple[list[str], list[str], list[str]]:
    """(each receipt as paper text, every text line as sent, the paper's lines)."""
    with PrinterEmulator(width_mm=width_mm) as printer:
        for ref in refs:
            enqueue_receipt(store, ref, printer.url, width_mm=width_mm)
        drain(store)
        assert printer.wait_for(lambda: len(printer.events("cut")) == len(refs))
        return printer.receipts(), [e.text for e in printer.events("text")], printer.paper()


def test_the_setting_takes_either_spelling_and_refuses_other_languages(shop):
    listed = {s["key"]: s for s in settings.all_settings(shop)}
    assert listed["store.language"]["value"] == "zh_CN" and "English" in listed[
        "store.language"]["en"]
    assert settings.change(shop, ADMIN, "store.language", " EN ") == "en"
    assert settings.change(shop, ADMIN, "store.language", "zh_cn") == "zh_CN"
    with pytest.raises(settings.BadSetting):
        settings.change(shop, ADMIN, "store.language", "fr")
    assert settings.change(shop, ADMIN, "counter.rounding", "JIAO") == "jiao"  # as before


@pytest.mark.parametrize("width_mm", (58, 80))
def test_an_english_store_prints_english_labels_that_fit_the_paper(shop, sell, width_mm):
    english(shop)
    sale_doc = sell("s-1", payments=PAYMENTS)
    (original, copy), lines, paper = printed(shop, [sale_doc.number, sale_doc.number], width_mm)
    for label in ("Sales receipt", f"No.: {sale_doc.number}", "Item", "Qty", "Price", "Amount",
                  "Discount", "Items: 3", "Subtotal: 31.50", "Savings", "WeChat Pay",
                  "Ref: WX-0001", "Cash", "Change", "Thank you, please come again"):
        assert label in original, label
    assert tc.spread("Total", "30.50", COLUMNS[width_mm] // 2) in lines  # double size
    assert tc.spread("Change", "19.50", COLUMNS[width_mm]) in lines
    for name in ("可口可乐 500ml", "五常大米 散装", "光明 纯牛奶 250ml"):  # data as entered
        assert name in original
    assert not [z for z in ZH_LABELS if z in original or z in copy]
    assert "C O P Y" in copy and "C O P Y" not in original
    assert all(tc.width(line) <= COLUMNS[width_mm] for line in paper)


def test_an_english_return_receipt_and_the_stores_own_texts(shop, sell):
    english(shop)
    sale_doc = sell("s-1")
    set_receipt_texts(shop, ADMIN, "Welcome\n欢迎光临", "谢谢")  # typed by the store: as is
    refund = post_document(shop, ADMIN, {"type": "customer_return", "id": "r-1",
                                         "original": sale_doc.number,
                                         "lines": [{"sku": "COLA", "qty": "1"}]})
    (receipt,), _, _ = printed(shop, [refund.number], 80)
    assert "Return receipt" in receipt and "退货小票" not in receipt
    assert "欢迎光临" in receipt and "谢谢" in receipt and "Thank you" not in receipt


def test_a_chinese_store_prints_what_it_printed_before(shop, sell):
    sale_doc = sell("s-1", payments=PAYMENTS)
    (receipt,), lines, _ = printed(shop, [sale_doc.number], 58)
    for label in ("销售小票", f"单号: {sale_doc.number}", "品名", "参考号: WX-0001",
                  "谢谢惠顾，欢迎再次光临"):
        assert label in receipt, label
    assert tc.spread("合计", "30.50", 16) in lines and tc.spread("找零", "19.50", 32) in lines
    assert "Total" not in receipt and "Change" not in receipt


def test_the_chinese_layout_is_unchanged_line_for_line():
    """The 58 mm receipt of a reprinted sale with every kind of line, as printed before
    `store.language` existed."""
    data = sale(reprint=True, member="李四", order_discount_fen=50, total_fen=3000, logo=True,
                tenders=(Tender("wechat", 2000, "4200001"), Tender("cash", 1500),
                         Tender("stored_value", 500)), change_fen=1000)
    assert preview(layout(data, 58), 58)[:33] == [
        "             [LOGO]", "            欢迎光临", "            测试门店",
        "            销售小票", "        ** 重印/COPY **", "单号: XS-S001-20261122-0001",
        "时间: 2026-11-22 10:31", "收银: admin", "会员: 李四", "-" * 32, "品名",
        "        数量      单价      金额", "可口可乐 500ml", "         2瓶      3.50      7.00",
        "五常大米 散装 东北优质长粒香米", "新米", "       2.5kg      8.00     20.00",
        "  折扣                     -1.00", "光明 纯牛奶 250ml", "         1瓶      4.50      4.50",
        "-" * 32, "品项: 3              小计: 31.50", "优惠                       -1.50",
        "合计       30.00", "微信支付                   20.00", "  参考号: 4200001",
        "现金                       15.00", "储值卡                      5.00",
        "找零                       10.00", "-" * 32, "     谢谢惠顾，欢迎再次光临",
        "   [QR XS-S001-20261122-0001]", "        ** 重印/COPY **"]


@pytest.mark.parametrize("width_mm", (58, 80))
def test_large_english_figures_still_fit(width_mm):
    data = sale(language="en", items=(ReceiptItem("Long imported olive oil 1L", 1000,
                                                  99999999, 99999999),),
                total_fen=99999999, tenders=(Tender("card", 99999999, "REF"),), change_fen=0)
    lines = preview(layout(data, width_mm), width_mm)
    assert all(tc.width(line) <= COLUMNS[width_mm] for line in lines)
    assert any(line.startswith("Total") and line.endswith("999999.99") for line in lines)


def test_the_template_editor_previews_and_defaults_in_the_stores_language(shop, sell):
    english(shop)
    setup = templates.receipt_setup(shop)
    assert setup.footer == "Thank you, please come again"
    sample = templates.preview_receipt(shop, setup, 80)  # the sample sale, in English
    rows = [r.text for r in sample.rows if r.kind == "text"]
    assert any("Coca-Cola 500ml" in r for r in rows) and any("Cashier: Zhang San" in r for r in rows)
    assert not [z for z in ZH_LABELS if any(z in r for r in rows)]
    sell("s-1")
    own = templates.ReceiptSetup(ReceiptTemplate(title="购物凭证"), "", "")
    real = templates.preview_receipt(shop, own, 58, sale_ref="s-1")
    texts = [r.text.strip() for r in real.rows if r.kind == "text"]
    assert "购物凭证" in texts and "Sales receipt" not in texts  # the store's own title
    assert any(t.startswith("Items: 3") for t in texts)
