"""Units, categories, brands, suppliers and members: list, save, checks, audit and outbox."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.domain.permissions import PermissionDenied
from app.persistence.schema import AuditEntry, OutboxEvent
from app.services.products import (BrandForm, CategoryForm, FormInvalid, MemberForm,
                                   SupplierForm, UnitForm, choices, list_brands,
                                   list_categories, list_members, list_suppliers, list_units,
                                   save_brand, save_category, save_member, save_supplier,
                                   save_unit)
from app.services.records import Actor
from helpers import add_catalog

ADMIN = Actor(1, "admin", "admin")
LEAD = Actor(2, "lead", "shift_lead")


@pytest.fixture
def shop(new_store):
    add_catalog(new_store)
    return new_store


def _last(store, model):
    with store.engine.connect() as conn:
        return conn.execute(select(model).order_by(model.id.desc())).first()


def test_category_tree_codes_and_cycles(shop):
    drinks = save_category(shop, ADMIN, CategoryForm(name="饮料"))
    soda = save_category(shop, ADMIN, CategoryForm(parent_id=drinks, name="碳酸饮料"))
    juice = save_category(shop, ADMIN, CategoryForm(parent_id=drinks, name="果汁"))
    tree = list_categories(shop, actor=LEAD)
    assert [(n.code, n.path, n.depth) for n in tree] == [
        ("01", "饮料", 0), ("0101", "饮料 / 碳酸饮料", 1), ("0102", "饮料 / 果汁", 1)]
    with pytest.raises(FormInvalid) as refused:
        save_category(shop, ADMIN, CategoryForm(id=drinks, parent_id=soda, name="饮料"))
    assert set(refused.value.fields) == {"parent_id"}
    with pytest.raises(FormInvalid) as refused:
        save_category(shop, ADMIN, CategoryForm(name="", code="0101"))
    assert set(refused.value.fields) == {"name", "code"}
    save_category(shop, ADMIN, CategoryForm(id=juice, parent_id=None, name="果汁饮品", code="0102"))
    assert [n.path for n in list_categories(shop)][-1] == "果汁饮品"
    assert _last(shop, OutboxEvent).event_type == "category.saved"


def test_units_and_brands_are_unique_by_name(shop):
    kg_box = save_unit(shop, ADMIN, UnitForm(name="提"))
    assert any(u.id == kg_box and u.name == "提" for u in list_units(shop))
    with pytest.raises(FormInvalid) as refused:
        save_unit(shop, ADMIN, UnitForm(name="瓶"))
    assert "瓶" in refused.value.fields["name"][0]
    brand = save_brand(shop, ADMIN, BrandForm(name="可口可乐"))
    save_brand(shop, ADMIN, BrandForm(id=brand, name="可口可乐公司"))
    assert [b.name for b in list_brands(shop)] == ["可口可乐公司"]
    with pytest.raises(FormInvalid):
        save_brand(shop, ADMIN, BrandForm(name=" 可口可乐公司 "))
    assert _last(shop, AuditEntry).action == "brand.update"
    with pytest.raises(PermissionDenied):
        save_brand(shop, LEAD, BrandForm(name="x"))


def test_suppliers_search_deactivate_and_refuse_bad_codes(shop):
    sid = save_supplier(shop, ADMIN, SupplierForm(code="S02", name="广州食品厂", phone="020-1234567"))
    assert [s.code for s in list_suppliers(shop, "食品")] == ["S02"]
    assert [s.code for s in list_suppliers(shop, "s0")] == ["S01", "S02"]
    save_supplier(shop, ADMIN, SupplierForm(id=sid, code="S02", name="广州食品厂", active=False))
    assert "S02" not in [s.code for s in choices(shop).suppliers]
    with pytest.raises(FormInvalid) as refused:
        save_supplier(shop, ADMIN, SupplierForm(code="S01", name=""))
    assert set(refused.value.fields) == {"code", "name"}
    with pytest.raises(FormInvalid):
        save_supplier(shop, ADMIN, SupplierForm(code="供 应", name="x"))


def test_members_are_saved_searched_and_points_changes_audited(shop):
    mid = save_member(shop, ADMIN, MemberForm(code="M002", name="李四", phone="13900000002",
                                              card_no="C0002", level="金卡", tags="常客，老人",
                                              points="120", birthday="1980-05-20"))
    found = list_members(shop, "139", actor=Actor(3, "c", "cashier"))
    assert [(m.code, m.tags, m.points, m.birthday) for m in found] == [
        ("M002", "常客, 老人", "120", "1980-05-20")]
    assert [m.code for m in list_members(shop, "老人")] == ["M002"]
    assert [m.code for m in list_members(shop, after_code="M001")] == ["M002"]
    form = found[0]
    form.points = "80"
    save_member(shop, ADMIN, form)
    audit = _last(shop, AuditEntry)
    detail = json.loads(audit.detail)
    assert audit.action == "member.update" and (detail["points_before"], detail["points"]) == (120, 80)
    assert mid == form.id
    with pytest.raises(FormInvalid) as refused:
        save_member(shop, ADMIN, MemberForm(code="M003", name="王五", phone="13800000001",
                                            points="-1", birthday="1990-13-01", card_no="#"))
    assert set(refused.value.fields) == {"phone", "points", "birthday", "card_no"}
