"""How a terminal applies the feed: every kind of record, records it cannot apply set aside
with the reason (never blocking the rest), an unknown kind stopping the feed without loss,
and the commands head office and the till use."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import insert

from app.cli import cli, register_commands
from app.services.auth import sign_in
from app.services.catalog_sync import UnknownChangeKind
from app.sync import settings
from headoffice import db
from headoffice.admin import store_by_code, utc_now
from headoffice.feed_records import (category_records, price_records, products_from_json,
                                     setting_record, supplier_records, unit_records)
from headoffice.models import Change
from headoffice.publish import list_changes, publish

EN = {"JXC_LANG": "en"}


@pytest.fixture
def till(hq, tills):
    made = tills()
    assert settings.read_all(made.store)["changes_cursor"] == "0"  # enrolling starts the feed
    settings.save(made.store, {"changes_cursor": str(list_changes(hq.engine, limit=1)["last_id"])})
    return made


def test_every_kind_applies_and_what_cannot_is_set_aside(hq, till):
    with till.store.engine.begin() as conn:  # a barcode this store already gave to COLA
        conn.exec_driver_sql("INSERT INTO product_barcodes (barcode, product_id, is_primary) "
                             "SELECT '6901234567892', id, 1 FROM products WHERE sku = 'COLA'")
    code = till.code
    publish(hq.engine, "unit", unit_records([{"name": "箱"}, {"name": "斤", "is_weighed": True}]), code)
    publish(hq.engine, "category", category_records(["饮料/茶饮料", "粮油"]), code)
    publish(hq.engine, "supplier", supplier_records([{"code": "HQ01", "name": "总部", "phone": "1"}]), code)
    publish(hq.engine, "product", products_from_json([
        {"sku": "TEA", "name": "绿茶", "barcode": "6901234567892", "unit": "瓶", "retail_price": "3"},
        {"sku": "OIL", "name": "花生油 5L", "unit": "桶", "retail_price": "79.9",
         "category": "粮油", "supplier": "HQ01", "active": False},
        {"sku": "RICE", "name": "五常大米 散装", "unit": "kg", "retail_price": "8", "costing": "fifo"}]), code)
    publish(hq.engine, "price", price_records([{"sku": "NOPE", "retail_price": "1"},
                                               {"sku": "MILK", "wholesale_price": "4"}]), code)
    publish(hq.engine, "setting", [setting_record("counter.printer", "nonsense://x"),
                                   setting_record("counter.receipt_width", "58"),
                                   setting_record("defaults.warehouse", "NOWHERE"),
                                   setting_record("defaults.supplier", "HQ01")], code)
    report = till.downlink().pull()
    reasons = {s["key"]: s["reason_en"] for s in report.skipped}
    assert set(reasons) == {"TEA", "RICE", "NOPE", "counter.printer", "defaults.warehouse"}
    assert "no such warehouse" in reasons["defaults.warehouse"]
    assert "already belongs to another product" in reasons["TEA"]
    assert "costing" in reasons["RICE"] and "no product NOPE" in reasons["NOPE"]
    assert report.applied == 14 - 5
    assert till.query("SELECT name, is_weighed FROM units WHERE name IN ('箱', '斤') ORDER BY name") == [
        ("斤", 1), ("箱", 0)]
    assert till.query("SELECT c.name, p.name FROM categories c LEFT JOIN categories p "
                      "ON p.id = c.parent_id WHERE c.name IN ('茶饮料', '粮油') ORDER BY c.name") == [
        ("粮油", None), ("茶饮料", "饮料")]
    assert till.query("SELECT p.active, s.code, c.name, u.name FROM products p "
                      "JOIN suppliers s ON s.id = p.supplier_id JOIN categories c ON c.id = p.category_id "
                      "JOIN units u ON u.id = p.unit_id WHERE p.sku = 'OIL'") == [(0, "HQ01", "粮油", "桶")]
    assert till.query("SELECT count(*) FROM products WHERE sku = 'TEA'") == [(0,)]
    assert till.query("SELECT wholesale_price_fen FROM products WHERE sku = 'MILK'") == [(400,)]
    assert till.query("SELECT value FROM jxc_meta WHERE key LIKE 'counter.%'") == [("58",)]
    (detail,), = till.query("SELECT detail FROM audit_log WHERE action = 'sync.changes'")
    audit = json.loads(detail)
    assert audit["skipped_count"] == 5 and audit["by"] == "head-office"
    assert audit["applied"] == {"unit": 2, "category": 2, "supplier": 1, "product": 1,
                                "price": 1, "setting": 2}
    assert till.query("SELECT value FROM jxc_meta WHERE key LIKE 'defaults.%'") == [("HQ01",)]


def test_an_unknown_kind_stops_the_feed_without_losing_anything(hq, till):
    before = till.downlink().cursor()
    publish(hq.engine, "setting", [setting_record("counter.rounding", "jiao")], till.code)
    store_id = db.read(hq.engine, lambda s: store_by_code(s, till.code).id)
    db.write(hq.engine, lambda s: s.execute(insert(Change).values(
        store_id=store_id, kind="promotion", key="P1", payload="{}", published_at=utc_now(),
        published_by="a newer head office")))
    with pytest.raises(UnknownChangeKind) as stopped:
        till.downlink().pull()
    assert "Upgrade JXC" in stopped.value.message("en")
    assert till.downlink().cursor() == before  # the page is not applied: nothing skipped
    assert till.query("SELECT count(*) FROM jxc_meta WHERE key = 'counter.rounding'") == [(0,)]


def test_publish_from_the_command_line_and_receive_with_sync_now(hq, till, tmp_path):
    register_commands()
    runner = CliRunner()

    def hq_cli(*args, input=None):
        result = runner.invoke(cli, ["hq", *args], env={"JXC_HQ_DB": hq.url, **EN}, input=input)
        assert result.exit_code == 0, result.output
        return result.output

    products = tmp_path / "products.json"
    products.write_text(json.dumps([{"商品编码": "TEA", "商品名称": "绿茶", "单位": "瓶",
                                     "零售价": 3.5, "条码": ["6901234567892"]}]), encoding="utf-8")
    assert "Published 1 product record(s) for store" in hq_cli(
        "publish", "products", str(products), "--store", till.code)
    csv = tmp_path / "prices.csv"
    csv.write_text("sku,name,barcode,unit,retail_price,category,costing,shelf_life_days\n"
                   "COLA,可口可乐 500ml,,瓶,3.90,,,\n", encoding="utf-8")
    hq_cli("publish", "products", str(csv), "--store", till.code)
    hq_cli("publish", "setting", "counter.rounding", "JIAO", "--store", till.code)
    hq_cli("publish", "user", "zhao", "--name", "赵六", "--role", "store_manager", "--with-pin",
           "--store", till.code, input="good password\ngood password\n4321\n4321\n")
    bad = runner.invoke(cli, ["hq", "publish", "setting", "counter.rounding", "cents"],
                        env={"JXC_HQ_DB": hq.url, **EN})
    assert bad.exit_code == 1 and "not a valid value" in bad.output
    start = str(till.downlink().cursor())
    listed = json.loads(hq_cli("changes", "--store", till.code, "--after", start, "--format", "json"))
    assert [c["kind"] for c in listed["changes"]] == ["product", "product", "setting", "user"]
    assert "good password" not in json.dumps(listed) and "$argon2" not in json.dumps(listed)

    till.store.close()
    result = runner.invoke(cli, ["--data-dir", str(till.store.layout.root), "sync", "now",
                                 "--format", "json"], env=EN)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert (summary["changes_applied"], summary["changes_set_aside"]) == (4, [])
    assert summary["changes_cursor"] == listed["last_id"]
    from app.persistence.keystore import KeyringKeyStore
    from app.persistence.store import open_store

    till.store = open_store(till.store.layout, KeyringKeyStore())
    assert sign_in(till.store, "zhao", "good password").role == "store_manager"
    assert till.query("SELECT p.retail_price_fen, b.barcode FROM products p LEFT JOIN "
                      "product_barcodes b ON b.product_id = p.id WHERE p.sku IN ('TEA', 'COLA') "
                      "ORDER BY p.sku") == [(390, None), (350, "6901234567892")]
    status = runner.invoke(cli, ["--data-dir", str(till.store.layout.root), "sync", "status",
                                 "--format", "json"], env=EN)
    assert json.loads(status.output)["changes_cursor"] == listed["last_id"]


def test_a_page_another_puller_applied_is_not_applied_again(hq, till):
    done = publish(hq.engine, "setting", [setting_record("counter.rounding", "jiao")], till.code)
    applied: list = []
    down = till.downlink(apply=lambda session, rows: applied.append(rows) or {})
    fetch = down._fetch

    def racing_fetch(*args, **kwargs):  # a second process applies the page meanwhile
        page = fetch(*args, **kwargs)
        if page["changes"]:
            settings.save(till.store, {"changes_cursor": str(page["changes"][-1]["id"])})
        return page

    down._fetch = racing_fetch
    report = down.pull()
    assert (applied, report.applied, report.cursor) == ([], 0, done["last_id"])


def test_a_feed_out_of_order_is_refused():
    from app.sync.downlink import _check_order
    from app.sync.errors import BadFeed

    _check_order([{"id": 4}, {"id": 9}], 3)
    for rows, cursor in (([{"id": 5}, {"id": 5}], 0), ([{"id": 3}], 3), ([{"id": "7"}], 0)):
        with pytest.raises(BadFeed):
            _check_order(rows, cursor)
