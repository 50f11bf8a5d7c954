"""The report builder: sales figures grouped by the dimensions the user drags in.

A definition names dimensions and measures from two fixed tables (`DIMENSIONS`,
`MEASURES`, checked by `validate`: all three live in `app.domain.report_spec`, which head
office uses too); each name maps to a SQLAlchemy expression written here, and filters go
through `reports.filters.resolve` (codes looked up, ids bound as parameters). Nothing the
user types ever becomes SQL text: an unknown name is refused before any query is built.
Custom fields add dimensions `custom:<entity>:<key>` (`reports.custom_dims`): the name's
shape is checked by `validate`, the field is looked up among the store's definitions (a missing or
hidden one is refused with `CustomDimensionUnavailable`) and its row id is bound.

Lines are those of the sales reports (`sales_core.base`: posted sales and customer returns
of the period, returns negative). The payment method is a property of a document, not of
a line, so grouped by it the figures come from the payment rows (cash net of change,
refunds negative) and only `sales` and `documents` can be measured.
"""
from __future__ import annotations

from sqlalchemy import case, distinct, func, literal, select

from app.domain.permissions import PermissionDenied, check, own_sales_filter, sees_costs
from app.domain.report_math import ratio_bp
from app.domain.report_model import INT, RATE, TEXT, Column, Fact, ReportResult
from app.domain.report_spec import (CHARTS, COST_MEASURES, DIMENSIONS,  # noqa: F401 (API)
                                    MEASURES, PAYMENT_MEASURES, PRODUCT_FILTERS,
                                    TIME_DIMENSIONS, BadDefinition, BuilderSpec, validate)
from app.persistence.schema import (Brand, Category, Customer, Document, Payment, Product,
                                    Store, Supplier, User)
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.records import LOCAL_OPERATOR, Actor
from app.services.reports import custom_dims, sales_core
from app.services.reports.common import NONE_LABEL, reading
from app.services.reports.custom_dims import CustomDimensionUnavailable  # noqa: F401 (API)
from app.services.reports.filters import ReportFilter

MAX_ROWS = 10_000


def run_builder(store: LocalStore, actor: Actor, spec: BuilderSpec, f: ReportFilter) -> ReportResult:
    """Run a definition for the period and filters of `f` (the spec's own filters are
    merged in by the caller; `f` is what runs)."""
    check(actor.role, "report_builder.run_builder")
    validate(spec)
    if COST_MEASURES & set(spec.measures) and not sees_costs(actor.role):
        raise PermissionDenied(role=actor.role, action_zh="查看成本和毛利",
                               action_en="see costs and margins")
    f = own_sales_filter(actor.role, actor.username, f)
    payments = "payment_method" in spec.dimensions
    if payments and any(getattr(f, k) for k in PRODUCT_FILTERS):
        validate(BuilderSpec(spec.dimensions, spec.measures, spec.chart,
                             {k: getattr(f, k) for k in PRODUCT_FILTERS}))
    with reading(store, f) as (s, r):
        custom = custom_dims.resolve(s, spec.dimensions)
        base = _payment_base(r) if payments else sales_core.base(r)
        q, labels = base, []
        for index, name in enumerate(spec.dimensions):
            q, label = custom_dims.join(q, custom[name], index) if name in custom else \
                _join(q, name, payments)
            labels.append(label)
        sums = _payment_sums() if payments else _line_sums()
        grouped = q.add_columns(*labels, *sums.values()).group_by(*labels)
        grouped = grouped.order_by(*labels).limit(MAX_ROWS + 1)
        found = s.execute(grouped).all()
        whole = s.execute(base.add_columns(*sums.values())).one()
    return _result(spec, found, whole, sums, r.params, custom)


def dimension_choices(store: LocalStore, *, actor: Actor = LOCAL_OPERATOR) -> dict:
    """{name: (Chinese, English)} of every dimension the builder offers at this store: the
    fixed ones and those of its active custom fields (read when the screen opens, so a
    field defined meanwhile is there without a restart)."""
    check(actor.role, "report_builder.dimension_choices")
    with UnitOfWork(store.engine, write=False) as uow:
        return {**DIMENSIONS, **custom_dims.choices(uow.session)}


def _line_sums() -> dict:
    sale = Document.doc_type == sales_core.SALE
    line = sales_core.DocumentLine
    return {
        "quantity": func.coalesce(func.sum(sales_core.SIGN * line.qty_milli), 0),
        "sales": func.coalesce(func.sum(sales_core.SIGN * line.amount_fen), 0),
        "discounts": func.coalesce(func.sum(case((sale, line.discount_fen), else_=0)), 0),
        "revenue": func.coalesce(func.sum(sales_core.SIGN * sales_core.NET_OF_VAT), 0),
        "cogs": func.coalesce(func.sum(sales_core.SIGN * line.cogs_fen), 0),
        "documents": func.count(distinct(case((sale, Document.id)))),
    }


def _payment_sums() -> dict:
    sign = case((Document.doc_type == sales_core.RETURN, -1), else_=1)
    return {"sales": func.coalesce(func.sum(sign * Payment.amount_fen), 0),
            "documents": func.count(distinct(case(
                (Document.doc_type == sales_core.SALE, Document.id))))}


def _payment_base(r):
    q = (select().select_from(Payment).join(Document, Document.id == Payment.document_id)
         .outerjoin(sales_core.Original, sales_core.Original.id == Document.original_id)
         .where(Document.doc_type.in_((sales_core.SALE, sales_core.RETURN)),
                Document.status == "posted", Document.business_date >= r.period.start,
                Document.business_date <= r.period.end))
    if r.store_id is not None:
        q = q.where(Document.store_id == r.store_id)
    if r.cashier_id is not None:
        q = q.where(Document.user_id == r.cashier_id)
    if r.customer_id is not None:
        q = q.where(sales_core.CUSTOMER == r.customer_id)
    return q


def _named(code, name):
    return func.trim(func.coalesce(code, "") + literal(" ") + func.coalesce(name, ""))


def _join(q, dim: str, payments: bool):
    """The query joined to what the dimension's label needs, and the label expression."""
    day = Document.business_date
    if dim == "date":
        return q, day
    if dim == "week":  # the Monday of the week: six days back, then the next Monday
        return q, func.date(day, "-6 days", "weekday 1")
    if dim == "month":
        return q, func.strftime("%Y-%m", day)
    if dim == "store":
        q = q.join(Store, Store.id == Document.store_id)
        return q, _named(Store.code, Store.name)
    if dim == "cashier":
        q = q.outerjoin(User, User.id == Document.user_id)
        return q, _named(User.username, User.display_name)
    if dim == "customer":
        q = q.outerjoin(Customer, Customer.id == sales_core.CUSTOMER)
        return q, _named(Customer.code, Customer.name)
    if dim == "payment_method":
        return q, case((Payment.method == "change", "cash"), else_=Payment.method)
    if dim == "product":
        return q, _named(Product.sku, Product.name)
    if dim == "category":
        q = q.outerjoin(Category, Category.id == Product.category_id)
        return q, _named(Category.code, Category.name)
    if dim == "brand":
        q = q.outerjoin(Brand, Brand.id == Product.brand_id)
        return q, func.coalesce(Brand.name, "")
    if dim == "supplier":
        q = q.outerjoin(Supplier, Supplier.id == Product.supplier_id)
        return q, _named(Supplier.code, Supplier.name)
    raise BadDefinition(why_zh=f"没有维度“{dim}”。", why_en=f"there is no dimension '{dim}'.")


def _result(spec: BuilderSpec, found, whole, sums: dict, params: dict,
            custom: dict) -> ReportResult:
    keys = [f"d{i}" for i in range(len(spec.dimensions))]
    truncated = len(found) > MAX_ROWS
    rows = [_row(keys, spec, values, list(sums)) for values in found[:MAX_ROWS]]
    titles = {**DIMENSIONS, **{n: custom_dims.titles(d.fd) for n, d in custom.items()}}
    for row in rows:
        for key, dim in zip(keys, spec.dimensions):
            if dim in custom:
                row[key] = NONE_LABEL["custom"] if row[key] == "-" else \
                    custom_dims.shown(custom[dim], row[key])
            elif row[key] == "-" and dim in NONE_LABEL:
                row[key] = NONE_LABEL[dim]
    totals = _row([], spec, tuple(whole), list(sums))
    if keys:
        totals[keys[0]] = "合计 Total"
    if spec.dimensions[0] not in TIME_DIMENSIONS:
        first = spec.measures[0]
        rows.sort(key=lambda row: -(row[first] or 0))
    columns = [Column(k, *titles[d], TEXT) for k, d in zip(keys, spec.dimensions)]
    columns += [Column(m, *MEASURES[m]) for m in spec.measures]
    facts = (Fact("truncated", "仅显示前若干行", "Rows shown (first only)", INT, MAX_ROWS),) \
        if truncated else ()
    kind = "trend" if spec.dimensions[0] in TIME_DIMENSIONS else "top"
    chart_value = next((m for m in spec.measures if MEASURES[m][2] != RATE), spec.measures[0])
    title = " × ".join(titles[d][0] for d in spec.dimensions)
    title_en = " × ".join(titles[d][1] for d in spec.dimensions)
    return ReportResult("builder", f"自定义报表（{title}）", f"Custom report ({title_en})",
                        tuple(columns), rows, totals, facts,
                        params={**params, "chart": spec.chart},
                        chart=("d0", chart_value, kind))


def _row(keys: list[str], spec: BuilderSpec, values: tuple, names: list[str]) -> dict:
    labels, sums = values[:len(keys)], dict(zip(names, values[len(keys):]))
    row = {k: _text(v) for k, v in zip(keys, labels)}
    revenue = sums.get("revenue", 0)
    profit = revenue - sums.get("cogs", 0) if "revenue" in sums else None
    for m in spec.measures:
        if m == "gross_profit":
            row[m] = profit
        elif m == "margin":
            row[m] = ratio_bp(profit, revenue) if profit is not None else None
        else:
            row[m] = sums[m]
    return row


def _text(value) -> str:
    if value is None or value == "":
        return "-"
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
