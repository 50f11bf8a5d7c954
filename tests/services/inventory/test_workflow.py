"""Purchase orders with partial receipts, the approval flow, and editable posting rules."""
from __future__ import annotations

import pytest

from app.domain.approvals import ApprovalRefused
from app.domain.documents import DocType
from app.domain.vouchers import BadPostingRules, Entry
from app.services.inventory import approval_rules, lifecycle, posting_rules
from app.services.inventory.handlers import LineRuleBroken
from app.services.inventory.posting import ConflictingReplay, post_document
from app.services.inventory.queries import document, stock
from app.services.inventory.verify import verify
from app.services.records import Actor

ADMIN = Actor(None, "t", "admin")
CLERK = Actor(11, "clerk", "warehouse_clerk")
MANAGER = Actor(12, "manager", "store_manager")
BOSS = Actor(13, "boss", "admin")


@pytest.fixture(autouse=True)
def people(store):
    """The clerk, the manager and the boss as real users (ids 11, 12, 13)."""
    from datetime import datetime

    from app.persistence.schema import User
    from app.persistence.uow import UnitOfWork

    with UnitOfWork(store.engine) as uow:
        for actor in (CLERK, MANAGER, BOSS):
            uow.session.add(User(id=actor.user_id, username=actor.username,
                                 display_name=actor.username, role=actor.role,
                                 password_hash="-", created_at=datetime(2026, 1, 1)))
        uow.commit()


def _on_hand(store, sku):
    rows = stock(store, sku=sku, warehouse="MAIN")
    return rows[0]["on_hand"] if rows else "0"


def _order(store, doc_id="po1"):
    return post_document(store, ADMIN, {"type": "purchase_order", "id": doc_id, "supplier": "S01",
                                        "lines": [{"sku": "COLA", "qty": "10", "unit_cost": "1.00"},
                                                  {"sku": "MILK", "qty": "6", "unit_cost": "2.00"}]})


# -- purchase orders -------------------------------------------------------------------------

def test_an_order_moves_no_stock_and_books_no_voucher(store):
    result = _order(store)
    assert result.number.startswith("CG-S001-")
    doc = document(store, "po1")
    assert doc["moves"] == [] and doc["voucher"] == []
    assert doc["order_state"] == "open" and doc["total"] == "22.00"
    assert _on_hand(store, "COLA") == "0"


def test_partial_receipts_take_the_order_costs_and_close_it(store):
    _order(store)
    post_document(store, ADMIN, {"type": "purchase_receipt", "id": "rk1", "order": "po1",
                                 "lines": [{"sku": "COLA", "qty": "4"}]})
    doc = document(store, "po1")
    assert doc["order_state"] == "partial"
    assert [(l["received"], l["open"]) for l in doc["lines"]] == [("4", "6"), ("0", "6")]
    receipt = document(store, "rk1")
    assert receipt["lines"][0]["unit_cost"] == "1.00" and receipt["total"] == "4.00"
    post_document(store, ADMIN, {"type": "purchase_receipt", "id": "rk2", "order": "po1",
                                 "lines": [{"sku": "COLA", "qty": "6"},
                                           {"sku": "MILK", "qty": "6", "expiry": "2027-01-01"}]})
    assert document(store, "po1")["order_state"] == "received"
    assert _on_hand(store, "COLA") == "10" and _on_hand(store, "MILK") == "6"
    assert verify(store).ok


def test_receiving_more_than_ordered_or_something_not_ordered_is_refused(store):
    _order(store)
    with pytest.raises(LineRuleBroken) as over:
        post_document(store, ADMIN, {"type": "purchase_receipt", "id": "rk1", "order": "po1",
                                     "lines": [{"sku": "COLA", "qty": "7"},
                                               {"sku": "COLA", "qty": "4"}]})
    assert over.value.message("en").startswith("Line 2: COLA exceeds the 3 still open")
    with pytest.raises(LineRuleBroken):
        post_document(store, ADMIN, {"type": "purchase_receipt", "id": "rk2", "order": "po1",
                                     "lines": [{"sku": "RICE", "qty": "1"}]})
    assert _on_hand(store, "COLA") == "0"


def test_a_receipt_for_another_suppliers_order_is_refused(store):
    from app.persistence.schema import Supplier
    from app.persistence.uow import UnitOfWork

    with UnitOfWork(store.engine) as uow:
        uow.session.add(Supplier(code="S02", name="别的供应商"))
        uow.commit()
    _order(store)
    with pytest.raises(LineRuleBroken):
        post_document(store, ADMIN, {"type": "purchase_receipt", "id": "rk1", "order": "po1",
                                     "supplier": "S02", "lines": [{"sku": "COLA", "qty": "1"}]})


# -- approvals -------------------------------------------------------------------------------

def _big_receipt(store, actor=CLERK, doc_id="rk-big", qty="100"):
    return post_document(store, actor, {"type": "purchase_receipt", "id": doc_id,
                                        "supplier": "S01",
                                        "lines": [{"sku": "COLA", "qty": qty, "unit_cost": "1.00"}]})


def test_a_document_over_the_threshold_waits_and_touches_no_stock(store):
    approval_rules.add_rule(store, ADMIN, DocType.PURCHASE_RECEIPT, "store_manager,admin",
                            50_00, None)
    small = _big_receipt(store, doc_id="rk-small", qty="10")
    assert small.status == "posted"
    big = _big_receipt(store)
    assert big.status == "pending" and big.number is None
    assert _on_hand(store, "COLA") == "10"
    assert _big_receipt(store).replayed  # the same id again: the same pending document
    with pytest.raises(ConflictingReplay):
        _big_receipt(store, qty="99")
    assert [p.id for p in lifecycle.inbox(store, MANAGER)] == ["rk-big"]
    assert lifecycle.inbox(store, CLERK) == []
    done = lifecycle.approve(store, MANAGER, "rk-big", "到货核对无误")
    assert done.status == "posted" and done.number.startswith("RK-")
    assert _on_hand(store, "COLA") == "110"
    assert lifecycle.history(store, "rk-big")[0]["comment"] == "到货核对无误"
    assert verify(store).ok


def test_two_levels_by_two_people_in_order(store):
    approval_rules.add_rule(store, ADMIN, DocType.PURCHASE_RECEIPT, "store_manager|admin",
                            None, 50_000)  # 50 units or more on a line
    _big_receipt(store)
    with pytest.raises(ApprovalRefused):
        lifecycle.approve(store, BOSS, "rk-big")  # level 1 is the store manager's
    with pytest.raises(ApprovalRefused):
        lifecycle.approve(store, CLERK, "rk-big")
    assert lifecycle.approve(store, MANAGER, "rk-big").status == "pending"
    assert _on_hand(store, "COLA") == "0"
    assert lifecycle.approve(store, BOSS, "rk-big").status == "posted"
    assert _on_hand(store, "COLA") == "100"


def test_nobody_approves_their_own_document(store):
    approval_rules.add_rule(store, ADMIN, DocType.PURCHASE_RECEIPT, "store_manager", 1, None)
    _big_receipt(store, actor=MANAGER)
    with pytest.raises(ApprovalRefused) as own:
        lifecycle.approve(store, MANAGER, "rk-big")
    assert "own" in own.value.message("en")


def test_rejected_then_edited_and_approved_in_a_new_round(store):
    approval_rules.add_rule(store, ADMIN, DocType.PURCHASE_RECEIPT, "store_manager", 1, None)
    _big_receipt(store)
    with pytest.raises(lifecycle.CommentNeeded):
        lifecycle.reject(store, MANAGER, "rk-big", " ")
    assert lifecycle.reject(store, MANAGER, "rk-big", "数量不对").status == "rejected"
    assert _on_hand(store, "COLA") == "0"
    draft = lifecycle.save_draft(store, CLERK, {"type": "purchase_receipt", "id": "rk-big",
                                                "supplier": "S01", "lines": [
                                                    {"sku": "COLA", "qty": "90", "unit_cost": "1.00"}]})
    assert draft.status == "draft" and draft.total_fen == 90_00
    assert lifecycle.submit(store, CLERK, "rk-big").status == "pending"
    assert lifecycle.approve(store, MANAGER, "rk-big", "好").status == "posted"
    assert _on_hand(store, "COLA") == "90"
    rounds = [(h["round"], h["approved"]) for h in lifecycle.history(store, "rk-big")]
    assert rounds == [(1, False), (2, True)]


def test_a_draft_without_rules_posts_on_submit(store):
    lifecycle.save_draft(store, CLERK, {"type": "purchase_receipt", "id": "d1", "supplier": "S01",
                                        "lines": [{"sku": "COLA", "qty": "3", "unit_cost": "1.00"}]})
    assert _on_hand(store, "COLA") == "0"
    assert lifecycle.submit(store, CLERK, "d1").status == "posted"
    assert _on_hand(store, "COLA") == "3"


def test_approval_rules_refuse_unknown_roles_and_missing_thresholds(store):
    with pytest.raises(approval_rules.BadApprovalRule):
        approval_rules.add_rule(store, ADMIN, DocType.SALE, "boss", 1, None)
    with pytest.raises(approval_rules.BadApprovalRule):
        approval_rules.add_rule(store, ADMIN, DocType.SALE, "admin", None, None)


# -- posting rules ---------------------------------------------------------------------------

def test_a_store_can_book_write_offs_to_another_account(store):
    post_document(store, ADMIN, {"type": "purchase_receipt", "id": "r1", "supplier": "S01",
                                 "lines": [{"sku": "COLA", "qty": "5", "unit_cost": "1.00"}]})
    posting_rules.replace(store, ADMIN, DocType.WRITE_OFF,
                          (Entry("debit", "1901", "value"), Entry("credit", "1405", "value")))
    post_document(store, ADMIN, {"type": "write_off", "id": "w1",
                                 "lines": [{"sku": "COLA", "qty": "1", "reason": "damaged"}]})
    assert {v["account"] for v in document(store, "w1")["voucher"]} == {"1901", "1405"}
    assert posting_rules.show(store)["write_off"]["custom"] is True
    posting_rules.reset(store, ADMIN, DocType.WRITE_OFF)
    post_document(store, ADMIN, {"type": "write_off", "id": "w2",
                                 "lines": [{"sku": "COLA", "qty": "1", "reason": "damaged"}]})
    assert {v["account"] for v in document(store, "w2")["voucher"]} == {"5711", "1405"}
    assert verify(store).ok


def test_rules_that_would_not_balance_or_name_unknowns_are_refused(store):
    for entries in [(Entry("debit", "5711", "value"),),
                    (Entry("debit", "9999", "value"), Entry("credit", "1405", "value")),
                    (Entry("debit", "5711", "revenue"), Entry("credit", "1405", "value")),
                    (Entry("up", "5711", "value"), Entry("credit", "1405", "value"))]:
        with pytest.raises(BadPostingRules):
            posting_rules.replace(store, ADMIN, DocType.WRITE_OFF, entries)
    with pytest.raises(Exception) as denied:
        posting_rules.replace(store, CLERK, DocType.WRITE_OFF,
                              (Entry("debit", "1901", "value"), Entry("credit", "1405", "value")))
    assert type(denied.value).__name__ == "PermissionDenied"
