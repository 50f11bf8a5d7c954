"""Document PDF templates (issue 11 item 3): the default prints the page as before; a template
chooses header and footer lines, the logo, the columns and their order, the voucher, the
signature and a QR code; a file that is not an image is refused; saving is audited."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image
from sqlalchemy import select

from app.domain.document_template import (DEFAULT_DOCUMENT_TEMPLATE, BadDocumentTemplate,
                                          DocumentTemplate, parse_document_template)
from app.persistence.schema import AuditEntry
from app.persistence.uow import UnitOfWork
from app.services.document_pdf import document_pdf
from app.services.printing.document_templates import (BadLogo, DocumentSetup, check_logo,
                                                      document_setup, preview_document,
                                                      save_document_setup)
from document_streams import ADMIN, LEAD, PRINTED, prepare, streams

GOLDEN = Path(__file__).parent / "data" / "documents_before_templates.json"


def png(width: int = 120, height: int = 40) -> bytes:
    """A small blue PNG (Pillow comes with reportlab)."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (21, 101, 192)).save(buffer, "PNG")
    return buffer.getvalue()


def text_of(data: bytes) -> str:
    pdf = pdfium.PdfDocument(data)
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


@pytest.fixture
def shop(new_store):
    prepare(new_store)
    return new_store


def test_the_default_template_prints_the_page_as_before_templates(shop):
    assert streams(shop, document_pdf) == json.loads(GOLDEN.read_text())


def test_a_template_chooses_columns_order_texts_and_sections(shop):
    t = DocumentTemplate(columns=("name", "sku", "amount"), header="地址：上海市人民路 1 号",
                         footer="请核对后签收", voucher=False,
                         signature_text="制单：____ 审核：____ 收货：____")
    save_document_setup(shop, ADMIN, DocumentSetup(t))
    text = text_of(document_pdf(shop, ADMIN, "in-1", printed=PRINTED))
    for part in ("地址：上海市人民路 1 号", "请核对后签收", "收货", "可口可乐", "72.00"):
        assert part in text, part
    for gone in ("B1", "2099-01-31", "记账凭证", "经手", "成本单价"):
        assert gone not in text, gone
    assert text.index("可口可乐") < text.index("COLA")  # name before SKU


def test_costs_stay_hidden_from_those_who_may_not_see_them(shop):
    save_document_setup(shop, ADMIN, DocumentSetup(DocumentTemplate()))
    assert "销售成本" in text_of(document_pdf(shop, ADMIN, "sale-1", "zh_CN"))
    assert "销售成本" not in text_of(document_pdf(shop, LEAD, "sale-1", "zh_CN"))


def test_the_logo_and_the_qr_code_print_and_the_logo_is_kept(shop):
    t = DocumentTemplate(qr=True, qr_content="https://m.example.cn/d?n={number}")
    plain = document_pdf(shop, ADMIN, "in-1", printed=PRINTED)
    save_document_setup(shop, ADMIN, DocumentSetup(t, png()))
    assert document_setup(shop, actor=ADMIN) == DocumentSetup(t, png())
    fancy = document_pdf(shop, ADMIN, "in-1", printed=PRINTED)
    assert b"/Subtype /Image" in fancy and b"/Subtype /Image" not in plain
    assert text_of(fancy) == text_of(plain)  # the QR and the logo are pictures, not text


def test_a_jpeg_logo_is_accepted_as_it_is():
    buffer = io.BytesIO()
    Image.new("RGB", (200, 80), (200, 30, 30)).save(buffer, "JPEG")
    assert check_logo(buffer.getvalue()) == buffer.getvalue()


@pytest.mark.parametrize("data", [b"GIF89a not ours", b"%PDF-1.4", b"\x89PNG\r\n\x1a\nbroken",
                                  b"\xff\xd8\xff" + b"\0" * (600 * 1024)])
def test_a_file_that_is_not_a_small_png_or_jpeg_is_refused(shop, data):
    with pytest.raises(BadLogo) as caught:
        save_document_setup(shop, ADMIN, DocumentSetup(DEFAULT_DOCUMENT_TEMPLATE, data))
    assert "PNG" in caught.value.message("en") and "图片" in caught.value.message("zh_CN")
    assert document_setup(shop, actor=ADMIN).logo is None


@pytest.mark.parametrize("raw, words", [
    ({"columns": ["sku", "amount"]}, "name and amount"),
    ({"columns": ["name", "amount", "colour"]}, "unknown columns"),
    ({"qr": True, "qr_content": "https://shop.example.cn"}, "{number}"),
    ({"header": "\n".join(["x"] * 5)}, "at most 4 lines"),
    ({"voucher": "yes"}, "switches"),
])
def test_bad_templates_are_explained_in_both_languages(raw, words):
    with pytest.raises(BadDocumentTemplate) as caught:
        parse_document_template(raw)
    assert words in caught.value.message("en") and caught.value.message("zh_CN")


def test_saving_is_one_audited_change_with_before_and_after(shop):
    save_document_setup(shop, ADMIN, DocumentSetup(DocumentTemplate(footer="谢谢"), png()))
    save_document_setup(shop, ADMIN, DocumentSetup(DocumentTemplate()))
    with UnitOfWork(shop.engine, write=False) as uow:
        details = [json.loads(d) for d in uow.session.scalars(select(AuditEntry.detail).where(
            AuditEntry.action == "document.template").order_by(AuditEntry.id))]
    assert details[0]["before"] == {"template": None, "logo": None}
    assert details[0]["after"]["logo"]["bytes"] == len(png())
    assert json.loads(details[1]["before"]["template"])["footer"] == "谢谢"
    assert details[1]["after"]["logo"] is None and document_setup(shop, actor=ADMIN).logo is None


def test_the_preview_draws_the_sample_or_a_real_document(shop):
    sample = preview_document(shop, DocumentSetup(DEFAULT_DOCUMENT_TEMPLATE), actor=ADMIN)
    assert "XS-S001-20261122-0001" in text_of(sample.pdf) and sample.image.width > 500
    real = preview_document(shop, DocumentSetup(DocumentTemplate(voucher=False)), ref="in-1",
                            actor=ADMIN)
    assert "RK-S001-20260301-0001" in text_of(real.pdf) and "记账凭证" not in text_of(real.pdf)
    assert real.image.rgb != sample.image.rgb
