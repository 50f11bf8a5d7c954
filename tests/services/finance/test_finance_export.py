"""Vouchers of a period to CSV/XLSX in ready and custom layouts; the balance check."""
from __future__ import annotations

import csv
import json
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.domain.finance_layouts import (READY, BadLayout, UnbalancedVoucher, VoucherIn,
                                        check_balanced, layout_from_json, rows)
from app.domain.permissions import PermissionDenied
from app.persistence.schema import Document, VoucherLineRow, Voucher
from app.persistence.uow import UnitOfWork
from app.services.finance import export_vouchers, load_layout
from app.services.inventory.posting import post_document
from app.services.records import Actor
from helpers import add_catalog

ADMIN = Actor(None, "t", "admin")


@pytest.fixture
def booked(new_store):
    """A receipt on 11-30, two sales on 12-01 and one on 12-02 (other month: numbering)."""
    add_catalog(new_store)
    days = [datetime(2026, 11, 30, 2), datetime(2026, 12, 1, 2), datetime(2026, 12, 1, 3),
            datetime(2026, 12, 2, 2)]
    docs = [{"type": "purchase_receipt", "id": "r1", "supplier": "S01",
             "lines": [{"sku": "COLA", "qty": "50", "unit_cost": "1.00"}]}]
    docs += [{"type": "sale", "id": f"s{i}", "lines": [{"sku": "COLA", "qty": str(i + 1)}],
              "payments": [{"method": "cash", "amount": "20.00"}]} for i in range(3)]
    for doc, at in zip(docs, days):
        post_document(new_store, ADMIN, doc, clock=lambda at=at: at)
    return new_store


def _independent_lines(store, start, end):
    """Debit and credit of every voucher line of posted documents in the period, in fen."""
    with UnitOfWork(store.engine, write=False) as uow:
        return uow.session.execute(
            select(VoucherLineRow.account, VoucherLineRow.debit_fen, VoucherLineRow.credit_fen)
            .join(Voucher, Voucher.id == VoucherLineRow.voucher_id)
            .join(Document, Document.id == Voucher.document_id)
            .where(Document.business_date.between(start, end))).all()


def test_generic_csv_has_every_line_numbered_per_month_and_balances(booked, tmp_path):
    out = tmp_path / "v.csv"
    result = export_vouchers(booked, ADMIN, date(2026, 11, 1), date(2026, 12, 31),
                             READY["generic"], out)
    expected = _independent_lines(booked, date(2026, 11, 1), date(2026, 12, 31))
    with out.open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.DictReader(f))
    assert result.lines == len(table) == len(expected) and result.vouchers == 4
    assert result.debit_fen == result.credit_fen == sum(d for _, d, _ in expected)
    assert {r["凭证号"] for r in table if r["日期"].startswith("2026-11")} == {"1"}
    assert sorted({r["凭证号"] for r in table if r["日期"].startswith("2026-12")}) == ["1", "2", "3"]
    first_sale = [r for r in table if r["日期"] == "2026-12-01" and r["凭证号"] == "1"]
    assert first_sale[0]["摘要"].startswith("销售 XS-S001-20261201-")
    assert {r["科目名称"] for r in table if r["科目编码"] == "5001"} == {"主营业务收入"}
    for number in {r["凭证号"] for r in table if r["日期"] == "2026-12-01"}:
        lines = [r for r in table if r["日期"] == "2026-12-01" and r["凭证号"] == number]
        assert sum(float(r["借方金额"]) for r in lines) == pytest.approx(
            sum(float(r["贷方金额"]) for r in lines))


def test_period_filter_and_kingdee_gbk_with_blank_zero(booked, tmp_path):
    out = tmp_path / "k.csv"
    result = export_vouchers(booked, ADMIN, date(2026, 12, 2), date(2026, 12, 2),
                             READY["kingdee"], out)
    assert result.vouchers == 1
    with out.open(encoding="gbk", newline="") as f:
        table = list(csv.reader(f))
    assert table[0][:4] == ["日期", "会计年度", "会计期间", "凭证字"]
    assert all(row[10] == "" or row[11] == "" for row in table[1:])  # 借方 or 贷方 empty


def test_xlsx_amounts_are_numbers(booked, tmp_path):
    out = tmp_path / "y.xlsx"
    export_vouchers(booked, ADMIN, date(2026, 12, 1), date(2026, 12, 1), READY["yonyou"], out,
                    fmt="xlsx")
    sheet = load_workbook(out).active
    header = [c.value for c in sheet[1]]
    debit = header.index("借方金额") + 1
    values = [sheet.cell(row=r, column=debit).value for r in range(2, sheet.max_row + 1)]
    assert any(isinstance(v, (int, float)) and v > 0 for v in values)


def test_a_custom_layout_from_json(booked, tmp_path):
    spec = tmp_path / "mine.json"
    spec.write_text(json.dumps({"name": "mine", "date_format": "%Y/%m/%d", "columns": [
        {"header": "Date", "field": "date"}, {"header": "Acct", "field": "account"},
        {"header": "Dr", "field": "debit"}, {"header": "Cr", "field": "credit"}]}))
    out = tmp_path / "m.csv"
    export_vouchers(booked, ADMIN, date(2026, 11, 30), date(2026, 11, 30), load_layout(str(spec)),
                    out)
    assert out.read_text(encoding="utf-8-sig").splitlines()[1].startswith("2026/11/30,1405,")


@pytest.mark.parametrize("text, said", [("{", "JSON"), ('{"columns": []}', "unknown"),
                                        ('{"columns": [{"header": "x", "field": "price"}]}', "price"),
                                        ('{"columns": [{"header": "x", "field": "date"}], '
                                         '"encoding": "klingon"}', "klingon")])
def test_bad_layouts_are_refused(text, said):
    with pytest.raises(BadLayout) as bad:
        layout_from_json(text)
    assert said in bad.value.message("en")


def test_an_unbalanced_voucher_stops_the_export_before_any_file():
    v = VoucherIn(1, date(2026, 12, 1), "sale", "XS-1", "admin", [("1001", 100, 0), ("5001", 0, 90)])
    with pytest.raises(UnbalancedVoucher):
        check_balanced([v])
    assert rows(READY["generic"], [v])  # rows alone do not check: the service always checks


def test_only_finance_roles_export_and_a_failed_export_writes_nothing(booked, tmp_path):
    out = tmp_path / "no.csv"
    with pytest.raises(PermissionDenied):
        export_vouchers(booked, Actor(None, "c", "cashier"), date(2026, 12, 1),
                        date(2026, 12, 1), READY["generic"], out)
    assert not out.exists() and not list(tmp_path.glob("*.partial"))
    accountant = Actor(None, "a", "accountant")
    assert export_vouchers(booked, accountant, date(2026, 12, 1), date(2026, 12, 1),
                           READY["generic"], out).vouchers == 2
