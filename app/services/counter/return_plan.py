"""What a return at the till gives back, computed before anything is posted. Pure.

A sale as the return screen sees it (`SaleForReturn`): each line with what was sold and
what earlier returns took back, each tender with what it paid (cash net of change) and
what was refunded to it. A line returned in parts is refunded exactly as posting books it:
cumulative shares of the line's amount, so all the returns of a line add up to exactly
the line (`line_refund_fen` mirrors `customer_return` in the inventory handlers).

The refund goes back to the original tenders: bank card and e-wallets first, in the order
they paid, each up to what it still has to give back, then cash. So a part return of a
split-tender sale never hands out cash that was paid by card, and the drawer opens only
when cash is refunded.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.domain.money import MILLI, format_quantity, round_half_up
from app.services.counter.errors import BadQuantity, NothingToReturn
from app.services.counter.tender import Tender, document_payment


@dataclass(frozen=True)
class SoldLine:
    line_no: int
    sku: str
    name: str
    unit: str
    weighed: bool
    qty_milli: int  # sold
    unit_price_fen: int
    amount_fen: int  # after discounts
    returned_milli: int  # by earlier (posted) returns

    @property
    def left_milli(self) -> int:
        return max(self.qty_milli - self.returned_milli, 0)


@dataclass(frozen=True)
class PaidTender:
    method: str
    reference: str
    paid_fen: int  # cash: net of change
    refunded_fen: int  # by earlier returns

    @property
    def left_fen(self) -> int:
        return max(self.paid_fen - self.refunded_fen, 0)


@dataclass(frozen=True)
class SaleForReturn:
    uuid: str
    number: str
    sold_at: str  # local time
    cashier: str
    customer: str  # customer code, or ""
    total_fen: int
    lines: tuple[SoldLine, ...]
    tenders: tuple[PaidTender, ...]

    def line(self, line_no: int) -> SoldLine:
        for line in self.lines:
            if line.line_no == line_no:
                return line
        raise KeyError(line_no)

    @property
    def returnable(self) -> bool:
        return any(line.left_milli for line in self.lines)


def _share(whole: int, part: int, of: int) -> int:
    return round_half_up(Decimal(whole) * part / of) if of else 0


def line_refund_fen(line: SoldLine, qty_milli: int) -> int:
    """What returning `qty_milli` more of the line gives back."""
    before = line.returned_milli
    return _share(line.amount_fen, before + qty_milli, line.qty_milli) \
        - _share(line.amount_fen, before, line.qty_milli)


def clean_picks(sale: SaleForReturn, picks: dict[int, int]) -> dict[int, int]:
    """Line number -> quantity to return (thousandths), zero quantities dropped; a piece
    product takes whole pieces only. More than is left is for posting to refuse."""
    out = {}
    for line_no, qty in sorted(picks.items()):
        if not qty:
            continue
        line = sale.line(line_no)
        if qty < 0 or (not line.weighed and qty % MILLI):
            raise BadQuantity(value=format_quantity(qty),
                              why_zh=f"“{line.name}”只能按整{line.unit or '件'}退，且数量大于 0。",
                              why_en=f"'{line.name}' is returned in whole pieces above 0.")
        out[line_no] = qty
    if not out:
        raise NothingToReturn()
    return out


def refund_fen(sale: SaleForReturn, picks: dict[int, int]) -> int:
    return sum(line_refund_fen(sale.line(n), qty) for n, qty in picks.items())


def refund_tenders(sale: SaleForReturn, amount_fen: int) -> tuple[Tender, ...]:
    """`amount_fen` spread over the sale's tenders: card and wallets first, then cash."""
    order = [t for t in sale.tenders if t.method != "cash"] + \
        [t for t in sale.tenders if t.method == "cash"]
    out: list[Tender] = []
    rest = amount_fen
    for paid in order:
        take = min(rest, paid.left_fen)
        if take > 0:
            out.append(Tender(paid.method, take, paid.reference))
            rest -= take
    if rest > 0:  # more than the sale has left to give back: posting refuses the quantities
        cash = next((i for i, t in enumerate(out) if t.method == "cash"), None)
        if cash is None:
            out.append(Tender("cash", rest))
        else:
            out[cash] = Tender("cash", out[cash].amount_fen + rest)
    return tuple(out)


def return_document(sale: SaleForReturn, picks: dict[int, int], return_id: str,
                    tenders: tuple[Tender, ...]) -> dict:
    """The `customer_return` document (docs/document-format.md): each line names its line
    of the original sale; the payments are the refunds, card and wallet ones with the
    original payment's reference."""
    lines = [{"sku": sale.line(n).sku, "qty": format_quantity(qty), "original_line": n}
             for n, qty in picks.items()]
    payments = [document_payment(t) for t in tenders]
    doc = {"type": "customer_return", "id": return_id, "original": sale.uuid, "lines": lines,
           "payments": payments}
    if sale.customer:
        doc["customer"] = sale.customer
    return doc
