"""The writes of an import, once every check passed: missing units, brands and categories
first, then new products inserted, changed ones updated (only the columns that change) and
barcodes added, never removed (the row's first barcode becomes the primary one)."""
from __future__ import annotations

from datetime import datetime
from typing import Sequence

from sqlalchemy import Connection, bindparam, func, insert, select, update

from app.domain.product_rows import ProductRow
from app.persistence.schema import Brand, Category, Product, ProductBarcode, Unit
from app.services.pinyin import word_initials

from .lookups import AT, COMPARED, CatalogLookups, chunks

WRITE_CHUNK = 10_000
DEFAULT_TAX_BP = 1300
WEIGHED_UNITS = {"kg", "斤", "公斤", "千克", "克", "g", "两"}
NEW_ONLY = {"freight_fen": 0, "packaging_fen": 0, "storage_rate_bp": 0,
            "is_stock_tracked": True, "image_path": None, "active": True}
INSERT_COLUMNS = ("id", "sku", *COMPARED, *NEW_ONLY, "created_at")


class ImportPlan(CatalogLookups):
    """The database side of one import: look-ups, checks (`CatalogLookups`), then the writes."""

    def write(self, now: datetime) -> dict[str, int]:
        counts = self._create_masters()
        conn = self.conn
        barcodes = self._existing_barcodes()
        next_id = _next_id(conn, Product)
        fixed = tuple(NEW_ONLY.values())
        process = Product.__table__.c.created_at.type.bind_processor(conn.dialect)
        created_at = process(now) if process else now
        inserts, new_codes, demote, promote = [], [], [], []
        updates: dict[tuple[str, ...], list[tuple]] = {}  # changed columns -> (values..., id)
        created = updated = unchanged = 0
        for row in self.parsed.rows:
            old = self.existing.get(row.sku)
            values = self._values(row, old)
            if old is None:
                pid = next_id
                next_id += 1
                inserts.append((pid, row.sku, *values, *fixed, created_at))
                changed = True
                have: dict[str, bool] = {}
            else:
                pid = old[0]
                changed = values != old[2:]
                if changed:  # only the columns that change: fewer index entries to touch
                    diff = [(c, v) for c, v, o in zip(COMPARED, values, old[2:]) if v != o]
                    updates.setdefault(tuple(c for c, _ in diff), []).append(
                        (*(v for _, v in diff), pid))
                have = barcodes.get(pid, {})
            if row.barcodes:
                codes_changed = _plan_barcodes(row.barcodes, pid, have, new_codes, demote,
                                               promote)
                changed = changed or codes_changed
            if old is None:
                created += 1
            elif changed:
                updated += 1
            else:
                unchanged += 1
        self._write(inserts, updates, new_codes, demote, promote)
        return {**counts, "created": created, "updated": updated, "unchanged": unchanged}

    def _existing_barcodes(self) -> dict[int, dict[str, bool]]:
        """product id -> {barcode: is primary} of the products the file updates."""
        barcodes: dict[int, dict[str, bool]] = {}
        existing_ids = [old[0] for old in self.existing.values()]
        for chunk in chunks(existing_ids):
            for code, pid, primary in self.conn.execute(
                    select(ProductBarcode.barcode, ProductBarcode.product_id,
                           ProductBarcode.is_primary)
                    .where(ProductBarcode.product_id.in_(chunk))):
                barcodes.setdefault(pid, {})[code] = bool(primary)
        return barcodes

    def _values(self, row: ProductRow, old: tuple | None) -> tuple:
        """The COMPARED columns of the product after the import."""
        def keep(column: str, default):
            return old[AT[column]] if old is not None else default

        def pick(value, column: str, default):
            return value if value is not None else keep(column, default)

        retail = row.retail_price_fen
        same_name = old is not None and old[2] == row.name
        return (row.name, old[3] if same_name else _pinyin(row.name),
                pick(row.spec, "spec", ""),
                self.units[row.unit],
                self.category_ids[row.category] if row.category else keep("category_id", None),
                self.brands[row.brand] if row.brand else keep("brand_id", None),
                self.suppliers[row.supplier] if row.supplier else keep("supplier_id", None),
                pick(row.tax_rate_bp, "tax_rate_bp", DEFAULT_TAX_BP),
                retail,
                pick(row.member_price_fen, "member_price_fen", retail),
                pick(row.wholesale_price_fen, "wholesale_price_fen", retail),
                pick(row.purchase_price_fen, "purchase_price_fen", 0),
                pick(row.shelf_life_days, "shelf_life_days", None),
                pick(row.min_stock_milli, "min_stock_milli", 0),
                pick(row.max_stock_milli, "max_stock_milli", 0),
                pick(row.costing, "costing", "fifo"),
                pick(row.location, "location", None))

    # --- missing master data ----------------------------------------------------------------

    def _create_masters(self) -> dict[str, int]:
        rows = self.parsed.rows
        conn = self.conn
        new_units = sorted({r.unit for r in rows} - set(self.units))
        if new_units:
            first = _next_id(conn, Unit)
            values = [{"id": first + i, "name": n, "is_weighed": n.lower() in WEIGHED_UNITS}
                      for i, n in enumerate(new_units)]
            conn.execute(insert(Unit), values)
            self.units.update((v["name"], v["id"]) for v in values)
        new_brands = sorted({r.brand for r in rows if r.brand} - set(self.brands))
        if new_brands:
            first = _next_id(conn, Brand)
            values = [{"id": first + i, "name": n, "pinyin": _pinyin(n)[:64]}
                      for i, n in enumerate(new_brands)]
            conn.execute(insert(Brand), values)
            self.brands.update((v["name"], v["id"]) for v in values)
        return {"units_created": len(new_units), "brands_created": len(new_brands),
                "categories_created": self._create_categories()}

    def _create_categories(self) -> int:
        missing = [p for p, cid in self.category_ids.items() if cid is None]  # file order
        if not missing:
            return 0
        tops = {c.name: (c.id, c.code) for c in reversed(self.categories) if c.parent_id is None}
        new = _NewCategories(self.categories, _next_id(self.conn, Category))
        for path in missing:
            top = tops.get(path[0])
            if top is None:
                top = tops[path[0]] = new.add(None, path[0])
            if len(path) == 1:
                self.category_ids[path] = top[0]
                continue
            self.category_ids[path] = new.add(top, path[1])[0]
        self.conn.execute(insert(Category), new.values)
        return len(new.values)

    # --- the statements ---------------------------------------------------------------------

    def _write(self, inserts: list, updates: dict, new_codes: list, demote: list,
               promote: list) -> None:
        conn = self.conn
        products, codes = Product.__table__, ProductBarcode.__table__
        missing = {c.name for c in products.columns} - set(INSERT_COLUMNS)
        if missing:  # the schema grew: the import must learn the new columns
            raise RuntimeError(f"catalog import lacks product columns {sorted(missing)}")
        _insert_rows(conn, "products", INSERT_COLUMNS, inserts)
        _insert_rows(conn, "product_barcodes", ("barcode", "product_id", "is_primary"), new_codes)
        for columns, rows in updates.items():
            sql = f"UPDATE products SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?"
            for chunk in chunks(rows, WRITE_CHUNK):
                conn.exec_driver_sql(sql, chunk)
        if demote:
            conn.execute(update(codes).where(codes.c.product_id == bindparam("b_pid"),
                                             codes.c.barcode != bindparam("b_code"))
                         .values(is_primary=False), demote)
        if promote:
            conn.execute(update(codes).where(codes.c.barcode == bindparam("b_code"))
                         .values(is_primary=True), promote)


def _plan_barcodes(row_codes: Sequence[str], pid: int, have: dict[str, bool], new_codes: list,
                   demote: list, promote: list) -> bool:
    """Add the row's barcodes to the writes (the first one primary); whether any changes."""
    primary = row_codes[0]
    fresh = [c for c in row_codes if c not in have]
    primary_ok = have.get(primary) is True and sum(have.values()) == 1
    if have and not primary_ok:
        demote.append({"b_pid": pid, "b_code": primary})
        if primary in have:
            promote.append({"b_code": primary})
    new_codes += [(c, pid, c == primary) for c in fresh]
    return bool(fresh) or not primary_ok


class _NewCategories:
    """Categories to insert; codes follow the tree: top level "03", its children "0301"."""

    def __init__(self, existing: list, next_id: int) -> None:
        self.codes = {c.code for c in existing}
        self.children: dict[int, int] = {}
        for c in existing:
            if c.parent_id is not None:
                self.children[c.parent_id] = self.children.get(c.parent_id, 0) + 1
        self.top_count = sum(1 for c in existing if c.parent_id is None)
        self.next_id = next_id
        self.values: list[dict] = []

    def add(self, parent: tuple[int, str] | None, name: str) -> tuple[int, str]:
        """A new category under `parent` (id, code), or at the top level: (id, code)."""
        prefix = parent[1] if parent else ""
        n = (self.children.get(parent[0], 0) if parent else self.top_count) + 1
        code = f"{prefix}{n:02d}"
        while code in self.codes:
            n += 1
            code = f"{prefix}{n:02d}"
        if len(code) > 32:  # a deep user-made tree: fall back to the id
            code, k = f"C{self.next_id}", 0
            while code in self.codes:
                k += 1
                code = f"C{self.next_id}-{k}"
        self.codes.add(code)
        if parent:
            self.children[parent[0]] = n
        else:
            self.top_count = n
        self.values.append({"id": self.next_id, "parent_id": parent[0] if parent else None,
                            "code": code, "name": name})
        self.next_id += 1
        return self.next_id - 1, code


def _insert_rows(conn: Connection, table: str, columns: Sequence[str],
                 rows: list[tuple]) -> None:
    """executemany straight through the driver, in chunks (as the demo generator does:
    SQLAlchemy's per-row parameter processing costs a third of the time at this size)."""
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    for chunk in chunks(rows, WRITE_CHUNK):
        conn.exec_driver_sql(sql, chunk)


def _pinyin(name: str) -> str:
    """`pinyin.initials(name)`, word by word through the cache (equal by its rule 2)."""
    return "".join(word_initials(word) for word in name.split())[:120]


def _next_id(conn: Connection, model) -> int:
    return (conn.scalar(select(func.max(model.id))) or 0) + 1
