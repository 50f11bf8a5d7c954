"""Read models: stock by product and warehouse (now or as of a date), one document in full."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from app.domain.errors import DomainError
from app.domain.money import format_money, format_quantity
from app.domain.permissions import check, sees_costs, without_costs
from app.persistence.schema import (Document, DocumentLine, Payment, Product, StockBalance,
                                    StockMove, Voucher, VoucherLineRow, Warehouse)
from app.persistence.store import LocalStore
from app.services.inventory.handlers_purchase import order_progress
from app.persistence.uow import UnitOfWork
from app.services.cost_overlay import final_costs
from app.services.custom_fields import document_values
from app.services.records import LOCAL_OPERATOR, Actor, utc_start_of


class NoSuchDocument(DomainError):
    code = "no_such_document"
    zh = "找不到单据“{ref}”（按 id 或单号查找）。"
    en = "There is no document '{ref}' (looked up by id and by number)."


def stock(store: LocalStore, *, sku: str | None = None, warehouse: str | None = None,
          as_of: date | None = None, actor: Actor = LOCAL_OPERATOR) -> list[dict]:
    """On hand and value per product and warehouse; as_of sums the ledger to the end of that
    day in the store's time zone."""
    check(actor.role, "inventory.queries.stock")
    with UnitOfWork(store.engine, write=False) as uow:
        if as_of is None:
            q = select(Product.sku, Product.name, Warehouse.code, StockBalance.qty_milli,
                       StockBalance.value_fen).join(Product, Product.id == StockBalance.product_id)\
                .join(Warehouse, Warehouse.id == StockBalance.warehouse_id)
        else:
            end = utc_start_of(as_of + timedelta(days=1))  # the end of that local day
            q = select(Product.sku, Product.name, Warehouse.code, func.sum(StockMove.qty_milli),
                       func.sum(StockMove.value_fen))\
                .join(Product, Product.id == StockMove.product_id)\
                .join(Warehouse, Warehouse.id == StockMove.warehouse_id)\
                .where(StockMove.occurred_at < end)\
                .group_by(Product.sku, Product.name, Warehouse.code)
        if sku:
            q = q.where(Product.sku == sku)
        if warehouse:
            q = q.where(Warehouse.code == warehouse.upper())
        rows = uow.session.execute(q.order_by(Product.sku, Warehouse.code)).all()
    out = [{"sku": r[0], "name": r[1], "warehouse": r[2], "on_hand": format_quantity(r[3]),
            "value": format_money(r[4])} for r in rows if r[3] or r[4]]
    return out if sees_costs(actor.role) else without_costs(out)


def document(store: LocalStore, ref: str, *, actor: Actor = LOCAL_OPERATOR) -> dict:
    check(actor.role, "inventory.queries.document")
    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        doc = s.scalars(select(Document).where((Document.uuid == ref) | (Document.number == ref))
                        ).first()
        if doc is None:
            raise NoSuchDocument(ref=ref)
        out = _document_dict(s, doc)
    return out if sees_costs(actor.role) else without_costs(out)


def _document_dict(s, doc: Document) -> dict:
    products = {}

    def sku(pid):
        if pid not in products:
            products[pid] = s.get(Product, pid).sku
        return products[pid]

    lines = s.scalars(select(DocumentLine).where(DocumentLine.document_id == doc.id)
                      .order_by(DocumentLine.line_no)).all()
    moves = s.scalars(select(StockMove).where(StockMove.document_id == doc.id)
                      .order_by(StockMove.id)).all()
    voucher = s.scalars(select(Voucher).where(Voucher.document_id == doc.id)).first()
    vlines = s.scalars(select(VoucherLineRow).where(VoucherLineRow.voucher_id == voucher.id)
                       .order_by(VoucherLineRow.id)).all() if voucher else []
    payments = s.scalars(select(Payment).where(Payment.document_id == doc.id)).all()
    warehouses = {w.id: w.code for w in s.scalars(select(Warehouse))}
    final = final_costs(s, doc.uuid)  # head office's final cost, where it corrected (0013)
    out = {
        "id": doc.uuid, "number": doc.number, "type": doc.doc_type, "status": doc.status,
        "date": doc.business_date.isoformat(), "warehouse": warehouses[doc.warehouse_id],
        "total": format_money(doc.total_fen),
        "lines": [{"line": l.line_no, "sku": sku(l.product_id), "qty": format_quantity(l.qty_milli),
                   "unit_price": format_money(l.unit_price_fen),
                   "unit_cost": format_money(l.unit_cost_fen), "amount": format_money(l.amount_fen),
                   "cogs": format_money(l.cogs_fen),
                   **({"final_cogs": format_money(final[l.line_no])} if l.line_no in final
                      else {}), "batch": l.batch,
                   "expiry": l.expiry.isoformat() if l.expiry else None,
                   **({"negative_stock": True} if l.negative_stock else {})} for l in lines],
        "moves": [{"sku": sku(m.product_id), "warehouse": warehouses[m.warehouse_id],
                   "batch": m.batch, "qty": format_quantity(m.qty_milli),
                   "value": format_money(m.value_fen), "seq": m.terminal_seq,
                   **({"kind": m.kind} if m.kind else {})} for m in moves],
        "payments": [{"method": p.method, "amount": format_money(p.amount_fen),
                      "reference": p.reference} for p in payments],
        "voucher": [{"account": v.account, "debit": format_money(v.debit_fen),
                     "credit": format_money(v.credit_fen)} for v in vlines],
    }
    custom = document_values(s, doc.id)
    if custom:
        out["custom"] = custom
    if doc.doc_type == "purchase_order" and doc.status == "posted":
        out.update(_order_progress(s, doc, out["lines"]))
    return out


def _order_progress(s, doc: Document, lines: list[dict]) -> dict:
    progress = order_progress(s, doc)
    for line in lines:
        ordered, received = progress["lines"][line["line"]]
        line["received"] = format_quantity(received)
        line["open"] = format_quantity(max(ordered - received, 0))
    return {"order_state": progress["state"]}
