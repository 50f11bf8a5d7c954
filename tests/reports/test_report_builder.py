"""The report builder against raw rows summed in the test, its whitelist, its permissions,
and saved definitions (local, shared through the outbox, and from head office)."""
from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import text

from app.domain.permissions import PermissionDenied
from app.persistence.uow import UnitOfWork
from app.services import report_builder as rb
from app.services.records import Actor
from app.services.reports import definitions
from app.services.reports.export import render
from app.services.reports.filters import ReportFilter
from oracle_rows import ids, sales_lines, summed

FEB, MAY = date(2026, 2, 1), date(2026, 5, 31)
NOW = datetime(2026, 6, 1, 8, 0)
WHOLE = ReportFilter(FEB, MAY)


def spec(dims, measures, **kw) -> rb.BuilderSpec:
    return rb.BuilderSpec(tuple(dims), tuple(measures), **kw)


def test_by_category_and_month_matches_raw_lines(shop):
    result = rb.run_builder(shop.store, shop.admin, spec(
        ["month", "product"], ["quantity", "sales", "discounts", "cogs", "gross_profit",
                               "margin", "documents"]), WHOLE)
    skus = {v: k for k, v in ids(shop.store, "products", "sku").items()}
    expected = summed(sales_lines(shop.store), FEB, MAY,
                      lambda r: (r["day"].strftime("%Y-%m"), r["sku"]))
    got = {(row["d0"], row["d1"].split(" ")[0]): row for row in result.rows}
    assert set(got) == set(expected) and skus
    for key, m in expected.items():
        row = got[key]
        assert (row["quantity"], row["sales"], row["discounts"], row["cogs"],
                row["gross_profit"], row["documents"]) == (
            m["qty"], m["net_sales"], m["discount"], m["cogs"], m["profit"], m["tickets"]), key
        assert row["margin"] == (round(m["profit"] * 10_000 / m["revenue"]) if m["revenue"]
                                 else None)
    whole = summed(sales_lines(shop.store), FEB, MAY, lambda r: 0)[0]
    assert result.totals["sales"] == whole["net_sales"]
    assert result.totals["documents"] == whole["tickets"]
    assert [r["d0"] for r in result.rows] == sorted(r["d0"] for r in result.rows)


def test_by_week_starts_on_monday_and_filters_apply(shop):
    result = rb.run_builder(shop.store, shop.admin, spec(["week"], ["sales"]),
                            ReportFilter(FEB, MAY, category="01"))
    assert all(date.fromisoformat(r["d0"]).weekday() == 0 for r in result.rows)
    lines = [r for r in sales_lines(shop.store) if r["sku"] in ("COLA", "MILK")]
    assert result.totals["sales"] == summed(lines, FEB, MAY, lambda r: 0)[0]["net_sales"]


def test_by_payment_method_adds_up_to_the_documents(shop):
    result = rb.run_builder(shop.store, shop.admin, spec(["payment_method"],
                                                         ["sales", "documents"]), WHOLE)
    with UnitOfWork(shop.store.engine, write=False) as uow:
        total = uow.session.execute(text(
            "SELECT sum(CASE WHEN doc_type = 'sale' THEN total_fen ELSE -total_fen END), "
            "sum(doc_type = 'sale') FROM documents WHERE status = 'posted' AND doc_type IN "
            "('sale', 'customer_return') AND business_date BETWEEN '2026-02-01' AND "
            "'2026-05-31'")).one()
    assert [r["d0"] for r in result.rows] == ["cash"]  # change folded into cash
    assert (result.rows[0]["sales"], result.rows[0]["documents"]) == tuple(total)
    with pytest.raises(rb.BadDefinition):
        rb.run_builder(shop.store, shop.admin, spec(["payment_method"], ["quantity"]), WHOLE)
    with pytest.raises(rb.BadDefinition) as refused:
        rb.run_builder(shop.store, shop.admin, spec(["payment_method"], ["sales"]),
                       ReportFilter(FEB, MAY, product="COLA"))
    assert "付款" in refused.value.message("zh_CN")


@pytest.mark.parametrize("dims,measures,chart", [
    ([], ["sales"], "bar"), (["date"], [], "bar"), (["date; DROP TABLE documents"], ["sales"], "bar"),
    (["date"], ["sales) FROM x --"], "bar"), (["date"], ["sales"], "radar"),
    (["date", "date"], ["sales"], "bar"), (["date", "store", "product", "brand"], ["sales"], "bar")])
def test_only_whitelisted_names_reach_a_query(shop, dims, measures, chart):
    with pytest.raises(rb.BadDefinition):
        rb.run_builder(shop.store, shop.admin, spec(dims, measures, chart=chart), WHOLE)


def test_filter_values_are_parameters_not_sql(shop):
    from app.services.reports.filters import UnknownFilterValue

    with pytest.raises(UnknownFilterValue):
        rb.run_builder(shop.store, shop.admin, spec(["product"], ["sales"]),
                       ReportFilter(FEB, MAY, product="x' OR '1'='1"))


def test_costs_are_refused_to_whom_they_are_hidden_and_cashiers_see_their_own(shop):
    with pytest.raises(PermissionDenied):
        rb.run_builder(shop.store, shop.c1, spec(["product"], ["gross_profit"]), WHOLE)
    mine = rb.run_builder(shop.store, shop.c1, spec(["cashier"], ["sales"]), WHOLE)
    assert [r["d0"].split(" ")[0] for r in mine.rows] == ["c1"]


def test_every_dimension_runs_and_exports(shop):
    whole = summed(sales_lines(shop.store), FEB, MAY, lambda r: 0)[0]["net_sales"]
    for dim in rb.DIMENSIONS:
        measures = ["sales", "documents"] if dim == "payment_method" else ["sales", "quantity"]
        result = rb.run_builder(shop.store, shop.admin, spec([dim], measures), WHOLE)
        assert result.rows, dim
        assert result.totals["sales"] == whole, dim
        assert sum(r["sales"] for r in result.rows) == whole, dim
        assert render(result, "csv", "zh_CN").startswith("\ufeff".encode())
    walk_in = rb.run_builder(shop.store, shop.admin, spec(["customer"], ["sales"]), WHOLE)
    assert any("散客" in r["d0"] for r in walk_in.rows)
    assert render(walk_in, "pdf", "zh_CN").startswith(b"%PDF")


def test_definitions_save_share_list_and_come_from_head_office(shop):
    manager = Actor(shop.admin.user_id, "admin", "store_manager")
    chosen = spec(["month", "category"], ["sales", "gross_profit"], chart="line",
                  filters={"store": "S001"}, period="last_month")
    definitions.save_definition(shop.store, manager, "月度分类毛利", chosen, shared=True)
    with UnitOfWork(shop.store.engine, write=False) as uow:
        event = uow.session.execute(text(
            "SELECT payload FROM outbox WHERE event_type = 'report_definition.saved' "
            "ORDER BY id DESC LIMIT 1")).scalar()
    payload = json.loads(event)
    assert payload["name"] == "月度分类毛利" and payload["spec"] == chosen.to_json()
    saved = {d.name: d for d in definitions.list_definitions(shop.store, actor=shop.c1)}
    assert saved["月度分类毛利"].spec == chosen and saved["月度分类毛利"].shared
    with pytest.raises(PermissionDenied):
        definitions.save_definition(shop.store, shop.c1, "x", chosen)
    by_store = spec(["store"], ["sales"])
    with UnitOfWork(shop.store.engine) as uow:  # what the change-feed applier does
        note = definitions.apply_published(uow.session, {
            "name": "月度分类毛利", "spec": by_store.to_json(), "title_zh": "各店销售"}, NOW)
        uow.commit()
    assert note == "月度分类毛利"
    listed = definitions.list_definitions(shop.store)
    assert [(d.name, d.origin) for d in listed] == [("月度分类毛利", "local"),
                                                    ("月度分类毛利", "head_office")]
    own, hq = listed
    assert own.spec == chosen and own.shared  # the store's own: untouched
    assert (hq.spec, hq.key, hq.title("zh_CN"), hq.title("en")) == (
        by_store, "hq:月度分类毛利", "各店销售", "各店销售")
    with pytest.raises(definitions.DefinitionFromHeadOffice):
        definitions.delete_definition(shop.store, manager, "hq:月度分类毛利")
    with pytest.raises(definitions.BadDefinitionName):
        definitions.save_definition(shop.store, manager, "HQ:月度分类毛利", chosen)
    with pytest.raises(rb.BadDefinition), UnitOfWork(shop.store.engine) as uow:
        definitions.apply_published(uow.session, {"name": "bad", "spec": {
            "dimensions": ["date"], "measures": ["1; DROP TABLE x"]}}, NOW)
    definitions.delete_definition(shop.store, manager, "月度分类毛利")
    with pytest.raises(definitions.DefinitionFromHeadOffice):  # head office's is left
        definitions.delete_definition(shop.store, manager, "月度分类毛利")
    with pytest.raises(definitions.DefinitionFromHeadOffice):  # and cannot be overwritten
        definitions.save_definition(shop.store, manager, "月度分类毛利", chosen)
    with UnitOfWork(shop.store.engine, write=False) as uow:
        kinds = [r[0] for r in uow.session.execute(text(
            "SELECT event_type FROM outbox WHERE event_type LIKE 'report_definition.%' "
            "ORDER BY id"))]
    assert kinds[-1] == "report_definition.deleted"
    assert definitions.export_definition(shop.store, "月度分类毛利") == {
        "name": "月度分类毛利", "spec": by_store.to_json(), "title_zh": "各店销售",
        "title_en": ""}
    with UnitOfWork(shop.store.engine) as uow:
        note = definitions.apply_published(uow.session, {"name": "月度分类毛利",
                                                         "active": False}, NOW)
        uow.commit()
    assert note == "月度分类毛利 (withdrawn)" and definitions.list_definitions(shop.store) == []
