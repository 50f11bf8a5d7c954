"""What posting each document type does to stock; each returns the voucher amounts.

Stock only changes through `ledger.receive`, `ledger.issue` and `ledger.issue_beyond_stock`,
inside the posting's unit of work. Quantities the layers cannot cover are refused unless the
store allows negative stock for this channel (by default: allowed at the counter, refused in
the back office); then the shortfall leaves at an estimated cost, the line is flagged, and
the next goods in true the cost up (see ledger._settle).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.costing import Booking, Order, allocate
from app.domain.doc_request import DocRequest, LineRequest
from app.domain.documents import DocType
from app.domain.errors import DomainError
from app.domain.money import format_money, format_quantity, line_amount, round_half_up
from app.domain.vouchers import split_vat
from app.persistence import ledger
from app.persistence.schema import Document, DocumentLine, StockMove
from app.services.inventory import resolve
from app.services.inventory.drafts import DocDraft, Draft, LineDraft
from app.services.inventory.resolve import ProductRef


class NotEnoughStock(DomainError):
    code = "not_enough_stock"
    zh = "商品 {sku}（{name}）库存不足：需要 {wanted}，仓库 {warehouse} 可用 {available}。"
    en = "Not enough {sku} ({name}): {wanted} needed, {available} available in {warehouse}."


DEFAULT_PRICE_ANOMALY_BP = 2000  # 20% from the last purchase price needs a confirmation


class PriceAnomaly(DomainError):
    code = "price_anomaly"
    zh = ("进价与上次进价相差超过 {threshold}%：{lines}。请核对；确认无误时在这些行上加 "
          "\"confirm_price\": true 再过账（确认会记录在单据行上）。")
    en = ("Purchase price more than {threshold}% away from the last one: {lines}. Check it; "
          "if it is right, post again with \"confirm_price\": true on those lines (recorded on "
          "the line).")


class LineRuleBroken(DomainError):
    code = "line_rule"
    zh = "第 {n} 行：{what_zh}"
    en = "Line {n}: {what_en}"


@dataclass
class Posting:
    """One document being posted: handlers compute on these objects; nothing is written
    until they are done (see posting.apply)."""

    session: Session
    req: DocRequest
    draft: Draft
    moves: ledger.MoveContext
    anomaly_bp: int = DEFAULT_PRICE_ANOMALY_BP
    allow_negative: bool = False
    purchase_prices: dict[int, int] = field(default_factory=dict)  # product id -> last cost

    @property
    def doc(self) -> DocDraft:
        return self.draft.doc

    @property
    def warehouse(self):
        return self.draft.warehouse

    @property
    def lines(self) -> list[tuple[LineRequest, LineDraft, ProductRef]]:
        return self.draft.lines

    def preload(self) -> None:
        """Read the open cost layers of every stock-tracked product of the document in
        this warehouse at once."""
        ledger.preload(self.session, self.moves, self.warehouse.id,
                       [product.id for _, _, product in self.lines if product.is_stock_tracked])

    @property
    def business_date(self) -> date:
        return self.doc.business_date


def order_for(product) -> Order:
    return Order.FEFO if product.shelf_life_days is not None else Order.FIFO


def take(p: Posting, n: int, line: LineDraft, product, warehouse, qty: int, *,
         usable_on: date | None = None, batch: str | None = None,
         may_go_negative: bool = False) -> tuple[int, list[ledger.Move]]:
    """Book qty out of warehouse; returns (value at cost, moves). What the layers cannot
    cover is refused, or, where this document type may go negative and the store allows
    it, issued at an estimated cost with the line flagged."""
    booking = ledger.plan_issue(p.session, p.moves, warehouse.id, product.id, qty,
                                order_for(product), batch=batch or None, usable_on=usable_on)
    short = booking.shortfall_milli
    if short and not (may_go_negative and p.allow_negative and not batch):
        raise NotEnoughStock(sku=product.sku, name=product.name, warehouse=warehouse.code,
                             wanted=format_quantity(qty),
                             available=format_quantity(qty - short))
    moves = ledger.issue(p.session, p.moves, line.id, warehouse.id, product.id, booking)
    value = booking.value_fen
    if short:
        estimate = ledger.last_unit_cost(p.session, warehouse.id, product.id, p.moves)
        moves.append(ledger.issue_beyond_stock(
            p.session, p.moves, line.id, warehouse.id, product.id, short,
            product.purchase_price_fen if estimate is None else estimate,
            product.costing == "average"))
        value -= moves[-1].value_fen
        line.negative_stock = True
    return value, moves


def put(p: Posting, line: LineDraft, product, warehouse, qty: int, value: int,
        batch: str = "", expiry: date | None = None) -> None:
    ledger.receive(p.session, p.moves, line.id, warehouse.id, product.id, qty, value,
                   batch=batch, expiry=expiry, average=product.costing == "average")


def _need_cost(n: int, req: LineRequest) -> int:
    if req.unit_cost_fen is None:
        raise LineRuleBroken(n=n, what_zh="需要“unit_cost”（进价）。",
                             what_en="'unit_cost' (the purchase cost) is needed.")
    return req.unit_cost_fen


def opening_stock(p: Posting) -> dict:
    total = 0
    for n, (req, line, product) in enumerate(p.lines, 1):
        line.unit_cost_fen = _need_cost(n, req)
        line.amount_fen = line_amount(line.unit_cost_fen, line.qty_milli)
        put(p, line, product, p.warehouse, line.qty_milli, line.amount_fen, req.batch, req.expiry)
        total += line.amount_fen
    p.doc.total_fen = total
    return {"value": total}


def purchase_receipt(p: Posting) -> dict:
    from app.services.inventory.handlers_purchase import match_order

    if p.req.order:
        match_order(p)  # sets default unit costs from the order
    goods, odd = [], []
    for n, (req, line, product) in enumerate(p.lines, 1):
        line.unit_cost_fen = line.unit_cost_fen if req.unit_cost_fen is None and \
            line.original_line_id else _need_cost(n, req)
        line.amount_fen = line_amount(line.unit_cost_fen, line.qty_milli)
        goods.append(line.amount_fen)
        if _anomalous(line.unit_cost_fen, product.purchase_price_fen, p.anomaly_bp):
            if req.confirm_price:
                line.price_confirmed = True
            else:
                odd.append(f"{n}: {product.sku} {format_money(line.unit_cost_fen)} "
                           f"({format_money(product.purchase_price_fen)})")
    if odd:
        raise PriceAnomaly(threshold=p.anomaly_bp // 100, lines="; ".join(odd))
    landed = p.req.freight_fen + p.req.packaging_fen
    weights = goods if sum(goods) else [line.qty_milli for _, line, _ in p.lines]  # free goods
    shares = allocate(landed, weights) if landed else [0] * len(goods)
    for (req, line, product), share in zip(p.lines, shares):
        line.landed_fen = share
        put(p, line, product, p.warehouse, line.qty_milli, line.amount_fen + share,
            req.batch, req.expiry)
        p.purchase_prices[product.id] = line.unit_cost_fen  # the last purchase price
    total = sum(goods) + landed
    p.doc.total_fen = total
    return {"stock_value": total, "payable": total}


def _anomalous(cost: int, last: int, threshold_bp: int) -> bool:
    return last > 0 and abs(cost - last) * 10_000 > threshold_bp * last


def purchase_return(p: Posting) -> dict:
    p.preload()
    total = 0
    for n, (req, line, product) in enumerate(p.lines, 1):
        value, _ = take(p, n, line, product, p.warehouse, line.qty_milli, batch=req.batch)
        line.cogs_fen = line.amount_fen = value
        total += value
    p.doc.total_fen = total
    return {"stock_value": total, "payable": total}


def sale(p: Posting) -> dict:
    p.preload()
    amounts = defaultdict(int)
    for n, (req, line, product) in enumerate(p.lines, 1):
        line.unit_price_fen = product.retail_price_fen if req.unit_price_fen is None \
            else req.unit_price_fen
        line.discount_fen = req.discount_fen
        line.amount_fen = line_amount(line.unit_price_fen, line.qty_milli) - req.discount_fen
        if line.amount_fen < 0:
            raise LineRuleBroken(n=n, what_zh="折扣大于金额。", what_en="the discount exceeds the amount.")
        line.tax_rate_bp = product.tax_rate_bp
        if product.is_stock_tracked:
            line.cogs_fen, _ = take(p, n, line, product, p.warehouse, line.qty_milli,
                                    usable_on=p.business_date, batch=req.batch,
                                    may_go_negative=True)
        _revenue(amounts, line)
    p.doc.total_fen = sum(line.amount_fen for _, line, _ in p.lines)
    return dict(amounts)


def _revenue(amounts: dict, line: LineDraft) -> None:
    net, vat = split_vat(line.amount_fen, line.tax_rate_bp)
    amounts["revenue_net"] += net
    amounts["output_vat"] += vat
    amounts["cogs"] += line.cogs_fen


def customer_return(p: Posting) -> dict:
    original = resolve.original(p.session, p.req.original, {DocType.SALE.value})
    p.doc.original_id = original.id
    sold = {l.line_no: l for l in p.session.scalars(
        select(DocumentLine).where(DocumentLine.document_id == original.id))}
    amounts, in_this_return = defaultdict(int), defaultdict(int)
    for n, (req, line, product) in enumerate(p.lines, 1):
        source = _original_line(n, req, product, sold)
        left = source.qty_milli - _returned_so_far(p.session, source.id) \
            - in_this_return[source.id]
        in_this_return[source.id] += line.qty_milli
        if line.qty_milli > left:
            raise LineRuleBroken(n=n, what_zh=f"退货数量超过可退数量 {format_quantity(left)}。",
                                 what_en=f"more than the {format_quantity(left)} that can still be returned.")
        before = source.qty_milli - left
        line.original_line_id, line.tax_rate_bp = source.id, source.tax_rate_bp
        line.unit_price_fen = source.unit_price_fen
        # Cumulative shares: all the returns of a line add up to exactly the line.
        line.amount_fen = _share(source.amount_fen, before + line.qty_milli, source.qty_milli) \
            - _share(source.amount_fen, before, source.qty_milli)
        line.cogs_fen = _share(source.cogs_fen, before + line.qty_milli, source.qty_milli) \
            - _share(source.cogs_fen, before, source.qty_milli)  # back at the original cost
        if product.is_stock_tracked:
            batch, expiry = _first_batch(p.session, source.id)
            put(p, line, product, p.warehouse, line.qty_milli, line.cogs_fen, batch, expiry)
        _revenue(amounts, line)
    p.doc.total_fen = sum(line.amount_fen for _, line, _ in p.lines)
    return dict(amounts)


def _share(whole: int, part: int, of: int) -> int:
    return round_half_up(Decimal(whole) * part / of)


def _original_line(n: int, req: LineRequest, product, sold: dict) -> DocumentLine:
    if req.original_line is not None:
        source = sold.get(req.original_line)
    else:
        source = next((l for l in sold.values() if l.product_id == product.id), None)
    if source is None or source.product_id != product.id:
        raise LineRuleBroken(n=n, what_zh="原销售单中没有这个商品（行）。",
                             what_en="the original sale has no such product (line).")
    return source


def _returned_so_far(session: Session, original_line_id: int) -> int:
    return session.scalar(select(func.coalesce(func.sum(DocumentLine.qty_milli), 0)).join(
        Document, Document.id == DocumentLine.document_id).where(
        DocumentLine.original_line_id == original_line_id, Document.status == "posted")) or 0


def _first_batch(session: Session, line_id: int) -> tuple[str, date | None]:
    move = session.scalars(select(StockMove).where(StockMove.line_id == line_id)
                           .order_by(StockMove.id).limit(1)).first()
    return (move.batch, move.expiry) if move else ("", None)


def write_off(p: Posting) -> dict:
    p.preload()
    total = 0
    for n, (req, line, product) in enumerate(p.lines, 1):
        if not req.reason:
            raise LineRuleBroken(n=n, what_zh="报损需要填写原因“reason”（如 expired、damaged）。",
                                 what_en="a write-off needs a 'reason' (e.g. expired, damaged).")
        line.reason = req.reason
        value, _ = take(p, n, line, product, p.warehouse, line.qty_milli, batch=req.batch,
                        may_go_negative=True)
        line.cogs_fen = line.amount_fen = value
        total += value
    p.doc.total_fen = total
    return {"value": total}
