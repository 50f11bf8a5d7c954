"""Export the posted documents' vouchers of a period to CSV or XLSX in a chosen layout.

Reads only posted documents whose business date lies in the period; checks that every
voucher and the total balance before writing anything; writes through a temporary file so
a failed export never leaves half a file behind.
"""
from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from app.domain.errors import DomainError
from app.domain.finance_layouts import (READY, BadLayout, Layout, VoucherIn, check_balanced,
                                        layout_from_json, rows)
from app.domain.money import format_money
from app.domain.permissions import check
from app.persistence.schema import Document, User, Voucher, VoucherLineRow
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.records import Actor

AMOUNT_FIELDS = {"debit", "credit"}


class CannotEncode(DomainError):
    code = "cannot_encode"
    zh = "有字符无法用 {encoding} 编码写入 CSV（{text}）。请改用 xlsx 格式，或使用 UTF-8 编码的格式。没有写入文件。"
    en = ("Some text cannot be written in {encoding} ({text}). Export as xlsx, or use a layout "
          "with UTF-8 encoding. No file was written.")


class BadPeriod(DomainError):
    code = "bad_period"
    zh = "期间无效：开始日期 {start} 晚于结束日期 {end}。"
    en = "The period is not valid: {start} is after {end}."


@dataclass(frozen=True)
class ExportResult:
    path: Path
    layout: str
    vouchers: int
    lines: int
    debit_fen: int
    credit_fen: int

    def summary(self) -> dict:
        return {"file": str(self.path), "layout": self.layout, "vouchers": self.vouchers,
                "lines": self.lines, "debit": format_money(self.debit_fen),
                "credit": format_money(self.credit_fen)}


def load_layout(name_or_file: str) -> Layout:
    """A ready layout by name (generic, kingdee, yonyou) or a JSON layout file."""
    if name_or_file in READY:
        return READY[name_or_file]
    path = Path(name_or_file)
    if not path.is_file():
        raise BadLayout(why_zh=f"没有名为“{name_or_file}”的格式，也不是文件；可用：{', '.join(READY)}",
                        why_en=f"'{name_or_file}' is neither a layout ({', '.join(READY)}) "
                               "nor a file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadLayout(why_zh=f"无法读取 {path}（{exc}）", why_en=f"cannot read {path} ({exc})") from None
    return layout_from_json(text)


def export_vouchers(store: LocalStore, actor: Actor, start: date, end: date, layout: Layout,
                    out: Path, fmt: str = "csv") -> ExportResult:
    check(actor.role, "finance.export.export_vouchers")
    if start > end:
        raise BadPeriod(start=start, end=end)
    vouchers = _read(store, start, end)
    debit, credit = check_balanced(vouchers)
    table = rows(layout, vouchers)
    _write(out, layout, table, fmt)
    return ExportResult(out, layout.name, len(vouchers), len(table), debit, credit)


def _read(store: LocalStore, start: date, end: date) -> list[VoucherIn]:
    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        found = s.execute(
            select(Voucher.id, Document.business_date, Document.doc_type, Document.number,
                   User.username)
            .join(Document, Document.id == Voucher.document_id)
            .outerjoin(User, User.id == Document.user_id)
            .where(Document.status == "posted", Document.business_date >= start,
                   Document.business_date <= end)
            .order_by(Document.business_date, Voucher.id)).all()
        vouchers = {r.id: VoucherIn(r.id, r.business_date, r.doc_type, r.number or "",
                                    r.username or "") for r in found}
        if vouchers:
            for line in s.execute(select(VoucherLineRow.voucher_id, VoucherLineRow.account,
                                         VoucherLineRow.debit_fen, VoucherLineRow.credit_fen)
                                  .where(VoucherLineRow.voucher_id.in_(list(vouchers)))
                                  .order_by(VoucherLineRow.id)):
                vouchers[line.voucher_id].lines.append((line.account, line.debit_fen,
                                                        line.credit_fen))
    return list(vouchers.values())


def _write(out: Path, layout: Layout, table: list[list[str]], fmt: str) -> None:
    out = Path(out)
    partial = out.with_name(out.name + ".partial")
    try:
        if fmt == "xlsx":
            _write_xlsx(partial, layout, table)
        else:
            _write_csv(partial, layout, table)
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)


def _write_csv(path: Path, layout: Layout, table: list[list[str]]) -> None:
    headers = [c.header for c in layout.columns]
    for row in [headers, *table]:
        for cell in row:
            try:
                cell.encode(layout.encoding)
            except UnicodeEncodeError:
                raise CannotEncode(encoding=layout.encoding, text=cell) from None
    with path.open("w", encoding=layout.encoding, newline="") as f:
        writer = csv.writer(f)
        writer.writerow(headers)
        writer.writerows(table)


def _write_xlsx(path: Path, layout: Layout, table: list[list[str]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet("凭证")
    sheet.freeze_panes = "A2"
    amounts = [c.field in AMOUNT_FIELDS for c in layout.columns]
    header = []
    for c in layout.columns:
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value=c.header)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in table:
        sheet.append([_xlsx_value(v, is_amount) for v, is_amount in zip(row, amounts)])
    book.save(path)


def _xlsx_value(value: str, is_amount: bool):
    if is_amount and value:
        return Decimal(value)
    if value[:1] in ("=", "+", "-", "@"):  # never a formula in a spreadsheet cell
        return "'" + value
    return value
