"""Receipt templates (issue 11 item 3): the store chooses blocks, order, info lines, title
and code content; the preview is the printer's own view of the bytes; saving is audited."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.domain.receipt import Code, Text, layout
from app.domain.receipt_template import (DEFAULT_TEMPLATE, BadReceiptTemplate, ReceiptTemplate,
                                         parse_template, to_json)
from app.persistence.schema import AuditEntry, PrintJob
from app.persistence.uow import UnitOfWork
from app.services.inventory.posting import post_document
from app.services.printing import templates
from app.services.printing.receipts import enqueue_receipt
from app.devices.escpos_in import Decoder
from device_receipts import ADMIN, SALE_LINES, sale
from helpers import add_catalog


def texts(ops) -> list[str]:
    return [op.text for op in ops if isinstance(op, Text)]


def test_the_default_template_prints_the_receipt_as_before():
    ops = layout(sale(), 80, DEFAULT_TEMPLATE)
    assert ops == layout(sale(), 80)
    lines = texts(ops)
    assert lines[0] == "欢迎光临" and lines[1] == "测试门店" and lines[2] == "销售小票"
    assert [op for op in ops if isinstance(op, Code)] == [Code("XS-S001-20261122-0001", "code128")]


def test_blocks_move_info_lines_go_and_the_qr_wraps_the_number_in_a_link():
    t = parse_template({"blocks": ["store", "title", "items", "totals", "info", "code"],
                        "info": ["number", "time"], "title": "购物凭证", "code_kind": "qr",
                        "code_content": "https://m.example.cn/r?n={number}&s={store}",
                        "item_discounts": False})
    ops = layout(sale(store_code="S001"), 58, t)
    lines = texts(ops)
    assert "欢迎光临" not in lines and "谢谢惠顾，欢迎再次光临" not in lines  # no header, footer
    assert lines[1] == "购物凭证" and not any(l.startswith("收银") for l in lines)
    assert lines.index("单号: XS-S001-20261122-0001") > max(
        i for i, l in enumerate(lines) if l.startswith("合计"))
    assert not any("折扣" in l for l in lines)
    assert [op for op in ops if isinstance(op, Code)] == [
        Code("https://m.example.cn/r?n=XS-S001-20261122-0001&s=S001", "qr")]
    assert parse_template(to_json(t)) == t


@pytest.mark.parametrize("raw, words", [
    ({"blocks": ["store", "items"]}, "items and the totals"),
    ({"blocks": ["items", "totals", "items"]}, "once"),
    ({"blocks": ["items", "totals", "ads"]}, "unknown blocks: ads"),
    ({"info": ["number", "phone"]}, "info lines"),
    ({"code_kind": "pdf417"}, "code kind"),
    ({"code_kind": "qr", "code_content": "https://x.cn"}, "{number}"),
    ({"code_kind": "code128", "code_content": "R{number}"}, "number alone"),
    ({"code_kind": "qr", "code_content": "{number}{secret}"}, "may use only"),
    ({"code_kind": "qr", "code_content": "单号{number}"}, "ASCII"),
    ({"item_discounts": "yes"}, "true or false"),
    ({"colour": "red"}, "unknown settings: colour"),
    ("{not json", "not valid JSON"),
    ([], "must be an object"),
])
def test_bad_templates_are_refused_with_the_reason(raw, words):
    with pytest.raises(BadReceiptTemplate) as info:
        parse_template(raw)
    assert words in info.value.message("en")


@pytest.fixture
def shop(new_store):
    add_catalog(new_store)
    post_document(new_store, ADMIN, {"type": "opening_stock", "id": "open", "lines": [
        {"sku": s, "qty": "50", "unit_cost": "1.00"} for s in ("COLA", "RICE", "MILK")]})
    post_document(new_store, ADMIN, {"type": "sale", "id": "sale-1", "lines": SALE_LINES,
                                     "payments": [{"method": "cash", "amount": "50.00"}]})
    return new_store


def test_the_preview_decodes_the_printer_bytes_of_a_real_sale(shop):
    setup = templates.ReceiptSetup(
        ReceiptTemplate(blocks=("header", "store", "items", "totals", "code"), code_kind="qr"),
        "会员日 全场九折", "")
    shown = templates.preview_receipt(shop, setup, 58, sale_ref="sale-1")
    printed = [r.text.strip() for r in shown.rows if r.kind == "text"]
    assert printed[0] == "会员日 全场九折" and "测试门店" in printed[1]
    assert any("可口可乐" in line for line in printed)
    assert [r.kind for r in shown.rows if r.kind in ("qr", "barcode")] == ["qr"]
    assert shown.columns == 32 and shown.payload.startswith(b"\x1b@")
    sample = templates.preview_receipt(shop, setup, 80)  # no sale given: the sample sale
    assert any("康师傅" in r.text for r in sample.rows)


def test_saving_is_checked_audited_and_used_by_the_next_receipt(shop):
    setup = templates.ReceiptSetup(ReceiptTemplate(title="购物凭证", info=("number",)),
                                   "欢迎光临\n人民路店", "谢谢")
    templates.save_receipt_setup(shop, ADMIN, setup)
    assert templates.receipt_setup(shop) == setup
    with pytest.raises(BadReceiptTemplate):
        templates.save_receipt_setup(shop, ADMIN, templates.ReceiptSetup(
            DEFAULT_TEMPLATE, "\n".join(["行"] * 9), ""))
    assert templates.receipt_setup(shop) == setup
    with UnitOfWork(shop.engine, write=False) as uow:
        actions = uow.session.scalars(select(AuditEntry.action)).all()
    assert actions.count("receipt.template") == 1
    job = enqueue_receipt(shop, "sale-1", "file:///dev/null").job_id
    with UnitOfWork(shop.engine, write=False) as uow:
        payload = uow.session.get(PrintJob, job).payload
    decoder = Decoder()
    decoder.feed(payload)
    printed = [e.text.strip() for e in decoder.events if e.kind == "text"]
    assert "购物凭证" in printed and not any(p.startswith("收银") for p in printed)
