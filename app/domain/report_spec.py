"""What a report-builder definition may say, checked without a store: the fixed tables of
dimensions and measures, the chart types, filters and named periods (`validate`).

The store runs definitions (`app.services.report_builder`) and head office checks the
ones it publishes to the stores (kind `report`, `shared_from_record`) with these same
rules, so a definition head office accepts is one every store can read. Custom field
dimensions `custom:<entity>:<key>` are checked for their shape only: whether a store has
the field is known at that store when the report runs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.domain.errors import DomainError
from app.domain.report_model import INT, MONEY, QTY, RATE

CHARTS = ("bar", "line", "pie", "table")
TIME_DIMENSIONS = ("date", "week", "month")
# name: (Chinese, English)
DIMENSIONS = {
    "date": ("日期", "Date"), "week": ("周", "Week"), "month": ("月份", "Month"),
    "store": ("门店", "Store"), "category": ("分类", "Category"), "brand": ("品牌", "Brand"),
    "product": ("商品", "Product"), "cashier": ("收银员", "Cashier"),
    "customer": ("客户", "Customer"), "supplier": ("供应商", "Supplier"),
    "payment_method": ("付款方式", "Payment method"),
}
# name: (Chinese, English, kind)
MEASURES = {
    "quantity": ("数量", "Quantity", QTY), "sales": ("净销售额", "Net sales", MONEY),
    "discounts": ("折扣", "Discounts", MONEY), "cogs": ("销售成本", "COGS", MONEY),
    "gross_profit": ("毛利", "Gross profit", MONEY), "margin": ("毛利率", "Margin", RATE),
    "documents": ("单数", "Documents", INT),
}
COST_MEASURES = frozenset({"cogs", "gross_profit", "margin"})
PAYMENT_MEASURES = ("sales", "documents")
PRODUCT_FILTERS = ("category", "product", "supplier")
# store code, category code, product SKU, cashier user name, customer code (phone, card),
# supplier code
FILTER_NAMES = ("store", "category", "product", "cashier", "customer", "supplier")
FILTER_MAX = 100
PERIODS = ("today", "yesterday", "last_7_days", "last_30_days", "this_month", "last_month",
           "this_year")
SPEC_FIELDS = ("dimensions", "measures", "chart", "filters", "period")

CUSTOM_PREFIX = "custom:"
CUSTOM_NAME = re.compile(r"custom:(product|customer|supplier|document):([a-z][a-z0-9_]{0,31})")
# what a payment row knows of: its document and the document's customer
PAYMENT_ENTITIES = ("customer", "document")


class BadDefinition(DomainError):
    code = "report_builder_bad_definition"
    zh = "报表定义无效：{why_zh}"
    en = "The report definition is not valid: {why_en}"


def is_custom(name: object) -> bool:
    return isinstance(name, str) and name.startswith(CUSTOM_PREFIX)


def well_formed(name: object) -> bool:
    return isinstance(name, str) and CUSTOM_NAME.fullmatch(name) is not None


def entity_of(name: str) -> str:
    return name.split(":")[1]


@dataclass(frozen=True)
class BuilderSpec:
    """What the user chose. `filters`: codes by `FILTER_NAMES` (as `ReportFilter` takes
    them); `period`: a named period (`PERIODS`) for saved definitions, the caller turns it
    into dates."""

    dimensions: tuple[str, ...]
    measures: tuple[str, ...]
    chart: str = "bar"
    filters: dict = field(default_factory=dict)
    period: str = "this_month"

    def to_json(self) -> dict:
        return {"dimensions": list(self.dimensions), "measures": list(self.measures),
                "chart": self.chart, "filters": dict(self.filters), "period": self.period}

    @classmethod
    def from_json(cls, data: dict) -> "BuilderSpec":
        try:
            if not all(isinstance(data[k], list) for k in ("dimensions", "measures")):
                raise TypeError("dimensions and measures are lists")
            spec = cls(tuple(data["dimensions"]), tuple(data["measures"]),
                       data.get("chart", "bar"), dict(data.get("filters") or {}),
                       data.get("period", "this_month"))
        except (KeyError, TypeError, ValueError) as exc:
            raise BadDefinition(why_zh=f"缺少或格式错误的字段 {exc}",
                                why_en=f"missing or malformed field {exc}") from None
        validate(spec)
        return spec


def _bad(zh: str, en: str):
    raise BadDefinition(why_zh=zh, why_en=en)


def validate(spec: BuilderSpec) -> None:
    """Refuse anything not in the tables, before a query exists."""
    _names(spec)
    if spec.chart not in CHARTS:
        _bad(f"图表类型应为 {'、'.join(CHARTS)}。", f"the chart is one of {', '.join(CHARTS)}.")
    if spec.period not in PERIODS:
        _bad(f"期间应为 {'、'.join(PERIODS)}。", f"the period is one of {', '.join(PERIODS)}.")
    _filters(spec.filters)
    if "payment_method" in spec.dimensions:
        _payments(spec)


def _names(spec: BuilderSpec) -> None:
    if not all(isinstance(n, str) for n in (*spec.dimensions, *spec.measures)):
        _bad("维度和指标应为名称文字。", "dimensions and measures are given by their names.")
    if not spec.dimensions:
        _bad("至少选择一个维度。", "choose at least one dimension.")
    if not spec.measures:
        _bad("至少选择一个指标。", "choose at least one measure.")
    if len(spec.dimensions) > 3:
        _bad("最多三个维度。", "use at most three dimensions.")
    for name in spec.dimensions:
        if name not in DIMENSIONS and not well_formed(name):
            _bad(f"没有维度“{name[:60]}”。", f"there is no dimension '{name[:60]}'.")
    for name in spec.measures:
        if name not in MEASURES:
            _bad(f"没有指标“{name[:60]}”。", f"there is no measure '{name[:60]}'.")
    if len(set(spec.dimensions)) != len(spec.dimensions) or \
            len(set(spec.measures)) != len(spec.measures):
        _bad("维度或指标重复。", "a dimension or measure is chosen twice.")


def _filters(filters: dict) -> None:
    unknown = sorted(str(k)[:30] for k in filters if k not in FILTER_NAMES)
    if unknown:
        _bad(f"未知筛选 {', '.join(unknown)}。", f"unknown filter {', '.join(unknown)}.")
    for key, value in filters.items():
        if value is not None and (not isinstance(value, str) or len(value) > FILTER_MAX):
            _bad(f"筛选“{key}”应为不超过 {FILTER_MAX} 个字符的代码。",
                 f"the filter '{key}' is a code of at most {FILTER_MAX} characters.")


def _payments(spec: BuilderSpec) -> None:
    if [m for m in spec.measures if m not in PAYMENT_MEASURES]:
        _bad("按付款方式只能统计净销售额和单数。",
             "by payment method only net sales and documents can be measured.")
    if set(PRODUCT_FILTERS) & {k for k, v in spec.filters.items() if v}:
        _bad("按付款方式不能按分类、商品或供应商筛选（付款属于整张单据）。",
             "by payment method, category, product and supplier filters do not apply "
             "(a payment belongs to the whole document).")
    if {d for d in spec.dimensions if not is_custom(d)
            or entity_of(d) not in PAYMENT_ENTITIES} - {
            "payment_method", "store", "cashier", "customer", *TIME_DIMENSIONS}:
        _bad("付款方式只能与日期、门店、收银员、客户以及客户和单据的自定义字段组合。",
             "payment method combines only with date, store, cashier, customer and the "
             "custom fields of customers and documents.")
