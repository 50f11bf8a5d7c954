"""Store settings that change how posting behaves, kept in `jxc_meta`, each change audited.

Only the keys declared here exist; each has a default, a parser that refuses nonsense with a
clear message, and a description in both languages.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.documents import NUMBER_PREFIX, DocType
from app.domain.errors import DomainError
from app.domain.numbering import DEFAULT_PATTERN
from app.domain.permissions import DEFAULT_DISCOUNT_LIMIT_BP, check
from app.domain.print_texts import DEFAULT_LANGUAGE, LANGUAGES
from app.persistence.schema import Meta, Supplier, Warehouse
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.brief.fields import ROWS as BRIEF_SETTINGS
from app.services.records import LOCAL_OPERATOR, Actor, utc_now, write_audit


class BadSetting(DomainError):
    code = "bad_setting"
    zh = "设置“{key}”的值“{value}”无效：{why_zh}"
    en = "'{value}' is not a valid value for '{key}': {why_en}"


class UnknownSetting(DomainError):
    code = "unknown_setting"
    zh = "没有名为“{key}”的设置。可用的设置：{known}。"
    en = "There is no setting '{key}'. Known settings: {known}."


def _choice(*allowed: str) -> Callable[[str], str]:
    """One of `allowed`, in any case, returned as spelt there (zh_cn -> zh_CN)."""
    spelt = {a.lower(): a for a in allowed}

    def parse(value: str) -> str:
        value = value.strip().lower()
        if value not in spelt:
            raise ValueError(f"应为 {'、'.join(allowed)}。", f"expected {', '.join(allowed)}.")
        return spelt[value]
    return parse


def _percent(value: str) -> str:
    text = value.strip().rstrip("%")
    if not text.isdigit() or not 1 <= int(text) <= 1000:
        raise ValueError("应为 1 到 1000 之间的整数百分比。", "expected a whole percentage from 1 to 1000.")
    return text


def _discount(value: str) -> str:
    text = value.strip().rstrip("%")
    if not text.isdigit() or int(text) > 100:
        raise ValueError("应为 0 到 100 之间的整数百分比。", "expected a whole percentage from 0 to 100.")
    return str(int(text))


def _yuan(value: str) -> str:
    from app.domain.money import format_money, parse_money

    try:
        fen = parse_money(value.strip())
    except DomainError:
        fen = -1
    if fen < 0:
        raise ValueError("应为不小于 0 的金额（元），例如 500.00。",
                         "expected an amount in yuan of 0 or more, e.g. 500.00.")
    return format_money(fen)


def _number_pattern(value: str) -> str:
    from app.domain.numbering import BadNumberPattern, parse_pattern

    try:
        return parse_pattern(value).text
    except BadNumberPattern as exc:
        raise ValueError(exc.message("zh_CN"), exc.message("en")) from None


def _terminal_code(value: str) -> str:
    value = value.strip().upper()
    if not (value.isascii() and value.isalnum() and 1 <= len(value) <= 4):
        raise ValueError("应为 1 到 4 位字母或数字，例如 01。", "expected 1 to 4 letters or digits, e.g. 01.")
    return value


def _printer(value: str) -> str:
    """Empty (no printer) or a printer URL that names a known kind of connection."""
    from app.devices.errors import BadDeviceUrl
    from app.devices.transports import open_transport

    value = value.strip()
    if value:
        try:
            open_transport(value)
        except BadDeviceUrl as exc:
            raise ValueError(exc.message("zh_CN"), exc.message("en")) from None
    return value


def _whole(low: int, high: int) -> Callable[[str], str]:
    def parse(value: str) -> str:
        text = value.strip()
        if not text.isdigit() or not low <= int(text) <= high:
            raise ValueError(f"应为 {low} 到 {high} 之间的整数。",
                             f"expected a whole number from {low} to {high}.")
        return str(int(text))
    return parse


def _counter_value(key: str) -> Callable[[str], str]:
    """Checked by the counter's own parser (markdown rules, scanner)."""
    def parse(value: str) -> str:
        from app.services.counter.config import parse_config
        from app.services.counter.errors import BadCounterSetting

        try:
            parse_config({key: value})
        except BadCounterSetting as exc:
            raise ValueError(exc.message("zh_CN"), exc.message("en")) from None
        return value.strip()
    return parse


def _scale_formats(value: str) -> str:
    from app.services.counter.config import parse_config
    from app.services.counter.errors import BadCounterSetting

    try:
        parse_config({"counter.scale_formats": value})
    except BadCounterSetting as exc:
        raise ValueError(exc.message("zh_CN"), exc.message("en")) from None
    return value.strip()


@dataclass(frozen=True)
class Setting:
    key: str
    default: str
    parse: Callable[[str], str]
    zh: str
    en: str
    check: Callable[[Session, str], None] | None = None  # against the store's data


def _warehouse_exists(session: Session, code: str) -> None:
    house = session.scalar(select(Warehouse).where(Warehouse.code == code))
    if house is None or house.is_in_transit:
        known = list(session.scalars(select(Warehouse.code).where(
            Warehouse.is_in_transit.is_(False)).order_by(Warehouse.code)))
        raise ValueError(f"没有这个仓库（可选：{'、'.join(known)}）。",
                         f"there is no such warehouse (choose one of: {', '.join(known)}).")


def _supplier_exists(session: Session, code: str) -> None:
    if code and session.scalar(select(Supplier.code).where(
            Supplier.code == code, Supplier.active.is_(True))) is None:
        raise ValueError("没有这个供应商（或已停用）。", "there is no such active supplier.")


def _code(value: str) -> str:
    value = value.strip()
    if len(value) > 32 or any(c.isspace() for c in value):
        raise ValueError("编码不能超过 32 个字符，也不能含空格。",
                         "a code has at most 32 characters and no spaces.")
    return value


def _required_code(value: str) -> str:
    if not _code(value):
        raise ValueError("不能为空。", "it cannot be empty.")
    return value.strip()


SETTINGS = {s.key: s for s in (
    Setting("store.language", DEFAULT_LANGUAGE, _choice(*LANGUAGES),
            "门店打印和导出的语言（小票、单据 PDF、报表 PDF 和 Excel、价签）：zh_CN 中文或 en 英文；"
            "商品名称等资料按录入的原样打印。",
            "The language of what the store prints and exports (receipts, document PDFs, "
            "report PDFs and Excel files, shelf labels): zh_CN Chinese or en English; product "
            "names and other data print as entered."),
    Setting("negative_stock.counter", "allow", _choice("allow", "refuse"),
            "收银台销售在库存不足时：allow 允许（按估计成本出库、标记该行，到货后调整成本）或 refuse 拒绝。",
            "Counter sales beyond stock: allow (out at an estimated cost, line flagged, cost "
            "trued up when goods arrive) or refuse."),
    Setting("negative_stock.back_office", "refuse", _choice("allow", "refuse"),
            "后台单据（批发销售、报损、调拨、组装）在库存不足时：allow 允许或 refuse 拒绝。",
            "Back-office documents (wholesale, write-off, transfer, assembly) beyond stock: "
            "allow or refuse."),
    Setting("defaults.warehouse", "MAIN", _required_code,
            "新建采购订单、收货、退货、调拨、报损和盘点时预先选中的仓库（仓库编码）。",
            "The warehouse (code) chosen in advance for new purchase orders, receipts, returns, "
            "transfers, write-offs and stocktakes.", _warehouse_exists),
    Setting("defaults.supplier", "", _code,
            "新建采购订单、无订单收货和退货时预先选中的供应商（供应商编码）；留空表示每次选择。",
            "The supplier (code) chosen in advance for new purchase orders, receipts without an "
            "order and returns; empty to choose each time.", _supplier_exists),
    Setting("counter.default_payment", "cash", _choice("cash", "card", "wallet"),
            "收银付款窗口打开时预先选中的付款方式：cash 现金、card 银行卡、wallet 微信/支付宝。",
            "The payment method chosen when the counter's payment window opens: cash, card or "
            "wallet (WeChat Pay / Alipay)."),
    Setting("price_anomaly_percent", "20", _percent,
            "进价与上次进价相差超过此百分比时需要确认。",
            "A purchase price this many percent away from the last one needs a confirmation."),
    Setting("counter.rounding", "none", _choice("none", "jiao", "yuan"),
            "收银抹零：none 不抹零、jiao 抹到角、yuan 抹到元。",
            "Rounding of the amount due at the counter: none, jiao (to 0.1) or yuan (to 1)."),
    Setting("counter.receipt_width", "80", _choice("58", "80"),
            "小票纸宽（毫米）：58 或 80。", "Receipt paper width in mm: 58 or 80."),
    Setting("counter.printer", "", _printer,
            "小票打印机地址，例如 tcp://192.168.1.50:9100、serial:///dev/ttyUSB0、usb://0x0416:0x5011；留空表示不打印。",
            "Receipt printer URL, e.g. tcp://192.168.1.50:9100, serial:///dev/ttyUSB0, "
            "usb://0x0416:0x5011; empty for no printer."),
    Setting("counter.wallet_gateway", "record", _choice("record", "test"),
            "微信/支付宝付款码网关：record 只记录流水号，test 为测试网关。",
            "WeChat Pay / Alipay gateway: record (keep the reference only) or test."),
    Setting("counter.scale_formats", "", _scale_formats,
            "电子秤条码格式（JSON 列表），例如 [{\"pattern\": \"2PPPPPPVVVVVC\", \"kind\": \"price\"}]。",
            "Scale barcode formats (a JSON list), e.g. "
            "[{\"pattern\": \"2PPPPPPVVVVVC\", \"kind\": \"price\"}]."),
    Setting("counter.cash_out_limit", "500.00", _yuan,
            "收银员无需主管授权可从钱箱取出的最大现金金额（元）。",
            "The most cash (yuan) a cashier takes out of the drawer without a supervisor."),
    Setting("counter.over_short_limit", "10.00", _yuan,
            "收银员无需主管授权可交班的最大长短款（元，长款或短款）。",
            "The largest over/short (yuan, either way) a cashier closes a shift with alone."),
    Setting("counter.points_per_yuan", "1", _whole(0, 1000),
            "会员每消费 1 元获得的积分（0 表示不积分；积分抵现和挂账的部分不积分）。",
            "Points a member earns per yuan spent (0: none; the part paid with points or on "
            "account earns none)."),
    Setting("counter.fen_per_point", "1", _whole(0, 10000),
            "积分抵现时每 1 积分抵多少分钱（0 表示不能抵现），例如 1 即 100 积分抵 1 元。",
            "What one point pays when redeemed, in fen (0: points cannot pay), e.g. 1 means "
            "100 points pay 1 yuan."),
    Setting("counter.expiry_markdowns", "", _counter_value("counter.expiry_markdowns"),
            "临期自动降价：到期前天数:折扣百分比，逗号分隔，例如 3:30,1:50（到期前 3 天内减 30%，1 天内减 50%）；留空不降价。",
            "Near-expiry markdowns: days before expiry:percent off, comma-separated, e.g. "
            "3:30,1:50 (30% off within 3 days, 50% within 1 day); empty for none."),
    Setting("counter.customer_display", "off", _choice("on", "off"),
            "客显：on 在第二块屏幕上给顾客显示商品、合计和找零。",
            "Customer display: on shows the lines, total and change on a second screen."),
    Setting("counter.drawer_pin", "2", _choice("2", "5"),
            "钱箱接在打印机的哪个引脚：2 或 5。", "The printer pin that kicks the cash drawer: 2 or 5."),
    Setting("counter.scanner", "wedge", _counter_value("counter.scanner"),
            "扫码枪：wedge（键盘模式）或串口地址，例如 serial:///dev/ttyACM0?baudrate=9600。",
            "Scanner: wedge (keyboard) or a serial port URL, e.g. "
            "serial:///dev/ttyACM0?baudrate=9600."),
    Setting("security.idle_lock_minutes", "5", _whole(0, 240),
            "无键盘鼠标操作多少分钟后锁屏（需本人密码或 PIN 解锁，0 表示不锁屏）。",
            "Minutes without keyboard or mouse input before the screen locks (the same "
            "user's password or PIN unlocks it; 0: never)."),
    Setting("numbering.terminal", "01", _terminal_code,
            "本机编号（1-4 位），用于编号规则中的 {terminal}：同店多台收银机各用各的编号规则时填写。",
            "This till's code (1-4 characters) for {terminal} in numbering patterns, so tills "
            "of one store number their documents apart."),
    *(Setting(f"numbering.{kind.value}", DEFAULT_PATTERN, _number_pattern,
              f"{NUMBER_PREFIX[kind]} 类单据的编号规则：字段 {{type}} {{store}} {{terminal}} "
              "{yyyy} {yy} {mm} {dd}，以 {seq} 或 {seq:位数} 结尾；含 {dd} 则每天重新编号，"
              "只含 {mm} 每月，只含 {yyyy} 每年。",
              f"Numbering pattern of {kind.value} documents: fields {{type}} {{store}} "
              "{terminal} {yyyy} {yy} {mm} {dd}, ending in {seq} or {seq:N}; with {dd} the "
              "sequence restarts daily, with {mm} only monthly, with {yyyy} only yearly.")
      for kind in DocType),
    *(Setting(f"counter.discount_limit.{role}", str(DEFAULT_DISCOUNT_LIMIT_BP.get(role, 0) // 100),
              _discount, f"角色 {role} 无需主管授权可给的最大折扣（百分比）。",
              f"The largest discount in percent the role {role} may give without a manager.")
      for role in ("cashier", "shift_lead", "store_manager", "admin")),
    *(Setting(*row) for row in BRIEF_SETTINGS),  # the morning brief (app/services/brief)
)}


def read(session: Session, key: str) -> str:
    value = session.scalar(select(Meta.value).where(Meta.key == key))
    return SETTINGS[key].default if value is None else value


def print_language(session: Session) -> str:
    """The store's language for receipts, document PDFs, report files and labels."""
    return read(session, "store.language")


def all_settings(store: LocalStore, *, actor: Actor = LOCAL_OPERATOR) -> list[dict]:
    check(actor.role, "settings.all_settings")
    with UnitOfWork(store.engine, write=False) as uow:
        return [{"key": k, "value": read(uow.session, k), "default": s.default,
                 "zh": s.zh, "en": s.en} for k, s in SETTINGS.items()]


def change(store: LocalStore, actor: Actor, key: str, value: str) -> str:
    check(actor.role, "settings.change")
    setting = SETTINGS.get(key)
    if setting is None:
        raise UnknownSetting(key=key, known=", ".join(SETTINGS))
    try:
        value = setting.parse(value)
    except ValueError as exc:
        zh, en = exc.args
        raise BadSetting(key=key, value=value, why_zh=zh, why_en=en) from None
    with UnitOfWork(store.engine) as uow:
        s, now = uow.session, utc_now()
        if setting.check is not None:
            try:
                setting.check(s, value)
            except ValueError as exc:
                zh, en = exc.args
                raise BadSetting(key=key, value=value, why_zh=zh, why_en=en) from None
        before = read(s, key)
        row = s.get(Meta, key)
        if row is None:
            s.add(Meta(key=key, value=value))
        else:
            row.value = value
        write_audit(s, store, actor, now, "setting.change", key, {"before": before, "after": value})
        uow.commit()
    return value
