"""The product form as the editor fills it (texts as typed) and its checks, field by field.

The cells an import file also has are checked by `app.domain.product_rows.validate_row`, so
a price, a tax rate or a shelf life is refused with the same words in the editor and in an
import. Each problem is keyed by the form field it belongs to (`FormInvalid.fields`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from app.domain.barcode import validate_barcode
from app.domain.errors import InvalidBarcode
from app.domain.money import InvalidAmount, InvalidQuantity, parse_money, parse_quantity
from app.domain.product_rows import validate_row

from .errors import FormInvalid

# validate_row's column -> the form's field
_FIELD_OF = {"retail_price": "retail_price", "member_price": "member_price",
             "wholesale_price": "wholesale_price", "purchase_price": "purchase_price",
             "tax_rate": "tax_rate", "shelf_life_days": "shelf_life_days", "sku": "sku",
             "name": "name", "spec": "spec", "unit": "unit", "min_stock": "min_stock",
             "max_stock": "max_stock", "costing": "costing", "location": "location"}
MAX_BARCODES = 20
MAX_STORAGE_RATE_BP = 10_000


@dataclass
class ProductForm:
    """What the editor holds. Money in yuan, quantities in the unit, rates in percent."""

    id: int | None = None
    sku: str = ""
    name: str = ""
    spec: str = ""
    barcodes: list[str] = field(default_factory=list)  # the first is the primary code
    unit_id: int | None = None
    category_id: int | None = None
    brand_id: int | None = None
    supplier_id: int | None = None
    tax_rate: str = "13"
    retail_price: str = ""
    member_price: str = ""
    wholesale_price: str = ""
    purchase_price: str = ""
    freight: str = ""
    packaging: str = ""
    storage_rate: str = ""
    shelf_life_days: str = ""
    min_stock: str = ""
    max_stock: str = ""
    stock_tracked: bool = True
    costing: str = "fifo"
    location: str = ""               # shelf location (货位), "A-03-2"; empty: none
    active: bool = True
    image_source: str | None = None  # a newly chosen file; None keeps the stored image
    clear_image: bool = False
    stored_image: str = ""           # the stored image's file, as loaded (read only)
    recipe_yield: str = "1"
    recipe: list[tuple[str, str]] = field(default_factory=list)  # (component SKU, qty)
    custom: dict[str, str] | None = None  # custom field values by key; None: not on the form


@dataclass(frozen=True)
class CheckedProduct:
    """The form's values in storage units, once every field passed."""

    sku: str
    name: str
    spec: str
    barcodes: tuple[str, ...]
    unit_id: int
    tax_rate_bp: int
    retail_price_fen: int
    member_price_fen: int
    wholesale_price_fen: int
    purchase_price_fen: int
    freight_fen: int
    packaging_fen: int
    storage_rate_bp: int
    shelf_life_days: int | None
    min_stock_milli: int
    max_stock_milli: int
    costing: str
    recipe_yield_milli: int
    recipe: tuple[tuple[str, int], ...]
    location: str | None = None


class _Errors(dict):
    def add(self, name: str, zh: str, en: str) -> None:
        self.setdefault(name, (zh, en))


def check_form(form: ProductForm) -> CheckedProduct:
    """The form in storage units, or `FormInvalid` naming every wrong field."""
    errors = _Errors()
    row = validate_row(0, {
        "sku": form.sku, "name": form.name, "spec": form.spec,
        "unit": "-" if form.unit_id is not None else "",
        "retail_price": form.retail_price, "member_price": form.member_price,
        "wholesale_price": form.wholesale_price, "purchase_price": form.purchase_price,
        "tax_rate": form.tax_rate, "shelf_life_days": form.shelf_life_days,
        "min_stock": form.min_stock, "max_stock": form.max_stock, "costing": form.costing,
        "location": form.location})
    if isinstance(row, list):
        for e in row:
            errors.add(_FIELD_OF.get(e.column, e.column), e.zh, e.en)
    barcodes = _barcodes(form.barcodes, errors)
    freight = _money(form.freight, "freight", errors)
    packaging = _money(form.packaging, "packaging", errors)
    storage = _rate(form.storage_rate, errors)
    yield_milli, recipe = _recipe(form, errors)
    if errors or isinstance(row, list):
        raise FormInvalid(dict(errors))
    retail = row.retail_price_fen
    return CheckedProduct(
        row.sku, row.name, row.spec or "", barcodes, form.unit_id,
        1300 if row.tax_rate_bp is None else row.tax_rate_bp, retail,
        retail if row.member_price_fen is None else row.member_price_fen,
        retail if row.wholesale_price_fen is None else row.wholesale_price_fen,
        row.purchase_price_fen or 0, freight, packaging, storage, row.shelf_life_days,
        row.min_stock_milli or 0, row.max_stock_milli or 0, row.costing or "fifo",
        yield_milli, recipe, row.location)


def _barcodes(codes: list[str], errors: _Errors) -> tuple[str, ...]:
    out: list[str] = []
    for raw in codes:
        if not raw.strip():
            continue
        try:
            code = validate_barcode(raw)
        except InvalidBarcode as exc:
            errors.add("barcodes", exc.message("zh_CN"), exc.message("en"))
            continue
        if code in out:
            errors.add("barcodes", f"条码“{code}”填了两次", f"barcode '{code}' is listed twice")
        out.append(code)
    if len(out) > MAX_BARCODES:
        errors.add("barcodes", f"一个商品最多 {MAX_BARCODES} 个条码",
                   f"a product has at most {MAX_BARCODES} barcodes")
    return tuple(out)


def _money(text: str, name: str, errors: _Errors) -> int:
    if not text.strip():
        return 0
    try:
        fen = parse_money(text)
    except InvalidAmount as exc:
        errors.add(name, exc.message("zh_CN"), exc.message("en"))
        return 0
    if fen < 0:
        errors.add(name, f"金额“{text}”不能为负数", f"amount '{text}' must not be negative")
    return fen


def _rate(text: str, errors: _Errors) -> int:
    """A storage rate in percent ("1.5" or "1.5%") as basis points."""
    raw = text.strip().rstrip("%％").strip()
    if not raw:
        return 0
    try:
        bp = Decimal(raw) * 100
    except InvalidOperation:
        bp = Decimal(-1)
    if not bp.is_finite() or bp != bp.to_integral_value() or not 0 <= bp <= MAX_STORAGE_RATE_BP:
        errors.add("storage_rate", f"仓储费率“{text}”无效，请写 0 到 100 之间的百分数，最多两位小数",
                   f"storage rate '{text}' is not valid: write a percentage from 0 to 100 with "
                   "at most two decimals")
        return 0
    return int(bp)


def _recipe(form: ProductForm, errors: _Errors) -> tuple[int, tuple[tuple[str, int], ...]]:
    lines = [(sku.strip(), qty) for sku, qty in form.recipe if sku.strip() or qty.strip()]
    if not lines:
        return 1000, ()
    try:
        yield_milli = parse_quantity(form.recipe_yield or "1")
    except InvalidQuantity:
        yield_milli = 0
    if yield_milli <= 0:
        errors.add("recipe", f"配方产出数量“{form.recipe_yield}”必须是正数",
                   f"the recipe yield '{form.recipe_yield}' must be a positive number")
    parsed: list[tuple[str, int]] = []
    for sku, qty in lines:
        try:
            milli = parse_quantity(qty)
        except InvalidQuantity:
            milli = 0
        if not sku or milli <= 0:
            errors.add("recipe", f"配方行“{sku} {qty}”需要原料编码和正数数量",
                       f"recipe line '{sku} {qty}' needs a component SKU and a positive quantity")
        parsed.append((sku, milli))
    skus = [s for s, _ in parsed]
    if len(set(skus)) != len(skus) or form.sku.strip() in skus:
        errors.add("recipe", "配方原料不能重复，也不能是商品本身",
                   "recipe components must be distinct and must not be the product itself")
    return yield_milli, tuple(parsed)
