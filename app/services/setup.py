"""Create a new store: its database, the default warehouse MAIN and the administrator."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Engine

from app.domain.stores import (ADMIN_ROLE, DEFAULT_WAREHOUSE_CODE, check_password,
                               normalize_store_code, normalize_store_name)
from app.persistence.keystore import KeyStore
from app.persistence.layout import DataDir
from app.persistence.schema import Meta, Store, Unit, User, Warehouse
from app.persistence.store import LocalStore, StoreIdentity, create_store
from app.persistence.uow import UnitOfWork
from app.services.passwords import hash_secret

# Units every Chinese shop uses; weighed ones take decimal quantities at the counter.
DEFAULT_UNITS = [("个", False), ("瓶", False), ("罐", False), ("袋", False), ("包", False),
                 ("盒", False), ("箱", False), ("支", False), ("条", False), ("桶", False),
                 ("件", False), ("kg", True), ("斤", True)]


def initialize_store(layout: DataDir, keys: KeyStore, store_code: str, store_name: str,
                     admin_password: str, admin_username: str = "admin") -> LocalStore:
    code = normalize_store_code(store_code)
    name = normalize_store_name(store_name)
    check_password(admin_password)
    password_hash = hash_secret(admin_password)

    def populate(engine: Engine, identity: StoreIdentity) -> None:
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        with UnitOfWork(engine) as uow:
            s = uow.session
            s.add(Meta(key="store_uuid", value=identity.store_uuid))
            s.add(Meta(key="created_at", value=identity.created_at))
            store = Store(uuid=identity.store_uuid, code=code, name=name, is_local=True,
                          created_at=now)
            s.add(store)
            s.flush()
            s.add(Warehouse(store_id=store.id, code=DEFAULT_WAREHOUSE_CODE, name="主仓库",
                            is_in_transit=False))
            s.add(User(username=admin_username, display_name="管理员", role=ADMIN_ROLE,
                       password_hash=password_hash, active=True, created_at=now))
            s.add_all(Unit(name=n, is_weighed=w) for n, w in DEFAULT_UNITS)
            uow.commit()

    return create_store(layout, keys, code, name, populate)
