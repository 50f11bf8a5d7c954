"""Taking payment: cash with change, bank card by reference, e-wallets, a member's stored
value (储值) and points, split tender.

Pure arithmetic on integer fen. Tenders are taken one after another until they cover the
amount due; only cash may go over, and what it goes over by is the change. A card or
wallet tender is capped at what is still due, since no change can be given on it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.money import format_money
from app.services.counter.errors import BadReference, NotPaid, TenderTooLarge

METHOD_NAMES = {"cash": ("现金", "cash"), "card": ("银行卡", "card"),
                "wechat": ("微信支付", "WeChat Pay"), "alipay": ("支付宝", "Alipay"),
                "stored_value": ("储值", "stored value"), "points": ("积分", "points")}
_REFERENCE = re.compile(r"[0-9A-Za-z\-]{1,64}")


@dataclass(frozen=True)
class Tender:
    method: str  # cash | card | wechat | alipay | stored_value | points
    amount_fen: int
    reference: str = ""  # stored value: the member's code; points: "points:N"
    gateway: str = ""  # for wallets: which gateway took it (so a cancel goes back there)


@dataclass(frozen=True)
class TenderState:
    due_fen: int
    paid_fen: int

    @property
    def remaining_fen(self) -> int:
        return max(self.due_fen - self.paid_fen, 0)

    @property
    def change_fen(self) -> int:
        return max(self.paid_fen - self.due_fen, 0)

    @property
    def complete(self) -> bool:
        return self.paid_fen >= self.due_fen


def state(due_fen: int, tenders: list[Tender] | tuple[Tender, ...]) -> TenderState:
    return TenderState(due_fen, sum(t.amount_fen for t in tenders))


def check_tender(due_fen: int, taken: list[Tender] | tuple[Tender, ...], tender: Tender) -> Tender:
    """`tender` if it may be added after `taken`; cards and wallets need a reference and
    may not exceed what is still due."""
    remaining = state(due_fen, taken).remaining_fen
    if tender.amount_fen <= 0:
        raise NotPaid(remaining=format_money(remaining))
    if tender.method != "cash" and tender.amount_fen > remaining:
        zh, en = METHOD_NAMES.get(tender.method, (tender.method, tender.method))
        raise TenderTooLarge(method_zh=zh, method_en=en, amount=format_money(tender.amount_fen),
                             remaining=format_money(remaining))
    if tender.method == "card" and not _REFERENCE.fullmatch(tender.reference or ""):
        raise BadReference()
    if tender.method == "card" and tender.reference.isdigit() and len(tender.reference) >= 13:
        raise BadReference()  # that looks like a card number (PAN): never stored
    return tender


def require_paid(due_fen: int, tenders: list[Tender] | tuple[Tender, ...]) -> TenderState:
    current = state(due_fen, tenders)
    if not current.complete:
        raise NotPaid(remaining=format_money(current.remaining_fen))
    return current


def quick_amounts(due_fen: int, count: int = 4) -> list[int]:
    """Cash amounts a customer is likely to hand over: the exact sum, then the next
    10, 50 and 100 yuan notes above it (distinct, ascending)."""
    if due_fen <= 0:
        return []
    amounts = {due_fen}
    for step in (1000, 5000, 10000):
        up = -(-due_fen // step) * step
        amounts.add(up if up > due_fen else up + step)
    return sorted(amounts)[:count]


def document_payments(tenders: list[Tender] | tuple[Tender, ...]) -> list[dict]:
    """Tenders as the document format's `payments` (cash tenders merged into one row)."""
    cash = sum(t.amount_fen for t in tenders if t.method == "cash")
    rows = [{"method": "cash", "amount": format_money(cash)}] if cash else []
    for t in tenders:
        if t.method != "cash":
            rows.append(document_payment(t))
    return rows


def document_payment(t: Tender) -> dict:
    """One tender as a `payments` entry; points are stored value paid as "points:N" (the
    document format has no method of its own for points)."""
    method = "stored_value" if t.method == "points" else t.method
    row = {"method": method, "amount": format_money(t.amount_fen)}
    if t.reference:
        row["reference"] = t.reference
    return row
