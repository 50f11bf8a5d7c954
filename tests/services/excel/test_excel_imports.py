"""The four imports: all or nothing, the marked copy, and safe handling of odd files."""
from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from app.domain.permissions import PermissionDenied
from app.persistence.schema import AuditEntry, Document, Product
from app.persistence.uow import UnitOfWork
from app.services.catalog_import import UnreadableImportFile
from app.services.excel import IMPORTERS, ImportRejected
from app.services.excel import table as table_module
from app.services.excel.marks import BAD_FILL, ERRORS_HEADER
from app.services.inventory.queries import stock
from app.services.records import Actor
from excel_files import column_index, filled

ADMIN = Actor(1, "admin", "admin")
CLERK = Actor(1, "clerk", "warehouse_clerk")


def _documents(store) -> int:
    with UnitOfWork(store.engine, write=False) as uow:
        return len(uow.session.scalars(select(Document)).all())


def _on_hand(store, sku, warehouse="MAIN") -> str | None:
    rows = stock(store, sku=sku, warehouse=warehouse)
    return rows[0]["on_hand"] if rows else None


def _red(cell) -> bool:
    return cell.fill is not None and (cell.fill.fgColor.rgb or "").endswith(BAD_FILL)


def test_opening_stock_imports_per_warehouse_and_a_second_import_books_nothing(shop, tmp_path):
    path = filled(tmp_path / "stock.xlsx", "stock", [
        {"sku": "COLA", "qty": 24, "unit_cost": 2.1},
        {"sku": "MILK", "qty": "10", "unit_cost": "3.00", "batch": "B1",
         "expiry": "2027-01-31"},
        {"warehouse": "w2", "sku": "COLA", "qty": 6, "unit_cost": "2.10"}])
    result = IMPORTERS["stock"](shop, ADMIN, path)
    assert result.rows == 3 and len(result.documents) == 2 and result.replayed == 0
    assert _on_hand(shop, "COLA") == "24" and _on_hand(shop, "COLA", "W2") == "6"
    assert stock(shop, sku="COLA")[0]["value"] == "50.40"
    again = IMPORTERS["stock"](shop, ADMIN, path)
    assert again.replayed == 2 and _on_hand(shop, "COLA") == "24"
    assert "not booked twice" in again.summary("en")


def test_a_bad_file_writes_nothing_and_gets_a_marked_copy(shop, tmp_path):
    path = filled(tmp_path / "bad.xlsx", "stock", [
        {"sku": "COLA", "qty": 24, "unit_cost": "2.10"},
        {"sku": "NOPE", "qty": 1, "unit_cost": "1.00"},
        {"sku": "=cmd|' /C calc'!A0", "qty": 1, "unit_cost": "1.00"},
        {"sku": "MILK", "qty": "abc", "unit_cost": "-1", "expiry": "31/12/2027"},
        {"warehouse": "XX", "sku": "COLA", "qty": 1, "unit_cost": "1.234"}])
    before = _documents(shop)
    with pytest.raises(ImportRejected) as err:
        IMPORTERS["stock"](shop, ADMIN, path)
    assert _documents(shop) == before and _on_hand(shop, "COLA") is None
    rejected = err.value
    assert rejected.count == 7
    assert rejected.marked == tmp_path / "bad.errors.xlsx" and rejected.marked.exists()
    assert "row 3" in rejected.message("en") and "第 3 行" in rejected.message("zh_CN")
    ws = load_workbook(rejected.marked).worksheets[0]
    sku, qty, cost, expiry, wh = (column_index("stock", k) for k in
                                  ("sku", "qty", "unit_cost", "expiry", "warehouse"))
    assert _red(ws.cell(3, sku)) and "NOPE" in ws.cell(3, sku).comment.text
    assert _red(ws.cell(4, sku)) and "formula" in ws.cell(4, sku).comment.text
    assert ws.cell(4, sku).data_type == "s"  # still the user's text, never a formula
    assert _red(ws.cell(5, qty)) and _red(ws.cell(5, cost)) and _red(ws.cell(5, expiry))
    assert _red(ws.cell(6, wh)) and _red(ws.cell(6, cost))
    assert not _red(ws.cell(2, sku)) and ws.cell(2, sku).comment is None
    errors_col = ws.max_column
    assert ws.cell(1, errors_col).value == ERRORS_HEADER
    assert ws.cell(2, errors_col).value is None and "NOPE" in ws.cell(3, errors_col).value
    with pytest.raises(ImportRejected) as again:
        IMPORTERS["stock"](shop, ADMIN, path)
    assert again.value.marked == tmp_path / "bad.errors-2.xlsx"  # the first copy is kept


def test_csv_input_gets_an_xlsx_marked_copy_with_text_kept_as_text(shop, tmp_path):
    path = tmp_path / "prices.csv"
    path.write_text("商品编码,零售价\nCOLA,3.80\n=HYPERLINK(\"x\"),1.00\nMILK,x\n",
                    encoding="utf-8")
    with pytest.raises(ImportRejected) as err:
        IMPORTERS["prices"](shop, ADMIN, path)
    ws = load_workbook(err.value.marked).active
    assert ws["A3"].value == '=HYPERLINK("x")' and ws["A3"].data_type == "s"
    assert _red(ws["A3"]) and _red(ws["B4"]) and not _red(ws["B2"])
    with UnitOfWork(shop.engine, write=False) as uow:
        cola = uow.session.scalars(select(Product).where(Product.sku == "COLA")).one()
        assert cola.retail_price_fen == 350


def test_prices_change_only_given_cells_with_one_audit_entry(shop, tmp_path):
    path = filled(tmp_path / "p.xlsx", "prices", [
        {"sku": "COLA", "retail_price": "3.80", "member_price": "3.60"},
        {"sku": "MILK", "purchase_price": "3.10"},
        {"sku": "RICE", "retail_price": "8.00"}])  # unchanged
    result = IMPORTERS["prices"](shop, ADMIN, path)
    assert result.changed == 2 and "2" in result.summary("zh_CN")
    with UnitOfWork(shop.engine, write=False) as uow:
        s = uow.session
        cola, milk = (s.scalars(select(Product).where(Product.sku == k)).one()
                      for k in ("COLA", "MILK"))
        assert (cola.retail_price_fen, cola.member_price_fen) == (380, 360)
        assert (milk.retail_price_fen, milk.purchase_price_fen) == (450, 310)
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "excel.import")).one()
        assert '"kind":"prices"' in entry.detail and '"changed":2' in entry.detail


def test_prices_refuse_duplicates_and_rows_without_a_price(shop, tmp_path):
    path = filled(tmp_path / "p.xlsx", "prices", [
        {"sku": "COLA", "retail_price": "3.80"}, {"sku": "COLA", "retail_price": "3.90"},
        {"sku": "MILK"}])
    with pytest.raises(ImportRejected) as err:
        IMPORTERS["prices"](shop, ADMIN, path)
    assert err.value.count == 2 and "row 2" in err.value.message("en")


def test_receipts_group_by_number_and_mark_price_anomalies(shop, tmp_path):
    IMPORTERS["prices"](shop, ADMIN, filled(tmp_path / "p.xlsx", "prices", [
        {"sku": "COLA", "purchase_price": "2.00"}]))
    rows = [{"receipt_no": "R1", "supplier": "S01", "sku": "COLA", "qty": 10, "unit_cost": "2.05"},
            {"receipt_no": "R1", "supplier": "S01", "sku": "MILK", "qty": 5, "unit_cost": "3.00",
             "batch": "M1", "expiry": "2027-03-01"},
            {"receipt_no": "R2", "supplier": "上海饮料有限公司", "warehouse": "W2", "sku": "COLA",
             "qty": 4, "unit_cost": "3.00"}]
    with pytest.raises(ImportRejected) as err:
        IMPORTERS["receipts"](shop, CLERK, filled(tmp_path / "r.xlsx", "receipts", rows))
    assert err.value.count == 1 and "20%" in err.value.message("en")
    ws = load_workbook(err.value.marked).worksheets[0]
    assert _red(ws.cell(4, column_index("receipts", "unit_cost")))
    rows[2]["confirm_price"] = "是"
    result = IMPORTERS["receipts"](shop, CLERK, filled(tmp_path / "r2.xlsx", "receipts", rows))
    assert len(result.documents) == 2 and result.documents[0].startswith("RK-")
    assert _on_hand(shop, "COLA") == "10" and _on_hand(shop, "COLA", "W2") == "4"
    again = IMPORTERS["receipts"](shop, CLERK, filled(tmp_path / "r3.xlsx", "receipts", rows))
    assert again.replayed == 2 and _on_hand(shop, "COLA") == "10"


def test_rows_of_one_receipt_must_agree_on_supplier(shop, tmp_path):
    path = filled(tmp_path / "r.xlsx", "receipts", [
        {"receipt_no": "R9", "supplier": "S01", "sku": "COLA", "qty": 1, "unit_cost": "1"},
        {"receipt_no": "R9", "supplier": "S02", "sku": "MILK", "qty": 1, "unit_cost": "1"}])
    with pytest.raises(ImportRejected) as err:
        IMPORTERS["receipts"](shop, CLERK, path)
    assert err.value.count == 2  # S02 is unknown, and differs from the first row


def test_products_import_from_the_template_and_mark_a_refused_file(shop, tmp_path):
    good = filled(tmp_path / "goods.xlsx", "products", [
        {"sku": "TEA", "name": "绿茶", "unit": "瓶", "retail_price": "3.00",
         "category": "饮料/茶", "costing": "fifo"}])
    assert IMPORTERS["products"](shop, ADMIN, good).created == 1
    bad = filled(tmp_path / "bad.xlsx", "products", [
        {"sku": "TEA2", "name": "红茶", "unit": "瓶", "retail_price": "abc"}])
    with pytest.raises(ImportRejected) as err:
        IMPORTERS["products"](shop, ADMIN, bad)
    ws = load_workbook(err.value.marked).worksheets[0]
    assert _red(ws.cell(2, column_index("products", "retail_price")))
    assert ws.cell(1, ws.max_column).value == ERRORS_HEADER


def test_a_bad_location_cell_refuses_the_file_and_is_marked(shop, tmp_path):
    bad = filled(tmp_path / "bad.xlsx", "products", [
        {"sku": "TEA", "name": "绿茶", "unit": "瓶", "retail_price": "3.00", "location": "A-1"},
        {"sku": "TEA2", "name": "红茶", "unit": "瓶", "retail_price": "3.00",
         "location": "X" * 40}])
    with pytest.raises(ImportRejected) as err:
        IMPORTERS["products"](shop, ADMIN, bad)
    assert err.value.count == 1 and "货位" in err.value.message("zh_CN")
    ws = load_workbook(err.value.marked).worksheets[0]
    cell = ws.cell(3, column_index("products", "location"))
    assert _red(cell) and "32" in cell.comment.text
    assert not _red(ws.cell(2, column_index("products", "location")))
    with shop.engine.connect() as conn:  # nothing was written
        assert conn.execute(select(Product.id).where(Product.sku == "TEA")).first() is None


def test_products_without_required_headers_get_a_marked_header(shop, tmp_path):
    wb = Workbook()
    wb.active.append(["sku", "name"])
    wb.active.append(["X", "Y"])
    wb.save(tmp_path / "short.xlsx")
    with pytest.raises(ImportRejected) as err:
        IMPORTERS["products"](shop, ADMIN, tmp_path / "short.xlsx")
    assert "unit" in err.value.message("en") and err.value.marked.exists()


def test_formula_without_a_cached_value_is_a_cell_error(shop, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["sku", "qty", "unit_cost"])
    ws.append(["COLA", "=1+1", "2.00"])
    wb.save(tmp_path / "f.xlsx")
    with pytest.raises(ImportRejected) as err:
        IMPORTERS["stock"](shop, ADMIN, tmp_path / "f.xlsx")
    assert err.value.count == 1 and "formula" in err.value.message("en")


def test_files_over_the_size_limit_or_of_the_wrong_kind_are_refused(shop, tmp_path, monkeypatch):
    path = filled(tmp_path / "s.xlsx", "stock", [{"sku": "COLA", "qty": 1, "unit_cost": "1"}])
    monkeypatch.setattr(table_module, "MAX_FILE_BYTES", 1000)
    with pytest.raises(UnreadableImportFile) as err:
        IMPORTERS["stock"](shop, ADMIN, path)
    assert "MB" in err.value.message("en")
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"not a workbook")
    monkeypatch.setattr(table_module, "MAX_FILE_BYTES", 10**6)
    with pytest.raises(UnreadableImportFile):
        IMPORTERS["stock"](shop, ADMIN, fake)


def test_each_import_checks_the_role(shop, tmp_path):
    path = filled(tmp_path / "s.xlsx", "stock", [{"sku": "COLA", "qty": 1, "unit_cost": "1"}])
    with pytest.raises(PermissionDenied):
        IMPORTERS["stock"](shop, CLERK, path)
    with pytest.raises(PermissionDenied):
        IMPORTERS["prices"](shop, Actor(2, "c", "cashier"), path)
