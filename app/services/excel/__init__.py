"""Excel in and out: templates, imports that write all or nothing, and exports.

- `templates.template_bytes(kind)`: the .xlsx template of products, stock (opening stock),
  prices (price changes) or receipts (purchase receipts): bilingual headers, data
  validation, an instructions sheet (`columns.SPECS` describes every column);
- `IMPORTERS[kind](store, actor, path, progress=...)`: read and check the whole file, then
  write everything in one transaction, or raise `ImportRejected` (nothing written) whose
  `marked` is a copy of the file beside it with each bad cell red, commented and listed in
  an "错误 Errors" column;
- `export.write_rows(path, columns, rows)`: any list to .xlsx, formula injection
  neutralised (`safety`).
See docs/excel.md.
"""
from __future__ import annotations

from .columns import KINDS, SPECS, TITLES
from .common import ExcelImportResult
from .marks import ImportRejected
from .price_import import import_prices
from .product_import import import_products
from .receipt_import import import_receipts
from .stock_import import import_stock
from .templates import UnknownTemplate, template_bytes, write_template

IMPORTERS = {"products": import_products, "stock": import_stock, "prices": import_prices,
             "receipts": import_receipts}

__all__ = ["IMPORTERS", "KINDS", "SPECS", "TITLES", "ExcelImportResult", "ImportRejected",
           "UnknownTemplate", "template_bytes", "write_template"]
