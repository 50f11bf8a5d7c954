"""The downlink against a real head office (uvicorn) on SQLite and PostgreSQL: what head
office publishes reaches the terminals, once, in order, only where it is meant to go."""
from __future__ import annotations

import threading
import time

import pytest

from app.domain.errors import AuthError
from app.persistence.keystore import KeyringKeyStore
from app.persistence.store import open_store
from app.services.auth import sign_in
from app.services.catalog_sync import apply_changes
from app.services.passwords import verify_secret
from app.sync.errors import SyncDisabled
from headoffice import admin
from headoffice.feed_records import (price_records, products_from_json, setting_record,
                                     supplier_records, unit_records, user_record)
from headoffice.publish import list_changes, publish
from hqtest import new_till

TEA = {"sku": "TEA", "name": "绿茶 500ml", "barcode": "6901234567892", "unit": "瓶",
       "retail_price": "3.00", "category": "饮料/茶饮料", "supplier": "HQ01", "tax_rate": "13%"}


@pytest.fixture
def fresh(hq, tills):
    """new() -> an enrolled till whose feed cursor is at head office's newest change: the
    session's head office carries every-store changes of earlier tests."""
    def new(**options):
        return caught_up(hq, tills(**options))

    return new


def caught_up(hq, till):
    from app.sync import settings

    settings.save(till.store, {"changes_cursor": str(list_changes(hq.engine, limit=1)["last_id"])})
    return till


def second_terminal(hq, till, tmp_path, name="till-2"):
    return caught_up(hq, new_till(hq.engine, hq.base_url, tmp_path, code=till.code,
                                  terminal=name, store_known=True))


def audits(till, action="sync.changes") -> list[tuple]:
    return till.query("SELECT target, detail FROM audit_log WHERE action = :a ORDER BY seq",
                      a=action)


def test_a_published_product_reaches_both_terminals_of_a_store(hq, fresh, tmp_path):
    first = fresh()
    second = second_terminal(hq, first, tmp_path)
    try:
        sup = publish(hq.engine, "supplier",
                      supplier_records([{"code": "HQ01", "name": "总部供应商"}]))
        done = publish(hq.engine, "product", products_from_json(
            [TEA, {"sku": "COLA", "name": "可口可乐 500ml", "unit": "瓶", "retail_price": "3.80"}]))
        for till in (first, second):
            report = till.downlink().pull()
            assert (report.applied, report.skipped, report.cursor) == (3, [], done["last_id"])
            assert till.query(
                "SELECT p.sku, p.retail_price_fen, p.member_price_fen, c.name, s.code, b.barcode "
                "FROM products p JOIN categories c ON c.id = p.category_id "
                "JOIN suppliers s ON s.id = p.supplier_id "
                "JOIN product_barcodes b ON b.product_id = p.id AND b.is_primary") == [
                ("TEA", 300, 300, "茶饮料", "HQ01", "6901234567892")]
            assert till.query("SELECT retail_price_fen FROM products WHERE sku = 'COLA'") == [(380,)]
            assert [t for t, _ in audits(till)] == [f"{sup['first_id']}-{done['last_id']}"]
            assert till.status()["changes_cursor"] == done["last_id"]
            again = till.downlink().pull()  # nothing new: nothing applied, no audit entry
            assert (again.applied, again.cursor, len(audits(till))) == (0, done["last_id"], 1)
    finally:
        second.store.close()


def test_a_price_change_arrives_within_seconds_by_long_poll(hq, fresh, tmp_path):
    first = fresh()
    second = second_terminal(hq, first, tmp_path)
    try:
        for till in (first, second):
            till.downlink().pull()  # caught up
        started = time.monotonic()
        empty = first.downlink().pull(wait=1.0)  # nothing comes: it waits, then returns empty
        assert empty.applied == 0 and time.monotonic() - started >= 0.9
        results: dict[str, tuple] = {}

        def poll(till) -> None:
            report = till.downlink().pull(wait=20)
            results[till.store.layout.root.name] = (report.applied, time.monotonic())

        threads = [threading.Thread(target=poll, args=(t,)) for t in (first, second)]
        for t in threads:
            t.start()
        time.sleep(0.5)  # both are waiting at head office now
        published = time.monotonic()
        publish(hq.engine, "price", price_records([{"sku": "COLA", "retail_price": "4.20",
                                                    "member_price": "4.00"}]))
        for t in threads:
            t.join(25)
        assert sorted(a for a, _ in results.values()) == [1, 1]
        assert max(at for _, at in results.values()) - published < 3.0  # not the 20 s timeout
        for till in (first, second):
            assert till.query("SELECT retail_price_fen, member_price_fen FROM products "
                              "WHERE sku = 'COLA'") == [(420, 400)]
    finally:
        second.store.close()


def test_a_crash_while_applying_applies_nothing_and_nothing_twice(hq, fresh):
    till = fresh()
    start = till.downlink().cursor()
    publish(hq.engine, "supplier", supplier_records([{"code": "HQ01", "name": "总部供应商"}]),
            till.code)
    done = publish(hq.engine, "product", products_from_json([TEA]), till.code)

    def crash(session, changes):
        apply_changes(till.store, session, changes)  # everything written, then the crash
        raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        till.downlink(apply=crash).pull()
    assert till.query("SELECT count(*) FROM products WHERE sku = 'TEA'") == [(0,)]
    assert (audits(till), till.downlink().cursor()) == ([], start)
    report = till.downlink().pull()
    assert (report.applied, report.cursor) == (2, done["last_id"])
    assert till.query("SELECT count(*) FROM products WHERE sku = 'TEA'") == [(1,)]
    assert till.query("SELECT count(*) FROM product_barcodes WHERE barcode = '6901234567892'") == [(1,)]
    assert till.query("SELECT count(*) FROM suppliers WHERE code = 'HQ01'") == [(1,)]
    assert len(audits(till)) == 1


def test_pages_are_read_ahead_applied_in_order_and_a_crash_stops_at_its_page(hq, fresh):
    """The next page is requested while one is applied; when a page fails, the pages
    before it stay applied, nothing after it is, and the read-ahead is dropped."""
    till = fresh()
    publish(hq.engine, "unit", unit_records([{"name": f"件{i}"} for i in range(7)]), till.code)
    ids = [c["id"] for c in list_changes(hq.engine, till.code, till.downlink().cursor())["changes"]]
    seen: list[list[int]] = []

    def apply_until_the_third(session, changes):
        seen.append([c["id"] for c in changes])
        if len(seen) == 3:
            raise RuntimeError("power cut")
        return apply_changes(till.store, session, changes)

    with pytest.raises(RuntimeError):
        till.downlink(apply=apply_until_the_third, limit=2).pull()
    assert seen == [ids[0:2], ids[2:4], ids[4:6]]
    assert till.downlink().cursor() == ids[3]
    assert till.query("SELECT count(*) FROM units WHERE name LIKE '件_'") == [(4,)]
    report = till.downlink(limit=2).pull()
    assert (report.applied, report.pages, report.requests, report.cursor) == (3, 2, 2, ids[6])
    assert till.query("SELECT count(*) FROM units WHERE name LIKE '件_'") == [(7,)]


def test_the_cursor_survives_a_restart(hq, fresh):
    till = fresh()
    first = publish(hq.engine, "setting", [setting_record("counter.rounding", "jiao")],
                    till.code)
    assert till.downlink().pull().cursor == first["last_id"]
    till.store.close()
    till.store = open_store(till.store.layout, KeyringKeyStore())
    assert till.downlink().cursor() == first["last_id"]
    assert till.downlink().pull().applied == 0
    later = publish(hq.engine, "setting", [setting_record("counter.receipt_width", "58")],
                    till.code)
    report = till.downlink().pull()
    assert (report.applied, report.cursor) == (1, later["last_id"])
    assert till.query("SELECT key, value FROM jxc_meta WHERE key LIKE 'counter.%' ORDER BY key") == [
        ("counter.receipt_width", "58"), ("counter.rounding", "jiao")]
    assert len(audits(till)) == 2


def test_head_office_sets_the_language_a_store_prints_in(hq, fresh):
    till = fresh()
    publish(hq.engine, "setting", [setting_record("store.language", "EN")], till.code)
    assert till.downlink().pull().applied == 1
    assert till.query("SELECT value FROM jxc_meta WHERE key = 'store.language'") == [("en",)]


def test_a_revoked_terminal_gets_no_changes(hq, fresh):
    till = fresh()
    till.downlink().pull()
    admin.revoke_terminal(hq.engine, till.code, "till-1")
    publish(hq.engine, "setting", [setting_record("counter.rounding", "yuan")], till.code)
    with pytest.raises(SyncDisabled):
        till.downlink().pull()
    assert till.query("SELECT count(*) FROM jxc_meta WHERE key = 'counter.rounding'") == [(0,)]
    assert till.status()["state"] == "disabled"


def test_store_only_changes_never_reach_another_store(hq, fresh):
    one, other = fresh(), fresh()
    publish(hq.engine, "setting", [setting_record("counter.rounding", "jiao")], one.code)
    publish(hq.engine, "price", price_records([{"sku": "RICE", "retail_price": "9.90"}]),
            other.code)
    shared = publish(hq.engine, "price", price_records([{"sku": "MILK", "retail_price": "5.00"}]))
    one.downlink().pull()
    other.downlink().pull()
    prices = "SELECT sku, retail_price_fen FROM products WHERE sku IN ('MILK', 'RICE') ORDER BY sku"
    assert one.query(prices) == [("MILK", 500), ("RICE", 800)]
    assert other.query(prices) == [("MILK", 500), ("RICE", 990)]
    rounding = "SELECT value FROM jxc_meta WHERE key = 'counter.rounding'"
    assert (one.query(rounding), other.query(rounding)) == ([("jiao",)], [])
    assert other.downlink().cursor() == shared["last_id"]


def test_published_users_sign_in_on_the_terminal(hq, fresh):
    till = fresh()
    publish(hq.engine, "user", [user_record("wang", "王五", "cashier", "correct horse", "2468")],
            till.code)
    till.downlink().pull()
    user = sign_in(till.store, "wang", "correct horse")
    assert (user.display_name, user.role) == ("王五", "cashier")
    pin_hash = till.query("SELECT pin_hash FROM users WHERE username = 'wang'")[0][0]
    assert verify_secret(pin_hash, "2468") and not verify_secret(pin_hash, "1357")
    publish(hq.engine, "user", [user_record("wang", "王五", "shift_lead", None, None, False)],
            till.code)
    till.downlink().pull()
    with pytest.raises(AuthError):
        sign_in(till.store, "wang", "correct horse")  # deactivated at head office
    assert till.query("SELECT role, active FROM users WHERE username = 'wang'") == [("shift_lead", 0)]
    detail = audits(till)[-1][1]
    assert "wang" in detail and "$argon2" not in detail  # named, hashes never in the log


def test_other_terminals_events_of_the_store_and_never_its_own(hq, fresh, tmp_path):
    first = fresh()
    second = second_terminal(hq, first, tmp_path)
    stranger = fresh()
    try:
        first.sell("2")
        stranger.sell()
        first.uplink().sync_now()
        stranger.uplink().sync_now()
        seen = _store_events(hq, _token(second))
        own = {u for (u,) in first.query("SELECT event_uuid FROM outbox")}
        assert {e["event_uuid"] for e in seen["events"]} == own
        assert {e["terminal_name"] for e in seen["events"]} == {"till-1"}
        mine = _store_events(hq, _token(first))
        assert mine["events"] == [] and mine["next_after"] >= max(e["id"] for e in seen["events"])
        later = _store_events(hq, _token(second), after=seen["next_after"], wait=0.5)
        assert later["events"] == []  # waited, nothing new
    finally:
        second.store.close()


def _token(till) -> str:
    from app.sync.credentials import KeyringTokenStore

    return KeyringTokenStore().get(till.store.identity.store_uuid)


def _store_events(hq, token: str, after: int = 0, wait: float = 0) -> dict:
    from app.sync.client import HqClient

    with HqClient(hq.base_url, token, timeout=5) as client:
        return client.store_events(after, wait=wait)
