"""Accounting vouchers: every posted document books a balanced voucher.

Posting rules are data: for each document type, which account is debited or credited with
which named amount. Services compute the amounts (revenue, VAT, COGS, tenders...) and
`build_voucher` turns them into lines. The defaults follow the chart of accounts of the
小企业会计准则 (Accounting Standards for Small Enterprises); a store can edit them.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.domain.documents import DocType
from app.domain.errors import DomainError
from app.domain.money import round_half_up

ACCOUNTS: dict[str, str] = {
    "1001": "库存现金",
    "1002": "银行存款",
    "1012": "其他货币资金",  # WeChat Pay / Alipay balances
    "1122": "应收账款",
    "1221": "其他应收款",  # goods delivered to another store of the company (transfer_settle)
    "1402": "在途物资",  # goods in transit between warehouses
    "1405": "库存商品",
    "1901": "待处理财产损溢",
    "2202": "应付账款",
    "2203": "预收账款",  # members' stored value
    "2221.01": "应交税费—应交增值税（进项税额）",
    "2221.02": "应交税费—应交增值税（销项税额）",
    "3001": "实收资本",
    "5001": "主营业务收入",
    "5401": "主营业务成本",
    "5711": "营业外支出",
}
DEBIT, CREDIT = "debit", "credit"


@dataclass(frozen=True)
class Entry:
    side: str
    account: str
    amount: str  # name of the amount the service computes


@dataclass(frozen=True)
class VoucherLine:
    account: str
    debit_fen: int
    credit_fen: int


class UnbalancedVoucher(DomainError):
    code = "unbalanced_voucher"
    zh = "凭证借贷不平：借方 {debit} 分，贷方 {credit} 分。请检查过账规则。"
    en = "The voucher does not balance: debit {debit} fen, credit {credit} fen. Check the posting rules."


def _sale_rules() -> tuple[Entry, ...]:
    return (Entry(DEBIT, "1001", "tender_cash"), Entry(DEBIT, "1002", "tender_bank"),
            Entry(DEBIT, "1012", "tender_ewallet"), Entry(DEBIT, "2203", "tender_stored_value"),
            Entry(DEBIT, "1122", "tender_credit"),
            Entry(CREDIT, "5001", "revenue_net"), Entry(CREDIT, "2221.02", "output_vat"),
            Entry(DEBIT, "5401", "cogs"), Entry(CREDIT, "1405", "cogs"))


def _receipt_rules() -> tuple[Entry, ...]:
    return (Entry(DEBIT, "1405", "stock_value"), Entry(DEBIT, "2221.01", "input_vat"),
            Entry(CREDIT, "2202", "payable"))


def reversed_rules(rules: tuple[Entry, ...]) -> tuple[Entry, ...]:
    return tuple(Entry(CREDIT if e.side == DEBIT else DEBIT, e.account, e.amount) for e in rules)


DEFAULT_RULES: dict[DocType, tuple[Entry, ...]] = {
    DocType.PURCHASE_ORDER: (),
    DocType.SALE: _sale_rules(),
    DocType.CUSTOMER_RETURN: reversed_rules(_sale_rules()),
    DocType.PURCHASE_RECEIPT: _receipt_rules(),
    DocType.PURCHASE_RETURN: reversed_rules(_receipt_rules()),
    DocType.TRANSFER_OUT: (Entry(DEBIT, "1402", "value"), Entry(CREDIT, "1405", "value")),
    DocType.TRANSFER_IN: (Entry(DEBIT, "1405", "received_value"),
                          Entry(DEBIT, "1901", "shortage_value"),
                          Entry(CREDIT, "1402", "sent_value")),
    DocType.TRANSFER_SETTLE: (Entry(DEBIT, "1221", "delivered_value"),
                              Entry(DEBIT, "1901", "shortage_value"),
                              Entry(CREDIT, "1402", "sent_value")),
    DocType.WRITE_OFF: (Entry(DEBIT, "5711", "value"), Entry(CREDIT, "1405", "value")),
    DocType.STOCKTAKE: (Entry(DEBIT, "1405", "gain_value"), Entry(CREDIT, "1901", "gain_value"),
                        Entry(DEBIT, "1901", "loss_value"), Entry(CREDIT, "1405", "loss_value")),
    DocType.ASSEMBLY: (Entry(DEBIT, "1405", "value"), Entry(CREDIT, "1405", "value")),
    DocType.DISASSEMBLY: (Entry(DEBIT, "1405", "value"), Entry(CREDIT, "1405", "value")),
    DocType.OPENING_STOCK: (Entry(DEBIT, "1405", "value"), Entry(CREDIT, "3001", "value")),
}


# Goods arriving for stock that was sold beyond what was there settle it at their real cost:
# the difference from the estimate goes to COGS. Every document type that brings goods in can
# carry it, so it is appended to whatever rules the store set.
TRUE_UP_RULES: tuple[Entry, ...] = (Entry(DEBIT, "5401", "cogs_true_up"),
                                    Entry(CREDIT, "1405", "cogs_true_up"))

# The amounts each type computes, with consistent sample figures: a rule set a store edits
# must balance on them before it is saved.
SAMPLE_AMOUNTS: dict[DocType, dict[str, int]] = {
    DocType.PURCHASE_ORDER: {},
    DocType.SALE: {"tender_cash": 6_000, "tender_bank": 2_000, "tender_ewallet": 2_000,
                   "tender_stored_value": 1_000, "tender_credit": 300, "revenue_net": 10_000,
                   "output_vat": 1_300, "cogs": 7_000},
    DocType.PURCHASE_RECEIPT: {"stock_value": 10_000, "input_vat": 0, "payable": 10_000},
    DocType.TRANSFER_OUT: {"value": 5_000},
    DocType.TRANSFER_IN: {"received_value": 4_000, "shortage_value": 1_000, "sent_value": 5_000},
    DocType.TRANSFER_SETTLE: {"delivered_value": 4_000, "shortage_value": 1_000,
                              "sent_value": 5_000},
    DocType.WRITE_OFF: {"value": 800},
    DocType.STOCKTAKE: {"gain_value": 300, "loss_value": 500},
    DocType.ASSEMBLY: {"value": 1_200},
    DocType.DISASSEMBLY: {"value": 1_200},
    DocType.OPENING_STOCK: {"value": 50_000},
}
SAMPLE_AMOUNTS[DocType.CUSTOMER_RETURN] = SAMPLE_AMOUNTS[DocType.SALE]
SAMPLE_AMOUNTS[DocType.PURCHASE_RETURN] = SAMPLE_AMOUNTS[DocType.PURCHASE_RECEIPT]


class BadPostingRules(DomainError):
    code = "bad_posting_rules"
    zh = "过账规则有误：{what_zh}"
    en = "The posting rules are not valid: {what_en}"


def check_rules(kind: DocType, rules: tuple[Entry, ...]) -> None:
    """Refuse a rule set that names unknown sides, accounts or amounts, or that would not
    balance on the sample figures of its document type."""
    known = SAMPLE_AMOUNTS[kind]
    for n, entry in enumerate(rules, 1):
        if entry.side not in (DEBIT, CREDIT):
            raise BadPostingRules(what_zh=f"第 {n} 条的方向必须是 debit 或 credit。",
                                  what_en=f"entry {n}: the side must be debit or credit.")
        if entry.account not in ACCOUNTS:
            raise BadPostingRules(what_zh=f"第 {n} 条的科目 {entry.account} 不在科目表中。",
                                  what_en=f"entry {n}: account {entry.account} is not in the chart.")
        if entry.amount not in known:
            names = ", ".join(known) or "-"
            raise BadPostingRules(
                what_zh=f"第 {n} 条的金额“{entry.amount}”不是该单据类型的金额（可用：{names}）。",
                what_en=f"entry {n}: '{entry.amount}' is not an amount of this type (use: {names}).")
    try:
        build_voucher(rules, known)
    except UnbalancedVoucher as exc:
        raise BadPostingRules(what_zh="按示例金额借贷不平。" + exc.message("zh"),
                              what_en="it does not balance on sample figures. " + exc.message("en")) from None


def build_voucher(rules: tuple[Entry, ...], amounts: dict[str, int]) -> tuple[VoucherLine, ...]:
    """Lines for the amounts; zero amounts drop out, negative ones change side."""
    lines = []
    for entry in rules:
        fen = amounts.get(entry.amount, 0)
        if not isinstance(fen, int) or isinstance(fen, bool):
            raise TypeError(f"amount {entry.amount} must be int fen")
        if fen == 0:
            continue
        debit = (entry.side == DEBIT) == (fen > 0)
        lines.append(VoucherLine(entry.account, abs(fen) if debit else 0,
                                 0 if debit else abs(fen)))
    check_balanced(lines)
    return tuple(lines)


def check_balanced(lines) -> None:
    debit = sum(l.debit_fen for l in lines)
    credit = sum(l.credit_fen for l in lines)
    if debit != credit:
        raise UnbalancedVoucher(debit=debit, credit=credit)


def split_vat(gross_fen: int, rate_bp: int) -> tuple[int, int]:
    """A tax-inclusive amount split into (net, VAT): 113.00 at 13% -> (100.00, 13.00)."""
    net = round_half_up(Decimal(gross_fen) * 10_000 / (10_000 + rate_bp))
    return net, gross_fen - net
