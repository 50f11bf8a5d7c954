"""Custom fields as report-builder dimensions (`custom:<entity>:<key>`): grouped from the
line's product, the product's supplier, the document's customer and the document itself;
refused with a clear message when the store has no such field or has hidden it."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import text

from app.domain.custom_fields import FieldDef
from app.domain.permissions import PermissionDenied
from app.persistence.schema import User
from app.persistence.uow import UnitOfWork
from app.services import custom_fields
from app.services import report_builder as rb
from app.services.inventory.posting import post_document
from app.services.records import Actor, utc_start_of
from app.services.reports import definitions
from app.services.reports.common import NOT_SET
from app.services.reports.filters import ReportFilter
from helpers import add_catalog

DAY = date(2026, 3, 2)
PERIOD = ReportFilter(DAY, DAY)
ADMIN = Actor(None, "admin", "admin")
FIELDS = (FieldDef("product", "origin", "产地", "Origin", "choice", choices=("国产", "进口")),
          FieldDef("product", "halal", "清真", "Halal", "bool"),
          FieldDef("supplier", "rating", "评级", "Rating", "number"),
          FieldDef("customer", "level", "会员等级", "Level", "text"),
          FieldDef("document", "channel", "渠道", "Channel", "choice", choices=("门店", "美团")))


@pytest.fixture
def shop(new_store):
    add_catalog(new_store)
    with UnitOfWork(new_store.engine) as uow:
        user = User(username="c1", display_name="收银员甲", role="cashier", password_hash="-",
                    created_at=datetime(2026, 1, 1))
        uow.session.add(user)
        uow.session.flush()
        uow.session.execute(text("UPDATE products SET supplier_id = (SELECT id FROM suppliers "
                                 "WHERE code = 'S01') WHERE sku = 'COLA'"))
        cashier = Actor(user.id, "c1", "cashier")
        uow.commit()
    for fd in FIELDS:
        custom_fields.define(new_store, ADMIN, fd)
    for entity, ref, values in (("product", "COLA", {"origin": "进口", "halal": "是"}),
                                ("product", "MILK", {"origin": "国产", "halal": "否"}),
                                ("supplier", "S01", {"rating": "5"}),
                                ("customer", "M001", {"level": "金卡"})):
        custom_fields.set_values(new_store, ADMIN, entity, ref, values)

    def post(who, doc_id, body):
        return post_document(new_store, who, {**body, "id": doc_id, "date": DAY.isoformat()},
                             clock=lambda: utc_start_of(DAY)).number

    post(ADMIN, "in", {"type": "purchase_receipt", "supplier": "S01", "lines": [
        {"sku": sku, "qty": "50", "unit_cost": "1.00", **extra} for sku, extra in (
            ("COLA", {}), ("MILK", {"batch": "B1", "expiry": "2026-12-31"}), ("RICE", {}))]})
    cash = lambda amount: [{"method": "cash", "amount": amount}]  # noqa: E731
    first = post(ADMIN, "d1", {"type": "sale", "customer": "M001", "custom": {"channel": "美团"},
                               "lines": [{"sku": "COLA", "qty": "2", "unit_price": "3.50"},
                                         {"sku": "MILK", "qty": "1", "unit_price": "4.50"}],
                               "payments": cash("11.50")})
    post(cashier, "d2", {"type": "sale", "custom": {"channel": "门店"},
                         "lines": [{"sku": "COLA", "qty": "2", "unit_price": "3.50"},
                                   {"sku": "RICE", "qty": "1", "unit_price": "8.00"}],
                         "payments": cash("15.00")})
    post(ADMIN, "d3", {"type": "sale", "lines": [{"sku": "MILK", "qty": "2", "unit_price": "4.50"}],
                       "payments": cash("9.00")})
    post(ADMIN, "r1", {"type": "customer_return", "original": first,
                       "lines": [{"sku": "COLA", "qty": "1"}]})
    new_store.cashier = cashier
    return new_store


def grouped(store, dims, actor=ADMIN, measures=("sales",)) -> dict:
    result = rb.run_builder(store, actor, rb.BuilderSpec(tuple(dims), tuple(measures)), PERIOD)
    assert result.totals["sales"] == sum(r["sales"] for r in result.rows)
    return {tuple(r[f"d{i}"] for i in range(len(dims))): r["sales"] for r in result.rows}


def test_a_product_choice_field_groups_the_sales(shop):
    assert grouped(shop, ["custom:product:origin"]) == {
        ("进口",): 700 + 700 - 350, ("国产",): 450 + 900, (NOT_SET,): 800}
    result = rb.run_builder(shop, ADMIN, rb.BuilderSpec(("custom:product:origin", "product"),
                                                        ("sales", "quantity")), PERIOD)
    assert [(c.zh, c.en) for c in result.columns[:2]] == [("产地（商品）", "Origin (product)"),
                                                          ("商品", "Product")]
    assert result.en == "Custom report (Origin (product) × Product)"
    assert grouped(shop, ["custom:product:halal"]) == {
        ("是 (yes)",): 1050, ("否 (no)",): 1350, (NOT_SET,): 800}


def test_a_document_field_groups_by_each_document_s_own_value(shop):
    assert grouped(shop, ["custom:document:channel"]) == {
        ("美团",): 1150, ("门店",): 1500, (NOT_SET,): 900 - 350}  # the return has none
    by_payment = grouped(shop, ["payment_method", "custom:document:channel"],
                         measures=("sales", "documents"))
    assert by_payment == {("cash", "美团"): 1150, ("cash", "门店"): 1500,
                          ("cash", NOT_SET): 900 - 350}


def test_customer_and_supplier_fields_come_through_the_document_and_the_product(shop):
    assert grouped(shop, ["custom:customer:level"]) == {  # a return: the sale's customer
        ("金卡",): 1150 - 350, (NOT_SET,): 1500 + 900}
    assert grouped(shop, ["custom:supplier:rating", "month"]) == {
        ("5", "2026-03"): 1050, (NOT_SET, "2026-03"): 1350 + 800}


def test_a_cashier_still_sees_only_their_own_sales(shop):
    assert grouped(shop, ["custom:product:origin"], actor=shop.cashier) == {
        ("进口",): 700, (NOT_SET,): 800}
    with pytest.raises(PermissionDenied):
        grouped(shop, ["custom:product:origin"], actor=shop.cashier, measures=("cogs",))


@pytest.mark.parametrize("name, zh, en", [
    ("custom:product:colour", "没有这个字段", "there is no such field"),
    ("custom:document:origin", "没有这个字段", "there is no such field"),
])
def test_a_field_the_store_does_not_have_is_refused_clearly(shop, name, zh, en):
    with pytest.raises(rb.CustomDimensionUnavailable) as refused:
        grouped(shop, [name])
    assert zh in refused.value.message("zh_CN") and name in refused.value.message("zh_CN")
    assert en in refused.value.message("en")
    assert "Remove that dimension" in refused.value.message("en")


@pytest.mark.parametrize("name", ["custom:product:Origin", "custom:warehouse:origin",
                                  "custom:product:origin; DROP TABLE documents", "custom:"])
def test_a_malformed_custom_name_never_reaches_a_query(shop, name):
    with pytest.raises(rb.BadDefinition):
        grouped(shop, [name])


def test_a_saved_report_on_a_field_hidden_later_says_so(shop):
    saved = rb.BuilderSpec(("custom:product:origin",), ("sales",))
    definitions.save_definition(shop, ADMIN, "按产地", saved)
    assert "custom:product:origin" in rb.dimension_choices(shop, actor=shop.cashier)
    custom_fields.set_active(shop, ADMIN, "product", "origin", False)
    (found,) = definitions.list_definitions(shop)  # still listed, still opens
    assert found.spec == saved
    with pytest.raises(rb.CustomDimensionUnavailable) as refused:
        rb.run_builder(shop, ADMIN, found.spec, PERIOD)
    assert "该字段已停用" in refused.value.message("zh_CN")
    assert "the field is hidden (deactivated)" in refused.value.message("en")
    choices = rb.dimension_choices(shop)
    assert "custom:product:origin" not in choices
    assert choices["custom:document:channel"] == ("渠道（单据）", "Channel (document)")
    assert {k: v for k, v in choices.items() if not k.startswith("custom:")} == rb.DIMENSIONS


def test_product_fields_do_not_combine_with_the_payment_method(shop):
    with pytest.raises(rb.BadDefinition) as refused:
        grouped(shop, ["payment_method", "custom:product:origin"])
    assert "custom fields of customers and documents" in refused.value.message("en")
