"""What the database says about an import's references: products by SKU or barcode,
warehouses and suppliers by code (or a supplier's unique name). Unknown ones become marks."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.persistence.ledger import run

from .table import Table

CHUNK = 900  # SQLite's bound-parameter limit is well above this


@dataclass(frozen=True)
class ProductInfo:
    id: int
    sku: str
    name: str
    purchase_price_fen: int


def products(s: Session, table: Table) -> dict[int, ProductInfo]:
    """sheet row -> product of every row that names a known one; marks the others."""
    skus = sorted({v["sku"] for _, v in table.rows if "sku" in v})
    codes = sorted({v["barcode"] for _, v in table.rows if "sku" not in v and "barcode" in v})
    by_sku = _fetch(s, "SELECT id, sku, name, purchase_price_fen, sku FROM products "
                       "WHERE sku IN ({})", skus)
    by_code = _fetch(s, "SELECT p.id, p.sku, p.name, p.purchase_price_fen, b.barcode "
                        "FROM product_barcodes b JOIN products p ON p.id = b.product_id "
                        "WHERE b.barcode IN ({})", codes)
    found: dict[int, ProductInfo] = {}
    for row, values in table.rows:
        if "sku" in values:
            key, column, pool = values["sku"], "sku", by_sku
        elif "barcode" in values:
            key, column, pool = values["barcode"], "barcode", by_code
        else:
            if (row, "sku") not in table.marks.bad and (row, "barcode") not in table.marks.bad:
                table.marks.add(row, "sku", "请填写商品编码或条码", "give the SKU or the barcode")
            continue
        info = pool.get(key)
        if info is None:
            table.marks.add(row, column, f"没有商品“{key}”，请先建立商品或改正编码",
                            f"there is no product '{key}'; create it first or fix the code")
        else:
            found[row] = info
    return found


def _fetch(s: Session, sql: str, keys: list[str]) -> dict[str, ProductInfo]:
    out: dict[str, ProductInfo] = {}
    for start in range(0, len(keys), CHUNK):
        part = keys[start:start + CHUNK]
        for pid, sku, name, price, key in run(s, sql.format(", ".join("?" * len(part))),
                                              tuple(part)).all():
            out[key] = ProductInfo(pid, sku, name, price)
    return out


def warehouses(s: Session, table: Table, default: str = "MAIN") -> None:
    """Marks rows whose warehouse is not one of this store's (in-transit excluded)."""
    known = {code for (code,) in run(
        s, "SELECT w.code FROM warehouses w JOIN stores s ON s.id = w.store_id "
        "WHERE s.is_local = 1 AND w.is_in_transit = 0").all()}
    for row, values in table.rows:
        code = values.get("warehouse", default).upper()
        values["warehouse"] = code
        if code not in known:
            table.marks.add(row, "warehouse", f"没有仓库“{code}”，可用：{', '.join(sorted(known))}",
                            f"there is no warehouse '{code}'; known: {', '.join(sorted(known))}")


def suppliers(s: Session, table: Table) -> None:
    """Marks rows whose supplier is neither a code nor a unique name."""
    codes, names = set(), {}
    for code, name in run(s, "SELECT code, name FROM suppliers").all():
        codes.add(code)
        names[name] = names.get(name, 0) + 1
    for row, values in table.rows:
        ref = values.get("supplier")
        if ref and ref not in codes and names.get(ref) != 1:
            table.marks.add(row, "supplier", f"没有供应商“{ref}”（按编码或名称查找）",
                            f"there is no supplier '{ref}' (by code or by name)")
