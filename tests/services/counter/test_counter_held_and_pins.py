"""Hold/recall in jxc_meta, and voids, price overrides and discounts that need a manager."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.domain.errors import AuthError
from app.persistence.schema import AuditEntry, Meta
from app.services.counter import (Cart, Tender, approve, checkout, held_sales, hold,
                                  load_config, recall, set_pin)
from app.services.counter.errors import (AuthorisationNeeded, EmptyCart,
                                         HeldCartMissing, WrongPin)
from app.services.inventory.verify import verify
from app.services.passwords import BadPinFormat
from counter_shop import MANAGER_PIN, product


def audit(store, prefix="counter."):
    with store.engine.connect() as conn:
        rows = conn.execute(select(AuditEntry.action, AuditEntry.target, AuditEntry.detail)
                            .where(AuditEntry.action.like(prefix + "%"))
                            .order_by(AuditEntry.seq)).all()
    return [(a, t, json.loads(d) if isinstance(d, str) else d) for a, t, d in rows]


def test_a_held_sale_is_kept_encrypted_in_the_store_and_recalled_once(shop, cashier, shift):
    cart = Cart()
    cart.add(product(shop, "COLA"), 2000)
    cart.add(product(shop, "RICE"), 500)
    held = hold(shop, cashier, cart)
    assert (held.sale_id, held.lines, held.total_fen, held.held_by) == (cart.sale_id, 2, 1100, "cashier1")
    with shop.engine.connect() as conn:
        keys = conn.execute(select(Meta.key).where(Meta.key.like("held_cart:%"))).scalars().all()
    assert keys == [f"held_cart:{cart.sale_id}"]
    assert [h.sale_id for h in held_sales(shop)] == [cart.sale_id]
    back = recall(shop, cart.sale_id)
    assert back == cart and held_sales(shop) == []
    with pytest.raises(HeldCartMissing):
        recall(shop, cart.sale_id)
    outcome = checkout(shop, cashier, back, [Tender("cash", 1100)])
    assert outcome.sale_id == cart.sale_id and verify(shop).ok


def test_an_empty_cart_cannot_be_held(shop, cashier):
    with pytest.raises(EmptyCart):
        hold(shop, cashier, Cart())


def test_a_cashier_needs_a_manager_pin_to_void_and_every_attempt_is_audited(shop, cashier, manager):
    config = load_config(shop)
    detail = {"sku": "COLA", "qty": "1", "amount": "3.50"}
    with pytest.raises(AuthorisationNeeded):
        approve(shop, cashier, "void_line", "sale-1", detail, config)
    with pytest.raises(WrongPin):
        approve(shop, cashier, "void_line", "sale-1", detail, config, approver="boss", pin="0000")
    with pytest.raises(WrongPin):  # a cashier cannot authorise even with the right PIN
        approve(shop, cashier, "void_line", "sale-1", detail, config, approver="cashier1", pin="x")
    approval = approve(shop, cashier, "void_line", "sale-1", detail, config,
                       approver="boss", pin=MANAGER_PIN)
    assert approval.approver == "boss"
    assert [(a, t, d.get("approved_by"), d.get("approver")) for a, t, d in audit(shop)] == [
        ("counter.authorisation_refused", "sale-1", None, "boss"),
        ("counter.authorisation_refused", "sale-1", None, "cashier1"),
        ("counter.void_line", "sale-1", "boss", None)]
    assert audit(shop)[-1][2]["by"] == "cashier1" and verify(shop).ok


def test_a_manager_voids_alone_and_is_audited_as_approver(shop, manager):
    approve(shop, manager, "price_override", "sale-2", {"sku": "COLA", "from": "3.50", "to": "3.00"},
            load_config(shop))
    assert [(a, d["approved_by"], d["to"]) for a, _, d in audit(shop)] == [
        ("counter.price_override", "boss", "3.00")]


def test_discounts_within_the_role_limit_need_no_one(shop, cashier, manager):
    config = load_config(shop)  # cashier: 10%
    approve(shop, cashier, "discount", "s", {"bp": 1000}, config, discount_bp=1000)
    with pytest.raises(AuthorisationNeeded):
        approve(shop, cashier, "discount", "s", {"bp": 1500}, config, discount_bp=1500)
    approve(shop, cashier, "discount", "s", {"bp": 1500}, config, discount_bp=1500,
            approver="boss", pin=MANAGER_PIN)
    assert [d["approved_by"] for _, _, d in audit(shop)] == ["cashier1", "boss"]


def test_users_set_their_own_pin_with_their_password(shop, cashier):
    for bad in ("12ab", "123", "1234567", "1111", "4321"):  # short, long, guessable
        with pytest.raises(BadPinFormat):
            set_pin(shop, cashier, "pw-123456", bad)
    with pytest.raises(AuthError):
        set_pin(shop, cashier, "wrong", "1357")
    set_pin(shop, cashier, "pw-123456", "1357")
    assert [a for a, _, _ in audit(shop, "user.")] == ["user.set_pin"]
