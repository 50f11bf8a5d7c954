"""The back office's products and master data (issue 7 item 1).

- `listing`: the product list, a page at a time, filtered and sorted in SQLite;
- `form`, `editing`: the product editor's form, its checks, load and save;
- `masters`: units, categories, brands, suppliers; `members`: customers and members;
- `images`: product pictures kept in the data directory.

Every save is one transaction with its audit entry and outbox event; a refused form raises
`FormInvalid` naming each wrong field.
"""
from __future__ import annotations

from .editing import SavedProduct, load_product, save_product
from .errors import FormInvalid, ImageUnusable, RecordNotFound
from .form import ProductForm
from .listing import STOCK_STATES, Cursor, ProductFilter, ProductPage, ProductRow, list_products
from .masters import (BrandForm, CategoryForm, CategoryNode, Choices, SupplierForm, UnitForm,
                      choices, list_brands, list_categories, list_suppliers, list_units,
                      save_brand, save_category, save_supplier, save_unit)
from .members import MemberForm, list_members, save_member

__all__ = ["STOCK_STATES", "BrandForm", "CategoryForm", "CategoryNode", "Choices", "Cursor",
           "FormInvalid", "ImageUnusable", "MemberForm", "ProductFilter", "ProductForm",
           "ProductPage", "ProductRow", "RecordNotFound", "SavedProduct", "SupplierForm",
           "UnitForm", "choices", "list_brands", "list_categories", "list_members",
           "list_products", "list_suppliers", "list_units", "load_product", "save_brand",
           "save_category", "save_member", "save_product", "save_supplier", "save_unit"]
