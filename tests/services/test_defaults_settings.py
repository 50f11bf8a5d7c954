"""Defaults that save typing (issue 7 item 8): the warehouse and supplier new documents
start with and the counter's first payment method, each checked against the store's data
when set."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.persistence.schema import Warehouse
from app.persistence.uow import UnitOfWork
from app.services import purchasing, settings, warehouses
from app.services.counter.config import load_config
from app.services.records import Actor
from app.services.settings import BadSetting
from helpers import add_catalog

ADMIN = Actor(None, "t", "admin")


def test_out_of_the_box_main_is_the_default_warehouse_and_no_supplier(new_store):
    houses = warehouses.list_warehouses(new_store, actor=ADMIN)
    assert [w["code"] for w in houses if w["default"]] == ["MAIN"]
    assert purchasing.default_supplier(new_store, actor=ADMIN) == ""
    assert load_config(new_store).default_payment == "cash"


def test_a_chosen_warehouse_and_supplier_become_the_defaults(new_store):
    add_catalog(new_store)
    warehouses.add_warehouse(new_store, ADMIN, "BACK", "后仓")
    settings.change(new_store, ADMIN, "defaults.warehouse", " BACK ")
    settings.change(new_store, ADMIN, "defaults.supplier", "S01")
    settings.change(new_store, ADMIN, "counter.default_payment", "WALLET")
    houses = warehouses.list_warehouses(new_store, actor=ADMIN)
    assert [w["code"] for w in houses if w["default"]] == ["BACK"]
    assert warehouses.default_first(houses) == ["BACK", "MAIN", "W2"]
    assert purchasing.default_supplier(new_store, actor=ADMIN) == "S01"
    assert load_config(new_store).default_payment == "wallet"
    settings.change(new_store, ADMIN, "defaults.supplier", "")  # back to choosing each time
    assert purchasing.default_supplier(new_store, actor=ADMIN) == ""


@pytest.mark.parametrize("key, value, zh, en", [
    ("defaults.warehouse", "NOPE", "没有这个仓库（可选：MAIN、W2）", "choose one of: MAIN, W2"),
    ("defaults.warehouse", "", "不能为空", "cannot be empty"),
    ("defaults.warehouse", "IN TRANSIT", "不能含空格", "no spaces"),
    ("defaults.supplier", "S99", "没有这个供应商", "no such active supplier"),
    ("counter.default_payment", "cheque", "cash", "cash"),
])
def test_a_default_that_does_not_exist_is_refused_and_nothing_changes(new_store, key, value,
                                                                     zh, en):
    add_catalog(new_store)
    before = {s["key"]: s["value"] for s in settings.all_settings(new_store)}
    with pytest.raises(BadSetting) as caught:
        settings.change(new_store, ADMIN, key, value)
    assert zh in caught.value.message("zh_CN") and key in caught.value.message("zh_CN")
    assert en in caught.value.message("en")
    assert {s["key"]: s["value"] for s in settings.all_settings(new_store)} == before


def test_the_in_transit_warehouse_cannot_be_the_default(new_store):
    with UnitOfWork(new_store.engine) as uow:  # made by the first transfer out
        store_id = uow.session.scalar(select(Warehouse.store_id))
        uow.session.add(Warehouse(store_id=store_id, code="TRANSIT", name="在途",
                                  is_in_transit=True))
        uow.commit()
    with pytest.raises(BadSetting) as caught:
        settings.change(new_store, ADMIN, "defaults.warehouse", "TRANSIT")
    assert "可选：MAIN）" in caught.value.message("zh_CN")
    assert [w["code"] for w in warehouses.list_warehouses(new_store, actor=ADMIN)
            if w["default"]] == ["MAIN"]
