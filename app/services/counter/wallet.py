"""WeChat Pay / Alipay payment codes (付款码) through a pluggable gateway.

The cashier scans the code on the customer's phone; `payment_method` tells WeChat from
Alipay by its digits; a gateway takes the money and returns the reference the sale keeps.
Two gateways ship:

- `RecordReferenceGateway` ("record"): the money is taken on the store's own payment box
  or acquirer terminal; the till records the scanned code as the reference. Needs no
  network on the till, and cannot refund by itself (the cashier refunds on the box).
- `TestGateway` ("test"): for training and tests; behaves like an online gateway (refused
  while offline), approves every code except those ending in 0000, which it declines,
  and refunds its own charges (references `TEST-...`).

A real acquirer's gateway implements the same members. A gateway that needs the network is
refused while the till is known to be offline. `refund` gives part or all of a charge
back for a return; it is idempotent by `refund_id` (a retry never refunds twice), and
answers None when the money must be refunded by hand on the payment device.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Protocol

from app.domain.errors import DomainError
from app.domain.money import format_money


class BadPaymentCode(DomainError):
    code = "counter_bad_payment_code"
    zh = "“{code}”不是微信或支付宝付款码。请让顾客打开付款码后重新扫描。"
    en = "'{code}' is not a WeChat Pay or Alipay payment code. Ask for the payment code and scan again."


class WalletOffline(DomainError):
    code = "counter_wallet_offline"
    zh = "收银机离线，无法使用{gateway}收取微信/支付宝付款。请改用现金或银行卡。"
    en = "The till is offline, so {gateway} cannot take WeChat Pay or Alipay. Use cash or card."


class WalletDeclined(DomainError):
    code = "counter_wallet_declined"
    zh = "付款被拒绝（{reason}），未收取 {amount} 元。请让顾客换一种付款方式。"
    en = "The payment was declined ({reason}); {amount} was not taken. Ask for another way to pay."


@dataclass(frozen=True)
class WalletCharge:
    method: str  # wechat | alipay
    amount_fen: int
    reference: str
    gateway: str


class WalletGateway(Protocol):
    name: str
    needs_network: bool

    def charge(self, sale_id: str, method: str, amount_fen: int, code: str) -> WalletCharge: ...

    def cancel(self, charge: WalletCharge) -> bool:
        """Give the money back; False when it must be refunded by hand elsewhere."""

    def refund(self, charge: WalletCharge, amount_fen: int, refund_id: str) -> str | None:
        """Give `amount_fen` of a posted sale's charge back: the gateway's refund reference,
        or None when it must be refunded by hand on the payment device."""


def payment_method(code: str) -> str:
    """wechat for 18 digits starting 10-15, alipay for 16-24 digits starting 25-30."""
    value = (code or "").strip()
    if value.isascii() and value.isdigit():
        head = int(value[:2]) if len(value) >= 2 else -1
        if len(value) == 18 and 10 <= head <= 15:
            return "wechat"
        if 16 <= len(value) <= 24 and 25 <= head <= 30:
            return "alipay"
    raise BadPaymentCode(code=value[:32])


class RecordReferenceGateway:
    name = "record"
    needs_network = False

    def charge(self, sale_id: str, method: str, amount_fen: int, code: str) -> WalletCharge:
        return WalletCharge(method, amount_fen, code.strip(), self.name)

    def cancel(self, charge: WalletCharge) -> bool:
        return False

    def refund(self, charge: WalletCharge, amount_fen: int, refund_id: str) -> str | None:
        return None


class TestGateway:
    __test__ = False  # not a pytest test class
    name = "test"
    needs_network = True

    def __init__(self) -> None:
        self.cancelled: list[str] = []
        self.refunds: dict[str, tuple[str, int]] = {}  # refund id -> (charge reference, fen)

    def charge(self, sale_id: str, method: str, amount_fen: int, code: str) -> WalletCharge:
        if code.endswith("0000"):
            raise WalletDeclined(reason="TEST DECLINE", amount=format_money(amount_fen))
        digest = hashlib.sha256(f"{sale_id}:{code}:{amount_fen}".encode()).hexdigest()[:16]
        return WalletCharge(method, amount_fen, f"TEST-{digest.upper()}", self.name)

    def cancel(self, charge: WalletCharge) -> bool:
        self.cancelled.append(charge.reference)
        return True

    def refund(self, charge: WalletCharge, amount_fen: int, refund_id: str) -> str | None:
        if not charge.reference.startswith("TEST-"):
            return None  # not taken through this gateway: refunded on the device it came from
        self.refunds.setdefault(refund_id, (charge.reference, amount_fen))
        digest = hashlib.sha256(f"refund:{refund_id}".encode()).hexdigest()[:16]
        return f"TESTRF-{digest.upper()}"


GATEWAYS = {"record": RecordReferenceGateway, "test": TestGateway}


def take_wallet_payment(gateway: WalletGateway, online: bool | None, sale_id: str,
                        amount_fen: int, code: str) -> WalletCharge:
    """Charge a scanned payment code; refused while the till is known to be offline when
    the gateway needs the network (`online` None means nothing reports it: allowed)."""
    method = payment_method(code)
    if gateway.needs_network and online is False:
        raise WalletOffline(gateway=gateway.name)
    return gateway.charge(sale_id, method, amount_fen, code)
