"""Custom product fields in an import file (issue 11 item 1).

A header cell that names no standard column but an active product field (its Chinese or
English label or its key, on either line of a two-line header) is that field's column. Each
cell is checked with the field's rules (`app.domain.custom_fields.parse_value`) as the row
is read; a bad cell is a problem of column `custom:<key>`, marked in the refused file's copy
like any other. A required field must have a value for a product the file creates; for an
existing product an empty cell keeps the stored value, as for the standard columns. The
values are written in the import's transaction, after the products.
"""
from __future__ import annotations

from typing import Sequence

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert

from app.domain.custom_fields import BadCustomValue, FieldDef, parse_value
from app.domain.product_rows import RowError, normalize_header
from app.persistence.schema import Product
from app.persistence.schema.custom import CustomValue

from .lookups import chunks

PREFIX = "custom:"


def custom_columns(cells: Sequence[str], taken: set[int],
                   defs: Sequence[FieldDef]) -> dict[int, FieldDef]:
    """Cell index -> field, for the header cells not already a standard column."""
    names: dict[str, FieldDef] = {}
    for fd in defs:
        for name in (fd.key, fd.label_zh, fd.label_en):
            names.setdefault(normalize_header(name), fd)
    found: dict[int, FieldDef] = {}
    for index, cell in enumerate(cells):
        if index in taken or not (cell or "").strip():
            continue
        for line in (cell or "").splitlines():
            fd = names.get(normalize_header(line))
            if fd is not None and fd not in found.values():
                found[index] = fd
                break
    return found


def header_text(fd: FieldDef) -> str:
    """A custom column's header in templates and exports: "产地\norigin"."""
    return f"{fd.label_zh}\n{fd.key}"


def check_cells(number: int, cells: Sequence[str], columns: dict[int, FieldDef]
                ) -> tuple[dict[str, str], list[RowError]]:
    """The row's canonical custom values (empty cells left out) and its bad cells."""
    values: dict[str, str] = {}
    errors: list[RowError] = []
    for index, fd in columns.items():
        raw = cells[index] if index < len(cells) else ""
        if not raw.strip():
            continue
        try:
            values[fd.key] = parse_value(fd, raw)
        except BadCustomValue as exc:
            errors.append(RowError(number, PREFIX + fd.key, exc.message("zh_CN"),
                                   exc.message("en")))
    return values, errors


def missing_required(rows: list, values: dict[int, dict[str, str]], existing: dict,
                     defs: Sequence[FieldDef]) -> list[RowError]:
    """A required field without a value on a product the file creates."""
    required = [fd for fd in defs if fd.required]
    errors = []
    for row in rows if required else ():
        if row.sku in existing:
            continue
        given = values.get(row.row, {})
        for fd in required:
            if fd.key not in given:
                errors.append(RowError(row.row, PREFIX + fd.key,
                                       f"“{fd.label_zh}”必须填写（新商品）",
                                       f"'{fd.label_en}' is required for a new product"))
    return errors


def write_values(conn: Connection, rows: list, values: dict[int, dict[str, str]],
                 field_ids: dict[str, int]) -> int:
    """Insert or replace the file's values (by the products' SKUs); returns how many."""
    wanted = [(row.sku, values[row.row]) for row in rows if values.get(row.row)]
    written = 0
    for chunk in chunks(wanted):
        ids = dict(conn.execute(select(Product.sku, Product.id)
                                .where(Product.sku.in_([sku for sku, _ in chunk]))).all())
        batch = [{"field_id": field_ids[key], "record_id": ids[sku], "value": value}
                 for sku, given in chunk for key, value in given.items()]
        if batch:
            stmt = insert(CustomValue)
            conn.execute(stmt.on_conflict_do_update(
                index_elements=["field_id", "record_id"],
                set_={"value": stmt.excluded.value}), batch)
            written += len(batch)
    return written
