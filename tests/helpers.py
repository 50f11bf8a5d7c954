"""Helpers shared by the tests (imported as `helpers`; tests/ is on sys.path)."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ADMIN_PASSWORD = "secret123"
ROOT = Path(__file__).resolve().parents[1]


def snapshot(root: Path) -> dict[str, str]:
    """Every file below root with the sha256 of its bytes (to prove nothing changed)."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def run_jxc(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `python -m app ARGS` as a user would, with the tests' isolated keyring."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True,
                          text=True, env=full_env, cwd=ROOT, timeout=120)


def add_catalog(store) -> None:
    """Supplier S01, member M001, COLA (FIFO), MILK (dated: FEFO), RICE (kg, moving
    average) and a second warehouse W2: the inventory tests' small shop."""
    from datetime import datetime

    from sqlalchemy import select

    from app.persistence.schema import Customer, Product, Supplier, Unit, Warehouse
    from app.persistence.uow import UnitOfWork

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
