"""What the first-run wizard does that no other service did: create the store from the
desktop, join head office with the administrator's password, and test the counter's
devices (a test page, a drawer pulse) before any sale exists.

Everything else the wizard does goes through the ordinary services with the signed-in
administrator (settings, receipt texts, product import, demo data).
"""
from __future__ import annotations

from datetime import datetime

from app.devices.escpos_out import drawer_kick, encode
from app.devices.printer import send_job
from app.devices.transports import open_transport
from app.domain.permissions import ADMIN, require
from app.domain.receipt import Cut, Feed, Text
from app.persistence.keystore import KeyringKeyStore
from app.persistence.layout import DataDir
from app.persistence.store import LocalStore
from app.services.auth import sign_in
from app.services.setup import initialize_store


def create_store(layout: DataDir, store_code: str, store_name: str,
                 admin_password: str) -> LocalStore:
    """A new store in `layout` with its key in the OS keyring (as `jxc init`); open."""
    return initialize_store(layout, KeyringKeyStore(), store_code, store_name, admin_password)


def enroll_terminal(store: LocalStore, admin_password: str, url: str, code: str,
                    ca_bundle: str | None = None) -> dict:
    """Join head office with a one-time CODE (as `jxc enroll`), proved by the password of
    the administrator `admin`. Returns head office's answer without the token."""
    from app.sync.credentials import KeyringTokenStore
    from app.sync.enroll import enroll

    user = sign_in(store, "admin", admin_password)
    require(user.role, ADMIN, "enroll with head office")
    return enroll(store, KeyringTokenStore(), url, code, ca_bundle or None)


def printer_test_page(width_mm: int, when: datetime | None = None) -> bytes:
    """A short test receipt: Chinese and English, full-width ruler, a cut."""
    cols = 32 if width_mm == 58 else 48
    stamp = (when or datetime.now()).strftime("%Y-%m-%d %H:%M")
    return encode([Text("JXC 进销存", align="center", bold=True, double=True),
                   Text("打印测试 / Printer test", align="center"),
                   Text(stamp, align="center"), Text("-" * cols),
                   Text("中文打印正常 / Chinese prints correctly"),
                   Text(f"纸宽 {width_mm} mm / paper {width_mm} mm"), Feed(3), Cut()], width_mm)


def print_test_page(url: str, width_mm: int) -> str:
    """Send the test page; returns the printer's status after it (or that it reads none).
    Raises the device error naming what went wrong (refused, no paper, cover open ...)."""
    report = send_job(open_transport(url), printer_test_page(width_mm))
    if report.after is None:
        return "sent (this connection reads no status)"
    return "near end of paper" if report.paper_near_end else "ready"


def open_drawer(url: str, pin: int = 2) -> None:
    """Pulse the cash drawer on the printer's drawer port (pin 2 or 5)."""
    send_job(open_transport(url), drawer_kick(pin))
