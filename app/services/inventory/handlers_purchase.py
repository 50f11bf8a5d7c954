"""Purchase orders, and receipts against them (partial, line by line).

An order moves no stock and books no voucher: it is a promise. A receipt that names the
order (`"order": "<order id or number>"`) takes its supplier and unit costs from the order
unless it says otherwise, and may receive at most what is still open on each order line,
over as many receipts as the goods take to arrive.
"""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.documents import DocType
from app.domain.money import format_quantity, line_amount
from app.persistence.schema import Document, DocumentLine
from app.services.inventory import resolve
from app.services.inventory.handlers import LineRuleBroken, Posting


def purchase_order(p: Posting) -> dict:
    total = 0
    for n, (req, line, _product) in enumerate(p.lines, 1):
        if req.unit_cost_fen is None:
            raise LineRuleBroken(n=n, what_zh="采购订单需要“unit_cost”（进价）。",
                                 what_en="a purchase order line needs 'unit_cost'.")
        line.unit_cost_fen = req.unit_cost_fen
        line.amount_fen = line_amount(req.unit_cost_fen, line.qty_milli)
        total += line.amount_fen
    p.doc.total_fen = total
    return {}


def received_so_far(session: Session, order_line_ids: list[int]) -> dict[int, int]:
    """Quantity received on each order line by posted receipts."""
    if not order_line_ids:
        return {}
    rows = session.execute(
        select(DocumentLine.original_line_id, func.sum(DocumentLine.qty_milli))
        .join(Document, Document.id == DocumentLine.document_id)
        .where(DocumentLine.original_line_id.in_(order_line_ids),
               Document.doc_type == DocType.PURCHASE_RECEIPT.value,
               Document.status == "posted")
        .group_by(DocumentLine.original_line_id)).all()
    return {line_id: qty for line_id, qty in rows}


def match_order(p: Posting) -> None:
    """Tie each receipt line to its order line; refuse what the order does not cover."""
    order = resolve.original(p.session, p.req.order, {DocType.PURCHASE_ORDER.value},
                             what=("采购订单", "purchase order"), key="order")
    if p.doc.supplier_id is not None and p.doc.supplier_id != order.supplier_id:
        raise LineRuleBroken(n=0, what_zh="供应商与采购订单上的不一致。",
                             what_en="the supplier differs from the purchase order's.")
    p.doc.supplier_id, p.doc.original_id = order.supplier_id, order.id
    ordered = list(p.session.scalars(select(DocumentLine).where(
        DocumentLine.document_id == order.id).order_by(DocumentLine.line_no)))
    open_qty = received_so_far(p.session, [l.id for l in ordered])
    taken: dict[int, int] = defaultdict(int)
    for n, (req, line, product) in enumerate(p.lines, 1):
        source = _order_line(n, req, product, ordered)
        left = source.qty_milli - open_qty.get(source.id, 0) - taken[source.id]
        if line.qty_milli > left:
            raise LineRuleBroken(
                n=n, what_zh=f"{product.sku} 超出订单未到货数量 {format_quantity(left)}；"
                             "多到的货请另开一张不关联订单的入库单。",
                what_en=f"{product.sku} exceeds the {format_quantity(left)} still open on the "
                        "order; receive the extra on a receipt without an order.")
        taken[source.id] += line.qty_milli
        line.original_line_id = source.id
        if req.unit_cost_fen is None:
            line.unit_cost_fen = source.unit_cost_fen


def _order_line(n: int, req, product, ordered: list[DocumentLine]) -> DocumentLine:
    if req.order_line is not None:
        source = next((l for l in ordered if l.line_no == req.order_line), None)
    else:
        source = next((l for l in ordered if l.product_id == product.id), None)
    if source is None or source.product_id != product.id:
        raise LineRuleBroken(n=n, what_zh=f"采购订单中没有商品 {product.sku}（或该行）。",
                             what_en=f"the purchase order has no {product.sku} (or no such line).")
    return source


def order_progress(session: Session, order: Document) -> dict:
    """Ordered, received and open quantity per line, and the order's state."""
    lines = list(session.scalars(select(DocumentLine).where(
        DocumentLine.document_id == order.id).order_by(DocumentLine.line_no)))
    received = received_so_far(session, [l.id for l in lines])
    per_line = {l.line_no: (l.qty_milli, received.get(l.id, 0)) for l in lines}
    got = sum(r for _, r in per_line.values())
    complete = all(r >= q for q, r in per_line.values())
    state = "received" if complete else ("partial" if got else "open")
    return {"state": state, "lines": per_line}
