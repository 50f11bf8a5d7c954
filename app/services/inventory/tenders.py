"""How a sale was paid or a return refunded, as payment rows and voucher amounts.

Payments must cover the total exactly; only cash can exceed it, and the excess is change
(kept as a negative `change` row, so the rows always add up to the total). A sale with no
payments is on account and needs a customer. A return with no payments is refunded in cash.

A member's stored value and points move in the same transaction
(`app.services.counter.accounts.post_moves`): paying beyond a balance refuses the posting.
Points pay as `stored_value` with the reference `points:N` and are written as `points` rows.
"""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy.orm import Session

from app.domain.doc_request import DocRequest
from app.domain.documents import DocType
from app.domain.errors import DomainError
from app.domain.money import format_money
from app.persistence.ledger import run
from app.persistence.schema import Customer

TENDER_AMOUNT = {"cash": "tender_cash", "change": "tender_cash", "card": "tender_bank",
                 "wechat": "tender_ewallet", "alipay": "tender_ewallet",
                 "stored_value": "tender_stored_value", "points": "tender_stored_value",
                 "credit": "tender_credit"}


class PaymentMismatch(DomainError):
    code = "payment_mismatch"
    zh = "付款合计 {paid} 元与应收 {total} 元不符{detail_zh}。"
    en = "Payments of {paid} do not match the total of {total}{detail_en}."


def settle(s: Session, doc, req: DocRequest, customer: Customer | None) -> dict:
    """Write the payment rows of a sale or return (one statement); the voucher amounts."""
    if req.type not in (DocType.SALE, DocType.CUSTOMER_RETURN):
        return {}
    rows = _payment_rows(doc, req, customer)
    if customer is not None or any(m == "stored_value" for m, _, _ in rows):
        from app.services.counter import accounts  # not at import: the counter posts through here

        rows = [(accounts.row_method(m, r), a, r) for m, a, r in rows]
        accounts.post_moves(s, doc, req.type.value, customer, rows)
    run(s, "INSERT INTO document_payments (document_id, method, amount_fen, reference) "
        "VALUES (?, ?, ?, ?)", [(doc.id, *row) for row in rows])
    amounts = defaultdict(int)
    for method, amount, _ in rows:
        amounts[TENDER_AMOUNT[method]] += amount
    return dict(amounts)


def _payment_rows(doc, req: DocRequest, customer) -> list[tuple[str, int, str]]:
    total = doc.total_fen
    if not req.payments:
        if req.type is DocType.CUSTOMER_RETURN:
            return [("cash", total, "")]
        if customer is None:
            raise _mismatch(0, total, "：挂账（赊销）需要指定客户", ": a sale on account needs a customer")
        return [("credit", total, customer.code)]
    rows = [(p.method, p.amount_fen, p.reference) for p in req.payments]
    paid = sum(a for _, a, _ in rows)
    cash = sum(a for m, a, _ in rows if m == "cash")
    change = paid - total
    if change < 0 or change > cash or (change and req.type is DocType.CUSTOMER_RETURN):
        raise _mismatch(paid, total, "（只有现金可以找零）", " (only cash can give change)")
    if any(m == "credit" for m, _, _ in rows) and customer is None:
        raise _mismatch(paid, total, "：挂账需要指定客户", ": paying on account needs a customer")
    return rows + ([("change", -change, "")] if change else [])


def _mismatch(paid: int, total: int, zh: str, en: str) -> PaymentMismatch:
    return PaymentMismatch(paid=format_money(paid), total=format_money(total), detail_zh=zh,
                           detail_en=en)
