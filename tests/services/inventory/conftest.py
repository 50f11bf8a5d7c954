"""A store with a small catalog, and a poster that speaks the JSON document format."""
from __future__ import annotations

from datetime import datetime
from itertools import count

import pytest
from sqlalchemy import select

from app.persistence.schema import Customer, Product, Supplier, Unit, Warehouse
from app.persistence.uow import UnitOfWork
from app.services.inventory.posting import post_document
from app.services.records import Actor

ADMIN = Actor(None, "test-admin", "admin")


def add_catalog(store) -> None:
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        unit = s.scalars(select(Unit).where(Unit.name == "瓶")).one()
        kg = s.scalars(select(Unit).where(Unit.name == "kg")).one()
        now = datetime(2026, 1, 1)
        s.add_all([
            Supplier(code="S01", name="上海饮料有限公司"),
            Customer(code="M001", name="张三", phone="13800000001", created_at=now),
            Product(sku="COLA", name="可口可乐 500ml", unit_id=unit.id, retail_price_fen=350,
                    tax_rate_bp=1300, created_at=now),
            Product(sku="MILK", name="光明 纯牛奶 250ml", unit_id=unit.id, retail_price_fen=450,
                    shelf_life_days=30, tax_rate_bp=900, created_at=now),
            Product(sku="RICE", name="五常大米 散装", unit_id=kg.id, retail_price_fen=800,
                    costing="average", tax_rate_bp=900, created_at=now),
        ])
        store_id = s.scalars(select(Warehouse.store_id)).first()
        s.add(Warehouse(store_id=store_id, code="W2", name="二号仓库", is_in_transit=False))
        uow.commit()


@pytest.fixture
def store(new_store):
    add_catalog(new_store)
    return new_store


@pytest.fixture
def post(store):
    ids = count(1)

    def _post(kind: str, lines: list[dict], actor: Actor = ADMIN, **fields):
        raw = {"type": kind, "id": fields.pop("id", f"{kind}-{next(ids)}"), "lines": lines, **fields}
        return post_document(store, actor, raw)

    return _post
