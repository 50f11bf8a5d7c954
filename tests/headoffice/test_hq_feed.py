"""The change feed at head office: what may be published, the API that serves it, and the
ordering guarantee (a cursor never passes a change or an event still being written)."""
from __future__ import annotations

import threading
import time
from datetime import datetime

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import insert

from app.domain.product_rows import validate_row
from app.services.passwords import hash_secret as terminal_hash
from app.services.passwords import verify_secret
from headoffice import admin, db, ingest
from headoffice.errors import PublishRefused, StoreNotFound
from headoffice.feed_records import (category_records, price_records, product_cells,
                                     products_from_json, setting_record, supplier_records,
                                     unit_records, user_record)
from headoffice.models import Change
from headoffice.publish import list_changes, lock_publishers, publish
from headoffice.schemas import Batch
from test_hq_api import enrolled, event, upload
from test_hq_fuzz import FUZZ

FULL = {"sku": "TEA", "name": "绿茶  500ml", "barcode": "6901234567892, 6901234567885",
        "unit": "瓶", "retail_price": "¥3", "category": "饮料／茶饮料", "costing": "平均",
        "shelf_life_days": "365天", "member_price": "2.8", "wholesale_price": 2.5,
        "purchase_price": "1.20", "tax_rate": "9%", "brand": "某品牌", "supplier": "S01",
        "spec": "500ml", "min_stock": "1.5", "max_stock": "100"}


def get(hq, token: str, path: str, **params) -> httpx.Response:
    return httpx.get(f"{hq.base_url}/api/v1{path}", params=params, timeout=15,
                     headers={"Authorization": f"Bearer {token}"})


def test_product_records_are_the_import_columns_normalised():
    (sku, cells), = products_from_json([dict(FULL, active=False)])
    assert sku == "TEA" and cells.pop("active") is False
    assert cells == {"sku": "TEA", "name": "绿茶 500ml", "barcode": "6901234567892,6901234567885",
                     "unit": "瓶", "retail_price": "3.00", "category": "饮料/茶饮料",
                     "costing": "average", "shelf_life_days": "365", "member_price": "2.80",
                     "wholesale_price": "2.50", "purchase_price": "1.20", "tax_rate": "9%",
                     "brand": "某品牌", "supplier": "S01", "spec": "500ml", "min_stock": "1.5",
                     "max_stock": "100"}
    row = validate_row(7, cells)
    assert product_cells(row) == cells and validate_row(7, product_cells(row)) == row
    chinese = products_from_json([{"商品编码": "X1", "商品名称": "米", "单位": "kg", "零售价": "5"}])
    assert chinese == [("X1", {"sku": "X1", "name": "米", "unit": "kg", "retail_price": "5.00"})]


@pytest.mark.parametrize("build, bad", [
    (products_from_json, [{"sku": "A", "name": "x", "unit": "瓶", "retail_price": "-1"}]),
    (products_from_json, [{"sku": "A", "name": "x", "unit": "瓶", "retail_price": "1"}] * 2),
    (products_from_json, [{"sku": "A", "name": "x", "unit": "瓶", "retail_price": "1",
                           "active": "yes"}]),
    (products_from_json, {"sku": "A"}),
    (price_records, [{"sku": "A"}]),
    (price_records, [{"sku": "A", "retail_price": "1.234"}]),
    (unit_records, [{"name": "x" * 17}]),
    (category_records, ["a/b/c"]),
    (supplier_records, [{"code": "S 1", "name": "n"}]),
])
def test_bad_records_are_refused_whole(build, bad):
    with pytest.raises(PublishRefused) as refused:
        build(bad)
    assert refused.value.message("en").startswith("Nothing was published")
    assert refused.value.message("zh").startswith("没有发布任何内容")


def test_users_are_checked_and_hashed_like_the_terminal_does():
    key, data = user_record("li", None, "cashier", "long enough", "1234")
    assert (key, data["display_name"], data["active"]) == ("li", "li", True)
    assert verify_secret(data["password_hash"], "long enough")
    assert verify_secret(data["pin_hash"], "1234")
    params = lambda h: h.split("$")[1:4]  # algorithm, version, m/t/p
    assert params(data["password_hash"]) == params(terminal_hash("x"))
    for args in [("li", None, "boss", "long enough", None), ("li", None, "cashier", "short", None),
                 ("l i", None, "cashier", None, None), ("li", None, "cashier", None, "12a4")]:
        with pytest.raises(PublishRefused):
            user_record(*args)
    assert "password_hash" not in user_record("li", "李", "admin", None, None)[1]
    with pytest.raises(PublishRefused):
        setting_record("Bad Key", "x")


def test_publish_is_all_or_nothing_and_listed_without_secrets(hq):
    before = list_changes(hq.engine, limit=1)["last_id"]
    code, _ = enrolled(hq)
    with pytest.raises(StoreNotFound):
        publish(hq.engine, "setting", [setting_record("counter.rounding", "jiao")], "NOPE")
    assert list_changes(hq.engine, limit=1)["last_id"] == before
    done = publish(hq.engine, "user", [user_record("li", "李", "cashier", "long enough", None)],
                   code, by="tester")
    assert done["count"] == 1 and done["first_id"] == done["last_id"] > before
    shown = list_changes(hq.engine, code, after=before)["changes"]
    assert [(c["kind"], c["key"], c["store"], c["published_by"]) for c in shown] == [
        ("user", "li", code, "tester")]
    assert shown[0]["data"]["password_hash"] == "***"


def test_the_feed_api_serves_a_store_its_changes_in_order(hq):
    code, token = enrolled(hq)
    other, other_token = enrolled(hq)
    start = list_changes(hq.engine, limit=1)["last_id"]
    mine = publish(hq.engine, "setting", [setting_record("counter.rounding", "jiao")], code)
    publish(hq.engine, "setting", [setting_record("counter.rounding", "yuan")], other)
    everyone = publish(hq.engine, "unit", unit_records([{"name": "箱"}, {"name": "斤", "is_weighed": True}]))
    page = get(hq, token, "/changes", after=start).json()
    assert [(c["id"], c["kind"], c["scope"]) for c in page["changes"]] == [
        (mine["first_id"], "setting", "store"), (everyone["first_id"], "unit", "all"),
        (everyone["last_id"], "unit", "all")]
    assert page["changes"][0]["data"] == {"key": "counter.rounding", "value": "jiao"}
    assert (page["next_after"], page["more"]) == (everyone["last_id"], False)
    first = get(hq, token, "/changes", after=start, limit=1).json()
    assert (len(first["changes"]), first["more"], first["next_after"]) == (1, True, mine["first_id"])
    theirs = get(hq, other_token, "/changes", after=start).json()["changes"]
    assert [c["data"].get("value") for c in theirs] == ["yuan", None, None]
    assert get(hq, "jxct_forged", "/changes").status_code == 401
    assert get(hq, token, "/changes", wait=61).status_code == 422
    assert get(hq, token, "/changes", limit=0).status_code == 422
    spec = httpx.get(f"{hq.base_url}/openapi.json").json()
    assert {"/api/v1/changes", "/api/v1/store-events"} <= set(spec["paths"])


def held_open(engine, write, release: threading.Event) -> threading.Thread:
    """A writer that has written (and taken its locks) but waits for `release` to commit."""
    def work(s):
        write(s)
        release.wait(20)

    thread = threading.Thread(target=db.write, args=(engine, work))
    thread.start()
    return thread


def test_a_cursor_never_passes_a_change_still_being_written(hq):
    """Publisher A has its id but has not committed; publisher B comes later. If B's higher
    id became visible first, a reader would move past A's for good. B must wait for A."""
    code, token = enrolled(hq)
    start = list_changes(hq.engine, limit=1)["last_id"]
    release, first = threading.Event(), []

    def slow_publisher(s):
        lock_publishers(s)
        first.append(s.scalars(insert(Change).returning(Change.id), [
            {"store_id": None, "kind": "unit", "key": "箱", "payload": '{"name":"箱"}',
             "published_at": datetime(2026, 1, 1), "published_by": "slow"}]).one())

    slow = held_open(hq.engine, slow_publisher, release)
    time.sleep(0.3)
    later = threading.Thread(target=publish, args=(hq.engine, "unit", unit_records([{"name": "件"}])))
    later.start()
    time.sleep(0.3)
    early = get(hq, token, "/changes", after=start).json()
    release.set()
    slow.join()
    later.join()
    rest = get(hq, token, "/changes", after=early["next_after"]).json()
    seen = [c["key"] for c in early["changes"] + rest["changes"]]
    assert early["changes"] == [] and seen == ["箱", "件"]


def test_a_store_cursor_never_passes_an_event_still_being_written(hq):
    code, reader = enrolled(hq, name="reader")
    slow_token, fast_token = (enrolled(hq, code, name=n)[1] for n in ("slow", "fast"))
    start = get(hq, reader, "/store-events").json()["next_after"]
    release, slow_event = threading.Event(), event(1)

    def slow_ingest(s):
        ingest._apply(s, admin.authenticate(s, slow_token),
                      Batch(store_code=code, events=[slow_event]), admin.utc_now(), 300)

    slow = held_open(hq.engine, slow_ingest, release)
    time.sleep(0.3)
    fast = threading.Thread(target=upload, args=(hq, fast_token, code, [event(1, sku="MILK")]))
    fast.start()
    time.sleep(0.3)
    early = get(hq, reader, "/store-events", after=start).json()
    release.set()
    slow.join()
    fast.join()
    rest = get(hq, reader, "/store-events", after=early["next_after"]).json()
    names = [e["terminal_name"] for e in early["events"] + rest["events"]]
    assert early["events"] == [] and names == ["slow", "fast"]


def test_feed_queries_never_answer_500(hq):
    _, token = enrolled(hq)
    with httpx.Client(base_url=hq.base_url + "/api/v1", timeout=30,
                      headers={"Authorization": f"Bearer {token}"}) as http:
        @FUZZ
        @given(path=st.sampled_from(["/changes", "/store-events"]),
               after=st.text(max_size=25) | st.integers(-2 ** 70, 2 ** 70).map(str),
               limit=st.text(max_size=8), wait=st.sampled_from(["", "nan", "inf", "-1", "0.01", "1e9", "x"]))
        def run(path, after, limit, wait):
            answer = http.get(path, params={"after": after, "limit": limit or "5", "wait": wait})
            assert answer.status_code < 500, answer.text[:200]
            assert isinstance(answer.json(), dict)

        run()


def test_a_revoked_terminal_reads_nothing(hq):
    code, token = enrolled(hq)
    assert get(hq, token, "/store-events").status_code == 200
    admin.revoke_terminal(hq.engine, code, "till-1")
    for path in ("/changes", "/store-events"):
        answer = get(hq, token, path, wait=1)
        assert answer.status_code == 403 and answer.json()["code"] == "terminal_revoked"
