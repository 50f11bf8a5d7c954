"""Stock by warehouse and batch, paged in the database, with expiry states; near expiry."""
from __future__ import annotations

import pytest

from app.domain.permissions import PermissionDenied
from app.services.records import Actor
from app.services.stock_work.expiry import BadMarkdownRules, near_expiry_list, parse_rules
from app.services.stock_work.stock_list import StockQuery, stock_count, stock_page
from conftest import ADMIN, TODAY

LEAD = Actor(None, "lead", "shift_lead")


def test_rows_are_batches_with_expiry_states(shop):
    rows = stock_page(shop, ADMIN, StockQuery())
    assert stock_count(shop, ADMIN, StockQuery()) == len(rows) == 4
    milk = {r.batch: r for r in rows if r.sku == "MILK"}
    assert (milk["OLD"].state, milk["SOON"].state, milk["LATER"].state) == \
        ("expired", "near", "ok")
    assert milk["SOON"].qty_milli == 20_000 and milk["SOON"].value_fen == 6000
    cola = next(r for r in rows if r.sku == "COLA")
    assert cola.state == "" and cola.expiry is None


def test_filters_and_pages_run_in_the_database(shop):
    assert [r.batch for r in stock_page(shop, ADMIN, StockQuery(state="expired"))] == ["OLD"]
    assert {r.batch for r in stock_page(shop, ADMIN, StockQuery(state="near"))} == {"OLD", "SOON"}
    assert stock_count(shop, ADMIN, StockQuery(text="可口")) == 1
    assert stock_count(shop, ADMIN, StockQuery(warehouse="W2")) == 0
    first = stock_page(shop, ADMIN, StockQuery(), offset=0, limit=2)
    rest = stock_page(shop, ADMIN, StockQuery(), offset=2, limit=2)
    assert len(first) == len(rest) == 2 and not set(first) & set(rest)


def test_values_are_hidden_from_roles_that_do_not_see_costs(shop):
    assert all(r.value_fen is None for r in stock_page(shop, LEAD, StockQuery()))
    with pytest.raises(PermissionDenied):
        stock_page(shop, Actor(4, "c", "cashier"), StockQuery())


def test_near_expiry_suggests_markdowns_by_rule(shop):
    rows = near_expiry_list(shop, ADMIN, rules="7:50,30:20", today=TODAY)
    by_batch = {r.batch: r for r in rows}
    assert set(by_batch) == {"OLD", "SOON"}  # LATER is 90 days away
    assert by_batch["OLD"].percent_off is None and by_batch["OLD"].days_left == -2
    soon = by_batch["SOON"]
    assert (soon.days_left, soon.percent_off, soon.retail_fen, soon.suggested_fen) == \
        (5, 50, 450, 230)  # 2.25 rounded to the jiao
    assert parse_rules("30:10，7:50") == [(7, 50), (30, 10)]
    with pytest.raises(BadMarkdownRules):
        parse_rules("7-50")
