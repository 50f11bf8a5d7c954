"""The till tests' small shop: users, settings, lookups (imported by name: conftest
modules of different directories share one module name)."""
from __future__ import annotations

from datetime import datetime

from app.persistence.schema import Meta, User
from app.persistence.uow import UnitOfWork
from app.services.counter import ProductInfo
from app.services.passwords import hash_secret
from app.services.records import Actor

ADMIN = Actor(None, "test-admin", "admin")
COLA_CODE = "6901234567892"
MANAGER_PIN = "2468"


def add_user(store, username: str, role: str, password: str = "pw-123456",
             pin: str | None = None) -> Actor:
    with UnitOfWork(store.engine) as uow:
        user = User(username=username, display_name=username, role=role,
                    password_hash=hash_secret(password),
                    pin_hash=hash_secret(pin) if pin else None, active=True,
                    created_at=datetime(2026, 1, 1))
        uow.session.add(user)
        uow.session.flush()
        actor = Actor(user.id, username, role)
        uow.commit()
    return actor


def set_meta(store, key: str, value: str) -> None:
    with UnitOfWork(store.engine) as uow:
        row = uow.session.get(Meta, key)
        if row is None:
            uow.session.add(Meta(key=key, value=value))
        else:
            row.value = value
        uow.commit()


def product(store, sku: str) -> ProductInfo:
    from app.services.counter import find_code
    return find_code(store, sku).product
