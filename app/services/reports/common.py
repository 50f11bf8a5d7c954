"""What every report does around its query: a read-only unit of work, resolved filters,
labels for rows without a key, and columns shared by many reports."""
from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime, timedelta

from app.domain.report_model import MONEY, RATE, TEXT, Column
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.records import utc_start_of
from app.services.reports.filters import ReportFilter, resolve

NO_CATEGORY = "未分类 (uncategorised)"
WALK_IN = "散客 (walk-in)"
NO_USER = "未记录 (not recorded)"
NOT_SET = "未填写 (not set)"
# what a row without a key shows; "custom": a custom field dimension (report builder)
NONE_LABEL = {"category": NO_CATEGORY, "customer": WALK_IN, "cashier": NO_USER, "custom": NOT_SET}


@contextmanager
def reading(store: LocalStore, f: ReportFilter):
    """A read-only transaction (one consistent snapshot for all of a report's queries)."""
    with UnitOfWork(store.engine, write=False) as uow:
        yield uow.session, resolve(uow.session, f)


def end_of_day(day: date) -> datetime:
    """The ledger boundary of a business day, as `inventory.queries.stock` uses it: moves
    that occurred before the next local midnight (stored as naive UTC)."""
    return utc_start_of(day + timedelta(days=1))


def label(dim: str, key, code: str, name: str) -> tuple[str, str]:
    if dim in ("day", "month"):
        return (key.isoformat() if isinstance(key, date) else str(key)), ""
    if key is None:
        return "", NONE_LABEL.get(dim, "")
    return code, name


CODE_TITLES = {
    "day": ("日期", "Date"), "month": ("月份", "Month"), "product": ("商品编码", "SKU"),
    "category": ("分类编码", "Category code"), "cashier": ("收银员", "Cashier"),
    "customer": ("客户编码", "Customer code"),
}
NAME_TITLES = {
    "product": ("商品名称", "Product"), "category": ("分类", "Category"),
    "cashier": ("姓名", "Name"), "customer": ("客户", "Customer"),
}


def key_columns(dim: str) -> list[Column]:
    zh, en = CODE_TITLES[dim]
    cols = [Column("code", zh, en, TEXT)]
    if dim in NAME_TITLES:
        cols.append(Column("name", *NAME_TITLES[dim], TEXT))
    return cols


def compare_columns(what_zh: str, what_en: str) -> list[Column]:
    return [Column("prev_fen", f"对比期{what_zh}", f"{what_en}, comparison period", MONEY),
            Column("change_bp", "增减", "Change", RATE)]
