"""The head-office API over HTTP (a real uvicorn with two workers), on SQLite and PostgreSQL."""
from __future__ import annotations

import gzip
import json
import threading
import uuid
from datetime import datetime

import httpx
from sqlalchemy import select

from headoffice import admin, db
from headoffice.models import Event, EventConflict
from hqtest import hq_counts, new_code


def enrolled(hq, code: str | None = None, name: str = "till-1") -> tuple[str, str]:
    code = code or new_code("A")
    try:
        admin.add_store(hq.engine, code, "门店")
    except Exception:
        pass  # second terminal of the same store
    added = admin.add_terminal(hq.engine, code, name)
    answer = httpx.post(f"{hq.base_url}/api/v1/enroll",
                        json={"code": added["enrollment_code"], "store_code": code})
    assert answer.status_code == 200, answer.text
    return code, answer.json()["token"]


def event(n: int = 1, uid: str | None = None, payload: str = "{}", sku: str = "COLA") -> dict:
    return {"event_uuid": uid or str(uuid.uuid4()), "event_type": "document.posted", "seq": n,
            "created_at": "2026-03-01T08:00:00", "payload": payload,
            "facts": {"moves": [{"sku": sku, "warehouse": "MAIN", "qty_milli": -1000,
                                 "value_fen": -100}],
                      "sales": [{"day": "2026-03-01", "sku": sku, "qty_milli": 1000,
                                 "amount_fen": 350}]}}


def upload(hq, token: str, store: str, events: list, audit: dict | None = None, **kw):
    body = {"store_code": store, "events": events, **({"audit": audit} if audit else {})}
    return httpx.post(f"{hq.base_url}/api/v1/events", json=body,
                      headers={"Authorization": f"Bearer {token}"}, timeout=30, **kw)


def test_enrollment_codes_are_one_time_and_store_bound(hq):
    code = new_code("E")
    admin.add_store(hq.engine, code, "门店")
    added = admin.add_terminal(hq.engine, code, "till-1")
    url = f"{hq.base_url}/api/v1/enroll"
    wrong = httpx.post(url, json={"code": added["enrollment_code"], "store_code": "OTHER"})
    assert wrong.status_code == 409 and wrong.json()["code"] == "store_mismatch"
    typed = added["enrollment_code"].lower().replace("-", " ")  # read over the phone
    first = httpx.post(url, json={"code": typed, "store_code": code, "device": "d1"})
    assert first.status_code == 200 and first.json()["token"].startswith("jxct_")
    again = httpx.post(url, json={"code": added["enrollment_code"], "store_code": code})
    assert again.status_code == 403 and again.json()["code"] == "enrollment_code_invalid"
    # the same device repeating (its answer was lost) gets a fresh token; the old one dies
    repeat = httpx.post(url, json={"code": typed, "store_code": code, "device": "d1"})
    assert repeat.status_code == 200
    me = f"{hq.base_url}/api/v1/me"
    assert httpx.get(me, headers={"Authorization": "Bearer " + first.json()["token"]}).status_code == 401
    assert httpx.get(me, headers={"Authorization": "Bearer " + repeat.json()["token"]}).json()[
        "store_code"] == code


def test_tokens_only_in_the_header_and_revocation_disables(hq):
    code, token = enrolled(hq)
    me = f"{hq.base_url}/api/v1/me"
    assert httpx.get(me).status_code == 401
    assert httpx.get(me, params={"token": token}).status_code == 401
    assert httpx.get(me, headers={"Authorization": "Bearer jxct_forged"}).status_code == 401
    assert httpx.get(me, headers={"Authorization": f"Bearer {token}"}).status_code == 200
    admin.revoke_terminal(hq.engine, code, "till-1")
    revoked = httpx.get(me, headers={"Authorization": f"Bearer {token}"})
    assert revoked.status_code == 403 and revoked.json()["code"] == "terminal_revoked"
    assert "离线" in revoked.json()["message_zh"]
    assert token not in hq.server.log()


def test_a_replay_gets_the_original_result_and_a_changed_body_is_refused(hq):
    code, token = enrolled(hq)
    e = event()
    first = upload(hq, token, code, [e]).json()["results"][0]
    assert first["status"] == "applied"
    replay = upload(hq, token, code, [e, e]).json()["results"]
    assert [r["status"] for r in replay] == ["duplicate", "duplicate"]
    assert replay[0]["result"] == first["result"]
    changed = upload(hq, token, code, [dict(e, payload='{"total_fen":1}')]).json()["results"][0]
    assert changed["status"] == "conflict" and changed["error"]["code"] == "conflicting_event"
    row = db.read(hq.engine, lambda s: s.scalars(select(Event).where(
        Event.event_uuid == e["event_uuid"])).one())
    assert row.flagged and "different body" in row.flag_reason
    conflicts = db.read(hq.engine, lambda s: s.scalars(select(EventConflict).where(
        EventConflict.event_uuid == e["event_uuid"])).all())
    assert len(conflicts) == 1
    assert hq_counts(hq.engine, code)["stock"] == {("COLA", "MAIN"): (-1000, -100)}


def test_a_terminal_writes_only_its_own_store(hq):
    mine, token = enrolled(hq)
    other, other_token = enrolled(hq)
    refused = upload(hq, token, other, [event()])
    assert refused.status_code == 403 and refused.json()["code"] == "wrong_store"
    theirs = event()
    upload(hq, other_token, other, [theirs])
    stolen = upload(hq, token, mine, [theirs]).json()["results"][0]
    assert stolen["status"] == "conflict" and stolen["result"] is None
    assert hq_counts(hq.engine, mine)["events"] == 0


def test_concurrent_duplicate_deliveries_apply_once(hq):
    code, token = enrolled(hq)
    batch = [event(n) for n in range(1, 31)]
    answers, barrier = [], threading.Barrier(6)

    def send():
        barrier.wait()
        answers.append(upload(hq, token, code, batch).json()["results"])

    threads = [threading.Thread(target=send) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    applied = [r["event_uuid"] for a in answers for r in a if r["status"] == "applied"]
    assert sorted(applied) == sorted(e["event_uuid"] for e in batch)  # each exactly once
    assert all(r["status"] in ("applied", "duplicate") for a in answers for r in a)
    assert hq_counts(hq.engine, code) == {"events": 30,
                                          "stock": {("COLA", "MAIN"): (-30000, -3000)}}


def test_a_reused_sequence_number_is_kept_but_flagged(hq):
    code, token = enrolled(hq)
    upload(hq, token, code, [event(7)])
    again = event(7)  # e.g. a till restored from an old backup and used again
    assert upload(hq, token, code, [again]).json()["results"][0]["status"] == "applied"
    row = db.read(hq.engine, lambda s: s.scalars(select(Event).where(
        Event.event_uuid == again["event_uuid"])).one())
    assert row.flagged and "sequence 7 already used" in row.flag_reason


def test_bodies_may_be_gzip_and_bad_ones_are_4xx(hq):
    code, token = enrolled(hq)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json",
               "Content-Encoding": "gzip"}
    url = f"{hq.base_url}/api/v1/events"
    body = json.dumps({"store_code": code, "events": [event()]}).encode()
    assert httpx.post(url, content=gzip.compress(body), headers=headers).status_code == 200
    assert httpx.post(url, content=b"not gzip", headers=headers).status_code == 400
    bomb = gzip.compress(b" " * (80 * 1024 * 1024), compresslevel=1)  # 360 kB -> 80 MB
    assert httpx.post(url, content=bomb, headers=headers, timeout=60).status_code == 413
    assert httpx.post(url, content=body, headers=dict(headers, **{"Content-Encoding": "br"})
                      ).status_code == 415


def test_openapi_is_published(hq):
    spec = httpx.get(f"{hq.base_url}/openapi.json").json()
    assert {"/api/v1/enroll", "/api/v1/events", "/api/v1/stores/{code}/stock",
            "/api/v1/stores/{code}/sales", "/api/v1/health"} <= set(spec["paths"])
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert "Batch" in spec["components"]["schemas"]
    assert httpx.get(f"{hq.base_url}/docs").status_code == 200


def test_stock_and_sales_over_http(hq):
    code, token = enrolled(hq)
    upload(hq, token, code, [event(1), event(2, sku="MILK")])
    auth = {"Authorization": f"Bearer {token}"}
    stock = httpx.get(f"{hq.base_url}/api/v1/stores/{code}/stock", params={"sku": "MILK"},
                      headers=auth).json()
    assert [(r["sku"], r["qty"], r["value"]) for r in stock["rows"]] == [("MILK", "-1", "-1.00")]
    sales = httpx.get(f"{hq.base_url}/api/v1/stores/{code}/sales",
                      params={"from": "2026-03-01", "to": "2026-03-01"}, headers=auth).json()
    assert sales["total"] == "7.00" and datetime.fromisoformat(sales["as_of"])
    assert httpx.get(f"{hq.base_url}/api/v1/stores/NOPE/stock", headers=auth).status_code == 404
