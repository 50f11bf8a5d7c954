"""Transfers between stores (docs/sync.md, "Transfers between stores").

Store A sends: a `transfer_out` from its warehouse to its holding warehouse `TO-<B>` with
`"to_store": "<B>"`. The goods leave A's shelf into A's in-transit at A's own FIFO/FEFO
cost (Dr 1402 / Cr 1405), like any transfer. Head office sees the event and opens a
transfer for B, in transit, with A's cost per product (the sender's cost travels).

Store B receives: the expected transfer comes from head office (`incoming_transfers`);
B enters what actually arrived and posts a `purchase_receipt` from the supplier
`STORE-<A>` at A's unit cost, with `"transfer": "<A's document id>"`. Head office closes
the transfer with the received quantities; the differences (short or over per product)
are the discrepancy lines (`jxc hq transfers`, the transfer's view).

Store A settles: head office then sends A a `transfer_settle` for its transfer_out
(headoffice/settlements.py) that A's terminals post like any inbound document: the goods
leave A's in-transit at the values they went in with, what B did not receive as A's loss.
"""
from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert

from app.domain.errors import DomainError
from app.domain.money import format_quantity, parse_quantity
from app.domain.permissions import check
from app.domain.stores import normalize_store_code
from app.persistence.schema import Store, Supplier, Warehouse
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.inventory.posting import PostResult, post_document
from app.services.records import Actor


class TransferRefused(DomainError):
    code = "transfer_refused"
    zh = "调拨无法办理：{why_zh}"
    en = "The transfer cannot be made: {why_en}"


def holding_warehouse(code: str) -> str:
    return ("TO-" + code)[:16]


def supplier_code(code: str) -> str:
    return ("STORE-" + code)[:32]


def send_transfer(store: LocalStore, actor: Actor, to_store: str, lines: list[dict], *,
                  warehouse: str = "MAIN", transfer_id: str | None = None,
                  note: str = "") -> PostResult:
    """Send goods to another store: lines [{"sku": "COLA", "qty": "12"}]."""
    check(actor.role, "transfers.send_transfer")
    target = normalize_store_code(to_store)
    if target == store.identity.store_code:
        raise TransferRefused(why_zh="目标门店就是本店；店内调拨请用仓库调拨。",
                              why_en="the destination is this store; move stock between "
                                     "its warehouses with a transfer instead.")
    ensure_holding(store, target)
    raw = {"type": "transfer_out", "id": transfer_id or f"tr-{uuid.uuid4()}",
           "warehouse": warehouse, "to_warehouse": holding_warehouse(target),
           "to_store": target, "lines": [{"sku": l["sku"], "qty": str(l["qty"])} for l in lines]}
    if note:
        raw["note"] = note
    return post_document(store, actor, raw)


def ensure_holding(store: LocalStore, target: str) -> None:
    """The warehouse `TO-<store>` a transfer to that store names (made once)."""
    target = normalize_store_code(target)
    code = holding_warehouse(target)
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        local = s.scalars(select(Store).where(Store.is_local.is_(True))).one()
        s.execute(insert(Warehouse).values(store_id=local.id, code=code,
                                           name=f"调往 {target}", is_in_transit=False)
                  .on_conflict_do_nothing(index_elements=["store_id", "code"]))
        uow.commit()


def incoming_transfers(store: LocalStore, actor: Actor, tokens=None) -> list[dict]:
    """The transfers head office has on the way to this store (needs the network)."""
    check(actor.role, "transfers.incoming_transfers")
    from app.sync.credentials import KeyringTokenStore
    from app.sync.reads import ask

    answer = ask(store, tokens or KeyringTokenStore(),
                 lambda c: c.transfers("in", "in_transit"))
    return answer.get("transfers") or []


def receive_transfer(store: LocalStore, actor: Actor, transfer: dict,
                     received: dict[str, str]) -> PostResult:
    """Receive an expected transfer: `received` maps each SKU to the quantity that arrived
    (a missing SKU: nothing arrived). Posted at the sender's unit cost."""
    check(actor.role, "transfers.receive_transfer")
    sender = normalize_store_code(str(transfer.get("from_store") or ""))
    lines = []
    for line in transfer.get("lines") or []:
        qty = parse_quantity(str(received.get(line["sku"], "0")))
        if qty < 0:
            raise TransferRefused(why_zh="收到的数量不能为负。", why_en="a received quantity cannot be negative.")
        if qty:
            lines.append({"sku": line["sku"], "qty": format_quantity(qty),
                          "unit_cost": str(_unit_cost(line)), "confirm_price": True})
    if not lines:
        raise TransferRefused(why_zh="没有收到任何商品；请与发货门店核对。",
                              why_en="nothing arrived; check with the sending store.")
    ensure_supplier(store, sender)
    raw = {"type": "purchase_receipt", "id": f"rcv-{transfer['transfer_id']}"[:64],
           "supplier": supplier_code(sender), "transfer": transfer["transfer_id"],
           "note": f"调拨 {transfer.get('number') or transfer['transfer_id']} 来自 {sender}"[:500],
           "lines": lines}
    return post_document(store, actor, raw)


def _unit_cost(line: dict) -> Decimal:
    """The sender's cost per unit, to the fen (what went into its in-transit / quantity)."""
    return (Decimal(line["value_fen"]) * 10 / Decimal(line["qty_milli"])).quantize(Decimal("0.01"))


def ensure_supplier(store: LocalStore, sender: str) -> None:
    """The supplier `STORE-<store>` a transfer from that store is received from."""
    sender = normalize_store_code(sender)
    with UnitOfWork(store.engine) as uow:
        uow.session.execute(insert(Supplier).values(
            code=supplier_code(sender), name=f"门店 {sender}", contact="", phone="", address="",
            active=True).on_conflict_do_nothing(index_elements=["code"]))
        uow.commit()


def discrepancies(transfer: dict, received: dict[str, str]) -> list[dict]:
    """Per product: sent, received and the difference (received - sent), in milli."""
    out = []
    for line in transfer.get("lines") or []:
        got = parse_quantity(str(received.get(line["sku"], "0")))
        out.append({"sku": line["sku"], "sent_milli": line["qty_milli"], "received_milli": got,
                    "difference_milli": got - line["qty_milli"]})
    return out
