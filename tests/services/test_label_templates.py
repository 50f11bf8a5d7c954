"""Label templates (issue 11 item 3): the default draws the labels as before; a template
chooses fields, their order, the price's size, a header and the code; saving is audited."""
from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from sqlalchemy import select

from app.domain.label_template import (DEFAULT_LABEL_TEMPLATE, BadLabelTemplate, LabelTemplate,
                                       label_template_json, parse_label_template)
from app.persistence.schema import AuditEntry
from app.persistence.uow import UnitOfWork
from app.services.custom_fields import FieldDef, define, set_values
from app.services.labels import label_pdf
from app.services.labels import templates
from app.services.records import Actor
from label_streams import page_streams, prepare, streams

ADMIN = Actor(1, "admin", "admin")
GOLDEN = Path(__file__).parent / "data" / "labels_before_templates.json"


def _text(data: bytes) -> str:
    pdf = pdfium.PdfDocument(data)
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


@pytest.fixture
def shop(new_store):
    return new_store, prepare(new_store)


def test_the_default_template_draws_the_labels_as_before_templates(shop):
    store, ids = shop
    assert streams(store, ids, label_pdf) == json.loads(GOLDEN.read_text())


def test_a_template_hides_fields_orders_them_and_adds_a_header(shop):
    store, ids = shop
    t = LabelTemplate(fields=("spec", "name", "price", "sku"), header="{store} 特价",
                      price_scale=150)
    data = label_pdf(store, [(ids["COLA"], 1), (ids["MILK"], 1)], "roll_60x40", "shelf",
                     template=t, actor=ADMIN)
    text = _text(data)
    assert "测试门店 特价" in text and "可口可乐" in text and "250ml×24" in text
    assert "会员价" not in text and "6901234567892" not in text and "瓶" not in text
    milk = pdfium.PdfDocument(data)[1].get_textpage().get_text_range()
    assert milk.index("250ml×24") < milk.index("光明")  # spec above the name


def test_a_qr_code_carries_the_sku_in_a_link_and_a_custom_field_prints(shop):
    store, ids = shop
    define(store, ADMIN, FieldDef(entity="product", key="origin", label_zh="产地",
                                  label_en="Origin", kind="text"))
    set_values(store, ADMIN, "product", "COLA", {"origin": "上海"})
    t = LabelTemplate(fields=("name", "custom", "price", "barcode"), code_kind="qr",
                      code_content="https://m.example.cn/p/{sku}", custom_field="origin")
    data = label_pdf(store, [(ids["COLA"], 1)], "roll_60x40", "shelf", template=t, actor=ADMIN)
    assert "上海" in _text(data)
    plain = label_pdf(store, [(ids["COLA"], 1)], "roll_60x40", "shelf", actor=ADMIN)
    assert data != plain and "上海" not in _text(plain)


@pytest.mark.parametrize("raw, words", [
    ({"fields": ["spec", "sku"]}, "name or the retail price"),
    ({"fields": ["name", "name"]}, "once"),
    ({"price_scale": 500}, "60% to 200%"),
    ({"code_kind": "qr", "code_content": "https://shop.example.cn"}, "{sku} or {barcode}"),
    ({"code_kind": "code128", "code_content": "x{sku}"}, "alone"),
    ({"fields": ["name", "custom"]}, "custom field"),
    ({"colour": "red"}, "unknown settings"),
])
def test_bad_templates_are_explained_in_both_languages(raw, words):
    with pytest.raises(BadLabelTemplate) as caught:
        parse_label_template(raw)
    assert words in caught.value.message("en") and caught.value.message("zh_CN")


def test_saving_is_audited_and_the_next_labels_follow_it(shop):
    store, ids = shop
    assert templates.label_template(store, actor=ADMIN) == DEFAULT_LABEL_TEMPLATE
    t = LabelTemplate(fields=("name", "price"), header="{store}")
    templates.save_label_template(store, ADMIN, t)
    assert templates.label_template(store, actor=ADMIN) == t
    text = _text(label_pdf(store, [(ids["COLA"], 1)], "roll_60x40", "shelf", actor=ADMIN))
    assert "测试门店" in text and "COLA" not in text
    with UnitOfWork(store.engine, write=False) as uow:
        detail = json.loads(uow.session.scalars(select(AuditEntry.detail).where(
            AuditEntry.action == "label.template")).one())
    assert detail["before"] is None and json.loads(detail["after"]) == json.loads(
        label_template_json(t))


def test_the_preview_is_the_label_pdf_drawn_as_a_picture(shop):
    store, _ids = shop
    plain = templates.preview_label(store, DEFAULT_LABEL_TEMPLATE, "roll_60x40", "shelf",
                                    actor=ADMIN)
    big = templates.preview_label(store, LabelTemplate(price_scale=200), "roll_60x40",
                                  "shelf", actor=ADMIN)
    assert plain.image.width > 200 and len(plain.image.rgb) == plain.image.stride * \
        plain.image.height
    assert plain.image.rgb != big.image.rgb and plain.pdf != big.pdf


def test_the_preview_of_a_real_product_is_its_label_pdf(shop):
    store, ids = shop
    t = LabelTemplate(fields=("name", "price", "sku"))
    preview = templates.preview_label(store, t, "roll_60x40", "shelf", sku="MILK", actor=ADMIN)
    made = label_pdf(store, [(ids["MILK"], 1)], "roll_60x40", "shelf", template=t, actor=ADMIN)
    assert page_streams(preview.pdf)[0] == page_streams(made)[0]  # the same drawing
    assert "光明" in _text(preview.pdf) and "会员价" not in _text(preview.pdf)
    with pytest.raises(templates.LabelRequestInvalid) as caught:
        templates.preview_label(store, t, "roll_60x40", "shelf", sku="NOPE", actor=ADMIN)
    assert "NOPE" in caught.value.message("en")
