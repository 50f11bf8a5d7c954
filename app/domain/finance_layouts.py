"""Vouchers for accounting software: column layouts, numbering and the balance check.

A layout names the columns of one exported row (one voucher line) and how dates, amounts
and the voucher word are written. Ready layouts follow the voucher import templates of
common Chinese accounting packages; a store can give its own as JSON (see
docs/finance-export.md). Vouchers are numbered 1, 2, ... per accounting period (month), in
business-date order, as those packages expect.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from app.domain.errors import DomainError
from app.domain.money import format_money
from app.domain.vouchers import ACCOUNTS

FIELDS = ("date", "period", "year", "month", "voucher_word", "voucher_no", "entry_no",
          "summary", "account", "account_name", "currency", "debit", "credit", "doc_number",
          "doc_type", "preparer", "attachments")
DOC_TYPE_ZH = {"purchase_receipt": "采购入库", "purchase_return": "采购退货", "sale": "销售",
               "customer_return": "销售退货", "transfer_out": "调拨出库", "transfer_in": "调拨入库",
               "transfer_settle": "调拨结算", "write_off": "报损", "stocktake": "盘点", "assembly": "组装",
               "disassembly": "拆卸", "opening_stock": "期初库存", "purchase_order": "采购订单"}


class BadLayout(DomainError):
    code = "bad_layout"
    zh = "凭证导出格式无效：{why_zh}"
    en = "The voucher export layout is not valid: {why_en}"


class UnbalancedVoucher(DomainError):
    code = "unbalanced_voucher"
    zh = "凭证 {voucher} 借贷不平：借方 {debit}，贷方 {credit}。没有导出任何内容，请运行 jxc verify。"
    en = ("Voucher {voucher} does not balance: debit {debit}, credit {credit}. Nothing was "
          "exported; run jxc verify.")


@dataclass(frozen=True)
class Column:
    header: str
    field: str


@dataclass(frozen=True)
class Layout:
    name: str
    columns: tuple[Column, ...]
    date_format: str = "%Y-%m-%d"
    voucher_word: str = "记"
    currency: str = "人民币"
    blank_zero: bool = False  # write "" instead of 0.00 on the side a line does not use
    encoding: str = "utf-8-sig"  # CSV only; "gbk" for packages that read Chinese Excel CSV
    notes: str = ""


def _layout(name: str, headers: list[tuple[str, str]], **options) -> Layout:
    return Layout(name, tuple(Column(h, f) for h, f in headers), **options)


READY: dict[str, Layout] = {layout.name: layout for layout in (
    _layout("generic", [("日期", "date"), ("凭证字", "voucher_word"), ("凭证号", "voucher_no"),
                        ("分录号", "entry_no"), ("摘要", "summary"), ("科目编码", "account"),
                        ("科目名称", "account_name"), ("借方金额", "debit"),
                        ("贷方金额", "credit"), ("单据号", "doc_number"),
                        ("单据类型", "doc_type")],
            notes="JXC's own layout: every field, UTF-8 with BOM."),
    _layout("kingdee", [("日期", "date"), ("会计年度", "year"), ("会计期间", "month"),
                        ("凭证字", "voucher_word"), ("凭证号", "voucher_no"),
                        ("分录序号", "entry_no"), ("摘要", "summary"), ("科目代码", "account"),
                        ("科目名称", "account_name"), ("币别", "currency"), ("借方", "debit"),
                        ("贷方", "credit"), ("制单", "preparer"), ("附件数", "attachments")],
            blank_zero=True, encoding="gbk",
            notes="Columns of the 金蝶 KIS/K3 voucher import sheet (凭证引入)."),
    _layout("yonyou", [("凭证类别", "voucher_word"), ("凭证编号", "voucher_no"),
                       ("制单日期", "date"), ("附单据数", "attachments"), ("摘要", "summary"),
                       ("科目编码", "account"), ("借方金额", "debit"), ("贷方金额", "credit"),
                       ("制单人", "preparer")],
            blank_zero=True, encoding="gbk",
            notes="Columns of the 用友 T3/U8 voucher import template (凭证导入)."),
)}


def layout_from_json(text: str) -> Layout:
    """A store's own layout: {"name", "columns": [{"header", "field"}], options...}."""
    try:
        raw = json.loads(text)
        columns = tuple(Column(str(c["header"]), str(c["field"])) for c in raw["columns"])
        options = {k: raw[k] for k in ("date_format", "voucher_word", "currency", "blank_zero",
                                        "encoding", "notes") if k in raw}
        layout = Layout(str(raw.get("name", "custom")), columns, **options)
    except (ValueError, KeyError, TypeError) as exc:
        raise BadLayout(why_zh=f"不是有效的 JSON 格式定义（{exc}）",
                        why_en=f"not a valid JSON layout ({exc})") from None
    unknown = [c.field for c in layout.columns if c.field not in FIELDS]
    if unknown or not layout.columns:
        raise BadLayout(why_zh=f"未知字段 {unknown}，可用：{', '.join(FIELDS)}",
                        why_en=f"unknown fields {unknown}; known: {', '.join(FIELDS)}")
    try:
        date(2026, 1, 2).strftime(layout.date_format)
        "x".encode(layout.encoding)
    except (ValueError, LookupError) as exc:
        raise BadLayout(why_zh=str(exc), why_en=str(exc)) from None
    return layout


@dataclass
class VoucherIn:
    """One posted document's voucher as read from the store."""
    voucher_id: int
    day: date
    doc_type: str
    doc_number: str
    preparer: str
    lines: list[tuple[str, int, int]] = field(default_factory=list)  # account, debit, credit


def check_balanced(vouchers: list[VoucherIn]) -> tuple[int, int]:
    """Each voucher and the total must balance; returns the total (debit, credit) in fen."""
    total_debit = total_credit = 0
    for v in vouchers:
        debit = sum(d for _, d, _ in v.lines)
        credit = sum(c for _, _, c in v.lines)
        if debit != credit:
            raise UnbalancedVoucher(voucher=v.doc_number or v.voucher_id,
                                    debit=format_money(debit), credit=format_money(credit))
        total_debit, total_credit = total_debit + debit, total_credit + credit
    return total_debit, total_credit


def rows(layout: Layout, vouchers: list[VoucherIn]) -> list[list[str]]:
    """The export rows (without the header), vouchers numbered per month in date order."""
    out, numbers = [], {}
    for v in sorted(vouchers, key=lambda v: (v.day, v.voucher_id)):
        period = (v.day.year, v.day.month)
        numbers[period] = numbers.get(period, 0) + 1
        summary = f"{DOC_TYPE_ZH.get(v.doc_type, v.doc_type)} {v.doc_number}".strip()
        for n, (account, debit, credit) in enumerate(v.lines, 1):
            values = {"date": v.day.strftime(layout.date_format), "period": f"{v.day:%Y-%m}",
                      "year": str(v.day.year), "month": str(v.day.month),
                      "voucher_word": layout.voucher_word, "voucher_no": str(numbers[period]),
                      "entry_no": str(n), "summary": summary, "account": account,
                      "account_name": ACCOUNTS.get(account, ""), "currency": layout.currency,
                      "debit": _amount(debit, layout), "credit": _amount(credit, layout),
                      "doc_number": v.doc_number, "doc_type": v.doc_type,
                      "preparer": v.preparer, "attachments": "1"}
            out.append([values[c.field] for c in layout.columns])
    return out


def _amount(fen: int, layout: Layout) -> str:
    return "" if fen == 0 and layout.blank_zero else format_money(fen)
