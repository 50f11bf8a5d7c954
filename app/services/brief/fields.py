"""The morning brief's store settings, declared in `app.services.settings.SETTINGS`.

Secrets are not settings: the SMTP password and the robot's webhook address and signing
secret live in the OS keyring (`secrets.py`), never in the database or a log.
"""
from __future__ import annotations

import re

CHANNELS = ("email", "wecom", "dingtalk")
SECURITY = ("starttls", "ssl", "none")
_EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")
_HOST = re.compile(r"^[A-Za-z0-9.-]{1,253}$|^\[?[0-9A-Fa-f:.]+\]?$")


def parse_time(value: str) -> str:
    text = value.strip()
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", text)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError("应为 24 小时制时间，例如 09:00。", "expected a 24-hour time, e.g. 09:00.")
    return f"{int(match[1]):02d}:{match[2]}"


def parse_on_off(value: str) -> str:
    text = value.strip().lower()
    if text not in ("on", "off"):
        raise ValueError("应为 on 或 off。", "expected on or off.")
    return text


def parse_webhook(value: str) -> str:
    text = value.strip().lower()
    if text not in ("off", "wecom", "dingtalk"):
        raise ValueError("应为 off、wecom（企业微信）或 dingtalk（钉钉）。",
                         "expected off, wecom or dingtalk.")
    return text


def parse_security(value: str) -> str:
    text = value.strip().lower()
    if text not in SECURITY:
        raise ValueError("应为 starttls、ssl 或 none。", "expected starttls, ssl or none.")
    return text


def parse_host(value: str) -> str:
    text = value.strip()
    if text and not _HOST.match(text):
        raise ValueError("应为邮件服务器主机名，例如 smtp.qq.com。",
                         "expected a mail server host name, e.g. smtp.qq.com.")
    return text


def parse_port(value: str) -> str:
    text = value.strip()
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise ValueError("应为 1 到 65535 之间的端口号。", "expected a port from 1 to 65535.")
    return str(int(text))


def parse_address(value: str) -> str:
    text = value.strip()
    if text and not _EMAIL.match(text):
        raise ValueError("应为一个邮箱地址。", "expected one e-mail address.")
    return text


def parse_addresses(value: str) -> str:
    parts = [p.strip() for p in re.split(r"[,;，；\s]+", value) if p.strip()]
    for part in parts:
        if not _EMAIL.match(part):
            raise ValueError(f"“{part}”不是有效的邮箱地址。", f"'{part}' is not an e-mail address.")
    return ",".join(parts)


def parse_user(value: str) -> str:
    text = value.strip()
    if len(text) > 254 or any(c.isspace() for c in text):
        raise ValueError("登录名不能含空格。", "a login must not contain spaces.")
    return text


# (key, default, parser, Chinese, English): rows of app.services.settings.Setting
ROWS = (
    ("brief.time", "09:00", parse_time, "晨报发送时间（24 小时制），发送前一天的经营简报。",
     "When the morning brief (yesterday's figures) goes out, 24-hour time."),
    ("brief.email", "off", parse_on_off, "晨报通过邮件（PDF 附件）发送：on 或 off。",
     "Send the morning brief by e-mail (PDF attached): on or off."),
    ("brief.smtp_host", "", parse_host, "发信服务器（SMTP）主机名。", "Outgoing mail (SMTP) server."),
    ("brief.smtp_port", "587", parse_port, "SMTP 端口（STARTTLS 通常 587，SSL 465）。",
     "SMTP port (587 for STARTTLS, 465 for SSL as a rule)."),
    ("brief.smtp_security", "starttls", parse_security,
     "SMTP 加密：starttls、ssl 或 none（仅限本机或内网服务器）。",
     "SMTP encryption: starttls, ssl, or none (local or LAN servers only)."),
    ("brief.smtp_user", "", parse_user, "SMTP 登录名（密码保存在系统钥匙串中）。",
     "SMTP login (the password is kept in the OS keyring)."),
    ("brief.mail_from", "", parse_address, "发件人邮箱。", "Sender address."),
    ("brief.mail_to", "", parse_addresses, "收件人邮箱，多个用逗号分隔。",
     "Recipients, separated by commas."),
    ("brief.webhook", "off", parse_webhook,
     "晨报发到群机器人：off、wecom（企业微信）或 dingtalk（钉钉）；地址保存在系统钥匙串中。",
     "Send the morning brief to a group robot: off, wecom or dingtalk (its address is kept "
     "in the OS keyring)."),
)
