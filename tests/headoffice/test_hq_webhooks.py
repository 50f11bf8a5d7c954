"""Webhooks delivered by a real `jxc hq serve` (SQLite and PostgreSQL) to a receiver on
127.0.0.1 that checks every signature; retries with backoff and the delivery log;
transfers between stores announced and closed with their discrepancies; the CLI."""
from __future__ import annotations

import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner
from sqlalchemy import update

from app.cli import cli, register_commands
from app.services import transfers
from headoffice import db, queries, webhooks
from headoffice.admin import utc_now
from headoffice.feed_records import products_from_json
from headoffice.models import WebhookDelivery
from headoffice.publish import publish
from hqtest import actor


register_commands()


class Receiver:
    """A local HTTP endpoint: records each request; answers 500 `fail` times first."""

    def __init__(self, fail: int = 0) -> None:
        self.got: list[dict] = []
        self.fail = fail
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.got.append({"headers": dict(self.headers), "body": body})
                status = 500 if outer.fail > 0 else 204
                outer.fail -= 1
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def events(self, secret: str) -> list[dict]:
        """Each delivery's JSON, after checking its signature."""
        out = []
        for r in list(self.got):
            h = r["headers"]
            assert webhooks.verify(secret, h["X-JXC-Timestamp"], r["body"], h["X-JXC-Signature"])
            assert not webhooks.verify(secret + "x", h["X-JXC-Timestamp"], r["body"],
                                       h["X-JXC-Signature"])
            event = json.loads(r["body"])
            assert event["type"] == h["X-JXC-Event"]
            out.append(event)
        return out


@pytest.fixture
def receiver():
    made: list[Receiver] = []

    def new(fail: int = 0) -> Receiver:
        made.append(Receiver(fail))
        return made[-1]

    yield new
    for r in made:
        r.close()


def wait_for(check, seconds: float = 15.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError("timed out waiting")


def test_store_events_reach_a_subscriber_signed_once_each(hq, tills, receiver):
    till = tills()
    till.uplink().sync_now()  # the opening stock: 100000 COLA at head office
    got = receiver()
    hook = webhooks.add(hq.engine, got.url, ["sale.posted", "stocktake.posted",
                                             "stock.below_minimum"], till.code)
    publish(hq.engine, "product", products_from_json([{
        "sku": "COLA", "name": "可乐", "unit": "瓶", "retail_price": "3.50",
        "min_stock": "99990"}]), till.code, "test")
    sale = till.sell("4")
    till.sell("7")  # 100000 - 11 < 99990: crosses the minimum once
    till.uplink().sync_now()
    till.uplink().sync_now()  # nothing new: nothing announced twice
    events = wait_for(lambda: len(got.got) >= 3 and got.events(hook["secret"]))
    time.sleep(0.5)
    events = got.events(hook["secret"])
    kinds = sorted(e["type"] for e in events)
    assert kinds == ["sale.posted", "sale.posted", "stock.below_minimum"]
    first = next(e for e in events if e["data"].get("id") == sale.id)
    assert first["data"]["number"] == sale.number and first["data"]["store"] == till.code
    low = next(e for e in events if e["type"] == "stock.below_minimum")["data"]
    assert (low["sku"], low["qty_milli"]) == ("COLA", 100_000_000 - 11_000)
    log = webhooks.deliveries(hq.engine, hook["id"])
    assert {d["status"] for d in log} == {"delivered"} and len(log) == 3


def test_a_failing_receiver_is_retried_with_backoff_and_logged(hq, tills, receiver):
    till = tills()
    got = receiver(fail=1)
    hook = webhooks.add(hq.engine, got.url, ["sale.posted"], till.code)
    till.sell()
    till.uplink().sync_now()
    first = wait_for(lambda: [d for d in webhooks.deliveries(hq.engine, hook["id"])
                              if d["attempts"] == 1])[0]
    assert (first["status"], first["last_status"]) == ("pending", 500)
    assert first["next_attempt_at"] > first["created_at"]  # backoff: not at once
    with db.Session(hq.engine) as s, s.begin():  # fast-forward the backoff
        s.execute(update(WebhookDelivery).where(WebhookDelivery.id == first["id"])
                  .values(next_attempt_at=utc_now() - timedelta(seconds=1)))
    done = wait_for(lambda: [d for d in webhooks.deliveries(hq.engine, hook["id"])
                             if d["status"] == "delivered"])[0]
    assert done["attempts"] == 2 and done["last_status"] == 204
    assert len(got.events(hook["secret"])) == 2  # the same event, sent again


def test_an_unreachable_receiver_fails_after_the_last_attempt_and_can_be_retried(hq, tills):
    till = tills()
    hook = webhooks.add(hq.engine, "http://127.0.0.1:9/hook", ["sale.posted"], till.code)
    till.sell()
    till.uplink().sync_now()
    row = wait_for(lambda: webhooks.deliveries(hq.engine, hook["id"]))[0]
    with db.Session(hq.engine) as s, s.begin():
        s.execute(update(WebhookDelivery).where(WebhookDelivery.id == row["id"]).values(
            attempts=webhooks.MAX_ATTEMPTS - 1, next_attempt_at=utc_now()))
    failed = wait_for(lambda: [d for d in webhooks.deliveries(hq.engine, hook["id"])
                               if d["status"] == "failed"])[0]
    assert failed["attempts"] == webhooks.MAX_ATTEMPTS and failed["last_status"] is None
    assert webhooks.retry(hq.engine, failed["id"]) == {"id": failed["id"], "queued": True}
    assert webhooks.remove(hq.engine, hook["id"])["cancelled"] == 1
    assert webhooks.deliveries(hq.engine, hook["id"])[0]["status"] == "cancelled"


def test_a_transfer_between_stores_is_announced_received_and_compared(hq, tills, receiver):
    sender, target = tills(), tills()
    got = receiver()
    hook = webhooks.add(hq.engine, got.url, ["transfer.sent"], sender.code)
    sent = transfers.send_transfer(sender.store, actor(), target.code, [
        {"sku": "COLA", "qty": "12"}, {"sku": "RICE", "qty": "3"}])
    sender.uplink().sync_now()
    announced = wait_for(lambda: got.events(hook["secret"]))[0]["data"]
    assert announced["to_store"] == target.code and announced["transfer_id"] == sent.id
    expected = transfers.incoming_transfers(target.store, actor())
    mine = [t for t in expected if t["transfer_id"] == sent.id]
    assert len(mine) == 1 and mine[0]["status"] == "in_transit"
    by_sku = {line["sku"]: line for line in mine[0]["lines"]}
    assert by_sku["COLA"]["value_fen"] == 1200 and by_sku["RICE"]["unit_cost"] == "5.00"
    received = transfers.receive_transfer(target.store, actor(), mine[0],
                                          {"COLA": "11", "RICE": "3"})
    target.uplink().sync_now()
    assert sent.id not in [t["transfer_id"] for t in
                           transfers.incoming_transfers(target.store, actor())]
    stock = {(r["sku"], r["warehouse"]): r["qty_milli"]
             for r in queries.stock(hq.engine, target.code)["rows"]}
    assert stock[("COLA", "MAIN")] == 100_000_000 + 11_000
    result = CliRunner().invoke(cli, ["hq", "transfers", "--store", target.code,
                                      "--format", "json"], env={"JXC_HQ_DB": hq.url})
    assert result.exit_code == 0, result.output
    view = next(t for t in json.loads(result.output) if t["transfer_id"] == sent.id)
    assert view["status"] == "received" and view["receipt_id"] == received.id
    diffs = {line["sku"]: line["difference_milli"] for line in view["lines"]}
    assert diffs == {"COLA": -1000, "RICE": 0}


def test_webhook_and_integration_commands(hq):
    run = CliRunner()
    env = {"JXC_HQ_DB": hq.url}
    added = run.invoke(cli, ["hq", "webhook", "add", "https://example.invalid/h",
                             "--events", "sale.posted,health.alert", "--format", "json"], env=env)
    assert added.exit_code == 0, added.output
    hook = json.loads(added.output)
    assert hook["secret"].startswith("whsec_") and hook["events"] == ["health.alert", "sale.posted"]
    listed = json.loads(run.invoke(cli, ["hq", "webhook", "list", "--format", "json"],
                                   env=env).output)
    assert hook["id"] in [h["id"] for h in listed]
    assert all("secret" not in h for h in listed)
    bad = run.invoke(cli, ["hq", "webhook", "add", "ftp://x", "--events", "sale.posted"], env=env)
    assert bad.exit_code == 1 and "http" in bad.output
    removed = run.invoke(cli, ["hq", "webhook", "remove", str(hook["id"])], env=env)
    assert removed.exit_code == 0
    assert run.invoke(cli, ["hq", "webhook", "deliveries", "--format", "json"],
                      env=env).exit_code == 0
    name = f"shop-{time.monotonic_ns()}"
    made = run.invoke(cli, ["hq", "integration", "add", name, "--scopes",
                            "post:sale,post:purchase_order", "--format", "json"], env=env)
    assert made.exit_code == 0, made.output
    assert json.loads(made.output)["api_key"].startswith("jxci_")
    wrong = run.invoke(cli, ["hq", "integration", "add", name + "x", "--scopes", "delete:all"],
                       env=env)
    assert wrong.exit_code == 1 and "post:sale" in wrong.output
    assert run.invoke(cli, ["hq", "integration", "remove", name], env=env).exit_code == 0
    listed = json.loads(run.invoke(cli, ["hq", "integration", "list", "--format", "json"],
                                   env=env).output)
    assert [i["active"] for i in listed if i["name"] == name] == [False]
