"""Topping up a member's stored value (储值充值) at the till, and the member tenders.

A top-up takes cash into the drawer: in one unit of work the member's account gains a
`top_up` move, the open shift a cash-in row (so the drawer's expected cash counts it), the
audit entry `member.top_up` and the outbox event `member.topped_up`; a slip is queued and
the drawer opens after the commit. The top-up id comes from the screen, so a retry or a
double Enter tops up once.

`stored_value_tender` and `points_tender` build the tenders of the payment dialog from the
member's balances as looked up, refusing more than the balance with a clear message;
posting checks the balances again inside its transaction.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select

from app.domain.money import format_money
from app.domain.permissions import check
from app.persistence.ledger import run
from app.persistence.schema import Customer, ShiftCashMove
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.counter import accounts
from app.services.counter.cart import Member
from app.services.counter.config import CounterConfig
from app.services.counter.errors import (BadCashAmount, MemberNeeded, MemberNotFound,
                                         NotEnoughPoints, NotEnoughStoredValue,
                                         PointsNotRedeemable)
from app.services.counter.shift_figures import require_open_shift
from app.services.counter.shift_report import cash_slip_ops, local_text
from app.services.counter.tender import Tender, state
from app.services.records import Actor, Clock, utc_now, write_audit, write_outbox

MAX_TOP_UP_FEN = 100_000_00


@dataclass(frozen=True)
class TopUpOutcome:
    top_up_id: str
    member: Member  # with the balances after the top-up
    amount_fen: int
    replayed: bool = False
    print_job: int | None = None


def top_up(store: LocalStore, actor: Actor, member_ref: str, amount_fen: int,
           config: CounterConfig, *, top_up_id: str, clock: Clock = utc_now) -> TopUpOutcome:
    """Cash `amount_fen` onto the member's stored value (needs an open shift)."""
    check(actor.role, "counter.topup.top_up")
    if not isinstance(amount_fen, int) or not 0 < amount_fen <= MAX_TOP_UP_FEN:
        raise BadCashAmount(value=format_money(amount_fen) if isinstance(amount_fen, int) else "?",
                            why_zh=f"应在 0.01 到 {format_money(MAX_TOP_UP_FEN)} 元之间。",
                            why_en=f"it must be from 0.01 to {format_money(MAX_TOP_UP_FEN)}.")
    with UnitOfWork(store.engine) as uow:
        s, now = uow.session, clock()
        customer = _customer(s, member_ref)
        done = run(s, "SELECT value_fen FROM member_account_moves WHERE uuid = ?",
                            (f"{top_up_id}:1",)).first()
        if done is not None:
            return TopUpOutcome(top_up_id, _member(s, customer), int(done[0]), replayed=True)
        shift = require_open_shift(s, store.terminal_id)
        after = accounts.append(s, customer, [accounts.Move("top_up", value_fen=amount_fen,
                                                            reference=top_up_id[:64])],
                                uuid_base=top_up_id, at=now, user_id=actor.user_id,
                                terminal_id=store.terminal_id)
        reason = f"会员储值充值 {customer.code}"
        s.add(ShiftCashMove(shift_id=shift.id, kind="in", amount_fen=amount_fen, reason=reason,
                            user_id=actor.user_id, at=now))
        detail = {"member": customer.code, "amount": format_money(amount_fen),
                  "balance": format_money(after.value_fen), "shift": shift.seq}
        write_audit(s, store, actor, now, "member.top_up", top_up_id, detail)
        write_outbox(s, store, now, "member.topped_up", {
            "id": top_up_id, "member": customer.code, "amount_fen": amount_fen,
            "balance_fen": after.value_fen, "shift": shift.uuid, "by": actor.username})
        job = _queue(s, config, store.identity.store_name, customer.code, amount_fen,
                     shift.seq, now, actor.username)
        member = _member(s, customer)
        uow.commit()
    return TopUpOutcome(top_up_id, member, amount_fen, print_job=job)


def _customer(s, ref: str) -> Customer:
    key = (ref or "").strip()
    found = s.scalars(select(Customer).where(or_(
        Customer.code == key, Customer.phone == key, Customer.card_no == key))).first() \
        if key else None
    if found is None:
        raise MemberNotFound(ref=key)
    return found


def _member(s, customer: Customer) -> Member:
    money = accounts.balance(s, customer.id)
    return Member(customer.code, customer.name, customer.phone or "", customer.card_no or "",
                  customer.level or "", money.points, money.value_fen)


def _queue(s, config: CounterConfig, store_name: str, code: str, amount_fen: int, seq: int,
           now, username: str) -> int | None:
    from app.devices.escpos_out import encode
    from app.services.printing.queue import add_job

    if not config.printer:
        return None
    ops = cash_slip_ops(store_name, "in", amount_fen, f"会员储值充值 {code}", seq, local_text(now),
                        username, username, config.receipt_width)
    return add_job(s, kind="receipt", printer=config.printer,
                   payload=encode(ops, config.receipt_width), document_uuid=None,
                   open_drawer=True, now=now)


# -- tenders ------------------------------------------------------------------------------

def stored_value_tender(member: Member | None, due_fen: int, taken, amount_fen: int) -> Tender:
    """A stored-value tender of `amount_fen` (0: what is still due, up to the balance)."""
    if member is None:
        raise MemberNeeded(what_zh="储值付款", what_en="Paying with stored value")
    used = sum(t.amount_fen for t in taken if t.method == "stored_value")
    left = member.stored_value_fen - used
    amount = amount_fen or min(state(due_fen, taken).remaining_fen, left)
    if amount > left or left <= 0:
        raise NotEnoughStoredValue(member=member.name, balance=format_money(max(left, 0)),
                                   amount=format_money(max(amount, 0)))
    return Tender("stored_value", amount, member.code)


def points_tender(member: Member | None, due_fen: int, taken, points: int,
                  fen_per_point: int) -> Tender:
    """Pay with `points` points (0: as many as pay what is still due)."""
    if member is None:
        raise MemberNeeded(what_zh="积分抵现", what_en="Paying with points")
    if fen_per_point <= 0:
        raise PointsNotRedeemable(why_zh="本店未开启积分抵现（counter.fen_per_point 为 0）。",
                                  why_en="this store does not redeem points "
                                         "(counter.fen_per_point is 0).")
    used = sum(accounts.points_of(t.reference) or 0 for t in taken if t.method == "points")
    left = member.points - used
    if not points:
        points = min(left, state(due_fen, taken).remaining_fen // fen_per_point)
    if points <= 0 or points > left:
        raise NotEnoughPoints(member=member.name, balance=max(left, 0), points=max(points, 0))
    return Tender("points", points * fen_per_point, f"{accounts.POINTS_PREFIX}{points}")
