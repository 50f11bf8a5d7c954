"""The till's store settings, read from `jxc_meta` once when the sale screen opens.

Keys (all optional; the default applies when a key is absent):

- `counter.rounding`: `none` (default), `jiao` or `yuan` -- 抹零 of the amount due;
- `counter.scale_formats`: JSON list of scale label formats, e.g.
  `[{"pattern": "2PPPPPPVVVVVC", "kind": "price", "decimals": 2}]` (default: none);
- `counter.discount_limit.<role>`: the largest discount in percent that role may give
  without a manager (defaults below);
- `counter.printer`: the receipt printer URL (`tcp://...`, see docs/devices.md; default:
  no printer), `counter.receipt_width`: 58 or 80 (default 80);
- `counter.wallet_gateway`: `record` (default) or `test`;
- `counter.cash_out_limit`: the most cash (yuan) a cashier takes out of the drawer alone
  (default 500.00; more needs a shift lead, store manager or administrator, or their PIN);
- `counter.over_short_limit`: the largest over/short (yuan, either way) a cashier closes a
  shift with alone (default 10.00; more needs a supervisor or their PIN);
- `counter.expiry_markdowns`: near-expiry markdown rules, "3:30,1:50" (see `expiry`);
- `counter.customer_display`: `on` shows a customer display on the second screen;
- `counter.default_payment`: `cash` (default), `card` or `wallet` -- the method the payment
  window starts with;
- `counter.drawer_pin`: `2` (default) or `5`; `counter.scanner`: `wedge` (default) or a
  serial scanner URL (`serial:///dev/ttyACM0?baudrate=9600`, `loop://`).

A value that makes no sense is refused with a message naming the key, rather than guessed.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import select

from app.domain.errors import DomainError
from app.domain.money import parse_money
from app.domain.permissions import DEFAULT_DISCOUNT_LIMIT_BP, check
from app.domain.scale_barcode import ScaleFormat
from app.persistence.schema import Meta
from app.persistence.store import LocalStore
from app.services.counter.errors import BadCounterSetting
from app.services.counter.expiry import Markdown, parse_markdowns
from app.services.records import LOCAL_OPERATOR, Actor

PREFIX = "counter."
ROUNDING_STEPS = {"none": 1, "jiao": 10, "yuan": 100}
WALLET_GATEWAYS = ("record", "test")
DEFAULT_PAYMENTS = ("cash", "card", "wallet")  # what the payment window starts with
DEFAULT_CASH_OUT_LIMIT_FEN = 500_00
DEFAULT_OVER_SHORT_LIMIT_FEN = 10_00


@dataclass(frozen=True)
class CounterConfig:
    rounding: str = "none"
    scale_formats: tuple[ScaleFormat, ...] = ()
    discount_limit_bp: dict[str, int] = field(
        default_factory=lambda: dict(DEFAULT_DISCOUNT_LIMIT_BP))
    printer: str = ""
    receipt_width: int = 80
    wallet_gateway: str = "record"
    cash_out_limit_fen: int = DEFAULT_CASH_OUT_LIMIT_FEN
    over_short_limit_fen: int = DEFAULT_OVER_SHORT_LIMIT_FEN
    markdowns: tuple[Markdown, ...] = ()
    customer_display: bool = False
    drawer_pin: int = 2
    scanner: str = "wedge"
    points_per_yuan: int = 1
    fen_per_point: int = 1
    default_payment: str = "cash"

    @property
    def rounding_step_fen(self) -> int:
        return ROUNDING_STEPS[self.rounding]

    def limit_bp(self, role: str) -> int:
        return self.discount_limit_bp.get(role, 0)


def load_config(store: LocalStore, *, actor: Actor = LOCAL_OPERATOR) -> CounterConfig:
    check(actor.role, "counter.config.load_config")
    with store.engine.connect() as conn:
        values = dict(conn.execute(select(Meta.key, Meta.value).where(
            Meta.key >= PREFIX, Meta.key < PREFIX + "\uffff")).all())
    return parse_config(values)


def parse_config(values: dict[str, str]) -> CounterConfig:
    rounding = values.get("counter.rounding", "none").strip().lower()
    if rounding not in ROUNDING_STEPS:
        raise _bad("counter.rounding", rounding, "应为 none、jiao 或 yuan。", "use none, jiao or yuan.")
    width = values.get("counter.receipt_width", "80").strip()
    if width not in ("58", "80"):
        raise _bad("counter.receipt_width", width, "应为 58 或 80。", "use 58 or 80.")
    wallet = values.get("counter.wallet_gateway", "record").strip().lower()
    if wallet not in WALLET_GATEWAYS:
        raise _bad("counter.wallet_gateway", wallet, "应为 record 或 test。", "use record or test.")
    return CounterConfig(rounding, _scale_formats(values.get("counter.scale_formats", "")),
                         _limits(values), values.get("counter.printer", "").strip(),
                         int(width), wallet,
                         _yuan(values, "counter.cash_out_limit", DEFAULT_CASH_OUT_LIMIT_FEN),
                         _yuan(values, "counter.over_short_limit", DEFAULT_OVER_SHORT_LIMIT_FEN),
                         _markdowns(values), _on(values, "counter.customer_display"),
                         _drawer_pin(values), _scanner(values),
                         _whole(values, "counter.points_per_yuan", 1, 1000),
                         _whole(values, "counter.fen_per_point", 1, 10000),
                         _default_payment(values))


def _default_payment(values: dict[str, str]) -> str:
    text = values.get("counter.default_payment", "cash").strip().lower()
    if text not in DEFAULT_PAYMENTS:
        raise _bad("counter.default_payment", text, "应为 cash、card 或 wallet。",
                   "use cash, card or wallet.")
    return text


def _whole(values: dict[str, str], key: str, default: int, high: int) -> int:
    text = values.get(key, str(default)).strip()
    if not text.isdigit() or int(text) > high:
        raise _bad(key, text, f"应为 0 到 {high} 的整数。", f"use a whole number from 0 to {high}.")
    return int(text)


def _markdowns(values: dict[str, str]) -> tuple[Markdown, ...]:
    text = values.get("counter.expiry_markdowns", "")
    try:
        return parse_markdowns(text)
    except ValueError as exc:
        raise _bad("counter.expiry_markdowns", text, *exc.args) from None


def _on(values: dict[str, str], key: str) -> bool:
    text = values.get(key, "off").strip().lower()
    if text not in ("on", "off"):
        raise _bad(key, text, "应为 on 或 off。", "use on or off.")
    return text == "on"


def _drawer_pin(values: dict[str, str]) -> int:
    text = values.get("counter.drawer_pin", "2").strip()
    if text not in ("2", "5"):
        raise _bad("counter.drawer_pin", text, "应为 2 或 5。", "use 2 or 5.")
    return int(text)


def _scanner(values: dict[str, str]) -> str:
    text = values.get("counter.scanner", "wedge").strip() or "wedge"
    if text.lower() == "wedge":
        return "wedge"
    if not (text.startswith(("serial://", "loop://", "rfc2217://", "socket://"))
            or text.upper().startswith("COM") or text.startswith("/dev/")):
        raise _bad("counter.scanner", text,
                   "应为 wedge（键盘模式）或串口地址，例如 serial:///dev/ttyACM0?baudrate=9600。",
                   "use wedge (keyboard) or a serial port, e.g. serial:///dev/ttyACM0?baudrate=9600.")
    from app.devices.errors import ScannerError
    from app.devices.serial_scanner import SerialScanner

    try:
        SerialScanner.from_url(text)
    except ScannerError as exc:
        raise _bad("counter.scanner", text, exc.message("zh_CN"), exc.message("en")) from None
    return text


def _yuan(values: dict[str, str], key: str, default_fen: int) -> int:
    """An amount in yuan ("500", "10.00"), at least 0."""
    text = values.get(key, "").strip()
    if not text:
        return default_fen
    try:
        fen = parse_money(text)
    except DomainError:
        fen = -1
    if fen < 0:
        raise _bad(key, text, "应为不小于 0 的金额（元），例如 500.00。",
                   "use an amount in yuan of 0 or more, e.g. 500.00.")
    return fen


def _scale_formats(text: str) -> tuple[ScaleFormat, ...]:
    if not text.strip():
        return ()
    try:
        items = json.loads(text)
        return tuple(ScaleFormat(str(i["pattern"]), str(i.get("kind", "price")),
                                 int(i.get("decimals", 2))) for i in items)
    except (ValueError, TypeError, KeyError):
        raise _bad("counter.scale_formats", text,
                   "应为 JSON 列表，例如 [{\"pattern\": \"2PPPPPPVVVVVC\", \"kind\": \"price\"}]。",
                   "use a JSON list such as [{\"pattern\": \"2PPPPPPVVVVVC\", \"kind\": \"price\"}].") \
            from None


def _limits(values: dict[str, str]) -> dict[str, int]:
    limits = dict(DEFAULT_DISCOUNT_LIMIT_BP)
    for key, value in values.items():
        if not key.startswith("counter.discount_limit."):
            continue
        text = value.strip().rstrip("%")
        if not text.isdigit() or int(text) > 100:
            raise _bad(key, value, "应为 0 到 100 的整数百分比。", "use a whole percentage from 0 to 100.")
        limits[key.rsplit(".", 1)[1]] = int(text) * 100
    return limits


def _bad(key: str, value: str, zh: str, en: str) -> BadCounterSetting:
    return BadCounterSetting(key=key, value=value, why_zh=zh, why_en=en)
