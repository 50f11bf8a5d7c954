"""Turn the names in a document request into rows, with a clear error for each miss."""
from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.domain.doc_request import LineRequest
from app.domain.errors import DomainError
from app.persistence.schema import (Customer, Document, Product, ProductBarcode, Supplier,
                                    Warehouse)


class UnknownReference(DomainError):
    code = "unknown_reference"
    zh = "找不到{what_zh}“{value}”。{hint_zh}"
    en = "There is no {what_en} '{value}'. {hint_en}"


def _missing(what_zh: str, what_en: str, value: str, hint_zh: str = "", hint_en: str = ""):
    return UnknownReference(what_zh=what_zh, what_en=what_en, value=value, hint_zh=hint_zh,
                            hint_en=hint_en)


def warehouse(session: Session, store_id: int, code: str) -> Warehouse:
    row = session.scalars(select(Warehouse).where(Warehouse.store_id == store_id,
                                                  Warehouse.code == code)).first()
    if row is None or row.is_in_transit:  # in-transit is reached only through transfers
        raise _missing("仓库", "warehouse", code, "请检查仓库编码（在途仓库只能通过调拨单使用）。",
                       "Check the warehouse code (in-transit goods move only by transfers).")
    return row


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
    found = []
    for n, line in enumerate(lines, 1):
        row = by_sku.get(line.sku) if line.sku else by_code.get(line.barcode)
        if row is None:
            raise _missing("商品", "product", line.sku or line.barcode or "",
                           f"（第 {n} 行）请先建立该商品。", f"(line {n}) Create the product first.")
        found.append(row)
    return found


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
