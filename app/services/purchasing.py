"""Purchasing read models: products to order or receive, suggested orders, open orders, and
the price check a receipt needs before it posts.

Writing goes through the inventory core (`post_document`, `lifecycle.save_draft`); this
module only reads, and builds the JSON documents the screens post.

Suggested quantities: a product's daily need is what it sold, net of returns, over the last
`weeks` whole weeks, divided by their days; over `cover_days` that is the need. It is
reordered when stock plus what is already on order would fall below its minimum within
those days, up to the larger of its maximum and minimum plus the need, in whole units.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from app.domain.doc_request import BadDocument
from app.domain.money import format_money, format_quantity
from app.domain.permissions import check, sees_costs
from app.persistence.schema import (Document, DocumentLine, Product, ProductBarcode,
                                    StockBalance, Supplier, Unit, Warehouse)
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services import settings
from app.services.counter import lookup
from app.services.inventory.handlers_purchase import order_progress, received_so_far
from app.services.records import LOCAL_OPERATOR, Actor, local_date, utc_now

MAX_SUGGESTIONS = 2_000
ReceiptLine = aliased(DocumentLine)


@dataclass(frozen=True)
class PurchaseProduct:
    """What a purchasing screen shows of a product."""

    id: int
    sku: str
    name: str
    spec: str
    unit: str
    barcode: str
    last_cost_fen: int  # the last purchase price (0 when never bought or hidden)
    shelf_life_days: int | None
    supplier: str  # supplier code, "" when none
    min_milli: int
    max_milli: int


@dataclass(frozen=True)
class Suggestion:
    product: PurchaseProduct
    on_hand_milli: int
    on_order_milli: int
    sold_milli: int  # net sold over the weeks looked at
    need_milli: int  # over the cover days
    qty_milli: int  # suggested order quantity


@dataclass(frozen=True)
class OpenOrder:
    id: str
    number: str
    supplier: str
    supplier_name: str
    warehouse: str
    date: date
    total_fen: int
    state: str  # open, partial


@dataclass(frozen=True)
class ReceivingLine:
    line_no: int
    product: PurchaseProduct
    ordered_milli: int
    received_milli: int
    unit_cost_fen: int

    @property
    def open_milli(self) -> int:
        return max(self.ordered_milli - self.received_milli, 0)


@dataclass(frozen=True)
class ReceivingOrder:
    order: OpenOrder
    lines: tuple[ReceivingLine, ...]


@dataclass(frozen=True)
class PriceWarning:
    line: int  # 1-based, in the order given
    sku: str
    name: str
    last_fen: int
    new_fen: int
    threshold_percent: int = 20

    @property
    def change_bp(self) -> int:
        return (self.new_fen - self.last_fen) * 10_000 // self.last_fen if self.last_fen else 0


@dataclass
class SuggestParams:
    supplier: str = ""  # code; empty: every product with a minimum or sales
    warehouse: str = "MAIN"
    weeks: int = 4
    cover_days: int = 14
    today: date | None = None
    only_needed: bool = True


# -- products -----------------------------------------------------------------------------
_PRODUCT_COLUMNS = (Product.id, Product.sku, Product.name, Product.spec, Unit.name,
                    Product.purchase_price_fen, Product.shelf_life_days, Supplier.code,
                    Product.min_stock_milli, Product.max_stock_milli)


def _product_query():
    return (select(*_PRODUCT_COLUMNS).join(Unit, Unit.id == Product.unit_id)
            .outerjoin(Supplier, Supplier.id == Product.supplier_id))


def _products_by_id(s: Session, ids, costs: bool) -> dict[int, PurchaseProduct]:
    wanted = sorted(set(ids))
    out: dict[int, PurchaseProduct] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        codes = dict(s.execute(select(ProductBarcode.product_id, func.min(ProductBarcode.barcode))
                               .where(ProductBarcode.product_id.in_(chunk))
                               .group_by(ProductBarcode.product_id)).all())
        for row in s.execute(_product_query().where(Product.id.in_(chunk))):
            out[row[0]] = PurchaseProduct(row[0], row[1], row[2], row[3] or "", row[4] or "",
                                          codes.get(row[0], ""), row[5] if costs else 0, row[6],
                                          row[7] or "", row[8], row[9])
    return out


def find_products(store: LocalStore, actor: Actor, text: str) -> list[PurchaseProduct]:
    """What a scanned or typed entry names: the product of a whole barcode or SKU, else
    the products whose name, pinyin initials, SKU or barcode match (at most 20)."""
    check(actor.role, "purchasing.find_products")
    hit = lookup.find_code(store, text)
    ids = [hit.product.product_id] if hit is not None \
        else [p.product_id for p in lookup.search(store, text)]
    with UnitOfWork(store.engine, write=False) as uow:
        found = _products_by_id(uow.session, ids, sees_costs(actor.role))
    return [found[i] for i in ids if i in found]


def product_infos(store: LocalStore, actor: Actor, skus: list[str]) -> dict[str, PurchaseProduct]:
    """Products by SKU (for a draft opened again): missing SKUs are left out."""
    check(actor.role, "purchasing.product_infos")
    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        ids = list(s.scalars(select(Product.id).where(Product.sku.in_(set(skus))))) if skus else []
        found = _products_by_id(s, ids, sees_costs(actor.role))
    return {p.sku: p for p in found.values()}


def suppliers(store: LocalStore, *, actor: Actor = LOCAL_OPERATOR) -> list[tuple[str, str]]:
    """Active suppliers as (code, name), by code."""
    check(actor.role, "purchasing.suppliers")
    with UnitOfWork(store.engine, write=False) as uow:
        return [(c, n) for c, n in uow.session.execute(
            select(Supplier.code, Supplier.name).where(Supplier.active.is_(True))
            .order_by(Supplier.code))]


def default_supplier(store: LocalStore, *, actor: Actor = LOCAL_OPERATOR) -> str:
    """The supplier new documents start with (setting `defaults.supplier`; "" for none)."""
    check(actor.role, "purchasing.default_supplier")
    with UnitOfWork(store.engine, write=False) as uow:
        return settings.read(uow.session, "defaults.supplier")


# -- suggested orders ---------------------------------------------------------------------
def suggested_qty(on_hand: int, on_order: int, minimum: int, maximum: int, need: int,
                  step: int = 1000) -> int:
    """What to order (thousandths): nothing while stock and open orders cover the minimum
    plus the need; else up to max(maximum, minimum + need), rounded up to whole steps."""
    available = max(on_hand, 0) + on_order
    reorder_point = minimum + need
    if available >= reorder_point:
        return 0
    short = max(maximum, reorder_point) - available
    return math.ceil(short / step) * step


def suggest_order(store: LocalStore, actor: Actor, params: SuggestParams) -> list[Suggestion]:
    """Suggested order lines from min/max and the sales of the last weeks (see module doc)."""
    check(actor.role, "purchasing.suggest_order")
    if not (1 <= params.weeks <= 52 and 1 <= params.cover_days <= 180):
        raise BadDocument(where="", what_zh="周数应为 1-52，覆盖天数应为 1-180。",
                          what_en="weeks must be 1-52 and cover days 1-180.")
    today = params.today or local_date(utc_now())
    first = today - timedelta(days=7 * params.weeks - 1)
    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        wh = _warehouse(s, params.warehouse)
        supplier_id = _supplier_id(s, params.supplier) if params.supplier else None
        sold = _net_sold(s, first, today, supplier_id)
        ids = _candidates(s, supplier_id, set(sold))
        stock = _on_hand(s, wh.id, ids)
        ordered = _on_order(s, wh.id, ids)
        products = _products_by_id(s, ids, sees_costs(actor.role))
    out = []
    for pid in ids:
        p = products[pid]
        need = math.ceil(max(sold.get(pid, 0), 0) * params.cover_days / (7 * params.weeks))
        qty = suggested_qty(stock.get(pid, 0), ordered.get(pid, 0), p.min_milli, p.max_milli,
                            need)
        if qty or not params.only_needed:
            out.append(Suggestion(p, stock.get(pid, 0), ordered.get(pid, 0),
                                  sold.get(pid, 0), need, qty))
    out.sort(key=lambda x: x.product.sku)
    return out[:MAX_SUGGESTIONS]


def _warehouse(s: Session, code: str) -> Warehouse:
    wh = s.scalars(select(Warehouse).where(Warehouse.code == code.strip().upper())).first()
    if wh is None or wh.is_in_transit:
        raise BadDocument(where="", what_zh=f"没有仓库“{code}”。",
                          what_en=f"there is no warehouse '{code}'.")
    return wh


def _supplier_id(s: Session, ref: str) -> int:
    found = s.scalar(select(Supplier.id).where(or_(Supplier.code == ref, Supplier.name == ref)))
    if found is None:
        raise BadDocument(where="", what_zh=f"没有供应商“{ref}”。",
                          what_en=f"there is no supplier '{ref}'.")
    return found


def _net_sold(s: Session, first: date, last: date, supplier_id: int | None) -> dict[int, int]:
    sign = func.iif(Document.doc_type == "sale", 1, -1)
    q = (select(DocumentLine.product_id, func.sum(sign * DocumentLine.qty_milli))
         .join(Document, Document.id == DocumentLine.document_id)
         .where(Document.doc_type.in_(("sale", "customer_return")), Document.status == "posted",
                Document.business_date.between(first, last))
         .group_by(DocumentLine.product_id))
    if supplier_id is not None:
        q = q.join(Product, Product.id == DocumentLine.product_id).where(
            Product.supplier_id == supplier_id)
    return dict(s.execute(q).all())


def _candidates(s: Session, supplier_id: int | None, sold: set[int]) -> list[int]:
    """Active stock-tracked products with a minimum, a maximum or sales."""
    q = select(Product.id).where(Product.active.is_(True), Product.is_stock_tracked.is_(True))
    if supplier_id is not None:
        q = q.where(Product.supplier_id == supplier_id)
    limited = set(s.scalars(q.where(or_(Product.min_stock_milli > 0,
                                        Product.max_stock_milli > 0))))
    if sold:
        sold_list = sorted(sold)
        for start in range(0, len(sold_list), 500):
            limited |= set(s.scalars(q.where(Product.id.in_(sold_list[start:start + 500]))))
    return sorted(limited)


def _on_hand(s: Session, warehouse_id: int, ids: list[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    for start in range(0, len(ids), 500):
        out.update(s.execute(select(StockBalance.product_id, StockBalance.qty_milli).where(
            StockBalance.warehouse_id == warehouse_id,
            StockBalance.product_id.in_(ids[start:start + 500]))).all())
    return out


def _on_order(s: Session, warehouse_id: int, ids: list[int]) -> dict[int, int]:
    """Ordered and not yet received on posted purchase orders into this warehouse."""
    receipt = aliased(Document)
    got = (select(func.coalesce(func.sum(ReceiptLine.qty_milli), 0))
           .join(receipt, receipt.id == ReceiptLine.document_id)
           .where(ReceiptLine.original_line_id == DocumentLine.id,
                  receipt.doc_type == "purchase_receipt", receipt.status == "posted")
           .scalar_subquery())
    out: dict[int, int] = {}
    for start in range(0, len(ids), 500):
        rows = s.execute(
            select(DocumentLine.product_id, DocumentLine.qty_milli, got)
            .join(Document, Document.id == DocumentLine.document_id)
            .where(Document.doc_type == "purchase_order", Document.status == "posted",
                   Document.warehouse_id == warehouse_id,
                   DocumentLine.product_id.in_(ids[start:start + 500]))).all()
        for pid, qty, received in rows:
            out[pid] = out.get(pid, 0) + max(0, qty - received)
    return out


# -- receiving ----------------------------------------------------------------------------
def open_orders(store: LocalStore, *, actor: Actor = LOCAL_OPERATOR,
                supplier: str = "", limit: int = 200) -> list[OpenOrder]:
    """Posted purchase orders not yet fully received, newest first."""
    check(actor.role, "purchasing.open_orders")
    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        supplier_id = _supplier_id(s, supplier) if supplier else None
        ids = list(s.scalars(_open_order_ids(supplier_id, limit)))
        docs = {d.id: d for d in s.scalars(select(Document).where(Document.id.in_(ids)))}
        return [_open_order(s, docs[i]) for i in ids]


def _open_order_ids(supplier_id: int | None, limit: int):
    """Posted orders with a line not fully received, newest first, in one statement (the
    receipts of each order line are summed through their index on original_line_id)."""
    receipt = aliased(Document)
    got = (select(func.coalesce(func.sum(ReceiptLine.qty_milli), 0))
           .join(receipt, receipt.id == ReceiptLine.document_id)
           .where(ReceiptLine.original_line_id == DocumentLine.id,
                  receipt.doc_type == "purchase_receipt", receipt.status == "posted")
           .scalar_subquery())
    q = (select(Document.id).join(DocumentLine, DocumentLine.document_id == Document.id)
         .where(Document.doc_type == "purchase_order", Document.status == "posted",
                got < DocumentLine.qty_milli)
         .group_by(Document.id).order_by(Document.id.desc()).limit(limit))
    if supplier_id is not None:
        q = q.where(Document.supplier_id == supplier_id)
    return q


def _open_order(s: Session, doc: Document) -> OpenOrder:
    supplier = s.get(Supplier, doc.supplier_id) if doc.supplier_id else None
    return OpenOrder(doc.uuid, doc.number or "", supplier.code if supplier else "",
                     supplier.name if supplier else "", s.get(Warehouse, doc.warehouse_id).code,
                     doc.business_date, doc.total_fen, order_progress(s, doc)["state"])


def order_for_receiving(store: LocalStore, actor: Actor, ref: str) -> ReceivingOrder:
    """A posted purchase order (by number or id) with what is still open on each line."""
    check(actor.role, "purchasing.order_for_receiving")
    ref = ref.strip()
    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        doc = s.scalars(select(Document).where(
            or_(Document.uuid == ref, Document.number == ref),
            Document.doc_type == "purchase_order", Document.status == "posted")).first()
        if doc is None:
            raise BadDocument(where="", what_zh=f"没有已过账的采购订单“{ref}”。",
                              what_en=f"there is no posted purchase order '{ref}'.")
        lines = list(s.scalars(select(DocumentLine).where(DocumentLine.document_id == doc.id)
                               .order_by(DocumentLine.line_no)))
        received = received_so_far(s, [l.id for l in lines])
        products = _products_by_id(s, [l.product_id for l in lines], sees_costs(actor.role))
        costs = sees_costs(actor.role)
        return ReceivingOrder(_open_order(s, doc), tuple(
            ReceivingLine(l.line_no, products[l.product_id], l.qty_milli,
                          received.get(l.id, 0), l.unit_cost_fen if costs else 0)
            for l in lines))


def price_check(store: LocalStore, actor: Actor,
                lines: list[tuple[str, int]]) -> list[PriceWarning]:
    """Lines (sku, unit cost) whose cost is further from the product's last purchase price
    than the store's threshold (setting price_anomaly_percent): the receipt posts only
    with those lines confirmed (`confirm_price`), as the posting itself checks."""
    check(actor.role, "purchasing.price_check")
    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        threshold = int(settings.read(s, "price_anomaly_percent"))
        skus = {sku for sku, _ in lines}
        rows = {sku: (name, last) for sku, name, last in s.execute(
            select(Product.sku, Product.name, Product.purchase_price_fen)
            .where(Product.sku.in_(skus)))} if skus else {}
    out = []
    for n, (sku, cost) in enumerate(lines, 1):
        name, last = rows.get(sku, ("", 0))
        if last > 0 and abs(cost - last) * 100 > threshold * last:
            out.append(PriceWarning(n, sku, name, last, cost, threshold))
    return out


# -- documents the screens post ------------------------------------------------------------
@dataclass
class DocLine:
    """One line being edited (quantities in thousandths, money in fen)."""

    sku: str
    qty_milli: int
    unit_cost_fen: int | None = None
    batch: str = ""
    expiry: date | None = None
    order_line: int | None = None
    confirm_price: bool = False


@dataclass
class DocHeader:
    kind: str  # purchase_order, purchase_receipt, purchase_return
    id: str
    supplier: str = ""
    warehouse: str = "MAIN"
    order: str = ""
    note: str = ""
    freight_fen: int = 0
    packaging_fen: int = 0
    extra: dict = field(default_factory=dict)


def build_document(header: DocHeader, lines: list[DocLine]) -> dict:
    """The JSON document (docs/document-format.md) for a purchasing screen's lines; lines
    with no quantity are left out."""
    body: dict = {"type": header.kind, "id": header.id, "warehouse": header.warehouse}
    if header.supplier:
        body["supplier"] = header.supplier
    if header.order:
        body["order"] = header.order
    if header.note.strip():
        body["note"] = header.note.strip()
    if header.freight_fen:
        body["freight"] = format_money(header.freight_fen)
    if header.packaging_fen:
        body["packaging"] = format_money(header.packaging_fen)
    body.update(header.extra)
    body["lines"] = [_line(l) for l in lines if l.qty_milli > 0]
    return body


def _line(l: DocLine) -> dict:
    out: dict = {"sku": l.sku, "qty": format_quantity(l.qty_milli)}
    if l.unit_cost_fen is not None:
        out["unit_cost"] = format_money(l.unit_cost_fen)
    if l.batch.strip():
        out["batch"] = l.batch.strip()
    if l.expiry is not None:
        out["expiry"] = l.expiry.isoformat()
    if l.order_line is not None:
        out["order_line"] = l.order_line
    if l.confirm_price:
        out["confirm_price"] = True
    return out


def missing_expiry(lines: list[DocLine], shelf_life: dict[str, int | None]) -> list[str]:
    """SKUs of received lines of dated products (a shelf life) without an expiry date:
    FEFO needs it, so a receipt asks for it."""
    return [l.sku for l in lines
            if l.qty_milli > 0 and shelf_life.get(l.sku) is not None and l.expiry is None]


def expiry_from_production(made: date, shelf_life_days: int) -> date:
    """The expiry of goods made on `made` (the label often shows the production date)."""
    return made + timedelta(days=shelf_life_days)

