"""Recipe demand plan on a real store: sales history -> forecast -> ingredients -> orders;
kitchen requisitions as transfers."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.domain.permissions import PermissionDenied
from app.persistence.schema import Product, Supplier, Unit
from app.persistence.uow import UnitOfWork
from app.services.demand_plan import plan, purchase_order_drafts, requisition
from app.services.inventory.lifecycle import save_draft
from app.services.inventory.posting import post_document
from app.services.recipes import set_recipe
from app.services.records import Actor
from app.services.warehouses import BadWarehouse, add_warehouse, list_warehouses
from helpers import add_catalog

ADMIN = Actor(None, "t", "admin")
TODAY = date(2026, 12, 5)  # Saturday


def _add(s, sku, name, unit, supplier=None, minimum=0):
    s.add(Product(sku=sku, name=name, unit_id=unit.id, retail_price_fen=1500,
                  purchase_price_fen=400, supplier_id=supplier, min_stock_milli=minimum,
                  created_at=datetime(2026, 1, 1)))


@pytest.fixture
def kitchen_store(new_store):
    """NOODLE (a bowl: 0.2 kg FLOUR + 1 SOUP), SOUP (5 from 1 kg BONES); sales of 10 bowls a
    day, 20 on Saturdays, over the last four weeks; 1 kg flour in stock, 2 kg on order."""
    add_catalog(new_store)
    with UnitOfWork(new_store.engine) as uow:
        s = uow.session
        unit = s.scalars(select(Unit)).first()
        supplier = s.scalars(select(Supplier)).first().id
        _add(s, "NOODLE", "牛肉面", unit)
        _add(s, "SOUP", "汤底", unit)
        _add(s, "FLOUR", "面粉", unit, supplier, minimum=1000)
        _add(s, "BONES", "牛骨", unit)  # no supplier
        uow.commit()
    set_recipe(new_store, ADMIN, "NOODLE", "1", [("FLOUR", "0.2"), ("SOUP", "1")])
    set_recipe(new_store, ADMIN, "SOUP", "5", [("BONES", "1")])
    at = datetime(2026, 11, 1, 2)
    post_document(new_store, ADMIN, {"type": "opening_stock", "id": "open", "lines": [
        {"sku": "NOODLE", "qty": "2000", "unit_cost": "5"},
        {"sku": "FLOUR", "qty": "1", "unit_cost": "4"}]}, clock=lambda: at)
    for k in range(28):
        day = TODAY - timedelta(days=k)
        bowls = 20 if day.weekday() == 5 else 10
        when = datetime.combine(day, datetime.min.time()) + timedelta(hours=4)  # 12:00 Beijing
        post_document(new_store, ADMIN, {
            "type": "sale", "id": f"s{k}", "date": day.isoformat(),
            "lines": [{"sku": "NOODLE", "qty": str(bowls)}],
            "payments": [{"method": "cash", "amount": str(15 * bowls)}]}, clock=lambda w=when: w)
    post_document(new_store, ADMIN, {"type": "purchase_order", "id": "po", "supplier": "S01",
                                     "lines": [{"sku": "FLOUR", "qty": "2", "unit_cost": "4"}]})
    return new_store


def test_the_plan_forecasts_explodes_and_nets(kitchen_store):
    result = plan(kitchen_store, ADMIN, days=7, weeks=4, today=TODAY)
    assert result.menu == {"NOODLE": "80"}  # 6 x 10 + 20 (next Saturday)
    lines = {l.sku: l for l in result.lines}
    assert set(lines) == {"FLOUR", "BONES"}  # SOUP is made, not bought
    flour, bones = lines["FLOUR"], lines["BONES"]
    assert (flour.need, flour.on_hand, flour.on_order, flour.minimum) == (16000, 1000, 2000, 1000)
    assert flour.to_order == 14000  # 16 + 1 minimum - 1 - 2
    assert (bones.need, bones.to_order, bones.supplier) == (16000, 16000, "")


def test_suggested_orders_per_supplier_become_drafts(kitchen_store):
    result = plan(kitchen_store, ADMIN, days=7, today=TODAY)
    drafts = purchase_order_drafts(result)
    assert [d["supplier"] for d in drafts] == ["S01"]  # BONES has no supplier: listed only
    assert drafts[0]["lines"] == [{"sku": "FLOUR", "qty": "14", "unit_cost": "4.00"}]
    saved = save_draft(kitchen_store, ADMIN, drafts[0])
    assert saved.status == "draft"


def test_a_requisition_moves_ingredients_to_the_kitchen(kitchen_store):
    from app.services.inventory.queries import stock

    add_warehouse(kitchen_store, ADMIN, "kitchen", "厨房")
    assert "KITCHEN" in {w["code"] for w in list_warehouses(kitchen_store)}
    out, got = requisition(kitchen_store, ADMIN, "req-1", [("FLOUR", "0.5")])
    assert out and got and out != got  # two numbered documents: out of MAIN, into KITCHEN
    again = requisition(kitchen_store, ADMIN, "req-1", [("FLOUR", "0.5")])
    assert again == (out, got)  # the same requisition twice moves once
    rows = {r["warehouse"]: r["on_hand"] for r in stock(kitchen_store, sku="FLOUR")}
    assert rows["KITCHEN"] == "0.5" and rows["MAIN"] == "0.5"


def test_warehouse_codes_and_roles(kitchen_store):
    with pytest.raises(BadWarehouse):
        add_warehouse(kitchen_store, ADMIN, "TRANSIT", "x")
    add_warehouse(kitchen_store, ADMIN, "BACK", "后仓")
    with pytest.raises(BadWarehouse):
        add_warehouse(kitchen_store, ADMIN, "back", "again")
    with pytest.raises(PermissionDenied):
        plan(kitchen_store, Actor(None, "c", "cashier"), today=TODAY)
