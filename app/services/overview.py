"""What the main window's home page shows about the open store."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from app.domain.permissions import check
from app.persistence import migrate
from app.persistence.schema import Customer, Product, Supplier, Warehouse
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.records import LOCAL_OPERATOR, Actor


@dataclass(frozen=True)
class StoreOverview:
    store_code: str
    store_name: str
    data_dir: str
    cipher_version: str
    schema_revision: str
    warehouses: int
    products: int
    suppliers: int
    customers: int


def store_overview(store: LocalStore, *, actor: Actor = LOCAL_OPERATOR) -> StoreOverview:
    check(actor.role, "overview.store_overview")
    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        count = lambda model: s.scalar(select(func.count()).select_from(model))  # noqa: E731
        conn = s.connection()
        return StoreOverview(
            store_code=store.identity.store_code, store_name=store.identity.store_name,
            data_dir=str(store.layout.root),
            cipher_version=conn.exec_driver_sql("PRAGMA cipher_version").scalar(),
            schema_revision=migrate.current_revision(conn) or "-",
            warehouses=count(Warehouse), products=count(Product),
            suppliers=count(Supplier), customers=count(Customer))
