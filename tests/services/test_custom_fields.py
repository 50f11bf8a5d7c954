"""Custom fields end to end (issue 11 item 1): defined without a schema change, filled in,
checked, filtered by, carried by documents and frozen with them, every change audited."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select, text

from app.domain.custom_fields import (BadCustomValue, BadFieldDefinition, FieldDef,
                                      UnknownCustomField, parse_value)
from app.domain.doc_request import BadDocument
from app.persistence.schema import AuditEntry, Product
from app.persistence.uow import UnitOfWork
from app.services import custom_fields
from app.services.inventory.posting import post_document
from app.services.inventory.verify import verify
from app.services.records import Actor
from helpers import add_catalog

ADMIN = Actor(None, "admin", "admin")
ORIGIN = FieldDef("product", "origin", "产地", "Origin", "choice", choices=("广东", "四川"))
HALAL = FieldDef("product", "halal", "清真", "Halal", "bool", position=2)
DEPOSIT = FieldDef("customer", "deposit", "押金", "Deposit", "money",
                   minimum=Decimal("0"), maximum=Decimal("500"))
CHANNEL = FieldDef("document", "channel", "渠道", "Channel", "choice", required=True,
                   choices=("门店", "小程序", "美团"))


@pytest.fixture
def shop(new_store):
    add_catalog(new_store)
    return new_store


def sale(doc_id: str, **extra) -> dict:
    return {"type": "sale", "id": doc_id, "lines": [{"sku": "COLA", "qty": "1",
                                                      "unit_price": "3.50"}],
            "payments": [{"method": "cash", "amount": "3.50"}], **extra}


def actions(store) -> list[str]:
    with UnitOfWork(store.engine, write=False) as uow:
        return list(uow.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_fields_are_defined_filled_in_and_read_back_without_a_restart(shop):
    for fd in (HALAL, ORIGIN, DEPOSIT):
        custom_fields.define(shop, ADMIN, fd)
    assert [f.key for f in custom_fields.definitions(shop, "product")] == ["origin", "halal"]
    after = custom_fields.set_values(shop, ADMIN, "product", "COLA",
                                     {"origin": "广东", "halal": "是"})
    assert after == {"origin": "广东", "halal": "1"}
    custom_fields.set_values(shop, ADMIN, "customer", "M001", {"deposit": "¥200"})
    assert custom_fields.values(shop, "customer", ["M001"]) == {"M001": {"deposit": "200.00"}}
    custom_fields.set_values(shop, ADMIN, "product", "COLA", {"halal": ""})  # cleared
    assert custom_fields.values(shop, "product", ["COLA", "MILK"]) == {
        "COLA": {"origin": "广东"}, "MILK": {}}
    assert actions(shop).count("custom_values.set") == 3
    assert actions(shop).count("custom_field.define") == 3


def test_a_list_filters_by_a_custom_field_in_the_database(shop):
    custom_fields.define(shop, ADMIN, ORIGIN)
    custom_fields.define(shop, ADMIN, HALAL)
    custom_fields.set_values(shop, ADMIN, "product", "COLA", {"origin": "广东", "halal": "yes"})
    custom_fields.set_values(shop, ADMIN, "product", "MILK", {"origin": "四川", "halal": "否"})
    with UnitOfWork(shop.engine, write=False) as uow:
        s = uow.session
        where = custom_fields.filter_clause(s, "product", "halal", "是", Product.id)
        assert s.scalars(select(Product.sku).where(where)).all() == ["COLA"]
        where = custom_fields.filter_clause(s, "product", "origin", "四川", Product.id)
        assert s.scalars(select(Product.sku).where(where)).all() == ["MILK"]
        with pytest.raises(BadCustomValue):
            custom_fields.filter_clause(s, "product", "origin", "火星", Product.id)


@pytest.mark.parametrize("values, error, words", [
    ({"origin": "火星"}, BadCustomValue, "expected one of: 广东, 四川"),
    ({"halal": "maybe"}, BadCustomValue, "expected yes or no"),
    ({"colour": "red"}, UnknownCustomField, "no custom field 'colour'"),
    ({"origin": "4111 1111 1111 1111"}, BadCustomValue, "bank card"),
])
def test_bad_values_are_refused_and_nothing_changes(shop, values, error, words):
    custom_fields.define(shop, ADMIN, ORIGIN)
    custom_fields.define(shop, ADMIN, HALAL)
    custom_fields.set_values(shop, ADMIN, "product", "COLA", {"origin": "广东"})
    before = actions(shop)
    with pytest.raises(error) as info:
        custom_fields.set_values(shop, ADMIN, "product", "COLA", values)
    assert words in info.value.message("en")
    assert custom_fields.values(shop, "product", ["COLA"]) == {"COLA": {"origin": "广东"}}
    assert actions(shop) == before


def test_documents_carry_their_fields_and_freeze_them_with_the_document(shop):
    post_document(shop, ADMIN, {"type": "opening_stock", "id": "o",
                                "lines": [{"sku": "COLA", "qty": "10", "unit_cost": "1.00"}]})
    post_document(shop, ADMIN, sale("before-fields"))  # no document fields yet: nothing asked
    custom_fields.define(shop, ADMIN, CHANNEL)
    with pytest.raises(BadCustomValue) as info:  # values brought, the required one missing
        post_document(shop, ADMIN, sale("s1", custom={"channel": ""}))
    assert "required" in info.value.message("en")
    with pytest.raises(BadCustomValue):  # a purchase screen asks for it: refused without
        post_document(shop, ADMIN, {"type": "purchase_receipt", "id": "r1", "supplier": "S01",
                                    "lines": [{"sku": "COLA", "qty": "1", "unit_cost": "1.00"}]})
    till_sale = post_document(shop, ADMIN, sale("till"))  # the counter never stops for it
    assert till_sale.number
    with pytest.raises(UnknownCustomField):
        post_document(shop, ADMIN, sale("s2", custom={"channel": "美团", "table": "5"}))
    with pytest.raises(BadDocument):
        post_document(shop, ADMIN, sale("s3", custom=["美团"]))
    done = post_document(shop, ADMIN, sale("s4", custom={"channel": "美团"}))
    with UnitOfWork(shop.engine) as uow:
        s = uow.session
        doc_id = s.execute(text("SELECT id FROM documents WHERE uuid = 's4'")).scalar()
        assert custom_fields.document_values(s, doc_id) == {"channel": "美团"}
        assert custom_fields.document_values(
            s, s.execute(text("SELECT id FROM documents WHERE uuid = 'till'")).scalar()) == {}
        refused = s.execute(text("SELECT count(*) FROM documents WHERE uuid IN "
                                 "('s1','s2','s3','r1')"))
        assert refused.scalar() == 0
    with pytest.raises(Exception, match="posted documents never change"):
        with UnitOfWork(shop.engine) as uow:
            uow.session.execute(text("UPDATE document_custom_values SET value = '门店'"))
    assert done.number and verify(shop).ok
    custom_fields.set_active(shop, ADMIN, "document", "channel", False)  # hidden: not asked
    assert post_document(shop, ADMIN, sale("s5")).number


def test_a_field_s_kind_changes_only_while_nothing_uses_it(shop):
    custom_fields.define(shop, ADMIN, ORIGIN)
    text_origin = FieldDef("product", "origin", "产地", "Origin", "text")
    custom_fields.define(shop, ADMIN, text_origin)  # unused: fine
    custom_fields.set_values(shop, ADMIN, "product", "COLA", {"origin": "云南"})
    with pytest.raises(BadFieldDefinition) as info:
        custom_fields.define(shop, ADMIN, FieldDef("product", "origin", "产地", "Origin", "number"))
    assert "kind cannot change" in info.value.message("en")
    renamed = custom_fields.define(shop, ADMIN, FieldDef("product", "origin", "原产地",
                                                         "Country of origin", "text"))
    assert renamed.label_zh == "原产地"


@pytest.mark.parametrize("fd, words", [
    (FieldDef("product", "Origin", "产地", "Origin", "text"), "lower-case"),
    (FieldDef("product", "origin", "", "Origin", "text"), "both labels"),
    (FieldDef("product", "origin", "产地", "Origin", "colour"), "kind must be one of"),
    (FieldDef("product", "origin", "产地", "Origin", "choice"), "1 to 100 different"),
    (FieldDef("product", "origin", "产地", "Origin", "text", choices=("a",)), "only a choice"),
    (FieldDef("warehouse", "origin", "产地", "Origin", "text"), "record kind"),
    (FieldDef("product", "n", "数", "N", "number", minimum=Decimal(5), maximum=Decimal(1)),
     "minimum is above"),
])
def test_bad_definitions_are_refused(shop, fd, words):
    with pytest.raises(BadFieldDefinition) as info:
        custom_fields.define(shop, ADMIN, fd)
    assert words in info.value.message("en")
    assert custom_fields.definitions(shop, "product", include_inactive=True) == []


@pytest.mark.parametrize("kind, raw, canonical", [
    ("number", "1,250.50", "1250.5"), ("number", "7", "7"), ("money", "￥12.5", "12.50"),
    ("date", "2026/11/22", "2026-11-22"), ("bool", True, "1"), ("bool", "否", "0"),
    ("text", "  甜  ", "甜"),
])
def test_values_are_kept_in_one_canonical_form(kind, raw, canonical):
    assert parse_value(FieldDef("product", "f", "字段", "Field", kind), raw) == canonical
