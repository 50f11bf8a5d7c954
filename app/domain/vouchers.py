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
    DocType.WRITE_OFF: (Entry(DEBIT, "5711", "value"), Entry(CREDIT, "1405", "value")),
    DocType.STOCKTAKE: (Entry(DEBIT, "1405", "gain_value"), Entry(CREDIT, "1901", "gain_value"),
                        Entry(DEBIT, "1901", "loss_value"), Entry(CREDIT, "1405", "loss_value")),
    DocType.ASSEMBLY: (Entry(DEBIT, "1405", "value"), Entry(CREDIT, "1405", "value")),
    DocType.DISASSEMBLY: (Entry(DEBIT, "1405", "value"), Entry(CREDIT, "1405", "value")),
    DocType.OPENING_STOCK: (Entry(DEBIT, "1405", "value"), Entry(CREDIT, "3001", "value")),
}


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
