"""Warehouses and locations of the local store: the store room, the kitchen, a back room."""
from __future__ import annotations

import re

from sqlalchemy import select

from app.domain.errors import DomainError
from app.domain.permissions import check
from app.persistence.schema import Store, Warehouse
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services import settings
from app.services.records import LOCAL_OPERATOR, Actor, utc_now, write_audit, write_outbox

_CODE = re.compile(r"[A-Z0-9_-]{1,16}")


class BadWarehouse(DomainError):
    code = "bad_warehouse"
    zh = "仓库“{code}”无法创建：{why_zh}"
    en = "Warehouse '{code}' cannot be created: {why_en}"


def add_warehouse(store: LocalStore, actor: Actor, code: str, name: str) -> str:
    check(actor.role, "warehouses.add_warehouse")
    code = (code or "").strip().upper()
    name = (name or "").strip()
    if not _CODE.fullmatch(code) or code == "TRANSIT":
        raise BadWarehouse(code=code, why_zh="编码应为 1-16 位大写字母、数字、- 或 _（TRANSIT 为系统保留）。",
                           why_en="use 1-16 capital letters, digits, - or _ (TRANSIT is reserved).")
    if not name or len(name) > 100:
        raise BadWarehouse(code=code, why_zh="需要 1-100 个字符的名称。", why_en="it needs a name of 1-100 characters.")
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        local = s.scalars(select(Store).where(Store.is_local.is_(True))).one()
        if s.scalars(select(Warehouse).where(Warehouse.store_id == local.id,
                                             Warehouse.code == code)).first():
            raise BadWarehouse(code=code, why_zh="该编码已存在。", why_en="that code exists already.")
        s.add(Warehouse(store_id=local.id, code=code, name=name, is_in_transit=False))
        now = utc_now()
        write_audit(s, store, actor, now, "warehouse.add", code, {"name": name})
        write_outbox(s, store, now, "warehouse.added", {"code": code, "name": name})
        uow.commit()
    return code


def list_warehouses(store: LocalStore, *, actor: Actor = LOCAL_OPERATOR) -> list[dict]:
    check(actor.role, "warehouses.list_warehouses")
    with UnitOfWork(store.engine, write=False) as uow:
        default = settings.read(uow.session, "defaults.warehouse")
        return [{"code": w.code, "name": w.name, "in_transit": w.is_in_transit,
                 "default": w.code == default}
                for w in uow.session.scalars(select(Warehouse).order_by(Warehouse.code))]


def default_first(warehouses: list[dict]) -> list[str]:
    """The codes of the stock-holding warehouses, the store's default one first."""
    held = [w for w in warehouses if not w["in_transit"]]
    return [w["code"] for w in sorted(held, key=lambda w: not w.get("default"))]
