"""`jxc verify`: the invariants, checked on real data; and the projection rebuild.

- stock on hand (the balance projection) = the sum of the ledger moves;
- remaining cost-layer quantity and value = the balance, per warehouse and product;
- the inventory accounts (1405 库存商品 and 1402 在途物资) = the remaining layer value;
- every voucher balances;
- no posted row changed: the audit chain verifies, and each posted document still has
  the number and total its audit entry recorded.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import func, select, text

from app.domain.audit import AuditRecord, verify_chain
from app.domain.permissions import check
from app.persistence.schema import (AuditEntry, CostLayer, Document, StockBalance, StockMove,
                                    VoucherLineRow, Warehouse)
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.records import LOCAL_OPERATOR, Actor, utc_now, write_audit


@dataclass
class Report:
    checks: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(self.checks.values())

    def as_dict(self) -> dict:
        return {"ok": self.ok, "checks": {k: {"ok": not v, "problems": v}
                                          for k, v in self.checks.items()}}


def verify(store: LocalStore, *, actor: Actor = LOCAL_OPERATOR) -> Report:
    check(actor.role, "inventory.verify.verify")
    report = Report()
    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        report.checks["stock_equals_ledger"] = _stock_vs_ledger(s)
        report.checks["layers_equal_stock"] = _layers_vs_stock(s)
        report.checks["inventory_account_equals_layers"] = _accounts_vs_layers(s)
        report.checks["vouchers_balance"] = _vouchers_balance(s)
        report.checks["audit_chain_intact"] = _audit_chain(s, store)
        report.checks["posted_documents_unchanged"] = _documents_match_audit(s)
    return report


def _pairs(rows) -> dict:
    return {(r[0], r[1]): (r[2], r[3]) for r in rows}


def _balances(s) -> dict:
    return _pairs(s.execute(select(StockBalance.warehouse_id, StockBalance.product_id,
                                   StockBalance.qty_milli, StockBalance.value_fen)))


def _stock_vs_ledger(s) -> list[str]:
    ledger = _pairs(s.execute(select(StockMove.warehouse_id, StockMove.product_id,
                                     func.sum(StockMove.qty_milli), func.sum(StockMove.value_fen))
                              .group_by(StockMove.warehouse_id, StockMove.product_id)))
    return _compare("ledger", ledger, "balance", _balances(s))


def _layers_vs_stock(s) -> list[str]:
    layers = _pairs(s.execute(select(CostLayer.warehouse_id, CostLayer.product_id,
                                     func.sum(CostLayer.qty_left), func.sum(CostLayer.value_left))
                              .group_by(CostLayer.warehouse_id, CostLayer.product_id)))
    return _compare("layers", layers, "balance", _balances(s))


def _compare(a_name: str, a: dict, b_name: str, b: dict) -> list[str]:
    problems = []
    for key in sorted(set(a) | set(b)):
        va, vb = a.get(key, (0, 0)), b.get(key, (0, 0))
        if tuple(va) != tuple(vb):
            problems.append(f"warehouse {key[0]} product {key[1]}: {a_name} qty/value {va[0]}/"
                            f"{va[1]} but {b_name} {vb[0]}/{vb[1]}")
    return problems


def _accounts_vs_layers(s) -> list[str]:
    problems = []
    for account, transit in (("1405", False), ("1402", True)):
        booked = s.scalar(select(func.coalesce(func.sum(VoucherLineRow.debit_fen
                                                        - VoucherLineRow.credit_fen), 0))
                          .where(VoucherLineRow.account == account))
        layered = s.scalar(select(func.coalesce(func.sum(CostLayer.value_left), 0))
                           .join(Warehouse, Warehouse.id == CostLayer.warehouse_id)
                           .where(Warehouse.is_in_transit.is_(transit)))
        if booked != layered:
            problems.append(f"account {account} is {booked} fen but the layers hold {layered}")
    return problems


def _vouchers_balance(s) -> list[str]:
    rows = s.execute(select(VoucherLineRow.voucher_id, func.sum(VoucherLineRow.debit_fen),
                            func.sum(VoucherLineRow.credit_fen))
                     .group_by(VoucherLineRow.voucher_id)
                     .having(func.sum(VoucherLineRow.debit_fen)
                             != func.sum(VoucherLineRow.credit_fen)))
    return [f"voucher {v}: debit {d} != credit {c}" for v, d, c in rows]


def _audit_chain(s, store: LocalStore) -> list[str]:
    problems = []
    terminals = s.scalars(select(AuditEntry.terminal_id).distinct()).all()
    for terminal in terminals:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.terminal_id == terminal)
                         .order_by(AuditEntry.seq)).all()
        records = [AuditRecord(r.terminal_id, r.seq, r.at.isoformat(), r.user_id, r.action,
                               r.target, r.detail, r.prev_hash, r.hash) for r in rows]
        problems += [f"terminal {terminal}: {p}" for p in verify_chain(store.audit_key, records)]
    return problems


def _documents_match_audit(s) -> list[str]:
    recorded = {}
    for target, detail in s.execute(select(AuditEntry.target, AuditEntry.detail)
                                    .where(AuditEntry.action == "document.post")):
        recorded[target] = json.loads(detail)
    problems = []
    for uuid, number, total in s.execute(select(Document.uuid, Document.number,
                                                Document.total_fen)
                                         .where(Document.status == "posted")):
        entry = recorded.get(uuid)
        if entry is None:
            problems.append(f"document {number} has no audit entry")
        elif (entry.get("number"), entry.get("total_fen")) != (number, total):
            problems.append(f"document {number} differs from what was posted")
    return problems


def rebuild_projection(store: LocalStore, actor: Actor) -> int:
    """Recompute balances and layers from the ledger (never the other way round); audited."""
    check(actor.role, "inventory.verify.rebuild_projection")
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        before = _stock_vs_ledger(s) + _layers_vs_stock(s)
        s.execute(text("UPDATE cost_layers SET "
                       "qty_left = (SELECT coalesce(sum(qty_milli), 0) FROM stock_moves m "
                       "WHERE m.layer_id = cost_layers.id), "
                       "value_left = (SELECT coalesce(sum(value_fen), 0) FROM stock_moves m "
                       "WHERE m.layer_id = cost_layers.id)"))
        s.execute(text("DELETE FROM stock_balances"))
        s.execute(text("INSERT INTO stock_balances(warehouse_id, product_id, qty_milli, value_fen) "
                       "SELECT warehouse_id, product_id, sum(qty_milli), sum(value_fen) "
                       "FROM stock_moves GROUP BY warehouse_id, product_id"))
        write_audit(s, store, actor, utc_now(), "projection.rebuild", "stock_balances",
                    {"differences_fixed": len(before)})
        uow.commit()
    return len(before)
