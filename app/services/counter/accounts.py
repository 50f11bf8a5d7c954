"""Members' stored value (储值) and points, moved in the transaction that causes the move.

A member's balances are the newest row of `member_account_moves` (the after-balances it
carries), else zero stored value and the `customers.points` the member came with. This
module only reads and appends rows inside a caller's session:

- posting (`app.services.inventory.tenders.settle`) calls `post_moves` for a sale or a
  return with a customer: stored value paid (`pay`) or refunded (`refund`), points used
  (`redeem`) or given back (`redeem_back`), points earned (`earn`) or taken back with a
  return (`earn_back`). Paying beyond a balance refuses the whole posting;
- a top-up at the till (`topup`) adds `top_up`.

In the document format, points pay as `{"method": "stored_value", "reference": "points:N"}`
(N points; the format has no method of its own for points); the payment row is written
with the method `points`. Money is fen, points whole numbers.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from app.domain.money import format_money, round_half_up
from app.persistence.ledger import db_time, run
from app.services.counter.errors import (MemberNeeded, NotEnoughPoints, NotEnoughStoredValue,
                                         PointsNotRedeemable)

POINTS_PREFIX = "points:"
EARNING = ("cash", "change", "card", "wechat", "alipay", "stored_value")  # not points, credit


@dataclass(frozen=True)
class Balance:
    value_fen: int
    points: int


@dataclass(frozen=True)
class Move:
    kind: str
    value_fen: int = 0
    points: int = 0
    reference: str = ""


def points_of(reference: str) -> int | None:
    """N of a "points:N" reference, else None."""
    if not reference.startswith(POINTS_PREFIX):
        return None
    text = reference[len(POINTS_PREFIX):]
    return int(text) if text.isdigit() and 0 < int(text) < 10**12 else None


def row_method(method: str, reference: str) -> str:
    """The payment row's method: stored value paid as points is `points`."""
    return "points" if method == "stored_value" and reference.startswith(POINTS_PREFIX) \
        else method


def balance(s: Session, customer_id: int) -> Balance:
    row = run(s, "SELECT value_after_fen, points_after FROM member_account_moves "
              "WHERE customer_id = ? ORDER BY id DESC LIMIT 1", (customer_id,)).first()
    if row is not None:
        return Balance(int(row[0]), int(row[1]))
    opening = run(s, "SELECT points FROM customers WHERE id = ?", (customer_id,)).scalar()
    return Balance(0, int(opening or 0))


def rates(s: Session) -> tuple[int, int]:
    """(points earned per yuan, fen each point is worth when redeemed), from the settings."""
    from app.services import settings

    found = dict(run(s, "SELECT key, value FROM jxc_meta WHERE key IN (?, ?)",
                     ("counter.points_per_yuan", "counter.fen_per_point")).all())
    per_yuan = found.get("counter.points_per_yuan",
                         settings.SETTINGS["counter.points_per_yuan"].default)
    per_point = found.get("counter.fen_per_point",
                          settings.SETTINGS["counter.fen_per_point"].default)
    return int(per_yuan), int(per_point)


def append(s: Session, customer, moves: list[Move], *, uuid_base: str, at: datetime,
           user_id: int | None, terminal_id: str, document_id: int | None = None) -> Balance:
    """Append `moves` for the member, refusing any that takes a balance below zero (points
    taken back by a return may go below: the member spent them already)."""
    current = balance(s, customer.id)
    rows = []
    for n, move in enumerate(moves, 1):
        after = Balance(current.value_fen + move.value_fen, current.points + move.points)
        if after.value_fen < 0:
            raise NotEnoughStoredValue(member=customer.name, balance=format_money(current.value_fen),
                                       amount=format_money(-move.value_fen))
        if after.points < 0 and move.kind != "earn_back":
            raise NotEnoughPoints(member=customer.name, balance=current.points,
                                  points=-move.points)
        rows.append((f"{uuid_base}:{n}", customer.id, move.kind, move.value_fen, move.points,
                     after.value_fen, after.points, document_id, move.reference[:64], user_id,
                     terminal_id, db_time(at)))
        current = after
    if rows:
        run(s, "INSERT INTO member_account_moves (uuid, customer_id, kind, value_fen, points, "
            "value_after_fen, points_after, document_id, reference, user_id, terminal_id, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return current


# -- posting ------------------------------------------------------------------------------

def post_moves(s: Session, doc, kind: str, customer, rows: list[tuple[str, int, str]]) -> None:
    """The member-account moves of a posted sale or customer return (`rows` are its payment
    rows: method, fen, reference), in the posting's transaction."""
    uses_account = any(m in ("stored_value", "points") for m, _, _ in rows)
    if customer is None:
        if uses_account:
            raise MemberNeeded(what_zh="储值或积分付款", what_en="Paying with stored value or points")
        return
    if kind == "sale":
        moves = _sale_moves(s, doc, rows)
    elif kind == "customer_return":
        moves = _return_moves(s, doc, rows)
    else:
        return
    if moves:
        append(s, customer, moves, uuid_base=doc.uuid, at=doc.created_at, user_id=doc.user_id,
               terminal_id=doc.terminal_id, document_id=doc.id)


def _sale_moves(s: Session, doc, rows) -> list[Move]:
    per_yuan, per_point = rates(s)
    moves = []
    for method, fen, reference in rows:
        if method == "stored_value":
            moves.append(Move("pay", value_fen=-fen, reference=reference))
        elif method == "points":
            points = points_of(reference)
            if per_point <= 0:
                raise PointsNotRedeemable(why_zh="本店未开启积分抵现（counter.fen_per_point 为 0）。",
                                          why_en="this store does not redeem points "
                                                 "(counter.fen_per_point is 0).")
            if points is None or points * per_point != fen:
                raise PointsNotRedeemable(
                    why_zh=f"{reference} 不等于 {format_money(fen)} 元（每积分 {per_point} 分）。",
                    why_en=f"{reference} is not worth {format_money(fen)} "
                           f"({per_point} fen a point).")
            moves.append(Move("redeem", points=-points, reference=reference))
    base = sum(fen for method, fen, _ in rows if method in EARNING)
    earned = base * per_yuan // 100
    if earned > 0:
        moves.append(Move("earn", points=earned, reference=f"on:{base}"))
    return moves


def _return_moves(s: Session, doc, rows) -> list[Move]:
    moves = []
    for method, fen, reference in rows:
        if method == "stored_value":
            moves.append(Move("refund", value_fen=fen, reference=reference))
        elif method == "points":
            moves.append(Move("redeem_back", points=_points_back(s, doc, fen, reference),
                              reference=reference))
    back = _earned_back(s, doc, sum(fen for method, fen, _ in rows if method in EARNING))
    if back:
        moves.append(back)
    return moves


def _share(whole: int, part: int, of: int) -> int:
    return round_half_up(Decimal(whole) * part / of) if of else 0


def _points_back(s: Session, doc, fen: int, reference: str) -> int:
    """The points of the original payment `reference` that `fen` refunded gives back, as a
    cumulative share, so all the returns of a sale give back exactly the points used."""
    points = points_of(reference) or 0
    paid = run(s, "SELECT COALESCE(SUM(amount_fen), 0) FROM document_payments WHERE "
               "document_id = ? AND method = 'points' AND reference = ?",
               (doc.original_id, reference)).scalar() or 0
    before = run(s, "SELECT COALESCE(SUM(p.amount_fen), 0) FROM document_payments p JOIN "
                 "documents d ON d.id = p.document_id WHERE d.original_id = ? AND d.status = "
                 "'posted' AND d.id != ? AND p.method = 'points' AND p.reference = ?",
                 (doc.original_id, doc.id, reference)).scalar() or 0
    return _share(points, before + fen, paid) - _share(points, before, paid)


def _earned_back(s: Session, doc, base_fen: int) -> Move | None:
    """Points the original sale earned, taken back in proportion to the money refunded
    (cumulative, so the returns of a sale never take back more than it earned)."""
    earned = run(s, "SELECT points, reference FROM member_account_moves WHERE document_id = ? "
                 "AND kind = 'earn'", (doc.original_id,)).first()
    if earned is None or base_fen <= 0:
        return None
    sale_base = int(earned[1].split(":", 1)[1])
    before = sum(int(r[0].split(":", 1)[1]) for r in run(
        s, "SELECT m.reference FROM member_account_moves m JOIN documents d ON d.id = "
        "m.document_id WHERE d.original_id = ? AND m.kind = 'earn_back'",
        (doc.original_id,)).all())
    points = _share(earned[0], min(before + base_fen, sale_base), sale_base) \
        - _share(earned[0], before, sale_base)
    return Move("earn_back", points=-points, reference=f"on:{base_fen}") if points else None
