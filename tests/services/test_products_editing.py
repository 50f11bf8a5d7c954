"""The product editor's service: checks per field, one transaction with audit and outbox,
barcodes, recipe, image, costs hidden from whom they are hidden."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from app.domain.permissions import PermissionDenied
from app.persistence.schema import (AuditEntry, OutboxEvent, Product, ProductBarcode, Recipe,
                                    RecipeLine, Unit)
from app.services.inventory.posting import post_document
from app.services.products import (FormInvalid, ImageUnusable, ProductForm, load_product,
                                   save_product)
from app.services.records import Actor
from helpers import add_catalog

ADMIN = Actor(1, "admin", "admin")
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
       b"\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe"
       b"\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")


@pytest.fixture
def shop(new_store):
    add_catalog(new_store)
    return new_store


def _unit(store, name="瓶") -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(Unit.id).where(Unit.name == name)).scalar()


def _form(store, **kw) -> ProductForm:
    base = dict(sku="TEA1", name="东方树叶 绿茶 500ml", unit_id=_unit(store), retail_price="4.50",
                barcodes=["6901234567892", "TEA0001"], purchase_price="2.10", freight="0.10",
                packaging="0.05", storage_rate="1.5", shelf_life_days="270", min_stock="12",
                max_stock="48", tax_rate="13")
    base.update(kw)
    return ProductForm(**base)


def _count(store, model) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar()


def test_new_product_is_saved_with_audit_outbox_and_barcodes(shop):
    audits, events = _count(shop, AuditEntry), _count(shop, OutboxEvent)
    saved = save_product(shop, ADMIN, _form(shop))
    assert saved.created and saved.sku == "TEA1"
    with shop.engine.connect() as conn:
        p = conn.execute(select(Product).where(Product.id == saved.id)).one()
        codes = conn.execute(select(ProductBarcode.barcode, ProductBarcode.is_primary)
                             .where(ProductBarcode.product_id == saved.id)).all()
        event = conn.execute(select(OutboxEvent).order_by(OutboxEvent.id.desc())).first()
    assert (p.pinyin, p.retail_price_fen, p.member_price_fen, p.purchase_price_fen) == \
        ("dfsylc500ml", 450, 450, 210)
    assert (p.freight_fen, p.packaging_fen, p.storage_rate_bp, p.shelf_life_days) == (10, 5, 150, 270)
    assert (p.min_stock_milli, p.max_stock_milli, p.tax_rate_bp) == (12_000, 48_000, 1300)
    assert sorted(codes) == [("6901234567892", True), ("TEA0001", False)]
    assert _count(shop, AuditEntry) == audits + 1 and _count(shop, OutboxEvent) == events + 1
    assert event.event_type == "product.created"
    assert json.loads(event.payload)["barcodes"] == ["6901234567892", "TEA0001"]


def test_load_then_save_unchanged_writes_nothing_and_a_change_is_audited(shop):
    saved = save_product(shop, ADMIN, _form(shop))
    form = load_product(shop, saved.id, actor=ADMIN)
    assert (form.retail_price, form.storage_rate, form.tax_rate, form.min_stock) == \
        ("4.50", "1.5", "13", "12")
    audits = _count(shop, AuditEntry)
    again = save_product(shop, ADMIN, form)
    assert again.changed == () and _count(shop, AuditEntry) == audits
    form.retail_price, form.barcodes = "4.80", ["TEA0001"]
    changed = save_product(shop, ADMIN, form)
    assert set(changed.changed) == {"retail_price_fen", "barcodes"}
    with shop.engine.connect() as conn:
        detail = json.loads(conn.execute(select(AuditEntry.detail).order_by(
            AuditEntry.id.desc())).scalar())
        codes = conn.execute(select(ProductBarcode.barcode, ProductBarcode.is_primary).where(
            ProductBarcode.product_id == saved.id)).all()
    assert detail["sku"] == "TEA1" and "retail_price_fen" in detail["changed"]
    assert codes == [("TEA0001", True)]


def test_every_wrong_field_is_named_and_nothing_is_written(shop):
    audits = _count(shop, AuditEntry)
    bad = _form(shop, sku="有 空格", name="", retail_price="abc", barcodes=["6901234567890"],
                freight="-1", storage_rate="150", shelf_life_days="0", min_stock="10",
                max_stock="5", tax_rate="0.13", unit_id=None)
    with pytest.raises(FormInvalid) as refused:
        save_product(shop, ADMIN, bad)
    fields = refused.value.fields
    assert {"sku", "name", "retail_price", "barcodes", "freight", "storage_rate",
            "shelf_life_days", "max_stock", "tax_rate", "unit"} <= set(fields)
    assert "校验位" in fields["barcodes"][0] or "check digit" in fields["barcodes"][1]
    assert refused.value.field_message("name", "en")
    assert _count(shop, AuditEntry) == audits


def test_sku_and_barcodes_of_another_product_are_refused(shop):
    save_product(shop, ADMIN, _form(shop))
    with pytest.raises(FormInvalid) as refused:
        save_product(shop, ADMIN, _form(shop, sku="COLA", barcodes=["TEA0001"]))
    assert set(refused.value.fields) == {"sku", "barcodes"}
    assert "TEA1" in refused.value.fields["barcodes"][1]


def test_costing_cannot_change_once_the_product_has_moves(shop):
    post_document(shop, ADMIN, {"type": "purchase_receipt", "id": "in-1", "supplier": "S01",
                                "lines": [{"sku": "COLA", "qty": "5", "unit_cost": "1.00"}]})
    with shop.engine.connect() as conn:
        cola = conn.execute(select(Product.id).where(Product.sku == "COLA")).scalar()
    form = load_product(shop, cola, actor=ADMIN)
    form.costing = "average"
    with pytest.raises(FormInvalid) as refused:
        save_product(shop, ADMIN, form)
    assert set(refused.value.fields) == {"costing"}


def test_recipe_lines_are_saved_replaced_and_removed(shop):
    form = _form(shop, recipe_yield="2", recipe=[("COLA", "1"), ("MILK", "0.5")])
    saved = save_product(shop, ADMIN, form)
    loaded = load_product(shop, saved.id, actor=ADMIN)
    assert loaded.recipe_yield == "2" and loaded.recipe == [("COLA", "1"), ("MILK", "0.5")]
    loaded.recipe = [("RICE", "3")]
    assert "recipe" in save_product(shop, ADMIN, loaded).changed
    assert load_product(shop, saved.id, actor=ADMIN).recipe == [("RICE", "3")]
    loaded.recipe = []
    save_product(shop, ADMIN, loaded)
    assert _count(shop, Recipe) == 0 and _count(shop, RecipeLine) == 0
    with pytest.raises(FormInvalid) as refused:
        save_product(shop, ADMIN, _form(shop, sku="X2", barcodes=[], recipe=[("NOPE", "1")]))
    assert set(refused.value.fields) == {"recipe"}
    with pytest.raises(FormInvalid):
        save_product(shop, ADMIN, _form(shop, sku="X2", barcodes=[], recipe=[("X2", "1")]))


def test_image_is_kept_in_the_data_dir_by_content(shop, tmp_path):
    picture = tmp_path / "茶.png"
    picture.write_bytes(PNG)
    saved = save_product(shop, ADMIN, _form(shop, image_source=str(picture)))
    form = load_product(shop, saved.id, actor=ADMIN)
    stored = shop.layout.root / "images"
    assert form.stored_image.startswith(str(stored)) and open(form.stored_image, "rb").read() == PNG
    text = tmp_path / "x.png"
    text.write_text("not an image")
    form.image_source = str(text)
    with pytest.raises(ImageUnusable):
        save_product(shop, ADMIN, form)
    form.image_source, form.clear_image = None, True
    save_product(shop, ADMIN, form)
    assert load_product(shop, saved.id, actor=ADMIN).stored_image == ""


def test_costs_are_hidden_and_saving_needs_a_manager(shop):
    saved = save_product(shop, ADMIN, _form(shop))
    lead = Actor(5, "lead", "shift_lead")
    form = load_product(shop, saved.id, actor=lead)
    assert (form.purchase_price, form.freight, form.packaging, form.storage_rate) == ("",) * 4
    assert form.retail_price == "4.50"
    with pytest.raises(PermissionDenied):
        save_product(shop, lead, form)
    with pytest.raises(PermissionDenied):
        load_product(shop, saved.id, actor=Actor(6, "c", "cashier"))
