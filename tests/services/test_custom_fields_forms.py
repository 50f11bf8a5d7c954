"""Custom fields in the back office's saves (issue 11 item 1): the product editor's values are
checked with the product and written in its transaction, under its one audit entry."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.domain.custom_fields import FieldDef
from app.persistence.schema import AuditEntry, Product, Unit
from app.services import custom_fields
from app.services.products import FormInvalid, ProductForm, load_product, save_product
from app.services.records import Actor
from helpers import add_catalog

ADMIN = Actor(1, "admin", "admin")
ORIGIN = FieldDef("product", "origin", "产地", "Origin", "choice", required=True,
                  choices=("广东", "四川"))
SHELF = FieldDef("product", "shelf", "货架号", "Shelf", "number", minimum=Decimal("1"),
                 maximum=Decimal("99"), position=2)


@pytest.fixture
def shop(new_store):
    add_catalog(new_store)
    for fd in (ORIGIN, SHELF):
        custom_fields.define(new_store, ADMIN, fd)
    return new_store


def _form(store, **kw) -> ProductForm:
    with store.engine.connect() as conn:
        unit = conn.execute(select(Unit.id).where(Unit.name == "瓶")).scalar()
    base = dict(sku="TEA1", name="东方树叶 500ml", unit_id=unit, retail_price="4.50",
                purchase_price="2.10", tax_rate="13")
    base.update(kw)
    return ProductForm(**base)


def _audits(store) -> list[AuditEntry]:
    with store.engine.connect() as conn:
        return list(conn.execute(select(AuditEntry).order_by(AuditEntry.id)).all())


def _products(store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(Product)).scalar()


def test_a_product_is_saved_with_its_custom_values_under_one_audit_entry(shop):
    before = len(_audits(shop))
    saved = save_product(shop, ADMIN, _form(shop, custom={"origin": "广东", "shelf": "12.0"}))
    assert custom_fields.values(shop, "product", ["TEA1"]) == {
        "TEA1": {"origin": "广东", "shelf": "12"}}
    entries = _audits(shop)[before:]
    assert [e.action for e in entries] == ["product.create"]
    assert json.loads(entries[0].detail)["custom"] == {
        "before": {}, "after": {"origin": "广东", "shelf": "12"}}
    form = load_product(shop, saved.id, actor=ADMIN)
    assert form.custom == {"origin": "广东", "shelf": "12"}
    form.custom["shelf"] = ""  # cleared; nothing else changed
    changed = save_product(shop, ADMIN, form)
    assert changed.changed == ("custom",)
    assert custom_fields.values(shop, "product", ["TEA1"]) == {"TEA1": {"origin": "广东"}}


def test_a_missing_required_value_and_a_bad_one_refuse_the_whole_save(shop):
    products, audits = _products(shop), len(_audits(shop))
    with pytest.raises(FormInvalid) as refused:
        save_product(shop, ADMIN, _form(shop, retail_price="1.234",
                                        custom={"origin": "", "shelf": "120"}))
    fields = refused.value.fields
    assert set(fields) == {"retail_price", "custom:origin", "custom:shelf"}
    assert fields["custom:origin"] == ("“产地”的值“”无效：必填。",
                                       "'' is not a valid value for 'Origin': it is required.")
    assert "不能大于 99" in fields["custom:shelf"][0] and "above 99" in fields["custom:shelf"][1]
    assert _products(shop) == products and len(_audits(shop)) == audits
    with pytest.raises(FormInvalid) as missing:  # the form lacks the required key entirely
        save_product(shop, ADMIN, _form(shop, custom={"shelf": "3"}))
    assert set(missing.value.fields) == {"custom:origin"}
    assert _products(shop) == products


def test_a_form_without_a_custom_page_leaves_the_values_alone(shop):
    custom_fields.set_values(shop, ADMIN, "product", "COLA", {"origin": "四川"})
    with shop.engine.connect() as conn:
        cola = conn.execute(select(Product.id).where(Product.sku == "COLA")).scalar()
    form = load_product(shop, cola, actor=ADMIN)
    form.custom, form.retail_price = None, "3.80"
    assert save_product(shop, ADMIN, form).changed == ("retail_price_fen",)
    assert custom_fields.values(shop, "product", ["COLA"]) == {"COLA": {"origin": "四川"}}
    form.custom = {"shelf": "7"}  # origin is stored already: a form may leave it out
    save_product(shop, ADMIN, form)
    assert custom_fields.values(shop, "product", ["COLA"]) == {
        "COLA": {"origin": "四川", "shelf": "7"}}


def test_suppliers_and_members_save_their_custom_values_with_the_record(shop):
    from app.services.products import MemberForm, SupplierForm, save_member, save_supplier
    custom_fields.define(shop, ADMIN, FieldDef("supplier", "terms", "账期", "Terms", "number"))
    custom_fields.define(shop, ADMIN, FieldDef("customer", "deposit", "押金", "Deposit", "money",
                                               required=True))
    save_supplier(shop, ADMIN, SupplierForm(code="S02", name="广州食品厂", custom={"terms": "30"}))
    with pytest.raises(FormInvalid) as refused:
        save_member(shop, ADMIN, MemberForm(code="M002", name="李四", custom={"deposit": "x"}))
    assert set(refused.value.fields) == {"custom:deposit"}
    assert custom_fields.values(shop, "customer", ["M002"]) == {}  # nothing saved
    save_member(shop, ADMIN, MemberForm(code="M002", name="李四", custom={"deposit": "¥50"}))
    assert custom_fields.values(shop, "supplier", ["S02"]) == {"S02": {"terms": "30"}}
    assert custom_fields.values(shop, "customer", ["M002"]) == {"M002": {"deposit": "50.00"}}
    entries = _audits(shop)[-2:]
    assert [e.action for e in entries] == ["supplier.create", "member.create"]
    assert json.loads(entries[1].detail)["custom"]["after"] == {"deposit": "50.00"}


def test_the_product_list_carries_custom_values_and_filters_by_one(shop):
    from app.domain.custom_fields import BadCustomValue
    from app.services.products import ProductFilter, list_products
    custom_fields.set_values(shop, ADMIN, "product", "MILK", {"origin": "四川", "shelf": "3"})
    custom_fields.set_values(shop, ADMIN, "product", "COLA", {"origin": "广东"})
    page = list_products(shop, ProductFilter(sort="sku"), actor=ADMIN)
    assert {r.sku: r.custom for r in page.rows} == {
        "COLA": {"origin": "广东"}, "MILK": {"origin": "四川", "shelf": "3"}, "RICE": {}}
    found = list_products(shop, ProductFilter(custom_key="shelf", custom_value="3.0"),
                          actor=ADMIN)
    assert [r.sku for r in found.rows] == ["MILK"] and found.plan == "driven"
    both = list_products(shop, ProductFilter(search="可", custom_key="origin",
                                             custom_value="广东"), actor=ADMIN)
    assert [r.sku for r in both.rows] == ["COLA"]
    with pytest.raises(BadCustomValue):
        list_products(shop, ProductFilter(custom_key="shelf", custom_value="three"),
                      actor=ADMIN)


def test_the_product_export_has_a_column_per_custom_field(shop, tmp_path):
    from openpyxl import load_workbook

    from app.services.products import ProductFilter
    from app.services.products.export import export_products
    custom_fields.set_values(shop, ADMIN, "product", "MILK", {"origin": "四川", "shelf": "3"})
    target = tmp_path / "products.xlsx"
    assert export_products(shop, ADMIN, target, ProductFilter(sort="sku")) == 3
    rows = list(load_workbook(target).worksheets[0].iter_rows(values_only=True))
    assert rows[0][-3:] == ("进价", "产地", "货架号")
    by_sku = {r[0]: r for r in rows[1:]}
    assert by_sku["MILK"][-2:] == ("四川", "3") and by_sku["COLA"][-2:] == (None, None)
    assert by_sku["COLA"][8] == "3.50"
    clerk = tmp_path / "clerk.xlsx"
    export_products(shop, Actor(2, "lead", "shift_lead"), clerk,
                    ProductFilter(custom_key="origin", custom_value="四川"))
    rows = list(load_workbook(clerk).worksheets[0].iter_rows(values_only=True))
    assert "进价" not in rows[0] and [r[0] for r in rows[1:]] == ["MILK"]


def test_supplier_and_member_lists_carry_custom_values_and_filter_by_one(shop):
    from app.domain.custom_fields import BadCustomValue
    from app.services.products import (MemberForm, SupplierForm, list_members, list_suppliers,
                                       save_member, save_supplier)
    custom_fields.define(shop, ADMIN, FieldDef("supplier", "terms", "账期", "Terms", "number"))
    custom_fields.define(shop, ADMIN, FieldDef("customer", "vip", "贵宾", "VIP", "bool"))
    save_supplier(shop, ADMIN, SupplierForm(code="S10", name="甲厂", custom={"terms": "30"}))
    save_supplier(shop, ADMIN, SupplierForm(code="S11", name="乙厂", custom={"terms": "60"}))
    save_member(shop, ADMIN, MemberForm(code="M010", name="张三", custom={"vip": "是"}))
    save_member(shop, ADMIN, MemberForm(code="M011", name="李四"))
    listed = {f.code: f.custom for f in list_suppliers(shop, "S1", actor=ADMIN)}
    assert listed == {"S10": {"terms": "30"}, "S11": {"terms": "60"}}
    found = list_suppliers(shop, custom_key="terms", custom_value="60.0", actor=ADMIN)
    assert [f.code for f in found] == ["S11"]
    members = {f.code: f.custom for f in list_members(shop, "M01", actor=ADMIN)}
    assert members == {"M010": {"vip": "1"}, "M011": {}}
    vips = list_members(shop, custom_key="vip", custom_value="yes", actor=ADMIN)
    assert [f.code for f in vips] == ["M010"]
    assert list_members(shop, "李", custom_key="vip", custom_value="1", actor=ADMIN) == []
    assert len(list_members(shop, "M01", custom_key="vip", custom_value=" ",
                            actor=ADMIN)) == 2  # no value: no filter
    with pytest.raises(BadCustomValue):
        list_members(shop, custom_key="vip", custom_value="maybe", actor=ADMIN)
