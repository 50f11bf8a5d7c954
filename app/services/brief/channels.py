"""Delivering a brief: e-mail over SMTP (STARTTLS, SSL or plain for a LAN server) with the
PDF attached, or a WeCom / DingTalk group robot's markdown message.

Network I/O only; nothing here touches the database. Errors name the channel and the
server's host, never an address with its token, a password or a secret.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import smtplib
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from email.message import EmailMessage

from app.domain.errors import DomainError

TIMEOUT_S = 30


class BriefSendFailed(DomainError):
    code = "brief_send_failed"
    zh = "晨报未能通过{channel}发送（{host}）：{reason}。请检查设置和网络后重试（jxc brief send）。"
    en = ("The morning brief could not be sent by {channel} ({host}): {reason}. Check the "
          "settings and the network, then try again (jxc brief send).")


def send_email(config, password: str, subject: str, text: str, pdf: bytes, filename: str,
               context: ssl.SSLContext | None = None) -> None:
    """One message to all recipients. `context`: the TLS trust (default: the system's)."""
    msg = EmailMessage()
    msg["Subject"], msg["From"], msg["To"] = subject, config.mail_from, ", ".join(config.mail_to)
    msg.set_content(text)
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename=filename)
    context = context or ssl.create_default_context()
    host = config.smtp_host
    try:
        if config.smtp_security == "ssl":
            client = smtplib.SMTP_SSL(host, config.smtp_port, timeout=TIMEOUT_S, context=context)
        else:
            client = smtplib.SMTP(host, config.smtp_port, timeout=TIMEOUT_S)
        with client:
            if config.smtp_security == "starttls":
                client.starttls(context=context)
            if config.smtp_user:
                client.login(config.smtp_user, password)
            client.send_message(msg)
    except smtplib.SMTPAuthenticationError:
        raise BriefSendFailed(channel="email", host=host, reason="login refused") from None
    except (smtplib.SMTPException, OSError, ssl.SSLError) as exc:
        raise BriefSendFailed(channel="email", host=host,
                              reason=type(exc).__name__ + _code(exc)) from None


def _code(exc: Exception) -> str:
    code = getattr(exc, "smtp_code", None)
    return f" {code}" if code else ""


def robot_body(kind: str, title: str, markdown: str) -> dict:
    if kind == "wecom":
        return {"msgtype": "markdown", "markdown": {"content": markdown}}
    return {"msgtype": "markdown", "markdown": {"title": title, "text": markdown}}


def signed_url(url: str, secret: str, now_ms: int | None = None) -> str:
    """DingTalk's signing: HMAC-SHA256 of "<ms timestamp>\\n<secret>", base64, URL-quoted."""
    if not secret:
        return url
    stamp = str(now_ms if now_ms is not None else int(time.time() * 1000))
    digest = hmac.new(secret.encode(), f"{stamp}\n{secret}".encode(), hashlib.sha256).digest()
    sign = urllib.parse.quote_plus(base64.b64encode(digest))
    return f"{url}{'&' if '?' in url else '?'}timestamp={stamp}&sign={sign}"


def send_robot(kind: str, url: str, secret: str, title: str, markdown: str) -> None:
    host = urllib.parse.urlsplit(url).hostname or "?"
    target = signed_url(url, secret) if kind == "dingtalk" else url
    data = json.dumps(robot_body(kind, title, markdown), ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(target, data=data, method="POST",
                                     headers={"Content-Type": "application/json; charset=utf-8"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:  # noqa: S310
            answer = json.loads(response.read().decode("utf-8") or "{}")
    except urllib.error.HTTPError as exc:
        raise BriefSendFailed(channel=kind, host=host, reason=f"HTTP {exc.code}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise BriefSendFailed(channel=kind, host=host, reason=type(exc).__name__) from None
    if answer.get("errcode", 0) != 0:
        reason = f"errcode {answer.get('errcode')}: {str(answer.get('errmsg', ''))[:80]}"
        raise BriefSendFailed(channel=kind, host=host, reason=reason)
