"""Approval rules as a store keeps them, and the amount they compare.

The rules themselves are pure (app.domain.approvals); here they are read from and written to
`approval_rules`. A rule's levels are stored as text: "store_manager,admin|admin" is level 1
by a store manager or an administrator, then level 2 by an administrator.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.approvals import ApprovalRule, required_levels
from app.domain.doc_request import DocRequest
from app.domain.documents import DocType
from app.domain.errors import DomainError
from app.domain.money import line_amount
from app.domain.permissions import ROLES, check
from app.persistence.ledger import run
from app.persistence.schema import ApprovalRuleRow
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.records import LOCAL_OPERATOR, Actor, utc_now, write_audit

PRICED_AT_RETAIL = (DocType.SALE, DocType.CUSTOMER_RETURN)


class BadApprovalRule(DomainError):
    code = "bad_approval_rule"
    zh = "审批规则有误：{what_zh}"
    en = "The approval rule is not valid: {what_en}"


def declared_total(req: DocRequest, products) -> int:
    """What a document is worth before posting, for the rules: each line at its given
    cost or price, else the product's retail price (sales, returns) or last purchase price
    (everything else), less discounts, plus freight and packaging."""
    total = req.freight_fen + req.packaging_fen
    for line, product in zip(req.lines, products):
        unit = line.unit_cost_fen if line.unit_cost_fen is not None else line.unit_price_fen
        if unit is None:
            unit = product.retail_price_fen if req.type in PRICED_AT_RETAIL \
                else product.purchase_price_fen
        total += line_amount(unit, line.qty_milli) - line.discount_fen
    return total


def parse_levels(text: str) -> tuple[frozenset[str], ...]:
    levels = tuple(frozenset(r.strip() for r in part.split(",") if r.strip())
                   for part in text.split("|"))
    if not levels or any(not level for level in levels):
        raise BadApprovalRule(what_zh="至少需要一级审批，每级至少一个角色，例如 store_manager|admin。",
                              what_en="give at least one level with at least one role, e.g. "
                                      "store_manager|admin.")
    unknown = sorted({r for level in levels for r in level} - ROLES)
    if unknown:
        raise BadApprovalRule(what_zh=f"未知角色：{', '.join(unknown)}（可用：{', '.join(sorted(ROLES))}）。",
                              what_en=f"unknown roles: {', '.join(unknown)} (known: {', '.join(sorted(ROLES))}).")
    return levels


def active_rules(s: Session, kind: DocType) -> list[ApprovalRule]:
    rows = run(
        s, "SELECT levels, min_total_fen, min_line_qty_milli FROM approval_rules WHERE "
        "doc_type = ? AND active = 1 ORDER BY id", (kind.value,))
    return [ApprovalRule(kind, parse_levels(levels), total, qty) for levels, total, qty in rows]


def levels_for(s: Session, req: DocRequest, total_fen: int) -> tuple[frozenset[str], ...]:
    """The approval levels this document needs now (none: it posts at once)."""
    rules = active_rules(s, req.type)
    if not rules:
        return ()
    return required_levels(rules, req.type, total_fen, max(l.qty_milli for l in req.lines))


def add_rule(store: LocalStore, actor: Actor, kind: DocType, levels: str,
             min_total_fen: int | None, min_line_qty_milli: int | None) -> int:
    check(actor.role, "inventory.approval_rules.add_rule")
    parse_levels(levels)
    if min_total_fen is None and min_line_qty_milli is None:
        raise BadApprovalRule(what_zh="需要金额门槛或数量门槛（或两者）。",
                              what_en="give an amount threshold, a quantity threshold or both.")
    with UnitOfWork(store.engine) as uow:
        now = utc_now()
        row = ApprovalRuleRow(doc_type=kind.value, levels=levels, min_total_fen=min_total_fen,
                              min_line_qty_milli=min_line_qty_milli, active=True, created_at=now)
        uow.session.add(row)
        uow.session.flush()
        write_audit(uow.session, store, actor, now, "approval_rule.add", str(row.id),
                    {"type": kind.value, "levels": levels, "min_total_fen": min_total_fen,
                     "min_line_qty_milli": min_line_qty_milli})
        uow.commit()
        return row.id


def disable_rule(store: LocalStore, actor: Actor, rule_id: int) -> None:
    check(actor.role, "inventory.approval_rules.disable_rule")
    with UnitOfWork(store.engine) as uow:
        row = uow.session.get(ApprovalRuleRow, rule_id)
        if row is None or not row.active:
            raise BadApprovalRule(what_zh=f"没有启用中的规则 {rule_id}。",
                                  what_en=f"there is no active rule {rule_id}.")
        row.active = False
        write_audit(uow.session, store, actor, utc_now(), "approval_rule.disable", str(rule_id),
                    {"type": row.doc_type, "levels": row.levels})
        uow.commit()


def list_rules(store: LocalStore, *, actor: Actor = LOCAL_OPERATOR) -> list[dict]:
    check(actor.role, "inventory.approval_rules.list_rules")
    with UnitOfWork(store.engine, write=False) as uow:
        return [{"id": r.id, "type": r.doc_type, "levels": r.levels, "active": r.active,
                 "min_total_fen": r.min_total_fen, "min_line_qty_milli": r.min_line_qty_milli}
                for r in uow.session.scalars(select(ApprovalRuleRow).order_by(ApprovalRuleRow.id))]
