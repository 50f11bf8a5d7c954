"""Recipes (bills of materials): set what one yield of a product is made of."""
from __future__ import annotations

from sqlalchemy import delete, select

from app.domain.doc_request import BadDocument, LineRequest
from app.domain.money import format_quantity, parse_quantity
from app.domain.permissions import check
from app.persistence.schema import Product, Recipe, RecipeLine
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.inventory import resolve
from app.services.records import Actor, utc_now, write_audit, write_outbox


def _bad(zh: str, en: str) -> BadDocument:
    return BadDocument(where="", what_zh=zh, what_en=en)


def set_recipe(store: LocalStore, actor: Actor, sku: str, yield_qty: str,
               components: list[tuple[str, str]]) -> int:
    """Replace the recipe of `sku`; components are (sku, qty per yield). Returns line count."""
    check(actor.role, "recipes.set_recipe")
    yield_milli = parse_quantity(yield_qty)
    parsed = [(c, parse_quantity(q)) for c, q in components]
    if yield_milli <= 0 or not parsed or any(q <= 0 for _, q in parsed):
        raise _bad("配方需要正的产出数量和至少一种正数量的原料。",
                   "a recipe needs a positive yield and at least one component with a positive quantity.")
    if len({c for c, _ in parsed}) != len(parsed) or sku in {c for c, _ in parsed}:
        raise _bad("原料不能重复，也不能是产品本身。",
                   "components must be distinct and must not be the product itself.")
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        reqs = tuple(LineRequest(sku=x, barcode=None, qty_milli=1) for x in [sku, *dict(parsed)])
        product, *parts = resolve.products(s, reqs)
        recipe = s.scalars(select(Recipe).where(Recipe.product_id == product.id)).first()
        if recipe is None:
            recipe = Recipe(product_id=product.id, yield_milli=yield_milli)
            s.add(recipe)
            s.flush()
        recipe.yield_milli = yield_milli
        s.execute(delete(RecipeLine).where(RecipeLine.recipe_id == recipe.id))
        s.add_all(RecipeLine(recipe_id=recipe.id, component_id=p.id, qty_milli=q)
                  for p, (_, q) in zip(parts, parsed))
        detail = {"sku": sku, "yield": format_quantity(yield_milli),
                  "components": {c: format_quantity(q) for c, q in parsed}}
        now = utc_now()
        write_audit(s, store, actor, now, "recipe.set", sku, detail)
        write_outbox(s, store, now, "recipe.set", detail)
        uow.commit()
    return len(parsed)


def recipe_of(session, product: Product) -> tuple[int, list[tuple[Product, int]]] | None:
    recipe = session.scalars(select(Recipe).where(Recipe.product_id == product.id)).first()
    if recipe is None:
        return None
    lines = session.execute(select(Product, RecipeLine.qty_milli).join(
        RecipeLine, RecipeLine.component_id == Product.id).where(
        RecipeLine.recipe_id == recipe.id).order_by(RecipeLine.id)).all()
    return recipe.yield_milli, [(p, q) for p, q in lines]
