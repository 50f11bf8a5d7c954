"""Finding products and members at the till, fast on a million products.

Every query is a point or range lookup on an index (barcode primary key, unique SKU,
`ix_products_name`, `ix_products_pinyin`, unique phone and card number) with a LIMIT; the
catalog is never loaded. Only when the prefix searches find fewer than `limit` products
does a substring search on names run, and it is cut off after a time budget by SQLite's
progress handler, so a rare word costs at most that budget on any catalog size.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.exc import OperationalError

from app.domain import scale_barcode
from app.domain.barcode import validate_barcode
from app.domain.permissions import check
from app.persistence.schema import Customer, Product, ProductBarcode, Unit
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.counter import accounts, shelf
from app.services.counter.cart import Member, ProductInfo
from app.services.counter.errors import MemberNotFound, ProductInactive, ProductNotFound
from app.services.records import LOCAL_OPERATOR, Actor, local_date, utc_now

SEARCH_LIMIT = 20
SEARCH_BUDGET_S = 0.020
_COLUMNS = (Product.id, Product.sku, Product.name, Product.spec, Unit.name, Unit.is_weighed,
            Product.retail_price_fen, Product.member_price_fen, Product.active,
            Product.is_stock_tracked, Product.shelf_life_days)


@dataclass(frozen=True)
class CodeHit:
    """What a scanned or typed code names: a product, and from a scale label its weight or
    its printed price."""

    product: ProductInfo
    qty_milli: int | None = None
    label_fen: int | None = None


def _products():
    return select(*_COLUMNS).join(Unit, Unit.id == Product.unit_id)


def _info(row, barcode: str = "") -> ProductInfo:
    return ProductInfo(row[0], row[1], row[2], row[3] or "", row[4] or "", bool(row[5]),
                       row[6], row[7], barcode)


def _sellable(conn, row, barcode: str = "", today: date | None = None) -> ProductInfo:
    """The product as the till sells it: active, not only expired stock, with the batch
    FEFO sells first (for near-expiry markdowns)."""
    if not row[8]:
        raise ProductInactive(name=row[2], sku=row[1])
    info = _info(row, barcode)
    if not row[9]:
        return info
    first = shelf.first_batch(conn, info, row[10] is not None, today or local_date(utc_now()))
    if first is None:
        return info
    return replace(info, expiry=first.expiry.isoformat() if first.expiry else "",
                   batch_left_milli=first.qty_milli)


def find_code(store: LocalStore, text: str,
              scale_formats: tuple[scale_barcode.ScaleFormat, ...] = (),
              *, actor: Actor = LOCAL_OPERATOR) -> CodeHit | None:
    """The product a whole code names (barcode, SKU or scale label), or None when `text` is
    not a code at all (then the caller searches). A code-shaped text that names nothing
    raises: a bad check digit as `InvalidBarcode`, else `ProductNotFound`."""
    check(actor.role, "counter.lookup.find_code")
    code = text.strip()
    if not code or not (code.isascii() and code.isprintable()) or " " in code:
        return None
    with store.engine.connect() as conn:
        row = conn.execute(_products().join(ProductBarcode, ProductBarcode.product_id == Product.id)
                           .where(ProductBarcode.barcode == code)).first()
        if row is not None:
            return CodeHit(_sellable(conn, row, code))
        row = conn.execute(_products().where(Product.sku == code)).first() \
            or conn.execute(_products().where(Product.sku == code.upper())).first()
        if row is not None:
            return CodeHit(_sellable(conn, row))
        if not code.isalnum():
            return None
        label = scale_barcode.parse(code, scale_formats)
        if label is not None:
            return _scale_hit(conn, label)
    if code.isdigit():  # numbers are codes: a damaged EAN says which digit is wrong
        validate_barcode(code)
        raise ProductNotFound(text=code)
    return None


def _scale_hit(conn, label: scale_barcode.ScaleCode) -> CodeHit:
    """A label's PLU names the product whose SKU or barcode is the PLU, with or without its
    leading zeros (there is no separate PLU column)."""
    candidates = list(dict.fromkeys((label.plu, label.plu.lstrip("0") or "0")))
    row = conn.execute(_products().where(Product.sku.in_(candidates))).first() or conn.execute(
        _products().join(ProductBarcode, ProductBarcode.product_id == Product.id)
        .where(ProductBarcode.barcode.in_(candidates))).first()
    if row is None:
        raise ProductNotFound(text=f"{label.code} (PLU {label.plu})")
    return CodeHit(_sellable(conn, row), qty_milli=label.qty_milli, label_fen=label.price_fen)


def search(store: LocalStore, text: str, limit: int = SEARCH_LIMIT,
           *, actor: Actor = LOCAL_OPERATOR) -> list[ProductInfo]:
    """Active products for what the cashier is typing: barcode, SKU, pinyin initials and
    name prefixes first, then names (or pinyin initials) containing the text, time-boxed
    so the whole search stays within `SEARCH_BUDGET_S`."""
    check(actor.role, "counter.lookup.search")
    started = time.perf_counter()
    query = text.strip()
    if not query:
        return []
    found: dict[int, ProductInfo] = {}
    with store.engine.connect() as conn:
        for stmt in _prefix_queries(query, limit):
            for row in conn.execute(stmt):
                if row[8] and row[0] not in found:
                    found[row[0]] = _info(row)
            if len(found) >= limit:
                return list(found.values())[:limit]
        if len(query) >= 2 and not query.isdigit():
            deadline = started + SEARCH_BUDGET_S
            for row in _substring(conn, query, limit - len(found), set(found), deadline):
                found.setdefault(row[0], _info(row))
    return list(found.values())[:limit]


def _between(column, prefix: str):
    return (column >= prefix) & (column < prefix + "\uffff")


def _prefix_queries(query: str, limit: int) -> list:
    stmts = []
    if query.isascii() and query.isalnum():
        stmts.append(_products().join(ProductBarcode, ProductBarcode.product_id == Product.id)
                     .where(_between(ProductBarcode.barcode, query))
                     .order_by(ProductBarcode.barcode).limit(limit))
        stmts.append(_products().where(_between(Product.sku, query.upper()))
                     .order_by(Product.sku).limit(limit))
        stmts.append(_products().where(_between(Product.pinyin, query.lower()))
                     .order_by(Product.pinyin).limit(limit))
    stmts.append(_products().where(_between(Product.name, query)).order_by(Product.name)
                 .limit(limit))
    return stmts


def _substring(conn, query: str, wanted: int, seen: set[int], deadline: float) -> list:
    """Names (for Latin letters: pinyin initials) containing `query`, scanned in table
    order and abandoned at `deadline`."""
    raw = conn.connection.dbapi_connection
    raw.set_progress_handler(lambda: int(time.perf_counter() > deadline), 1000)
    column, needle = (Product.pinyin, query.lower()) if query.isascii() else (Product.name, query)
    stmt = _products().where(Product.active.is_(True), func.instr(column, needle) > 0)
    if seen:
        stmt = stmt.where(Product.id.not_in(seen))
    rows = []
    try:
        for row in conn.execute(stmt.limit(wanted)):
            rows.append(row)
    except OperationalError:  # interrupted: the budget ran out; what was found is shown
        pass
    finally:
        raw.set_progress_handler(None, 0)
    return rows


def find_member(store: LocalStore, ref: str, *, actor: Actor = LOCAL_OPERATOR) -> Member:
    """A member by phone or card number (or customer code), with their stored value and
    points balances."""
    check(actor.role, "counter.lookup.find_member")
    key = ref.strip()
    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        row = s.execute(select(Customer.id, Customer.code, Customer.name, Customer.phone,
                               Customer.card_no, Customer.level).where(or_(
            Customer.phone == key, Customer.card_no == key, Customer.code == key))).first() \
            if key else None
        if row is None:
            raise MemberNotFound(ref=key)
        money = accounts.balance(s, row[0])
    return Member(row[1], row[2], row[3] or "", row[4] or "", row[5] or "", money.points,
                  money.value_fen)


@dataclass(frozen=True)
class Entry:
    """What Enter in the scan field resolves to: one product to add, or a choice."""

    hit: CodeHit | None
    choices: tuple[ProductInfo, ...] = ()


def resolve_entry(store: LocalStore, text: str,
                  scale_formats: tuple[scale_barcode.ScaleFormat, ...] = (),
                  *, actor: Actor = LOCAL_OPERATOR) -> Entry:
    """A code adds its product; other text searches and adds the only match, or offers
    the matches to choose from; nothing found is `ProductNotFound`."""
    check(actor.role, "counter.lookup.resolve_entry")
    hit = find_code(store, text, scale_formats)
    if hit is not None:
        return Entry(hit)
    found = search(store, text)
    if not found:
        raise ProductNotFound(text=text.strip())
    if len(found) == 1:
        return Entry(CodeHit(found[0]))
    return Entry(None, tuple(found))
