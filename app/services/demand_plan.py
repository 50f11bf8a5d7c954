"""Recipe demand plan: forecast the menu's sales, explode recipes into ingredients, net
them against stock and open purchase orders, and suggest purchase orders per supplier.
Kitchen requisitions (领料) move ingredients from the store room to the kitchen.
Docs: docs/demand-plan.md.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select

from app.domain.demand import RecipeDef, explode, forecast, to_order
from app.domain.doc_request import BadDocument
from app.domain.money import format_money, format_quantity
from app.domain.permissions import check
from app.persistence.schema import (Document, DocumentLine, Product, Recipe, RecipeLine,
                                    StockBalance, Supplier, Warehouse)
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.inventory.handlers_purchase import received_so_far
from app.services.records import Actor, local_date, utc_now


@dataclass(frozen=True)
class PlanLine:
    sku: str
    name: str
    supplier: str  # supplier code, "" when the product has none
    need: int  # thousandths, for the whole horizon
    on_hand: int
    on_order: int
    minimum: int
    to_order: int
    unit_cost_fen: int

    def as_dict(self) -> dict:
        q = format_quantity
        return {"sku": self.sku, "name": self.name, "supplier": self.supplier,
                "need": q(self.need), "on_hand": q(self.on_hand), "on_order": q(self.on_order),
                "minimum": q(self.minimum), "to_order": q(self.to_order),
                "unit_cost": format_money(self.unit_cost_fen)}


@dataclass
class DemandPlan:
    today: date
    days: int
    warehouse: str
    menu: dict[str, str] = field(default_factory=dict)  # sku -> forecast qty (horizon)
    lines: list[PlanLine] = field(default_factory=list)

    def orders(self) -> dict[str, list[PlanLine]]:
        """Lines to buy, per supplier code ("" = no supplier set)."""
        out: dict[str, list[PlanLine]] = {}
        for line in self.lines:
            if line.to_order > 0:
                out.setdefault(line.supplier, []).append(line)
        return out

    def as_dict(self) -> dict:
        return {"today": self.today.isoformat(), "days": self.days, "warehouse": self.warehouse,
                "menu": self.menu, "lines": [l.as_dict() for l in self.lines]}


def plan(store: LocalStore, actor: Actor, *, days: int = 7, weeks: int = 4,
         warehouse: str = "MAIN", today: date | None = None) -> DemandPlan:
    check(actor.role, "demand_plan.plan")
    if not (1 <= days <= 60 and 1 <= weeks <= 26):
        raise BadDocument(where="", what_zh="天数应为 1-60，周数应为 1-26。",
                          what_en="days must be 1-60 and weeks 1-26.")
    today = today or local_date(utc_now())
    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        wh = _warehouse(s, warehouse)
        recipes = _recipes(s)
        sold = _daily_sales(s, set(recipes), today - timedelta(days=7 * weeks - 1), today)
        menu = {pid: sum(forecast(daily, today, days, weeks).values())
                for pid, daily in sold.items()}
        needs = explode(menu, recipes)
        result = DemandPlan(today, days, warehouse)
        skus = _products(s, set(menu) | set(needs))
        result.menu = {skus[p].sku: format_quantity(q) for p, q in sorted(menu.items()) if q}
        on_order = _on_order(s, set(needs), wh.id)
        for pid, need in sorted(needs.items(), key=lambda kv: skus[kv[0]].sku):
            p = skus[pid]
            on_hand = s.scalar(select(StockBalance.qty_milli).where(
                StockBalance.warehouse_id == wh.id, StockBalance.product_id == pid)) or 0
            supplier = s.get(Supplier, p.supplier_id).code if p.supplier_id else ""
            result.lines.append(PlanLine(
                p.sku, p.name, supplier, need, on_hand, on_order.get(pid, 0), p.min_stock_milli,
                to_order(need, on_hand, on_order.get(pid, 0), p.min_stock_milli),
                p.purchase_price_fen))
    return result


def purchase_order_drafts(result: DemandPlan) -> list[dict]:
    """The suggested orders as draft purchase-order documents (one per supplier)."""
    drafts = []
    for supplier, lines in sorted(result.orders().items()):
        if not supplier:
            continue  # no supplier set: listed in the plan, not ordered
        drafts.append({
            "type": "purchase_order", "id": f"plan-{result.today:%Y%m%d}-{supplier}",
            "supplier": supplier, "warehouse": result.warehouse,
            "note": f"配方需求计划 {result.today} 起 {result.days} 天",
            "lines": [{"sku": l.sku, "qty": format_quantity(l.to_order),
                       "unit_cost": format_money(l.unit_cost_fen)} for l in lines]})
    return drafts


def _warehouse(s, code: str) -> Warehouse:
    wh = s.scalars(select(Warehouse).where(Warehouse.code == code.upper())).first()
    if wh is None:
        raise BadDocument(where="", what_zh=f"没有仓库“{code}”。", what_en=f"there is no warehouse '{code}'.")
    return wh


def _recipes(s) -> dict[int, RecipeDef]:
    parts: dict[int, list[tuple[int, int]]] = {}
    for recipe_id, component, qty in s.execute(select(
            RecipeLine.recipe_id, RecipeLine.component_id, RecipeLine.qty_milli)
            .order_by(RecipeLine.id)):
        parts.setdefault(recipe_id, []).append((component, qty))
    return {r.product_id: RecipeDef(r.yield_milli, tuple(parts.get(r.id, ())))
            for r in s.scalars(select(Recipe))}


def _daily_sales(s, products: set[int], first: date, last: date) -> dict[int, dict[date, int]]:
    """Sold minus returned per product and business day (posted documents)."""
    if not products:
        return {}
    sign = func.iif(Document.doc_type == "sale", 1, -1)
    rows = s.execute(
        select(DocumentLine.product_id, Document.business_date,
               func.sum(sign * DocumentLine.qty_milli))
        .join(Document, Document.id == DocumentLine.document_id)
        .where(Document.status == "posted", Document.doc_type.in_(("sale", "customer_return")),
               Document.business_date.between(first, last),
               DocumentLine.product_id.in_(products))
        .group_by(DocumentLine.product_id, Document.business_date)).all()
    out: dict[int, dict[date, int]] = {}
    for pid, day, qty in rows:
        out.setdefault(pid, {})[day] = qty
    return out


def _on_order(s, products: set[int], warehouse_id: int) -> dict[int, int]:
    """Ordered and not yet received on posted purchase orders into this warehouse."""
    if not products:
        return {}
    lines = s.execute(select(DocumentLine.id, DocumentLine.product_id, DocumentLine.qty_milli)
                      .join(Document, Document.id == DocumentLine.document_id)
                      .where(Document.doc_type == "purchase_order", Document.status == "posted",
                             Document.warehouse_id == warehouse_id,
                             DocumentLine.product_id.in_(products))).all()
    received = received_so_far(s, [l.id for l in lines])
    out: dict[int, int] = {}
    for line_id, pid, qty in lines:
        out[pid] = out.get(pid, 0) + max(0, qty - received.get(line_id, 0))
    return out


def _products(s, ids: set[int]) -> dict[int, Product]:
    return {p.id: p for p in s.scalars(select(Product).where(Product.id.in_(ids)))} if ids else {}


def requisition(store: LocalStore, actor: Actor, req_id: str, lines: list[tuple[str, str]],
                *, from_wh: str = "MAIN", to_wh: str = "KITCHEN") -> tuple[str, str]:
    """领料: ingredients from the store room to the kitchen, as a transfer out and its
    transfer in (document ids `<req_id>-out` and `<req_id>-in`). Each is posted exactly once
    by id, so running a requisition again after an interruption completes it. Returns the
    two document numbers."""
    check(actor.role, "demand_plan.requisition")
    from app.services.inventory.posting import post_document

    if not lines:
        raise BadDocument(where=f"{req_id} ", what_zh="领料单没有行。", what_en="the requisition has no lines.")
    body = [{"sku": sku, "qty": qty} for sku, qty in lines]
    out = post_document(store, actor, {"type": "transfer_out", "id": f"{req_id}-out",
                                       "warehouse": from_wh, "to_warehouse": to_wh,
                                       "note": "领料", "lines": body})
    got = post_document(store, actor, {"type": "transfer_in", "id": f"{req_id}-in",
                                       "original": f"{req_id}-out", "note": "领料",
                                       "lines": body})
    return out.number, got.number
