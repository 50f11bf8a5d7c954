"""Document lists in pages with filters, the full view, reversals, approvals' history."""
from __future__ import annotations

from datetime import date

import pytest

from app.domain.permissions import COST_KEYS, PermissionDenied
from app.services import documents
from app.services.documents import DocFilter, NothingToEdit, NotReversible
from app.services.inventory import approval_rules, lifecycle
from app.services.inventory.posting import post_document
from app.services.records import Actor
from app.domain.documents import DocType
from helpers import add_catalog
from app.services import users

ADMIN = Actor(None, "admin", "admin")
LEAD = Actor(None, "lead", "shift_lead")


@pytest.fixture
def shop(new_store):
    add_catalog(new_store)
    post(new_store, "purchase_receipt", "in-1", supplier="S01", date="2026-03-01",
         lines=[{"sku": "COLA", "qty": "50", "unit_cost": "1.50"},
                {"sku": "MILK", "qty": "10", "unit_cost": "3.00", "batch": "B1",
                 "expiry": "2099-01-31"}])
    for n in range(1, 8):
        post(new_store, "sale", f"sale-{n}", date=f"2026-03-{n + 1:02d}",
             lines=[{"sku": "COLA", "qty": "2"}], payments=[{"method": "cash", "amount": "7.00"}])
    post(new_store, "sale", "sale-m", date="2026-03-10", customer="M001",
         lines=[{"sku": "COLA", "qty": "3"}, {"sku": "MILK", "qty": "1"}],
         payments=[{"method": "cash", "amount": "15.00"}])
    post(new_store, "transfer_out", "tr-1", to_warehouse="W2", date="2026-03-11",
         lines=[{"sku": "COLA", "qty": "1"}])
    return new_store


def post(store, kind, doc_id, actor=ADMIN, **fields):
    return post_document(store, actor, {"type": kind, "id": doc_id, **fields})


def all_pages(store, f, limit=3):
    rows, after = [], None
    while True:
        page = documents.list_documents(store, ADMIN, f, after, limit)
        rows += page.rows
        assert len(page.rows) <= limit
        if page.done:
            assert page.cursor is None
            return rows
        after = page.cursor


def test_pages_newest_first_without_gaps_or_repeats(shop):
    rows = all_pages(shop, DocFilter())
    assert [r.id for r in rows] == ["tr-1", "sale-m", *[f"sale-{n}" for n in range(7, 0, -1)],
                                    "in-1"]
    assert len({r.key for r in rows}) == len(rows)
    first = rows[-1]
    assert (first.type, first.status, first.party, first.warehouse, first.total_fen) == \
        ("purchase_receipt", "posted", "上海饮料有限公司", "MAIN", 10500)
    assert first.number.startswith("RK-S001-20260301")


def test_filters(shop):
    ids = lambda **kw: [r.id for r in all_pages(shop, DocFilter(**kw))]  # noqa: E731
    assert ids(types=("purchase_receipt", "transfer_out")) == ["tr-1", "in-1"]
    assert ids(types=("sale",), date_from=date(2026, 3, 6), date_to=date(2026, 3, 8)) == \
        ["sale-7", "sale-6", "sale-5"]
    assert ids(party="张") == ["sale-m"]
    assert ids(party="M001") == ["sale-m"]
    assert ids(party="上海") == ["in-1"]
    assert ids(party="nobody") == []
    assert ids(number="RK-") == ["in-1"]
    assert ids(number="sale-3") == ["sale-3"]
    assert ids(warehouse="w2") == []  # the transfer is listed under its source warehouse
    assert ids(warehouse="main", types=("transfer_out",)) == ["tr-1"]
    lifecycle.save_draft(shop, ADMIN, {"type": "purchase_order", "id": "po-d", "supplier": "S01",
                                       "lines": [{"sku": "COLA", "qty": "5", "unit_cost": "1.50"}]})
    assert ids(statuses=("draft",)) == ["po-d"]


def test_detail_has_names_moves_voucher_and_reversal(shop):
    doc = documents.document_detail(shop, ADMIN, "sale-m")
    assert [l["name"] for l in doc["lines"]] == ["可口可乐 500ml", "光明 纯牛奶 250ml"]
    assert doc["customer"] == {"code": "M001", "name": "张三"}
    assert doc["moves"][0]["qty"] == "-3" and doc["moves"][0]["value"] == "-4.50"
    assert doc["lines"][0]["cogs"] == "4.50"
    assert {v["account"] for v in doc["voucher"]} >= {"1001", "5001", "5401", "1405"}
    assert doc["reversal"] == "customer_return" and doc["sees_costs"] is True
    hidden = documents.document_detail(shop, LEAD, "sale-m")
    assert not (set(hidden) | set(hidden["lines"][0]) | set(hidden["moves"][0])) & COST_KEYS
    assert hidden["sees_costs"] is False
    assert documents.document_detail(shop, ADMIN, "tr-1")["reversal"] is None


def test_sale_reversal_is_a_customer_return_of_what_is_left(shop):
    rev = documents.reversal_draft(shop, ADMIN, "sale-m")
    assert rev.kind == "customer_return" and rev.limits == {0: 3000, 1: 1000}
    assert rev.body["original"].startswith("XS-") and rev.body["warehouse"] == "MAIN"
    assert rev.body["lines"] == [{"sku": "COLA", "qty": "3", "original_line": 1},
                                 {"sku": "MILK", "qty": "1", "original_line": 2}]
    assert rev.names["MILK"] == "光明 纯牛奶 250ml"
    rev.body["lines"] = rev.body["lines"][:1]
    rev.body["lines"][0]["qty"] = "2"
    post_document(shop, ADMIN, rev.body)
    again = documents.reversal_draft(shop, ADMIN, "sale-m")
    assert again.body["lines"][0] == {"sku": "COLA", "qty": "1", "original_line": 1}
    assert again.body["id"] != rev.body["id"]
    detail = documents.document_detail(shop, ADMIN, "sale-m")
    assert detail["reversed_by"] and detail["reversed_by"][0].startswith("XT-")


def test_receipt_reversal_is_a_purchase_return_of_what_is_in_stock(shop):
    rev = documents.reversal_draft(shop, ADMIN, "in-1")
    assert rev.kind == "purchase_return" and rev.body["supplier"] == "S01"
    # 50 COLA in, 14 + 3 sold, 1 sent to W2: 32 left; MILK batch B1: 9 left
    assert rev.body["lines"] == [{"sku": "COLA", "qty": "32"},
                                 {"sku": "MILK", "qty": "9", "batch": "B1"}]
    result = post_document(shop, ADMIN, rev.body)
    back = documents.reversal_draft(shop, ADMIN, result.number)
    assert back.kind == "purchase_receipt"
    assert back.body["lines"][0] == {"sku": "COLA", "qty": "32", "unit_cost": "1.50",
                                     "confirm_price": True}
    post_document(shop, ADMIN, back.body)


def test_what_cannot_be_reversed_says_why(shop):
    with pytest.raises(NotReversible) as no:
        documents.reversal_draft(shop, ADMIN, "tr-1")
    assert "stocktake" in no.value.message("en")
    lifecycle.save_draft(shop, ADMIN, {"type": "sale", "id": "d-1", "customer": "M001",
                                       "lines": [{"sku": "COLA", "qty": "1"}]})
    with pytest.raises(NotReversible) as draft:
        documents.reversal_draft(shop, ADMIN, "d-1")
    assert "草稿" in draft.value.message("zh_CN")


def test_draft_body_only_for_drafts_and_authors(shop):
    raw = {"type": "purchase_order", "id": "po-x", "supplier": "S01",
           "lines": [{"sku": "COLA", "qty": "5", "unit_cost": "1.50"}]}
    lifecycle.save_draft(shop, ADMIN, raw)
    assert documents.draft_body(shop, ADMIN, "po-x") == raw
    with pytest.raises(PermissionDenied):
        documents.draft_body(shop, LEAD, "po-x")
    with pytest.raises(NothingToEdit):
        documents.draft_body(shop, ADMIN, "sale-1")


def test_inbox_and_decision_history(shop):
    clerk = users.add_user(shop, ADMIN, "clerk", "仓管", "warehouse_clerk", "Stock-room-9")
    boss = users.add_user(shop, ADMIN, "boss", "店长", "store_manager", "Manager-pw-7")
    clerk_a = Actor(clerk.id, "clerk", "warehouse_clerk")
    boss_a = Actor(boss.id, "boss", "store_manager")
    approval_rules.add_rule(shop, ADMIN, DocType.PURCHASE_ORDER, "store_manager", 1000, None)
    for n in (1, 2):
        post(shop, "purchase_order", f"po-{n}", actor=clerk_a, supplier="S01",
             lines=[{"sku": "COLA", "qty": "100", "unit_cost": "1.50"}])
    rows = documents.inbox(shop, boss_a)
    assert [(r.id, r.author, r.party, r.level, r.levels) for r in rows] == \
        [("po-1", "仓管", "上海饮料有限公司", 1, 1), ("po-2", "仓管", "上海饮料有限公司", 1, 1)]
    assert documents.inbox(shop, clerk_a) == []
    lifecycle.approve(shop, boss_a, "po-1", "好")
    lifecycle.reject(shop, boss_a, "po-2", "数量太多")
    history = documents.decision_history(shop, boss_a, mine_only=True)
    assert [(h["id"], h["approved"], h["comment"], h["user"]) for h in history] == \
        [("po-2", False, "数量太多", "店长"), ("po-1", True, "好", "店长")]
    assert documents.decision_history(shop, clerk_a, mine_only=True) == []
    detail = documents.document_detail(shop, clerk_a, "po-2")
    assert detail["status"] == "rejected" and detail["approvals"][0]["comment"] == "数量太多"
