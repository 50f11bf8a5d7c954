"""Open a product in the editor, and save it: one transaction with its audit entry and outbox
event (`product.created` / `product.updated`, the whole master record for head office).

Checks beyond the form (`form.check_form`): the SKU and every barcode belong to no other
product; unit, category, brand and supplier exist; recipe components exist; the costing
method of a product with stock moves stays as it is (its cost layers were booked with it).
Barcodes are replaced by the form's list, the first one primary. The form's custom field
values (`ProductForm.custom`) are checked with the product and written in its transaction,
named in its audit entry (`custom` before and after).
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session

from app.domain.money import format_money, format_quantity
from app.domain.permissions import check, sees_costs
from app.persistence.schema import (Brand, Category, Product, ProductBarcode, Recipe, RecipeLine,
                                    StockMove, Supplier, Unit)
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.custom_fields import record_values
from app.services.custom_forms import check_form_values, write_form_values
from app.services.pinyin import initials
from app.services.records import LOCAL_OPERATOR, Actor, Clock, utc_now, write_audit, write_outbox

from .errors import FormInvalid, RecordNotFound
from .form import CheckedProduct, ProductForm, check_form
from .images import image_file, keep_image

_COLUMNS = ("sku", "name", "spec", "unit_id", "tax_rate_bp", "retail_price_fen",
            "member_price_fen", "wholesale_price_fen", "purchase_price_fen", "freight_fen",
            "packaging_fen", "storage_rate_bp", "shelf_life_days", "min_stock_milli",
            "max_stock_milli", "costing", "location")


@dataclass(frozen=True)
class SavedProduct:
    id: int
    sku: str
    created: bool
    changed: tuple[str, ...]  # the columns that changed (empty: nothing to save)


def _percent(bp: int) -> str:
    return format_quantity(bp * 10)  # 1300 bp -> "13"


def load_product(store: LocalStore, product_id: int, *,
                 actor: Actor = LOCAL_OPERATOR) -> ProductForm:
    """The stored product as the editor shows it; cost fields empty for whom costs are
    hidden."""
    check(actor.role, "products.editing.load_product")
    with store.engine.connect() as conn, Session(conn) as s:
        p = s.get(Product, product_id)
        if p is None:
            raise RecordNotFound(what_zh="商品", what_en="product", ref=product_id)
        codes = s.scalars(select(ProductBarcode.barcode).where(
            ProductBarcode.product_id == p.id).order_by(ProductBarcode.is_primary.desc(),
                                                       ProductBarcode.barcode)).all()
        yield_text, lines = _recipe_texts(s, p.id)
        costs = sees_costs(actor.role)
        form = ProductForm(
            id=p.id, sku=p.sku, name=p.name, spec=p.spec or "", barcodes=list(codes),
            unit_id=p.unit_id, category_id=p.category_id, brand_id=p.brand_id,
            supplier_id=p.supplier_id, tax_rate=_percent(p.tax_rate_bp),
            retail_price=format_money(p.retail_price_fen),
            member_price=format_money(p.member_price_fen),
            wholesale_price=format_money(p.wholesale_price_fen),
            purchase_price=format_money(p.purchase_price_fen) if costs else "",
            freight=format_money(p.freight_fen) if costs else "",
            packaging=format_money(p.packaging_fen) if costs else "",
            storage_rate=_percent(p.storage_rate_bp) if costs else "",
            shelf_life_days=str(p.shelf_life_days or ""),
            min_stock=format_quantity(p.min_stock_milli),
            max_stock=format_quantity(p.max_stock_milli), stock_tracked=p.is_stock_tracked,
            location=p.location or "",
            costing=p.costing, active=p.active, recipe_yield=yield_text, recipe=lines,
            custom=record_values(s, "product", [p.id]).get(p.id, {}))
        stored = image_file(store.layout.root, p.image_path)
        form.stored_image = str(stored) if stored else ""
        return form


def _recipe_texts(s: Session, product_id: int) -> tuple[str, list[tuple[str, str]]]:
    recipe = s.scalars(select(Recipe).where(Recipe.product_id == product_id)).first()
    if recipe is None:
        return "1", []
    rows = s.execute(select(Product.sku, RecipeLine.qty_milli).join(
        RecipeLine, RecipeLine.component_id == Product.id).where(
        RecipeLine.recipe_id == recipe.id).order_by(RecipeLine.id)).all()
    return format_quantity(recipe.yield_milli), [(sku, format_quantity(q)) for sku, q in rows]


def save_product(store: LocalStore, actor: Actor, form: ProductForm, *,
                 clock: Clock = utc_now) -> SavedProduct:
    """Create (form.id None) or update a product with everything the editor holds."""
    check(actor.role, "products.editing.save_product")
    checked, form_errors = _checked(form)
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        custom, custom_errors = check_form_values(s, "product", form.custom, form.id)
        if form_errors or custom_errors:
            raise FormInvalid({**form_errors, **custom_errors})
        image = keep_image(store.layout.root, form.image_source) if form.image_source else None
        product = _target(s, form)
        _check_references(s, form, checked, product)
        before = _snapshot(product) if product.id else {}
        for column in _COLUMNS:
            setattr(product, column, getattr(checked, column))
        product.pinyin = initials(checked.name)[:120]
        product.category_id, product.brand_id = form.category_id, form.brand_id
        product.supplier_id = form.supplier_id
        product.is_stock_tracked, product.active = form.stock_tracked, form.active
        if image is not None:
            product.image_path = image
        elif form.clear_image:
            product.image_path = None
        now = clock()
        created = not product.id
        if created:
            product.created_at = now
            s.add(product)
        s.flush()
        codes_changed = _set_barcodes(s, product.id, checked.barcodes)
        recipe_changed = _set_recipe(s, product.id, checked)
        custom_before, custom_after = write_form_values(s, "product", product.id, custom)
        after = _snapshot(product)
        changed = tuple(k for k in after if before.get(k) != after[k])
        changed += ("barcodes",) * codes_changed + ("recipe",) * recipe_changed
        changed += ("custom",) * (custom_before != custom_after)
        if changed:
            detail = {"sku": product.sku, "changed": list(changed)}
            if custom_before != custom_after:
                detail["custom"] = {"before": custom_before, "after": custom_after}
            write_audit(s, store, actor, now, "product.create" if created else "product.update",
                        product.sku, detail)
            write_outbox(s, store, now, "product.created" if created else "product.updated",
                         {**after, "barcodes": list(checked.barcodes)})
        uow.commit()
    return SavedProduct(product.id, product.sku, created, changed)


def _checked(form: ProductForm) -> tuple[CheckedProduct | None, dict]:
    """The checked form, or the problems of its fields (shown with the custom ones)."""
    try:
        return check_form(form), {}
    except FormInvalid as exc:
        return None, exc.fields


def _target(s: Session, form: ProductForm) -> Product:
    if form.id is None:
        return Product()
    product = s.get(Product, form.id)
    if product is None:
        raise RecordNotFound(what_zh="商品", what_en="product", ref=form.sku or form.id)
    return product


def _check_references(s: Session, form: ProductForm, c: CheckedProduct,
                      product: Product) -> None:
    errors: dict[str, tuple[str, str]] = {}
    pid = product.id or 0
    if s.scalar(select(Product.id).where(Product.sku == c.sku, Product.id != pid)):
        errors["sku"] = (f"商品编码“{c.sku}”已被其他商品使用", f"SKU '{c.sku}' belongs to another product")
    if c.barcodes:
        taken = s.execute(select(ProductBarcode.barcode, Product.sku).join(
            Product, Product.id == ProductBarcode.product_id).where(
            ProductBarcode.barcode.in_(c.barcodes), ProductBarcode.product_id != pid)).all()
        if taken:
            code, sku = taken[0]
            errors["barcodes"] = (f"条码“{code}”已属于商品 {sku}", f"barcode '{code}' belongs to product {sku}")
    for name, model, value in (("unit", Unit, c.unit_id), ("category", Category, form.category_id),
                               ("brand", Brand, form.brand_id),
                               ("supplier", Supplier, form.supplier_id)):
        if value is not None and s.get(model, value) is None:
            errors[name] = ("所选项目已不存在，请重新选择", "the chosen entry no longer exists; choose again")
    if product.id and product.costing != c.costing and s.scalar(
            select(exists().where(StockMove.product_id == product.id))):
        errors["costing"] = ("商品已有库存流水，不能更改成本方法",
                             "the product has stock moves, so its costing method cannot change")
    if c.recipe:
        skus = [sku for sku, _ in c.recipe]
        found = set(s.scalars(select(Product.sku).where(Product.sku.in_(skus))))
        missing = [sku for sku in skus if sku not in found]
        if missing:
            errors["recipe"] = (f"配方原料“{missing[0]}”不存在", f"recipe component '{missing[0]}' does not exist")
    if errors:
        raise FormInvalid(errors)


def _snapshot(p: Product) -> dict:
    data = {c: getattr(p, c) for c in _COLUMNS}
    data.update(category_id=p.category_id, brand_id=p.brand_id, supplier_id=p.supplier_id,
                is_stock_tracked=bool(p.is_stock_tracked), active=bool(p.active),
                image_path=p.image_path)
    return data


def _set_barcodes(s: Session, product_id: int, codes: tuple[str, ...]) -> bool:
    old = dict(s.execute(select(ProductBarcode.barcode, ProductBarcode.is_primary).where(
        ProductBarcode.product_id == product_id)).all())
    new = {code: i == 0 for i, code in enumerate(codes)}
    if {k: bool(v) for k, v in old.items()} == new:
        return False
    s.execute(delete(ProductBarcode).where(ProductBarcode.product_id == product_id))
    s.flush()
    s.add_all(ProductBarcode(barcode=c, product_id=product_id, is_primary=p)
              for c, p in new.items())
    return True


def _set_recipe(s: Session, product_id: int, c: CheckedProduct) -> bool:
    recipe = s.scalars(select(Recipe).where(Recipe.product_id == product_id)).first()
    old = [] if recipe is None else s.execute(select(Product.sku, RecipeLine.qty_milli).join(
        RecipeLine, RecipeLine.component_id == Product.id).where(
        RecipeLine.recipe_id == recipe.id).order_by(RecipeLine.id)).all()
    if [tuple(r) for r in old] == list(c.recipe) and (
            recipe is None or recipe.yield_milli == c.recipe_yield_milli or not c.recipe):
        return False
    if recipe is not None:
        s.execute(delete(RecipeLine).where(RecipeLine.recipe_id == recipe.id))
        if not c.recipe:
            s.delete(recipe)
            return True
        recipe.yield_milli = c.recipe_yield_milli
    else:
        recipe = Recipe(product_id=product_id, yield_milli=c.recipe_yield_milli)
        s.add(recipe)
    s.flush()
    ids = dict(s.execute(select(Product.sku, Product.id).where(
        Product.sku.in_([sku for sku, _ in c.recipe]))).all())
    s.add_all(RecipeLine(recipe_id=recipe.id, component_id=ids[sku], qty_milli=q)
              for sku, q in c.recipe)
    return True
