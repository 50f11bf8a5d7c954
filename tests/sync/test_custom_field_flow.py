"""Issue 11 item 7: one custom field from its definition at head office (a real `jxc hq
serve`, SQLite and PostgreSQL) to a store's product form, an import, a report-builder
dimension and an export, with nothing restarted and no schema change."""
from __future__ import annotations

import csv
from datetime import date

from openpyxl import load_workbook
from sqlalchemy import select

from app.persistence.schema import Product
from app.services import custom_fields
from app.services import report_builder as rb
from app.services.catalog_import import import_products
from app.services.inventory.posting import post_document
from app.services.products import ProductFilter, load_product, save_product
from app.services.products.export import export_products
from app.services.records import Actor
from app.services.reports.common import NOT_SET
from app.services.reports.filters import ReportFilter
from app.sync import settings
from headoffice.feed_fields import field_records
from headoffice.publish import list_changes, publish

ADMIN = Actor(None, "admin", "admin")
ORIGIN = {"entity": "product", "key": "origin", "label_zh": "产地", "label_en": "Origin",
          "kind": "choice", "choices": ["国产", "进口"]}


def _product_id(store, sku: str) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(Product.id).where(Product.sku == sku)).scalar_one()


def test_a_head_office_field_reaches_form_import_report_and_export(hq, tills, tmp_path):
    till = tills()
    settings.save(till.store, {"changes_cursor": str(list_changes(hq.engine, limit=1)["last_id"])})
    publish(hq.engine, "field", field_records([ORIGIN]), till.code)
    assert till.downlink().pull().applied == 1
    store = till.store

    # the product form: the editor offers the field and saves its value with the product
    (fd,) = custom_fields.definitions(store, "product")
    assert (fd.key, fd.label_zh, fd.choices) == ("origin", "产地", ("国产", "进口"))
    form = load_product(store, _product_id(store, "COLA"), actor=ADMIN)
    form.custom = {"origin": "进口"}
    save_product(store, ADMIN, form)

    # an import: the field's column by its Chinese label
    file = tmp_path / "商品.csv"
    with file.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([
            ["sku", "name", "barcode", "unit", "retail_price", "category", "costing",
             "shelf_life_days", "产地"],
            ["TEA9", "东方树叶 500ml", "", "瓶", "4.00", "", "", "", "国产"]])
    assert import_products(store, ADMIN, file).created == 1
    assert custom_fields.values(store, "product", ["COLA", "TEA9", "RICE"]) == {
        "COLA": {"origin": "进口"}, "TEA9": {"origin": "国产"}, "RICE": {}}

    # a report dimension: sales grouped by the field
    post_document(store, ADMIN, {"type": "purchase_receipt", "id": "tea9-in", "supplier": "S01",
                                 "lines": [{"sku": "TEA9", "qty": "10", "unit_cost": "2.00"}]})
    for qty, sku in (("2", "COLA"), ("3", "TEA9"), ("1", "RICE")):
        till.sell(qty, sku=sku)
    today = date.today()
    result = rb.run_builder(store, ADMIN, rb.BuilderSpec(("custom:product:origin",),
                                                         ("quantity",)),
                            ReportFilter(today, today))
    by_origin = {r["d0"]: r["quantity"] for r in result.rows}
    assert set(by_origin) == {"进口", "国产", NOT_SET}
    assert (by_origin["进口"], by_origin["国产"], by_origin[NOT_SET]) == (2000, 3000, 1000)

    # an export: the field is a column of the product list's file
    out = tmp_path / "products.xlsx"
    export_products(store, ADMIN, out, ProductFilter())
    sheet = load_workbook(out).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    column = rows[0].index("产地")
    exported = {r[0]: r[column] for r in rows[1:]}
    assert (exported["COLA"], exported["TEA9"], exported["RICE"]) == ("进口", "国产", None)
