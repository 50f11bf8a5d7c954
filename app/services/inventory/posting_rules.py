"""A store's posting rules: the defaults of the chart of accounts, or its own per type.

A store that edits the rules of a document type replaces them whole; the edit is refused
unless the rules name known accounts and amounts and balance on sample figures
(app.domain.vouchers.check_rules). Resetting a type returns it to the defaults.
"""
from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.domain.documents import DocType
from app.domain.permissions import check
from app.domain.vouchers import DEFAULT_RULES, BadPostingRules, Entry, check_rules
from app.persistence.ledger import run
from app.persistence.schema import PostingRuleRow
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.records import LOCAL_OPERATOR, Actor, utc_now, write_audit


def rules_for(s: Session, kind: DocType) -> tuple[Entry, ...]:
    rows = run(s, "SELECT side, account, amount FROM posting_rules WHERE doc_type = ? "
               "ORDER BY position", (kind.value,)).all()
    if not rows:
        return DEFAULT_RULES[kind]
    return tuple(Entry(*r) for r in rows)


def show(store: LocalStore, *, actor: Actor = LOCAL_OPERATOR) -> dict[str, dict]:
    check(actor.role, "inventory.posting_rules.show")
    with UnitOfWork(store.engine, write=False) as uow:
        out = {}
        for kind in DocType:
            custom = uow.session.scalar(select(PostingRuleRow.id).where(
                PostingRuleRow.doc_type == kind.value).limit(1)) is not None
            out[kind.value] = {"custom": custom, "entries": [
                {"side": e.side, "account": e.account, "amount": e.amount}
                for e in rules_for(uow.session, kind)]}
        return out


def parse_entries(raw: object) -> tuple[Entry, ...]:
    if not isinstance(raw, list) or not raw:
        raise BadPostingRules(what_zh="需要一个非空列表，每条含 side、account、amount。",
                              what_en="give a non-empty list of entries with side, account, amount.")
    entries = []
    for n, item in enumerate(raw, 1):
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str)
                                                 for k in ("side", "account", "amount")):
            raise BadPostingRules(what_zh=f"第 {n} 条需要文本字段 side、account、amount。",
                                  what_en=f"entry {n} needs text fields side, account, amount.")
        entries.append(Entry(item["side"].strip().lower(), item["account"].strip(),
                             item["amount"].strip()))
    return tuple(entries)


def replace(store: LocalStore, actor: Actor, kind: DocType, entries: tuple[Entry, ...]) -> None:
    check(actor.role, "inventory.posting_rules.replace")
    check_rules(kind, entries)
    _write(store, actor, kind, entries, "posting_rules.replace")


def reset(store: LocalStore, actor: Actor, kind: DocType) -> None:
    check(actor.role, "inventory.posting_rules.reset")
    _write(store, actor, kind, (), "posting_rules.reset")


def _write(store: LocalStore, actor: Actor, kind: DocType, entries: tuple[Entry, ...],
           action: str) -> None:
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        before = [e.__dict__ for e in rules_for(s, kind)]
        s.execute(delete(PostingRuleRow).where(PostingRuleRow.doc_type == kind.value))
        s.add_all(PostingRuleRow(doc_type=kind.value, position=n, side=e.side,
                                 account=e.account, amount=e.amount)
                  for n, e in enumerate(entries, 1))
        s.flush()
        after = [e.__dict__ for e in rules_for(s, kind)]
        write_audit(s, store, actor, utc_now(), action, kind.value,
                    {"before": before, "after": after})
        uow.commit()
