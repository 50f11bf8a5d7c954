"""Report-builder definitions shared by head office (kind `report`): checked there with the
store's rules, kept at each store read-only beside its own definitions (never overwriting
one), run there on the store's own sales, withdrawn again."""
from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from click.testing import CliRunner

from app.cli import cli, register_commands
from app.services import report_builder as rb
from app.services.inventory.posting import post_document
from app.services.records import Actor
from app.services.reports import definitions
from app.services.reports.filters import ReportFilter
from app.services.reports.periods import period_of
from app.sync import settings
from headoffice.errors import PublishRefused
from headoffice.feed_reports import report_records, withdrawal
from headoffice.publish import list_changes, publish

ADMIN = Actor(None, "admin", "admin")
MANAGER = Actor(None, "admin", "store_manager")
EN = {"JXC_LANG": "en"}
BY_PRODUCT = {"dimensions": ["product"], "measures": ["quantity", "sales", "documents"],
              "chart": "table", "filters": {}, "period": "today"}
# (sku, quantity, unit price) of each line, one list per sale ticket
SALES = [[("COLA", "2", "3.50"), ("RICE", "1.5", "8.00")], [("COLA", "3", "3.20")],
         [("RICE", "0.25", "8.00")]]


@pytest.fixture
def till(hq, tills):
    made = tills()
    settings.save(made.store, {"changes_cursor": str(list_changes(hq.engine, limit=1)["last_id"])})
    return made


def sync_audit(till) -> dict:
    (detail,), = till.query("SELECT detail FROM audit_log WHERE action = 'sync.changes' "
                            "ORDER BY id DESC LIMIT 1")
    return json.loads(detail)


def sell_today(till) -> dict:
    """Post SALES dated today; returns {sku: (qty_milli, sales_fen, tickets)} summed here."""
    expected: dict[str, list[int]] = {}
    for n, lines in enumerate(SALES):
        total = sum(Decimal(q) * Decimal(p) for _, q, p in lines)
        post_document(till.store, ADMIN, {
            "type": "sale", "id": f"{till.code}-r{n}", "date": date.today().isoformat(),
            "lines": [{"sku": s, "qty": q, "unit_price": p} for s, q, p in lines],
            "payments": [{"method": "cash", "amount": str(total)}]})
        for sku in {s for s, _, _ in lines}:
            expected.setdefault(sku, [0, 0, 0])[2] += 1
        for sku, q, p in lines:
            expected[sku][0] += int(Decimal(q) * 1000)
            expected[sku][1] += int(Decimal(q) * Decimal(p) * 100)
    return {sku: tuple(v) for sku, v in expected.items()}


def run_saved(till, saved: definitions.SavedDefinition):
    """Run a saved definition as the builder screen does: its named period, its filters."""
    start, end = period_of(saved.spec.period, date.today())
    return rb.run_builder(till.store, ADMIN, saved.spec,
                          ReportFilter(start, end, **saved.spec.filters))


def test_a_definition_from_head_office_reaches_the_store_and_runs(hq, till):
    expected = sell_today(till)
    own = rb.BuilderSpec(("month",), ("sales",), "line")
    definitions.save_definition(till.store, MANAGER, "按商品", own)  # the store's own
    by_origin = {"name": "按产地", "spec": {**BY_PRODUCT, "dimensions": ["custom:product:origin"]}}
    publish(hq.engine, "report", report_records([
        {"name": "按商品", "spec": {**BY_PRODUCT, "filters": {"store": till.code}},
         "title_zh": "今日商品销售", "title_en": "Today's sales by product"}, by_origin]),
        till.code)
    report = till.downlink().pull()
    assert (report.applied, report.skipped) == (2, [])
    audit = sync_audit(till)
    assert audit["applied"] == {"report": 2}
    assert audit["report_definitions"] == [
        "按商品", "按产地 (custom fields not here: custom:product:origin)"]

    listed = {(d.name, d.origin): d for d in definitions.list_definitions(till.store)}
    assert sorted(listed) == [("按产地", "head_office"), ("按商品", "head_office"),
                              ("按商品", "local")]
    assert listed["按商品", "local"].spec == own  # never overwritten
    shared = listed["按商品", "head_office"]
    assert shared.title("zh_CN") == "今日商品销售" and shared.key == "hq:按商品"
    result = run_saved(till, shared)
    got = {r["d0"].split(" ")[0]: (r["quantity"], r["sales"], r["documents"])
           for r in result.rows}
    assert got == expected == {"COLA": (5000, 1660, 2), "RICE": (1750, 1400, 2)}
    assert result.totals["sales"] == sum(v[1] for v in expected.values())
    with pytest.raises(rb.CustomDimensionUnavailable):  # saved, and says why it cannot run
        run_saved(till, listed["按产地", "head_office"])

    changed = {**BY_PRODUCT, "dimensions": ["category"], "measures": ["sales"]}
    publish(hq.engine, "report", report_records({"name": "按商品", "spec": changed}))
    publish(hq.engine, "report", [withdrawal("按产地")], till.code)
    assert till.downlink().pull().applied == 2
    assert sync_audit(till)["report_definitions"] == ["按商品", "按产地 (withdrawn)"]
    after = [(d.name, d.origin, d.spec.dimensions) for d in definitions.list_definitions(
        till.store)]
    assert after == [("按商品", "local", ("month",)), ("按商品", "head_office", ("category",))]
    with pytest.raises(definitions.DefinitionFromHeadOffice):
        definitions.delete_definition(till.store, MANAGER, "hq:按商品")


@pytest.mark.parametrize("items, words", [
    ([{"name": "x", "spec": {**BY_PRODUCT, "measures": ["profit"]}}], "no measure 'profit'"),
    ([{"name": "x", "spec": {**BY_PRODUCT, "period": "forever"}}], "the period is one of"),
    ([{"name": "x", "spec": {**BY_PRODUCT, "dimensions": ["payment_method"]}}],
     "only net sales and documents"),
    ([{"name": "x", "spec": BY_PRODUCT}, {"name": "x", "spec": BY_PRODUCT}], "listed twice"),
    ([{"name": "ok", "spec": BY_PRODUCT}, {"name": "y", "spec": {"dimensions": ["date"]}}],
     "#2 y: The report definition is not valid: missing or malformed field 'measures'"),
])
def test_a_bad_definition_is_refused_at_head_office(hq, items, words):
    before = list_changes(hq.engine, limit=1)["last_id"]
    with pytest.raises(PublishRefused) as refused:
        publish(hq.engine, "report", report_records(items))
    assert words in refused.value.message("en")
    assert "报表定义无效" in refused.value.message("zh_CN") or "两次" in refused.value.message(
        "zh_CN")
    assert list_changes(hq.engine, limit=1)["last_id"] == before


def test_a_store_exports_a_definition_and_head_office_publishes_it(hq, till, tmp_path):
    register_commands()
    runner = CliRunner()
    expected = sell_today(till)
    mine = rb.BuilderSpec(("product",), ("sales",), "bar", {"store": till.code}, "today")
    definitions.save_definition(till.store, MANAGER, "门店商品榜", mine)
    out, data = tmp_path / "report.json", str(till.store.layout.root)
    listed = runner.invoke(cli, ["--data-dir", data, "report-definition", "list"], env=EN)
    assert listed.output == "门店商品榜\tlocal\tproduct\tsales\n", listed.output
    done = runner.invoke(cli, ["--data-dir", data, "report-definition", "export", "门店商品榜",
                               "--out", str(out)], env=EN)
    assert done.exit_code == 0, done.output
    assert json.loads(out.read_text(encoding="utf-8")) == {"name": "门店商品榜",
                                                           "spec": mine.to_json()}
    definitions.delete_definition(till.store, MANAGER, "门店商品榜")
    done = runner.invoke(cli, ["hq", "publish", "report", str(out), "--store", till.code],
                         env={"JXC_HQ_DB": hq.url, **EN})
    assert done.exit_code == 0 and "Published 1 report record(s)" in done.output, done.output
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"name": "坏", "spec": {**mine.to_json(), "chart": "radar"}}),
                   encoding="utf-8")
    refused = runner.invoke(cli, ["hq", "publish", "report", str(bad)],
                            env={"JXC_HQ_DB": hq.url, **EN})
    assert refused.exit_code == 1 and "the chart is one of bar, line, pie, table" in \
        refused.output
    assert till.downlink().pull().applied == 1
    (saved,) = definitions.list_definitions(till.store)
    assert (saved.name, saved.origin, saved.spec) == ("门店商品榜", "head_office", mine)
    assert {r["d0"].split(" ")[0]: r["sales"] for r in run_saved(till, saved).rows} == {
        sku: v[1] for sku, v in expected.items()}
    done = runner.invoke(cli, ["hq", "publish", "report-withdraw", "门店商品榜"],
                         env={"JXC_HQ_DB": hq.url, **EN})
    assert done.exit_code == 0, done.output
    assert till.downlink().pull().applied == 1
    assert definitions.list_definitions(till.store) == []
