"""The persistent print queue over a real store and the TCP printer emulator."""
from __future__ import annotations

import json
import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import update

from app.devices.errors import PrinterPaperOut
from app.domain.permissions import PermissionDenied
from app.persistence.schema import PrintJob
from app.persistence.uow import UnitOfWork
from app.services.inventory.posting import post_document
from app.services.printing import (NotAReceipt, NotRetryable, PrintWorker, drain, enqueue,
                                   enqueue_receipt, jobs, print_receipt, receipt_data, retry,
                                   set_receipt_texts)
from app.services.records import Actor, utc_now
from device_receipts import ADMIN


def test_receipt_data_of_a_posted_sale(shop, sell):
    sale = sell("s-1")
    uuid, data = receipt_data(shop, sale.number)
    assert uuid == sale.id and data.number == sale.number and data.store_name == "测试门店"
    assert [(i.name, i.qty_milli, i.unit, i.discount_fen) for i in data.items] == [
        ("可口可乐 500ml", 2000, "瓶", 0), ("五常大米 散装", 2500, "kg", 100),
        ("光明 纯牛奶 250ml", 1000, "瓶", 0)]
    assert (data.total_fen, data.change_fen, data.tenders[0].amount_fen) == (3050, 1950, 5000)
    assert data.footer_lines == ("谢谢惠顾，欢迎再次光临",) and not data.reprint


def test_first_receipt_opens_the_drawer_once_and_a_reprint_never(shop, sell, printer):
    sale = sell("s-1")
    first = enqueue_receipt(shop, sale.number, printer.url, open_drawer=True)
    again = enqueue_receipt(shop, sale.number, printer.url, open_drawer=True)
    assert (first.reprint, again.reprint) == (False, True)
    outcomes = drain(shop)
    assert [(o.printed, o.drawer_pulsed) for o in outcomes] == [(True, True), (True, False)]
    assert len(printer.events("drawer")) == 1
    original, copy = printer.receipts()
    assert "C O P Y" not in original and copy.count("重  印  / C O P Y") == 2
    assert {j["kind"]: (j["status"], j["open_drawer"]) for j in jobs(shop)} == {
        "receipt": ("printed", False), "reprint": ("printed", False)}


def test_the_queue_itself_refuses_to_open_the_drawer_for_anything_but_a_receipt(shop, printer):
    for kind in ("reprint", "shift_report", "test"):
        enqueue(shop, kind=kind, printer=printer.url, payload=b"\x1b@x\n", open_drawer=True)
    assert not any(j["open_drawer"] for j in jobs(shop))
    assert all(o.printed and not o.drawer_pulsed for o in drain(shop))
    assert printer.events("drawer") == []


def test_only_cash_moves_open_the_drawer(shop, sell, printer):
    sale = sell("s-card", payments=[{"method": "card", "amount": "30.50", "reference": "T1"}])
    enqueue_receipt(shop, sale.number, printer.url, open_drawer=True)
    assert jobs(shop)[0]["open_drawer"] is False  # paid by card: the drawer stays shut
    refund = post_document(shop, ADMIN, {"type": "customer_return", "id": "r-1",
                                         "original": sale.number,
                                         "lines": [{"sku": "COLA", "qty": "1"}]})
    enqueue_receipt(shop, refund.number, printer.url, open_drawer=True)
    assert jobs(shop)[0]["open_drawer"] is True  # refunded in cash: the cashier pays out


def test_a_failure_is_recorded_not_raised_and_the_drawer_pulse_waits(shop, sell, printer):
    printer.play("paper_out")
    sale = sell("s-1")
    job = enqueue_receipt(shop, sale.number, printer.url, open_drawer=True).job_id
    (outcome,) = drain(shop)  # does not raise
    assert not outcome.printed and isinstance(outcome.error, PrinterPaperOut)
    (row,) = jobs(shop)
    assert row["status"] == "failed" and row["attempts"] == 1 and row["open_drawer"]
    assert row["error"]["code"] == "printer_paper_out" and "打印机缺纸" in row["error"]["zh"]
    assert "out of paper" in row["error"]["en"]
    printer.play("ok")  # paper loaded
    retry(shop, job)
    (outcome,) = drain(shop)
    assert outcome.printed and outcome.drawer_pulsed and len(printer.events("drawer")) == 1
    assert jobs(shop)[0]["attempts"] == 2
    with pytest.raises(NotRetryable):
        retry(shop, job)


def test_a_job_cut_off_mid_way_never_pulses_the_drawer_again(shop, sell, printer):
    printer.play("disconnect", after=40)
    job = enqueue_receipt(shop, sell("s-1").number, printer.url, open_drawer=True).job_id
    (outcome,) = drain(shop)
    assert outcome.error.code == "printer_disconnected" and outcome.drawer_pulsed
    assert jobs(shop)[0]["open_drawer"] is False
    printer.play("ok")
    retry(shop, job)
    (outcome,) = drain(shop)
    assert outcome.printed and not outcome.drawer_pulsed
    assert len(printer.events("drawer")) == 1  # the pulse at the start of the first attempt


def test_one_dead_printer_does_not_hold_up_another(shop, sell, printer):
    sale = sell("s-1")
    enqueue_receipt(shop, sale.number, "tcp://127.0.0.1:1")  # nothing listens on port 1
    enqueue_receipt(shop, sale.number, printer.url)
    bad, good = drain(shop)
    assert bad.error.code == "printer_connection_refused" and good.printed


def test_the_next_sale_is_not_blocked_by_a_hanging_printer(shop, sell, printer):
    printer.play("mute")  # accepts the connection, never answers: the worker waits
    enqueue_receipt(shop, sell("s-1").number, printer.url + "?timeout=1.5")
    done = {}
    worker = threading.Thread(target=lambda: done.setdefault("drain", drain(shop)))
    worker.start()
    assert printer.wait_for(lambda: printer.events("status"))  # the worker is in the I/O now
    started = time.monotonic()
    second = sell("s-2")
    elapsed = time.monotonic() - started
    assert second.number and elapsed < 1.0 and worker.is_alive()
    worker.join(5)
    assert done["drain"][0].error.code == "printer_timeout"


def test_a_job_abandoned_while_sending_is_failed_after_the_lease(shop, printer):
    job = enqueue(shop, kind="receipt", printer=printer.url, payload=b"x\n", open_drawer=True)
    with UnitOfWork(shop.engine) as uow:  # what a crash in the middle of sending leaves
        uow.session.execute(update(PrintJob).where(PrintJob.id == job).values(status="sending"))
        uow.commit()
    assert drain(shop) == [] and jobs(shop)[0]["status"] == "sending"  # still inside its lease
    assert drain(shop, clock=lambda: utc_now() + timedelta(minutes=3)) == []
    (row,) = jobs(shop)
    assert row["status"] == "failed" and row["error"]["code"] == "print_interrupted"
    assert row["open_drawer"] is False and printer.events("text") == []


def test_print_receipt_raises_what_went_wrong_and_keeps_the_record(shop, sell, printer):
    printer.play("offline")
    with pytest.raises(Exception) as err:
        print_receipt(shop, sell("s-1").number, printer.url)
    assert err.value.code == "printer_offline" and "纸仓盖" in err.value.message("zh")
    assert jobs(shop)[0]["status"] == "failed"


def test_only_posted_sales_and_returns_have_receipts(shop):
    with pytest.raises(NotAReceipt) as err:
        receipt_data(shop, "rk-1")
    assert "purchase_receipt" in err.value.message("en")


def test_return_receipt_and_store_texts(shop, sell, printer):
    sale = sell("s-1")
    ret = post_document(shop, ADMIN, {"type": "customer_return", "id": "r-1",
                                      "original": sale.number,
                                      "lines": [{"sku": "COLA", "qty": "1"}]})
    set_receipt_texts(shop, ADMIN, "欢迎光临\n营业时间 8:00-22:00", "凭小票七天内退换")
    with pytest.raises(PermissionDenied):
        set_receipt_texts(shop, Actor(None, "c", "cashier"), "x", "y")
    print_receipt(shop, ret.number, printer.url, width_mm=80)
    (receipt,) = printer.receipts()
    assert "退货小票" in receipt and "营业时间 8:00-22:00" in receipt and "凭小票七天内退换" in receipt
    assert "谢谢惠顾" not in receipt


def test_worker_thread_prints_after_a_wake_and_reports_failures(shop, sell, printer):
    failures = []
    worker = PrintWorker(shop, interval=30, on_failure=failures.append)
    worker.start()
    try:
        enqueue_receipt(shop, sell("s-1").number, printer.url)
        worker.wake()
        assert printer.wait_for(lambda: printer.events("cut"))
        enqueue_receipt(shop, sell("s-2").number, "tcp://127.0.0.1:1")
        worker.wake()
        deadline = time.monotonic() + 5
        while not failures and time.monotonic() < deadline:
            time.sleep(0.01)
        assert failures and failures[0].error.code == "printer_connection_refused"
    finally:
        worker.stop()
    assert [j["status"] for j in jobs(shop)] == ["failed", "printed"]
    assert json.loads(json.dumps(jobs(shop)[0]["error"]))["zh"].startswith("连接被拒绝")


def test_the_counter_s_worker_kicks_the_drawer_on_the_configured_pin(shop, sell, printer):
    from app.services.counter import CounterConfig, receipt_printer

    hook = receipt_printer(shop, CounterConfig(printer=printer.url, drawer_pin=5))
    hook.start()
    try:
        enqueue_receipt(shop, sell("s-1").number, printer.url, open_drawer=True)
        hook.wake()
        assert printer.wait_for(lambda: printer.events("drawer"))
    finally:
        hook.stop()
    assert [e.detail["pin"] for e in printer.events("drawer")] == [5]
