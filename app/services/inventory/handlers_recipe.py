"""Assembly and disassembly by recipe: components out, product in, or the reverse."""
from __future__ import annotations

from decimal import Decimal

from app.domain.costing import allocate
from app.domain.money import line_amount, round_half_up
from app.services.inventory.handlers import LineRuleBroken, Posting, put, take
from app.services.recipes import recipe_of


def _recipe(p: Posting, n: int, product):
    found = recipe_of(p.session, product)
    if found is None:
        raise LineRuleBroken(n=n, what_zh=f"商品 {product.sku} 没有配方，请先用 jxc recipe set 设置。",
                             what_en=f"{product.sku} has no recipe; set one with jxc recipe set.")
    return found


def _component_qty(line_qty: int, per_yield: int, yield_milli: int) -> int:
    return round_half_up(Decimal(line_qty) * per_yield / yield_milli)


def assembly(p: Posting) -> dict:
    """Make `qty` of each line's product from its recipe; it enters at the components' cost."""
    total = 0
    for n, (req, line, product) in enumerate(p.lines, 1):
        yield_milli, parts = _recipe(p, n, product)
        value = 0
        for component, per_yield in parts:
            qty = _component_qty(line.qty_milli, per_yield, yield_milli)
            if qty:
                value += take(p, n, line, component, p.warehouse, qty, may_go_negative=True)[0]
        put(p, line, product, p.warehouse, line.qty_milli, value, req.batch, req.expiry)
        line.amount_fen = line.cogs_fen = value
        total += value
    p.doc.total_fen = total
    return {"value": total}


def disassembly(p: Posting) -> dict:
    """Take `qty` of each line's product apart; its cost is shared by the components'
    purchase prices (by quantity when they have none)."""
    total = 0
    for n, (req, line, product) in enumerate(p.lines, 1):
        yield_milli, parts = _recipe(p, n, product)
        taken, _ = take(p, n, line, product, p.warehouse, line.qty_milli, batch=req.batch)
        qtys = [_component_qty(line.qty_milli, q, yield_milli) for _, q in parts]
        weights = [line_amount(c.purchase_price_fen, q) for (c, _), q in zip(parts, qtys)]
        if not any(qtys):
            raise LineRuleBroken(n=n, what_zh="数量太小，拆不出任何原料。",
                                 what_en="too small a quantity to yield any component.")
        shares = allocate(taken, weights if sum(weights) else qtys)
        for (component, _), qty, share in zip(parts, qtys, shares):
            if qty:
                put(p, line, component, p.warehouse, qty, share)
        line.amount_fen = line.cogs_fen = taken
        total += taken
    p.doc.total_fen = total
    return {"value": total}
