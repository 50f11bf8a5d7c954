"""Turn the names in a document request into rows, with a clear error for each miss.

Posting reads products and the warehouse as small plain records (`ProductRef`,
`WarehouseRef`) with one SQL statement each; the rest are ORM rows."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.domain.doc_request import LineRequest
from app.domain.errors import DomainError
from app.persistence.ledger import run
from app.persistence.schema import (Customer, Document, Product, ProductBarcode, Supplier,
                                    Warehouse)


class UnknownReference(DomainError):
    code = "unknown_reference"
    zh = "找不到{what_zh}“{value}”。{hint_zh}"
    en = "There is no {what_en} '{value}'. {hint_en}"


def _missing(what_zh: str, what_en: str, value: str, hint_zh: str = "", hint_en: str = ""):
    return UnknownReference(what_zh=what_zh, what_en=what_en, value=value, hint_zh=hint_zh,
                            hint_en=hint_en)


@dataclass(frozen=True)
class WarehouseRef:
    id: int
    code: str


@dataclass(eq=False)
class ProductRef:
    """What posting needs of a product (the same names as the `products` columns)."""

    id: int
    sku: str
    name: str
    tax_rate_bp: int
    retail_price_fen: int
    purchase_price_fen: int
    shelf_life_days: int | None
    is_stock_tracked: bool
    costing: str


_PRODUCT = ("SELECT p.id, p.sku, p.name, p.tax_rate_bp, p.retail_price_fen, p.purchase_price_fen, "
            "p.shelf_life_days, p.is_stock_tracked, p.costing")


def _no_warehouse(code: str) -> DomainError:
    return _missing("仓库", "warehouse", code, "请检查仓库编码（在途仓库只能通过调拨单使用）。",
                    "Check the warehouse code (in-transit goods move only by transfers).")


def warehouse(session: Session, store_id: int, code: str) -> Warehouse:
    row = session.scalars(select(Warehouse).where(Warehouse.store_id == store_id,
                                                  Warehouse.code == code)).first()
    if row is None or row.is_in_transit:  # in-transit is reached only through transfers
        raise _no_warehouse(code)
    return row


def local_warehouse(session: Session, code: str) -> tuple[int, str, WarehouseRef]:
    """This store's id and code, and its warehouse of that code, in one query."""
    store_id, store_code, wh_id, in_transit = run(
        session, "SELECT s.id, s.code, w.id, w.is_in_transit FROM stores s "
        "LEFT JOIN warehouses w ON w.store_id = s.id AND w.code = ? WHERE s.is_local = 1",
        (code,)).one()
    if wh_id is None or in_transit:
        raise _no_warehouse(code)
    return store_id, store_code, WarehouseRef(wh_id, code)


def warehouse_by_id(session: Session, warehouse_id: int) -> WarehouseRef:
    code = run(session, "SELECT code FROM warehouses WHERE id = ?", (warehouse_id,)).scalar_one()
    return WarehouseRef(warehouse_id, code)


def _refs(rows) -> list[ProductRef]:
    return [ProductRef(*row[:7], bool(row[7]), row[8]) for row in rows]


def product_refs(session: Session, lines: tuple[LineRequest, ...]) -> list[ProductRef]:
    """The product of every line, in one query however many lines there are (SKU first,
    else barcode)."""
    skus = sorted({l.sku for l in lines if l.sku})
    codes = sorted({l.barcode for l in lines if not l.sku and l.barcode})
    parts, params = [], []
    if skus:
        parts.append(f"{_PRODUCT}, p.sku, NULL FROM products p WHERE p.sku IN "
                     f"({', '.join('?' * len(skus))})")
        params += skus
    if codes:
        parts.append(f"{_PRODUCT}, NULL, b.barcode FROM product_barcodes b JOIN products p "
                     f"ON p.id = b.product_id WHERE b.barcode IN ({', '.join('?' * len(codes))})")
        params += codes
    by_sku, by_code = {}, {}
    if parts:
        rows = run(session, " UNION ALL ".join(parts), tuple(params)).all()
        refs = dict(zip((r[0] for r in rows), _refs(rows)))  # one object per product
        for row in rows:
            (by_sku if row[9] is not None else by_code)[row[9] or row[10]] = refs[row[0]]
    return [_found(n, line, by_sku.get(line.sku) if line.sku else by_code.get(line.barcode))
            for n, line in enumerate(lines, 1)]


def _found(n: int, line: LineRequest, row):
    if row is None:
        raise _missing("商品", "product", line.sku or line.barcode or "",
                       f"（第 {n} 行）请先建立该商品。", f"(line {n}) Create the product first.")
    return row


def product_refs_by_id(session: Session, ids: list[int]) -> dict[int, ProductRef]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = run(
        session, f"{_PRODUCT} FROM products p WHERE p.id IN ({', '.join('?' * len(wanted))})",
        tuple(wanted)).all()
    return {ref.id: ref for ref in _refs(rows)}


def transit_warehouse(session: Session, store_id: int) -> Warehouse:
    """The store's in-transit warehouse, made the first time goods are sent."""
    row = session.scalars(select(Warehouse).where(Warehouse.store_id == store_id,
                                                  Warehouse.is_in_transit.is_(True))).first()
    if row is None:
        row = Warehouse(store_id=store_id, code="TRANSIT", name="在途", is_in_transit=True)
        session.add(row)
        session.flush()
    return row


def products(session: Session, lines: tuple[LineRequest, ...]) -> list[Product]:
    """The product of every line, in two queries however many lines there are."""
    skus = {l.sku for l in lines if l.sku}
    codes = {l.barcode for l in lines if not l.sku and l.barcode}
    by_sku = {p.sku: p for p in session.scalars(select(Product).where(Product.sku.in_(skus)))} \
        if skus else {}
    by_code = {code: row for code, row in session.execute(
        select(ProductBarcode.barcode, Product).join(Product).where(
            ProductBarcode.barcode.in_(codes)))} if codes else {}
    return [_found(n, line, by_sku.get(line.sku) if line.sku else by_code.get(line.barcode))
            for n, line in enumerate(lines, 1)]


def supplier(session: Session, code: str | None) -> Supplier:
    row = session.scalars(select(Supplier).where(
        or_(Supplier.code == code, Supplier.name == code))).first() if code else None
    if row is None:
        raise _missing("供应商", "supplier", code or "", "请填写供应商编码。",
                       "Give the supplier code.")
    return row


def customer(session: Session, ref: str | None) -> Customer | None:
    if not ref:
        return None
    row = session.scalars(select(Customer).where(
        or_(Customer.code == ref, Customer.phone == ref, Customer.card_no == ref))).first()
    if row is None:
        raise _missing("客户", "customer", ref, "请用客户编码、手机号或会员卡号。",
                       "Use the customer code, phone or card number.")
    return row


def original(session: Session, ref: str | None, kinds: set[str],
             what: tuple[str, str] = ("原单", "original document"),
             key: str = "original") -> Document:
    row = session.scalars(select(Document).where(
        or_(Document.uuid == ref, Document.number == ref),
        Document.doc_type.in_(kinds), Document.status == "posted")).first() if ref else None
    if row is None:
        raise _missing(what[0], what[1], ref or "",
                       f"需要“{key}”填写已过账{what[0]}的编号或 id。",
                       f"'{key}' must name a posted {what[1]} by number or id.")
    return row
