"""The morning brief: content equal to the reports, e-mail over plain SMTP, STARTTLS and
SSL to a local aiosmtpd, WeCom and DingTalk robots on a local HTTP server, each brief
recorded once, the brief missed while the PC was off sent at the next start, and secrets
kept out of the database and the logs."""
from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import urllib.parse
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import text

from app.domain.permissions import PermissionDenied
from app.services.brief import channels, config, content, schedule, sending
from app.services.records import Actor, LOCAL_OPERATOR, utc_start_of
from app.services.inventory.posting import post_document
from app.services.reports.filters import ReportFilter
from app.services.reports.sales import sales
from brief_servers import Robot, smtp_server
from helpers import add_catalog

DAY = date(2026, 6, 9)  # a Tuesday
ADMIN = Actor(1, "admin", "admin")
MAIL = {"brief.email": "on", "brief.smtp_host": "127.0.0.1", "brief.smtp_user": "boss",
        "brief.mail_from": "jxc@shop.cn", "brief.mail_to": "boss@shop.cn, 店长@shop.cn"}


@pytest.fixture
def shop(new_store):
    add_catalog(new_store)
    docs = [(DAY - timedelta(days=8), {"type": "purchase_receipt", "supplier": "S01", "lines": [
                {"sku": "COLA", "qty": "100", "unit_cost": "1.00"}]}),
            (DAY - timedelta(days=7), {"type": "sale", "lines": [
                {"sku": "COLA", "qty": "10", "unit_price": "3.00"}],
                "payments": [{"method": "cash", "amount": "30.00"}]}),
            (DAY, {"type": "sale", "lines": [{"sku": "COLA", "qty": "20", "unit_price": "3.00"}],
                   "payments": [{"method": "cash", "amount": "60.00"}]})]
    for n, (day, body) in enumerate(docs):
        post_document(new_store, ADMIN, {**body, "id": f"b{n}", "date": day.isoformat()},
                      clock=lambda d=day: utc_start_of(d) + timedelta(hours=10))
    return new_store


def test_the_brief_says_what_the_reports_say(shop):
    b = content.build_brief(shop, DAY)
    report = sales(shop, ReportFilter(DAY, DAY), by="product")
    assert (b.net_sales_fen, b.tickets, b.last_week_fen) == (6_000, 1, 3_000)
    assert b.net_sales_fen == report.totals["net_sales_fen"] and b.change_bp == 10_000
    assert b.profit_fen == b.revenue_fen - 2_000  # 20 at 1.00
    md = content.to_markdown(b, "zh_CN")
    assert "¥60.00" in md and "+100.00%" in md and "可口可乐" in md
    assert content.to_pdf(b, "zh_CN").startswith(b"%PDF")


@pytest.mark.parametrize("mode,port_key", [("none", None), ("starttls", None), ("ssl", None)])
def test_email_is_sent_once_per_day(shop, tmp_path, mode, port_key):
    controller, inbox, trust = smtp_server(mode, tmp_path)
    try:
        config.save_brief_config(shop, ADMIN, {**MAIL, "brief.smtp_port": str(controller.port),
                                               "brief.smtp_security": mode},
                                 {"smtp-password": "smtp-pass-1"})
        first = sending.send_brief(shop, ADMIN, DAY, ssl_context=trust)
        again = sending.send_brief(shop, ADMIN, DAY, ssl_context=trust)
    finally:
        controller.stop()
    assert [(o.channel, o.status) for o in first] == [("email", "sent")]
    assert [(o.channel, o.status) for o in again] == [("email", "already_sent")]
    assert len(inbox.messages) == 1 and inbox.logins == [("boss", "smtp-pass-1")]
    to, msg = inbox.messages[0]
    assert sorted(to) == ["boss@shop.cn", "店长@shop.cn"]
    assert msg["Subject"] == f"晨报 {DAY.isoformat()} · 测试门店"
    pdf = next(p for p in msg.iter_attachments())
    assert pdf.get_filename() == f"brief-{DAY.isoformat()}.pdf"
    assert pdf.get_content().startswith(b"%PDF")


def test_a_wrong_password_fails_records_nothing_and_logs_no_secret(shop, tmp_path, caplog):
    controller, inbox, _ = smtp_server("none", tmp_path)
    caplog.set_level(logging.DEBUG)
    try:
        config.save_brief_config(shop, ADMIN, {**MAIL, "brief.smtp_port": str(controller.port),
                                               "brief.smtp_security": "none"},
                                 {"smtp-password": "wrong-Pa55"})
        [outcome] = sending.send_brief(shop, ADMIN, DAY)
    finally:
        controller.stop()
    assert outcome.status == "failed" and "login refused" in outcome.error.message("en")
    assert "wrong-Pa55" not in outcome.error.message("zh_CN") + caplog.text
    with shop.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM brief_log")).scalar() == 0
        audit = " ".join(conn.execute(text("SELECT detail FROM audit_log")).scalars())
    assert '"smtp-password":{"set":true}' in audit
    assert "wrong-Pa55" not in audit


def test_wecom_robot_gets_markdown(shop):
    robot = Robot()
    try:
        config.save_brief_config(shop, ADMIN, {"brief.webhook": "wecom"},
                                 {"webhook-url": robot.url})
        [outcome] = sending.send_brief(shop, ADMIN, DAY)
    finally:
        robot.close()
    assert outcome.status == "sent"
    [(path, body)] = robot.posts
    assert body["msgtype"] == "markdown" and "¥60.00" in body["markdown"]["content"]


def test_dingtalk_robot_is_signed_and_its_refusal_is_not_recorded(shop, caplog):
    caplog.set_level(logging.DEBUG)
    robot = Robot({"errcode": 310000, "errmsg": "sign not match"})
    try:
        config.save_brief_config(shop, ADMIN, {"brief.webhook": "dingtalk"},
                                 {"webhook-url": robot.url, "webhook-secret": "SECabc123"})
        [refused] = sending.send_brief(shop, ADMIN, DAY)
        robot.answer = {"errcode": 0, "errmsg": "ok"}
        [sent] = sending.send_brief(shop, ADMIN, DAY)
    finally:
        robot.close()
    assert refused.status == "failed" and "310000" in refused.error.message("en")
    assert sent.status == "sent" and len(robot.posts) == 2
    path, body = robot.posts[-1]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)
    stamp, sign = query["timestamp"][0], query["sign"][0]
    expected = base64.b64encode(hmac.new(b"SECabc123", f"{stamp}\nSECabc123".encode(),
                                         hashlib.sha256).digest()).decode()
    assert sign == expected and body["markdown"]["title"].startswith("晨报")
    for secret in ("tok-SECRET-42", "SECabc123"):
        assert secret not in caplog.text + refused.error.message("zh_CN")


def test_the_brief_missed_while_the_pc_was_off_goes_out_at_the_next_start(shop):
    assert schedule.due_day(datetime(2026, 6, 10, 9, 0), "09:00") == DAY
    assert schedule.due_day(datetime(2026, 6, 11, 8, 59), "09:00") == DAY  # still yesterday's
    robot = Robot()
    try:
        config.save_brief_config(shop, ADMIN, {"brief.webhook": "wecom", "brief.time": "9:00"},
                                 {"webhook-url": robot.url})
        # off all of 10 June; switched on at 08:00 on the 11th: the brief of the 9th goes out
        first = schedule.BriefScheduler(shop, clock=lambda: datetime(2026, 6, 11, 8, 0)).start()
        deadline = datetime.now() + timedelta(seconds=20)
        while not robot.posts and datetime.now() < deadline:
            first._stop.wait(0.05)
        first.stop()
        # restarted the same morning: nothing twice
        assert schedule.send_due_briefs(shop, datetime(2026, 6, 11, 8, 30))[0].status == \
            "already_sent"
    finally:
        robot.close()
    assert len(robot.posts) == 1 and DAY.isoformat() in robot.posts[0][1]["markdown"]["content"]
    assert [(d, c) for d, c, _ in sending.brief_history(shop)] == [(DAY, "wecom")]


def test_nothing_configured_nothing_due_and_only_managers_send(shop):
    assert schedule.send_due_briefs(shop, datetime(2026, 6, 10, 10, 0)) == []
    with pytest.raises(config.BriefNotConfigured):
        sending.send_brief(shop, ADMIN, DAY)
    with pytest.raises(PermissionDenied):
        sending.send_brief(shop, Actor(None, "c", "cashier"), DAY)
    with pytest.raises(config.BadWebhookUrl):
        config.save_brief_config(shop, ADMIN, {}, {"webhook-url": "http://example.com/x"})
    from app.services.settings import BadSetting

    with pytest.raises(BadSetting):
        config.save_brief_config(shop, ADMIN, {"brief.time": "25:00"})
    loaded = config.load_brief_config(shop, actor=LOCAL_OPERATOR)
    assert loaded.time == "09:00" and not loaded.has_password


def test_signed_url_is_dingtalks_recipe():
    url = channels.signed_url("https://oapi.dingtalk.com/robot/send?access_token=x", "s", 1)
    digest = base64.b64encode(hmac.new(b"s", b"1\ns", hashlib.sha256).digest()).decode()
    assert url.endswith("&timestamp=1&sign=" + urllib.parse.quote_plus(digest))
