"""Report filters: what the user typed (codes, names) resolved to ids, with a clear error
for each name that does not exist, before any report query runs."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.domain.errors import DomainError
from app.domain.report_periods import Period
from app.domain.report_spec import FILTER_NAMES  # noqa: F401 (API)
from app.persistence.schema import Category, Customer, Product, Store, Supplier, User


class UnknownFilterValue(DomainError):
    code = "report_unknown_filter"
    zh = "找不到{what_zh}“{value}”。{hint_zh}"
    en = "There is no {what_en} '{value}'. {hint_en}"


@dataclass(frozen=True)
class ReportFilter:
    """The filters as given: store code, category code, product SKU, cashier user name,
    customer code (or phone, card), supplier code. None means all."""

    start: date
    end: date
    store: str | None = None
    category: str | None = None
    product: str | None = None
    cashier: str | None = None
    customer: str | None = None
    supplier: str | None = None

    @property
    def period(self) -> Period:
        return Period(self.start, self.end)

    def given(self) -> dict:
        return {name: getattr(self, name) for name in FILTER_NAMES if getattr(self, name)}


@dataclass(frozen=True)
class Resolved:
    period: Period
    store_id: int | None = None
    category_ids: frozenset[int] | None = None  # the category and all below it
    product_id: int | None = None
    cashier_id: int | None = None
    customer_id: int | None = None
    supplier_id: int | None = None
    params: dict = field(default_factory=dict)


def resolve(s: Session, f: ReportFilter) -> Resolved:
    period = f.period  # checks start <= end
    return Resolved(
        period=period,
        store_id=_one(s, f.store, select(Store.id).where(Store.code == (f.store or "").upper()),
                      "门店", "store", "请用门店编码，例如 S001。", "Use the store code, e.g. S001."),
        category_ids=_categories(s, f.category),
        product_id=_one(s, f.product, select(Product.id).where(Product.sku == f.product),
                        "商品", "product", "请用商品编码（SKU）。", "Use the product's SKU."),
        cashier_id=_one(s, f.cashier, select(User.id).where(User.username == f.cashier),
                        "收银员", "cashier", "请用登录用户名。", "Use the user name."),
        customer_id=_one(s, f.customer, select(Customer.id).where(or_(
            Customer.code == f.customer, Customer.phone == f.customer,
            Customer.card_no == f.customer)), "客户", "customer",
            "请用客户编码、手机号或卡号。", "Use the customer code, phone or card number."),
        supplier_id=_one(s, f.supplier, select(Supplier.id).where(Supplier.code == f.supplier),
                         "供应商", "supplier", "请用供应商编码。", "Use the supplier code."),
        params={"from": f.start.isoformat(), "to": f.end.isoformat(), **f.given()})


def _one(s: Session, value: str | None, query, what_zh: str, what_en: str, hint_zh: str,
         hint_en: str) -> int | None:
    if not value:
        return None
    found = s.scalar(query.limit(1))
    if found is None:
        raise UnknownFilterValue(what_zh=what_zh, what_en=what_en, value=value,
                                 hint_zh=hint_zh, hint_en=hint_en)
    return found


def _categories(s: Session, code: str | None) -> frozenset[int] | None:
    """The category and its descendants (the category table is small: read it whole)."""
    if not code:
        return None
    rows = s.execute(select(Category.id, Category.parent_id, Category.code)).all()
    root = next((r.id for r in rows if r.code == code), None)
    if root is None:
        raise UnknownFilterValue(what_zh="分类", what_en="category", value=code,
                                 hint_zh="请用分类编码。", hint_en="Use the category code.")
    children: dict[int | None, list[int]] = {}
    for r in rows:
        children.setdefault(r.parent_id, []).append(r.id)
    found, todo = set(), [root]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(children.get(current, []))
    return frozenset(found)
