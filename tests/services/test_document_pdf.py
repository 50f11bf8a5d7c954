"""A document printed as PDF, read back and rendered to PNG by pdfium."""
from __future__ import annotations

from datetime import datetime

import pypdfium2 as pdfium
import pytest

from app.domain.permissions import PermissionDenied
from app.domain.vouchers import ACCOUNTS
from app.services import settings
from app.services.document_pdf import document_pdf
from app.services.inventory import lifecycle
from app.services.inventory.posting import post_document
from app.services.records import Actor
from app.services.reports.pdf_fonts import cjk_font, is_embedded
from helpers import add_catalog

ADMIN = Actor(None, "admin", "admin")
LEAD = Actor(None, "lead", "shift_lead")
CASHIER = Actor(None, "till", "cashier")
PRINTED = datetime(2026, 3, 5, 9, 30)


@pytest.fixture
def shop(new_store):
    add_catalog(new_store)
    post_document(new_store, ADMIN, {
        "type": "purchase_receipt", "id": "in-1", "supplier": "S01", "date": "2026-03-01",
        "lines": [{"sku": "COLA", "qty": "24", "unit_cost": "1.50"},
                  {"sku": "MILK", "qty": "12", "unit_cost": "3.00", "batch": "B1",
                   "expiry": "2099-01-31"}]})
    post_document(new_store, ADMIN, {
        "type": "sale", "id": "sale-1", "date": "2026-03-02", "customer": "M001",
        "lines": [{"sku": "COLA", "qty": "2"}], "payments": [{"method": "wechat",
                                                               "amount": "7.00"}]})
    return new_store


def text_of(data: bytes) -> str:
    pdf = pdfium.PdfDocument(data)
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def test_receipt_pdf_has_header_lines_total_and_voucher(shop):
    text = text_of(document_pdf(shop, ADMIN, "in-1", "zh_CN", printed=PRINTED))
    for part in ("采购入库单", "RK-S001-20260301-0001", "上海饮料有限公司", "可口可乐 500ml",
                 "光明 纯牛奶 250ml", "B1", "2099-01-31", "合计", "72.00", "记账凭证",
                 "1405 库存商品", "2202 应付账款", "制单", "第 1 页", "2026-03-05 09:30"):
        assert part in text, part


def test_sale_pdf_in_english_and_without_costs_for_a_shift_lead(shop):
    full = text_of(document_pdf(shop, ADMIN, "sale-1", "en", printed=PRINTED))
    assert "Sale" in full and "COGS" in full and "WeChat 7.00" in full and "Voucher" in full
    assert "张三" in full
    lead = text_of(document_pdf(shop, LEAD, "sale-1", "en", printed=PRINTED))
    assert "COGS" not in lead and "Voucher" not in lead and "5401" not in lead
    assert "7.00" in lead
    with pytest.raises(PermissionDenied):
        document_pdf(shop, CASHIER, "sale-1")


def test_a_draft_says_so_in_its_title(shop):
    lifecycle.save_draft(shop, ADMIN, {"type": "purchase_order", "id": "po-1", "supplier": "S01",
                                       "lines": [{"sku": "COLA", "qty": "10", "unit_cost": "1.50"}]})
    text = text_of(document_pdf(shop, ADMIN, "po-1", "zh_CN"))
    assert "采购订单（草稿）" in text and "采购订单单" not in text
    assert "po-1" in text


def test_rendered_png_shows_the_chinese_title(shop, tmp_path):
    """pdfium draws the page; the title's characters leave ink, so the font was embedded."""
    if not is_embedded(cjk_font("")):
        pytest.skip("no TrueType CJK font on this PC (e.g. apt-get install fonts-wqy-microhei)")
    page = pdfium.PdfDocument(document_pdf(shop, ADMIN, "in-1", "zh_CN", font=""))[0]
    text = page.get_textpage()
    start = text.get_text_range().index("采购入库单")
    boxes = [text.get_charbox(start + i) for i in range(5)]
    scale, height = 2, page.get_height()
    image = page.render(scale=scale).to_pil()
    image.save(tmp_path / "receipt.png")
    assert (tmp_path / "receipt.png").stat().st_size > 10_000
    gray = image.convert("L")
    crop = gray.crop((int(min(b[0] for b in boxes) * scale),
                      int((height - max(b[3] for b in boxes)) * scale),
                      int(max(b[2] for b in boxes) * scale) + 1,
                      int((height - min(b[1] for b in boxes)) * scale) + 1))
    dark = sum(crop.histogram()[:128])
    assert dark > 0.08 * crop.width * crop.height, dark


def _zh_fixed_texts() -> set[str]:
    from app.domain import print_texts as pt

    words = {zh for key, (zh, _) in pt.TEXTS.items() if key.startswith("doc.")}
    words |= {"页"} | {zh for table in (pt.DOC_TYPES, pt.STATUSES, pt.PAYMENTS)
                      for zh, _ in table.values()}
    return words | set(ACCOUNTS.values())


def test_an_english_store_prints_english_documents_without_being_asked(shop):
    settings.change(shop, ADMIN, "store.language", "en")
    lifecycle.save_draft(shop, ADMIN, {"type": "purchase_order", "id": "po-1", "supplier": "S01",
                                       "lines": [{"sku": "COLA", "qty": "10", "unit_cost": "1.50"}]})
    receipt, sale, draft = (text_of(document_pdf(shop, ADMIN, ref, printed=PRINTED))
                            for ref in ("in-1", "sale-1", "po-1"))
    for part in ("Purchase receipt", "No.: RK-S001-20260301-0001", "Supplier: S01", "Unit cost",
                 "Batch", "Expiry", "Total", "Voucher", "1405 Merchandise inventory",
                 "2202 Accounts payable", "Prepared: ", "Printed 2026-03-05 09:30", "Page 1"):
        assert part in receipt, part
    assert "可口可乐 500ml" in receipt and "上海饮料有限公司" in receipt  # data as entered
    assert "Payments: WeChat 7.00" in sale and "Customer: M001 张三" in sale
    assert "Purchase order (Draft)" in draft
    leaked = {w for w in _zh_fixed_texts() for t in (receipt, sale, draft) if w in t}
    assert leaked == set()
    assert "采购入库单" in text_of(document_pdf(shop, ADMIN, "in-1", "zh_CN"))  # asked for


def test_a_chinese_store_prints_chinese_documents(shop):
    text = text_of(document_pdf(shop, ADMIN, "sale-1", printed=PRINTED))
    for part in ("销售单", "单号：XS-", "客户：M001 张三", "收付款：微信 7.00", "主营业务收入",
                 "第 1 页", "打印时间 2026-03-05 09:30"):
        assert part in text, part
    assert "Sale" not in text and "Total" not in text
