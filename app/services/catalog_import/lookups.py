"""The database side of an import, before any write: what the catalogue already holds
(units, brands, suppliers, categories, the file's SKUs and barcodes) and the checks only it
can answer (unknown suppliers, barcodes of other products, ambiguous categories, costing
changes of products with stock moves)."""
from __future__ import annotations

from typing import Iterator, Sequence

from sqlalchemy import Connection, select

from app.domain.product_rows import ProductRow, RowError, RowKeys
from app.persistence.schema import (Brand, Category, Product, ProductBarcode, StockMove,
                                    Supplier, Unit)

from .results import ParsedFile

READ_CHUNK = 2000

# Product columns an import writes or compares; the rest take fixed values for new rows.
COMPARED = ("name", "pinyin", "spec", "unit_id", "category_id", "brand_id", "supplier_id",
            "tax_rate_bp", "retail_price_fen", "member_price_fen", "wholesale_price_fen",
            "purchase_price_fen", "shelf_life_days", "min_stock_milli", "max_stock_milli",
            "costing", "location")
AT = {column: 2 + i for i, column in enumerate(COMPARED)}  # in (id, sku, *COMPARED) rows


def chunks(items: Sequence, size: int = READ_CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


class CatalogLookups:
    """What the database holds for one import, and the checks that need it."""

    def __init__(self, conn: Connection, parsed: ParsedFile) -> None:
        self.conn = conn
        self.parsed = parsed
        self.units = {n: i for i, n in conn.execute(select(Unit.id, Unit.name))}
        self.brands = {n: i for i, n in conn.execute(select(Brand.id, Brand.name))}
        self.suppliers = self._load_suppliers()
        self.categories = list(conn.execute(
            select(Category.id, Category.parent_id, Category.code, Category.name)
            .order_by(Category.id)))
        keyed = [*parsed.rows, *parsed.rejected]
        self.existing = self._load_existing(keyed)
        self.owners = self._load_owners(keyed)
        self.category_ids: dict[tuple[str, ...], int | None] = {}

    def _load_suppliers(self) -> dict[str, int]:
        """Supplier id by code and, when unique, by name."""
        suppliers: dict[str, int] = {}
        supplier_names: dict[str, list[int]] = {}
        for sid, code, sname in self.conn.execute(
                select(Supplier.id, Supplier.code, Supplier.name)):
            suppliers[code] = sid
            supplier_names.setdefault(sname, []).append(sid)
        for sname, ids in supplier_names.items():  # a unique name works as well as the code
            if len(ids) == 1:
                suppliers.setdefault(sname, ids[0])
        return suppliers

    def _load_existing(self, keyed: list[ProductRow | RowKeys]) -> dict[str, tuple]:
        """sku -> (id, sku, *COMPARED) of the file's products already in the catalogue."""
        existing: dict[str, tuple] = {}
        for chunk in chunks([r.sku for r in keyed if r.sku]):
            for row in self.conn.execute(select(Product.id, Product.sku, *(
                    getattr(Product, c) for c in COMPARED)).where(Product.sku.in_(chunk))):
                existing[row[1]] = tuple(row)
        return existing

    def _load_owners(self, keyed: list[ProductRow | RowKeys]) -> dict[str, tuple[int, str, str]]:
        """barcode -> (product id, sku, name) of the file's barcodes already in use."""
        owners: dict[str, tuple[int, str, str]] = {}
        for chunk in chunks([code for r in keyed for code in r.barcodes]):
            for code, pid, sku, pname in self.conn.execute(
                    select(ProductBarcode.barcode, ProductBarcode.product_id, Product.sku,
                           Product.name).join(Product)
                    .where(ProductBarcode.barcode.in_(chunk))):
                owners[code] = (pid, sku, pname)
        return owners

    # categories: "饮料/碳酸饮料" is top level 饮料 and its child 碳酸饮料; one name is the
    # only category of that name, or a new top-level one.
    def _find_category(self, path: tuple[str, ...]) -> tuple[int | None, str | None]:
        """(id or None when it must be created, or an error text)."""
        if len(path) == 1:
            found = [c for c in self.categories if c.name == path[0]]
            if len(found) > 1:
                return None, "ambiguous"
            return (found[0].id if found else None), None
        top = next((c for c in self.categories if c.parent_id is None and c.name == path[0]),
                   None)
        if top is None:
            return None, None
        child = next((c for c in self.categories if c.parent_id == top.id and c.name == path[1]),
                     None)
        return (child.id if child else None), None

    def check(self) -> None:
        """Add what only the database can tell to the file's problems."""
        costing_changes: dict[int, ProductRow] = {}
        costing_at = AT["costing"]
        for keys in self.parsed.rejected:
            self._check_references(keys)
        for row in self.parsed.rows:
            old = self.existing.get(row.sku)
            self._check_references(row)
            if row.category and row.category not in self.category_ids:
                self._resolve_category(row)
            if old is not None and row.costing is not None and row.costing != old[costing_at]:
                costing_changes[old[0]] = row
        self._check_costing_changes(costing_changes)

    def _resolve_category(self, row: ProductRow) -> None:
        """Note the row's category id (None: to be created), or an ambiguous name."""
        cid, error = self._find_category(row.category)
        if error:
            name = row.category[0]
            self.parsed.problems.add(RowError(
                row.row, "category", f"有多个名为“{name}”的分类，请写出完整路径，例如“饮料/{name}”",
                f"several categories are called '{name}'; write the full path, e.g. "
                f"'饮料/{name}'"))
        else:
            self.category_ids[row.category] = cid

    def _check_costing_changes(self, costing_changes: dict[int, ProductRow]) -> None:
        """A product that already has stock moves keeps its costing method."""
        costing_at = AT["costing"]
        moved = set()
        for chunk in chunks(list(costing_changes)):
            moved.update(self.conn.scalars(select(StockMove.product_id).distinct()
                                           .where(StockMove.product_id.in_(chunk))))
        for pid in sorted(moved, key=lambda p: costing_changes[p].row):
            row = costing_changes[pid]
            old = self.existing[row.sku][costing_at]
            self.parsed.problems.add(RowError(
                row.row, "costing", f"商品已有出入库记录，成本方法不能从 {old} 改为 {row.costing}",
                f"the product already has stock moves; its costing cannot change from {old} "
                f"to {row.costing}"))

    def _check_references(self, row: ProductRow | RowKeys) -> None:
        """The supplier exists; no barcode belongs to another product."""
        problems = self.parsed.problems
        old = self.existing.get(row.sku)
        if row.supplier is not None and row.supplier not in self.suppliers:
            problems.add(RowError(row.row, "supplier",
                                  f"找不到供应商“{row.supplier}”，请填写已有供应商的编码，或先建立该供应商",
                                  f"there is no supplier '{row.supplier}'; give the code of an "
                                  "existing supplier, or create it first"))
        for code in row.barcodes:
            owner = self.owners.get(code)
            if owner is not None and (old is None or owner[0] != old[0]):
                problems.add(RowError(row.row, "barcode",
                                      f"条码“{code}”已属于另一个商品 {owner[1]}（{owner[2]}）",
                                      f"barcode '{code}' already belongs to another product, "
                                      f"{owner[1]} ({owner[2]})"))
