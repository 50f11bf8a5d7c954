"""Hold and recall sales (挂单/取单), kept in the store's `jxc_meta` table.

A held cart is one row, key `held_cart:<sale id>`, value the cart's JSON plus who held it
and when. Why the database and not a JSON file in the data directory: the cart may carry
a member's name and phone, and the database is encrypted while a file would not be; it is
in every backup; and a recall reads and deletes the row in one transaction, so a held
sale is recalled exactly once. No schema change is needed.

The sale keeps its id while held, so a sale that was paid, held by mistake and posted
later is still posted only once.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timezone

from sqlalchemy import delete, select

from app.domain.permissions import check
from app.persistence.schema import Meta
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.counter.cart import Cart
from app.services.counter.errors import EmptyCart, HeldCartMissing
from app.services.records import LOCAL_OPERATOR, Actor, Clock, utc_now

PREFIX = "held_cart:"


@dataclass(frozen=True)
class HeldSale:
    sale_id: str
    held_at: str  # local time, "2026-11-22 14:05"
    held_by: str
    lines: int
    total_fen: int
    member: str


def hold(store: LocalStore, actor: Actor, cart: Cart, rounding_step_fen: int = 1,
         clock: Clock = utc_now) -> HeldSale:
    check(actor.role, "counter.held.hold")
    if not cart.lines:
        raise EmptyCart(action_zh="挂单", action_en="hold")
    at = clock().replace(tzinfo=timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M")
    body = {"cart": cart.to_json(), "held_at": at, "held_by": actor.username,
            "total_fen": cart.totals(rounding_step_fen).due_fen}
    with UnitOfWork(store.engine) as uow:
        row = uow.session.get(Meta, PREFIX + cart.sale_id)
        text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
        if row is None:
            uow.session.add(Meta(key=PREFIX + cart.sale_id, value=text))
        else:
            row.value = text
        uow.commit()
    return _summary(cart.sale_id, body)


def held_sales(store: LocalStore, *, actor: Actor = LOCAL_OPERATOR) -> list[HeldSale]:
    """Held sales, oldest first."""
    check(actor.role, "counter.held.held_sales")
    with store.engine.connect() as conn:
        rows = conn.execute(select(Meta.key, Meta.value).where(
            Meta.key >= PREFIX, Meta.key < PREFIX + "\uffff")).all()
    sales = [_summary(key[len(PREFIX):], json.loads(value)) for key, value in rows]
    return sorted(sales, key=lambda s: (s.held_at, s.sale_id))


def recall(store: LocalStore, sale_id: str, *, actor: Actor = LOCAL_OPERATOR) -> Cart:
    """The held cart, removed from the held list in the same transaction."""
    check(actor.role, "counter.held.recall")
    with UnitOfWork(store.engine) as uow:
        value = uow.session.scalar(select(Meta.value).where(Meta.key == PREFIX + sale_id))
        if value is None:
            raise HeldCartMissing(ref=sale_id[:8])
        uow.session.execute(delete(Meta).where(Meta.key == PREFIX + sale_id))
        uow.commit()
    return Cart.from_json(json.loads(value)["cart"])


def _summary(sale_id: str, body: dict) -> HeldSale:
    cart = body["cart"]
    member = (cart.get("member") or {}).get("name", "")
    return HeldSale(sale_id, body["held_at"], body["held_by"], len(cart["lines"]),
                    body["total_fen"], member)
