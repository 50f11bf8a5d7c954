"""The shelf location (货位) of a product: edited in the editor, imported from a file (kept
when a cell is empty; the marked copy of a refused file: tests/services/excel), carried by
head office, listed."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.domain.locations import MAX_LOCATION, in_location, like_pattern
from app.domain.product_rows import validate_row
from app.persistence.schema import AuditEntry, Product, Unit
from app.persistence.uow import UnitOfWork
from app.services.catalog_import import ImportRefused, import_products
from app.services.catalog_sync import apply_changes
from app.services.products import (FormInvalid, ProductFilter, ProductForm, list_products,
                                   load_product, save_product)
from app.services.records import Actor
from headoffice.feed_records import product_cells, products_from_json
from helpers import add_catalog

ADMIN = Actor(1, "admin", "admin")
HEADER = ["sku", "name", "barcode", "unit", "retail_price", "category", "costing",
          "shelf_life_days"]


@pytest.fixture
def shop(new_store):
    add_catalog(new_store)
    return new_store


def _location(store, sku: str) -> str | None:
    with store.engine.connect() as conn:
        return conn.execute(select(Product.location).where(Product.sku == sku)).scalar()


def _form(store, **kw) -> ProductForm:
    with store.engine.connect() as conn:
        unit = conn.execute(select(Unit.id).where(Unit.name == "瓶")).scalar()
    return ProductForm(**{"sku": "TEA1", "name": "绿茶", "unit_id": unit, "retail_price": "3.00",
                          **kw})


def test_the_editor_saves_edits_and_clears_a_location_as_typed(shop):
    saved = save_product(shop, ADMIN, _form(shop, location="  a-03-2 "))
    assert _location(shop, "TEA1") == "a-03-2"  # trimmed, the case kept
    form = load_product(shop, saved.id, actor=ADMIN)
    assert form.location == "a-03-2"
    form.location = "B-01-1"
    changed = save_product(shop, ADMIN, form)
    assert changed.changed == ("location",) and _location(shop, "TEA1") == "B-01-1"
    with shop.engine.connect() as conn:
        last = conn.execute(select(AuditEntry.action, AuditEntry.detail)
                            .order_by(AuditEntry.seq.desc())).first()
    assert last.action == "product.update" and "location" in last.detail
    form.location = ""
    save_product(shop, ADMIN, form)
    assert _location(shop, "TEA1") is None and load_product(shop, saved.id).location == ""


@pytest.mark.parametrize("bad, words", [("A" * (MAX_LOCATION + 1), "at most 32"),
                                        ("Ａ-03", "full-width"), ("A-03\n2", "line break")])
def test_the_editor_refuses_a_bad_location_on_its_field(shop, bad, words):
    with pytest.raises(FormInvalid) as refused:
        save_product(shop, ADMIN, _form(shop, location=bad))
    assert list(refused.value.fields) == ["location"]
    assert words in refused.value.field_message("location", "en")
    assert "货位" in refused.value.field_message("location", "zh_CN")
    assert _location(shop, "TEA1") is None


def test_an_import_sets_a_location_and_an_empty_cell_keeps_it(shop, tmp_path):
    first = tmp_path / "a.csv"
    first.write_text("\n".join([",".join(HEADER + ["货位"]),
                                "TEA,绿茶,,瓶,3.00,,,,A-03-1",
                                "COLA,可口可乐 500ml,,瓶,3.50,,,,a-03-2"]), encoding="utf-8-sig")
    result = import_products(shop, ADMIN, first)
    assert (result.created, result.updated) == (1, 1)
    assert (_location(shop, "TEA"), _location(shop, "COLA")) == ("A-03-1", "a-03-2")
    again = tmp_path / "b.csv"
    again.write_text("\n".join([",".join(HEADER + ["Location"]),
                                "TEA,绿茶,,瓶,3.20,,,,"]), encoding="utf-8-sig")
    import_products(shop, ADMIN, again)
    assert _location(shop, "TEA") == "A-03-1"  # an import never erases a value


def test_the_csv_importer_names_the_location_column_of_a_bad_cell(shop, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(",".join(HEADER + ["location"]) + "\nTEA,绿茶,,瓶,3.00,,,,Ｂ-2\n",
                    encoding="utf-8-sig")
    with pytest.raises(ImportRefused) as refused:
        import_products(shop, ADMIN, path)
    assert [(p.row, p.column) for p in refused.value.every] == [(2, "location")]


def test_head_office_carries_the_location_to_the_till(shop):
    (sku, cells), = products_from_json([{"sku": "COLA", "name": "可口可乐 500ml", "unit": "瓶",
                                         "retail_price": "3.50", "货位": "C-07-1"}])
    assert cells["location"] == "C-07-1"
    assert product_cells(validate_row(1, cells)) == cells
    with UnitOfWork(shop.engine) as uow:
        summary = apply_changes(shop, uow.session, [{"id": 1, "kind": "product", "data": cells}])
        uow.commit()
    assert summary["skipped"] == [] and _location(shop, sku) == "C-07-1"


def test_the_product_list_shows_the_location(shop):
    save_product(shop, ADMIN, _form(shop, location="D-02"))
    page = list_products(shop, ProductFilter(search="TEA1"), actor=ADMIN)
    assert [(r.sku, r.location) for r in page.rows] == [("TEA1", "D-02")]


def test_prefixes_match_as_the_database_does():
    assert in_location("A-03-2", "a-03") and in_location("a-030", "A-03")
    assert not in_location(None, "A") and not in_location("B-03", "A-03")
    assert like_pattern("A_1%\\") == "A\\_1\\%\\\\%"


def test_the_product_template_has_the_location_column_explained():
    import io

    from openpyxl import load_workbook

    from app.services.excel import template_bytes

    wb = load_workbook(io.BytesIO(template_bytes("products")))
    data, notes = wb.worksheets
    assert "货位\nLocation" in [c.value for c in data[1]]
    explained = [[c.value for c in row] for row in notes.iter_rows() if row[0].value == "货位"]
    assert explained and explained[0][-1] == "A-03-2" and "32" in explained[0][4]
