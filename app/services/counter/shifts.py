"""Cashier shifts at the till: open with a float, cash in and out, X reports, close with a
count of the drawer and a Z report.

One shift at a time per terminal; the till sells and refunds only while one is open
(`checkout` and `returns` check). Each command is one unit of work with its audit entry
(`shift.open`, `shift.cash_in`, `shift.cash_out`, `shift.x_report`, `shift.close`) and, for
business events, an outbox event (`shift.opened`, `shift.cash_moved`, `shift.closed`).
Reports are stored (`shift_reports`) and queued for the receipt printer in the same
transaction; the print worker sends them after the commit, so closing never waits on the
printer, nor on head office. A closed shift, its cash moves and reports never change
(triggers of schema 0008).

Supervision (through `authorise.approve`, see `supervised`): cash out above
`counter.cash_out_limit`, closing another cashier's shift, or closing with an over/short
beyond `counter.over_short_limit` needs a shift lead, store manager or administrator, or
one of them typing their PIN at the till.
"""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select

from app.devices.escpos_out import encode
from app.domain import text_columns as tc
from app.domain.money import format_money
from app.domain.permissions import check
from app.persistence.schema import Shift, ShiftCashMove, ShiftReport, Store, User
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.counter import supervised
from app.services.counter.authorise import approve
from app.services.counter.config import CounterConfig
from app.services.counter.errors import (AuthorisationNeeded, BadCashAmount, CashOutTooLarge,
                                         ReasonNeeded, ShiftAlreadyOpen)
from app.services.counter.shift_figures import (ShiftTotals, cash_moves, check_counts,
                                                counted_fen, counts_json, gather,
                                                open_shift_row, require_open_shift)
from app.services.counter.shift_report import (cash_slip_ops, local_text, report_body,
                                               report_ops, report_text)
from app.services.printing.queue import add_job
from app.services.records import LOCAL_OPERATOR, Actor, Clock, utc_now, write_audit, write_outbox

MAX_AMOUNT_FEN = 1_000_000_00


@dataclass(frozen=True)
class ShiftInfo:
    uuid: str
    seq: int
    status: str
    opened_by: str  # user name
    opened_by_id: int | None
    opened_at: str  # local time, "2026-11-22 08:00"
    float_fen: int


@dataclass(frozen=True)
class ShiftReportOut:
    kind: str  # X | Z
    seq: int
    body: dict
    text: str  # as laid out for the receipt printer
    job_id: int | None  # the print job, when a printer is set up


@dataclass(frozen=True)
class CashMoveOut:
    kind: str  # in | out
    amount_fen: int
    reason: str
    approved_by: str
    expected_cash_fen: int  # in the drawer after the move
    job_id: int | None  # the slip that opens the drawer


@dataclass(frozen=True)
class ClosedShift:
    info: ShiftInfo
    expected: dict[str, int]
    counted_fen: int
    over_short_fen: int
    approved_by: str
    report: ShiftReportOut


def current_shift(store: LocalStore, *, actor: Actor = LOCAL_OPERATOR) -> ShiftInfo | None:
    """The open shift of this till, or None."""
    check(actor.role, "counter.shifts.current_shift")
    with UnitOfWork(store.engine, write=False) as uow:
        shift = open_shift_row(uow.session, store.terminal_id)
        return None if shift is None else _info(uow.session, shift)


def shift_totals(store: LocalStore, *, actor: Actor = LOCAL_OPERATOR,
                 clock: Clock = utc_now) -> tuple[ShiftInfo, ShiftTotals]:
    """The open shift and its figures up to now (the close dialog's expected amounts)."""
    check(actor.role, "counter.shifts.shift_totals")
    with UnitOfWork(store.engine, write=False) as uow:
        shift = require_open_shift(uow.session, store.terminal_id)
        return _info(uow.session, shift), gather(uow.session, shift, clock())


def open_shift(store: LocalStore, actor: Actor, float_fen: int, *,
               clock: Clock = utc_now) -> ShiftInfo:
    """Open this till's next shift with `float_fen` in the drawer."""
    check(actor.role, "counter.shifts.open_shift")
    _check_amount(float_fen, allow_zero=True)
    with UnitOfWork(store.engine) as uow:
        s, now = uow.session, clock()
        running = open_shift_row(s, store.terminal_id)
        if running is not None:
            info = _info(s, running)
            raise ShiftAlreadyOpen(seq=info.seq, by=info.opened_by, at=info.opened_at)
        seq = (s.scalar(select(func.max(Shift.seq)).where(
            Shift.terminal_id == store.terminal_id)) or 0) + 1
        shift = Shift(uuid=str(uuid.uuid4()), terminal_id=store.terminal_id, seq=seq,
                      store_id=_store_id(s), status="open", opened_by=actor.user_id,
                      opened_at=now, float_fen=float_fen, counted_json="", expected_json="")
        s.add(shift)
        s.flush()
        detail = {"seq": seq, "float": format_money(float_fen)}
        write_audit(s, store, actor, now, "shift.open", shift.uuid, detail)
        write_outbox(s, store, now, "shift.opened", {"shift": shift.uuid, "seq": seq,
                                                     "terminal": store.terminal_id,
                                                     "float_fen": float_fen, "by": actor.username})
        info = _info(s, shift)
        uow.commit()
    return info


def cash_move(store: LocalStore, actor: Actor, kind: str, amount_fen: int, reason: str,
              config: CounterConfig, *, approver: str = "", pin: str = "",
              clock: Clock = utc_now) -> CashMoveOut:
    """Put cash into the drawer (`in`) or take it out (`out`), with a reason; the drawer
    opens with a printed slip after the commit. Out above the limit is supervised."""
    check(actor.role, "counter.shifts.cash_move")
    if kind not in ("in", "out"):
        raise ValueError(f"cash move kind must be in or out, not {kind!r}")
    _check_amount(amount_fen)
    reason = tc.clean(reason or "").strip()
    if not reason or len(reason) > 200:
        raise ReasonNeeded()
    with UnitOfWork(store.engine, write=False) as uow:
        shift = require_open_shift(uow.session, store.terminal_id)
        shift_uuid = shift.uuid
    approved_by = actor.username
    if kind == "out" and amount_fen > config.cash_out_limit_fen:
        approved_by = approve(store, actor, "cash_out_over_limit", shift_uuid,
                              {"amount": format_money(amount_fen), "reason": reason}, config,
                              approver=approver, pin=pin, clock=clock).approver
    with UnitOfWork(store.engine) as uow:
        s, now = uow.session, clock()
        shift = require_open_shift(s, store.terminal_id)
        expected = gather(s, shift, now).expected_cash_fen
        if kind == "out" and amount_fen > expected:
            raise CashOutTooLarge(expected=format_money(expected), amount=format_money(amount_fen))
        s.add(ShiftCashMove(shift_id=shift.id, kind=kind, amount_fen=amount_fen, reason=reason,
                            user_id=actor.user_id, at=now))
        detail = {"seq": shift.seq, "amount": format_money(amount_fen), "reason": reason,
                  "approved_by": approved_by}
        write_audit(s, store, actor, now, f"shift.cash_{kind}", shift.uuid, detail)
        write_outbox(s, store, now, "shift.cash_moved", {"shift": shift.uuid, "kind": kind,
                                                         "amount_fen": amount_fen, "reason": reason,
                                                         "by": actor.username})
        after = expected + (amount_fen if kind == "in" else -amount_fen)
        job = _queue(s, config, cash_slip_ops(
            store.identity.store_name, kind, amount_fen, reason, shift.seq, local_text(now),
            actor.username, approved_by, config.receipt_width), now, open_drawer=True)
        uow.commit()
    return CashMoveOut(kind, amount_fen, reason, approved_by, after, job)


def x_report(store: LocalStore, actor: Actor, config: CounterConfig, *,
             clock: Clock = utc_now) -> ShiftReportOut:
    """The figures so far, stored and queued for printing; the shift stays open."""
    check(actor.role, "counter.shifts.x_report")
    with UnitOfWork(store.engine) as uow:
        s, now = uow.session, clock()
        shift = require_open_shift(s, store.terminal_id)
        body = _body(s, store, shift, "X", now, actor)
        report = _store_report(s, config, shift, body, actor, now)
        write_audit(s, store, actor, now, "shift.x_report", shift.uuid,
                    {"seq": shift.seq, "expected": body["expected"]})
        uow.commit()
    return report


def close_shift(store: LocalStore, actor: Actor, counts: dict[int, int], config: CounterConfig,
                *, approver: str = "", pin: str = "", clock: Clock = utc_now) -> ClosedShift:
    """Close the till's shift with the counted cash (pieces per denomination in fen): the
    expected amounts, the over/short and the Z report are stored, the report queued."""
    check(actor.role, "counter.shifts.close_shift")
    counts = check_counts(counts)
    counted = counted_fen(counts)
    with UnitOfWork(store.engine, write=False) as uow:
        shift = require_open_shift(uow.session, store.terminal_id)
        info, totals = _info(uow.session, shift), gather(uow.session, shift, clock())
    reasons = _close_reasons(actor, info, counted - totals.expected_cash_fen, config)
    approved_by = actor.username
    if reasons:
        approved_by = approve(store, actor, "shift_close", info.uuid, {
            "reasons": reasons, "counted": format_money(counted),
            "over_short": format_money(counted - totals.expected_cash_fen)}, config,
            approver=approver, pin=pin, clock=clock).approver
    with UnitOfWork(store.engine) as uow:
        s, now = uow.session, clock()
        shift = require_open_shift(s, store.terminal_id)
        body = _body(s, store, shift, "Z", now, actor, counts, approved_by)
        if set(_close_reasons(actor, info, body["over_short_fen"], config)) - set(reasons):
            raise AuthorisationNeeded(action_zh=supervised.SUPERVISED[1].zh,
                                      action_en=supervised.SUPERVISED[1].en)
        shift.status, shift.closed_by, shift.closed_at = "closed", actor.user_id, now
        shift.counted_json = json.dumps(counts_json(counts), sort_keys=True)
        shift.counted_fen, shift.over_short_fen = counted, body["over_short_fen"]
        shift.expected_json = json.dumps(body["expected"], sort_keys=True)
        report = _store_report(s, config, shift, body, actor, now)
        write_audit(s, store, actor, now, "shift.close", shift.uuid, {
            "seq": shift.seq, "counted": format_money(counted),
            "over_short": format_money(body["over_short_fen"]), "approved_by": approved_by})
        write_outbox(s, store, now, "shift.closed", body)
        uow.commit()
    return ClosedShift(info, body["expected"], counted, body["over_short_fen"], approved_by, report)


def _close_reasons(actor: Actor, info: ShiftInfo, over_short: int,
                   config: CounterConfig) -> list[str]:
    reasons = []
    if info.opened_by_id != actor.user_id:
        reasons.append("other_shift")
    if abs(over_short) > config.over_short_limit_fen:
        reasons.append("over_short")
    return reasons


def _body(s, store: LocalStore, shift: Shift, kind: str, now, actor: Actor,
          counts: dict[int, int] | None = None, approved_by: str = "") -> dict:
    return report_body(kind, store=store.identity.store_name, terminal=store.terminal_id,
                       shift=shift, opened_by=_user_name(s, shift.opened_by),
                       totals=gather(s, shift, now), at=now, by=actor.username,
                       moves=cash_moves(s, shift), counts=counts, approved_by=approved_by)


def _store_report(s, config: CounterConfig, shift: Shift, body: dict, actor: Actor,
                  now) -> ShiftReportOut:
    width = config.receipt_width
    text = report_text(body, width)
    s.add(ShiftReport(shift_id=shift.id, kind=body["kind"], user_id=actor.user_id, at=now,
                      body_json=json.dumps(body, ensure_ascii=False, sort_keys=True), text=text))
    job = _queue(s, config, report_ops(body, width), now, kind="shift_report")
    return ShiftReportOut(body["kind"], shift.seq, body, text, job)


def _queue(s, config: CounterConfig, ops, now, *, kind: str = "receipt",
           open_drawer: bool = False) -> int | None:
    """A print job in the caller's transaction (sent by the print worker after the commit)."""
    if not config.printer:
        return None
    return add_job(s, kind=kind, printer=config.printer,
                   payload=encode(ops, config.receipt_width), document_uuid=None,
                   open_drawer=open_drawer, now=now)


def _check_amount(fen: int, allow_zero: bool = False) -> None:
    if not isinstance(fen, int) or fen < 0 or (fen == 0 and not allow_zero) \
            or fen > MAX_AMOUNT_FEN:
        low = "0" if allow_zero else "0.01"
        raise BadCashAmount(value=format_money(fen) if isinstance(fen, int) else str(fen),
                            why_zh=f"应在 {low} 到 {format_money(MAX_AMOUNT_FEN)} 元之间。",
                            why_en=f"it must be from {low} to {format_money(MAX_AMOUNT_FEN)}.")


def _info(s, shift: Shift) -> ShiftInfo:
    return ShiftInfo(shift.uuid, shift.seq, shift.status, _user_name(s, shift.opened_by),
                     shift.opened_by, local_text(shift.opened_at), shift.float_fen)


def _user_name(s, user_id: int | None) -> str:
    if user_id is None:
        return LOCAL_OPERATOR.username
    return s.scalar(select(User.username).where(User.id == user_id)) or str(user_id)


def _store_id(s) -> int:
    return s.scalar(select(Store.id).where(Store.is_local.is_(True)))
