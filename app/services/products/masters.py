"""Units, categories (a tree), brands and suppliers: list and save, one transaction each with
its audit entry and outbox event (`<kind>.saved`). Nothing is deleted: products and
documents point at these rows; a supplier is switched inactive instead.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.domain.permissions import check
from app.persistence.schema import Brand, Category, Supplier, Unit
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.custom_forms import check_form_values, write_form_values
from app.services.pinyin import initials
from app.services.records import LOCAL_OPERATOR, Actor, Clock, utc_now, write_audit, write_outbox

from .custom_lists import custom_filtered, with_custom
from .errors import FormInvalid, RecordNotFound

MAX_CATEGORY_DEPTH = 4


@dataclass
class UnitForm:
    id: int | None = None
    name: str = ""
    is_weighed: bool = False


@dataclass
class CategoryForm:
    id: int | None = None
    parent_id: int | None = None
    code: str = ""   # empty: the next code under the parent ("03", "0301")
    name: str = ""


@dataclass
class BrandForm:
    id: int | None = None
    name: str = ""


@dataclass
class SupplierForm:
    id: int | None = None
    code: str = ""
    name: str = ""
    contact: str = ""
    phone: str = ""
    address: str = ""
    active: bool = True
    custom: dict[str, str] | None = None  # custom field values by key; None: not on the form


@dataclass(frozen=True)
class CategoryNode:
    id: int
    parent_id: int | None
    code: str
    name: str
    path: str  # "饮料 / 碳酸饮料"
    depth: int


@dataclass(frozen=True)
class Choices:
    """What the product editor and the list's filters offer."""

    units: list[UnitForm]
    categories: list[CategoryNode]
    brands: list[BrandForm]
    suppliers: list[SupplierForm]


def _text(errors: dict, name: str, value: str, limit: int, label_zh: str, label_en: str,
          required: bool = True) -> str:
    value = " ".join(value.split())
    if required and not value:
        errors[name] = (f"{label_zh}必须填写", f"{label_en} is required")
    elif len(value) > limit:
        errors[name] = (f"{label_zh}最多 {limit} 个字符", f"{label_en} has at most {limit} characters")
    return value


def _taken(s: Session, column, value, own_id: int | None) -> bool:
    model = column.class_
    return s.scalar(select(model.id).where(column == value, model.id != (own_id or 0))) is not None


def _row(s: Session, model, record_id: int | None, what_zh: str, what_en: str):
    if record_id is None:
        return model()
    row = s.get(model, record_id)
    if row is None:
        raise RecordNotFound(what_zh=what_zh, what_en=what_en, ref=record_id)
    return row


def _finish(s: Session, store: LocalStore, actor: Actor, kind: str, row, data: dict,
            now, custom: dict | None = None) -> None:
    """Add or update the row, write its custom values (checked) and one audit entry."""
    created = row.id is None
    if created:
        s.add(row)
    s.flush()
    data = {"id": row.id, **data}
    audit = dict(data)
    if custom:
        before, after = write_form_values(s, kind, row.id, custom)
        if before != after:
            audit["custom"] = {"before": before, "after": after}
    write_audit(s, store, actor, now, f"{kind}.{'create' if created else 'update'}",
                str(data.get("code") or data.get("name"))[:80], audit)
    write_outbox(s, store, now, f"{kind}.saved", data)


# -- units -------------------------------------------------------------------------------

def list_units(store: LocalStore, *, actor: Actor = LOCAL_OPERATOR) -> list[UnitForm]:
    check(actor.role, "products.masters.list_units")
    with store.engine.connect() as conn:
        rows = conn.execute(select(Unit.id, Unit.name, Unit.is_weighed).order_by(Unit.id)).all()
    return [UnitForm(r[0], r[1], bool(r[2])) for r in rows]


def save_unit(store: LocalStore, actor: Actor, form: UnitForm, *, clock: Clock = utc_now) -> int:
    check(actor.role, "products.masters.save_unit")
    errors: dict = {}
    name = _text(errors, "name", form.name, 16, "单位名称", "unit name")
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        if name and _taken(s, Unit.name, name, form.id):
            errors["name"] = (f"单位“{name}”已存在", f"unit '{name}' exists already")
        if errors:
            raise FormInvalid(errors)
        row = _row(s, Unit, form.id, "单位", "unit")
        row.name, row.is_weighed = name, form.is_weighed
        _finish(s, store, actor, "unit", row, {"name": name, "is_weighed": form.is_weighed},
                clock())
        uow.commit()
    return row.id


# -- categories --------------------------------------------------------------------------

def list_categories(store: LocalStore, *, actor: Actor = LOCAL_OPERATOR) -> list[CategoryNode]:
    """The tree, depth first, each parent before its children, siblings by code."""
    check(actor.role, "products.masters.list_categories")
    with store.engine.connect() as conn:
        rows = conn.execute(select(Category.id, Category.parent_id, Category.code,
                                   Category.name).order_by(Category.code)).all()
    return _tree(rows)


def _tree(rows) -> list[CategoryNode]:
    children: dict[int | None, list] = {}
    ids = {r[0] for r in rows}
    for r in rows:
        children.setdefault(r[1] if r[1] in ids else None, []).append(r)
    out: list[CategoryNode] = []

    def walk(parent: int | None, path: str, depth: int) -> None:
        for r in children.get(parent, []):
            full = f"{path} / {r[3]}" if path else r[3]
            out.append(CategoryNode(r[0], r[1], r[2], r[3], full, depth))
            if depth < 16:
                walk(r[0], full, depth + 1)

    walk(None, "", 0)
    return out


def save_category(store: LocalStore, actor: Actor, form: CategoryForm, *,
                  clock: Clock = utc_now) -> int:
    check(actor.role, "products.masters.save_category")
    errors: dict = {}
    name = _text(errors, "name", form.name, 64, "分类名称", "category name")
    code = _text(errors, "code", form.code, 32, "分类编码", "category code", required=False)
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        nodes = _tree(s.execute(select(Category.id, Category.parent_id, Category.code,
                                       Category.name)).all())
        by_id = {n.id: n for n in nodes}
        _check_parent(form, by_id, errors)
        if code and _taken(s, Category.code, code, form.id):
            errors["code"] = (f"分类编码“{code}”已被使用", f"category code '{code}' is taken")
        if errors:
            raise FormInvalid(errors)
        row = _row(s, Category, form.id, "分类", "category")
        code = code or row.code or _next_code(s, form.parent_id, by_id)
        row.parent_id, row.code, row.name = form.parent_id, code, name
        _finish(s, store, actor, "category", row,
                {"code": code, "name": name, "parent_id": form.parent_id}, clock())
        uow.commit()
    return row.id


def _check_parent(form: CategoryForm, by_id: dict, errors: dict) -> None:
    parent = form.parent_id
    if parent is None:
        return
    if parent not in by_id:
        errors["parent_id"] = ("上级分类已不存在", "the parent category no longer exists")
        return
    node, depth = by_id[parent], 1
    while node is not None:
        if node.id == form.id:
            errors["parent_id"] = ("分类不能放在它自己或它的下级分类下面",
                                   "a category cannot go below itself or its own sub-category")
            return
        node, depth = by_id.get(node.parent_id), depth + 1
    if depth > MAX_CATEGORY_DEPTH:
        errors["parent_id"] = (f"分类最多 {MAX_CATEGORY_DEPTH} 级", f"categories have at most {MAX_CATEGORY_DEPTH} levels")


def _next_code(s: Session, parent_id: int | None, by_id: dict) -> str:
    prefix = by_id[parent_id].code if parent_id is not None else ""
    taken = set(s.scalars(select(Category.code)))
    n = 1
    while f"{prefix}{n:02d}" in taken:
        n += 1
    return f"{prefix}{n:02d}"


# -- brands ------------------------------------------------------------------------------

def list_brands(store: LocalStore, *, actor: Actor = LOCAL_OPERATOR) -> list[BrandForm]:
    check(actor.role, "products.masters.list_brands")
    with store.engine.connect() as conn:
        rows = conn.execute(select(Brand.id, Brand.name).order_by(Brand.pinyin, Brand.name)).all()
    return [BrandForm(r[0], r[1]) for r in rows]


def save_brand(store: LocalStore, actor: Actor, form: BrandForm, *, clock: Clock = utc_now) -> int:
    check(actor.role, "products.masters.save_brand")
    errors: dict = {}
    name = _text(errors, "name", form.name, 64, "品牌名称", "brand name")
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        if name and _taken(s, Brand.name, name, form.id):
            errors["name"] = (f"品牌“{name}”已存在", f"brand '{name}' exists already")
        if errors:
            raise FormInvalid(errors)
        row = _row(s, Brand, form.id, "品牌", "brand")
        row.name, row.pinyin = name, initials(name)[:64]
        _finish(s, store, actor, "brand", row, {"name": name}, clock())
        uow.commit()
    return row.id


# -- suppliers ---------------------------------------------------------------------------

def list_suppliers(store: LocalStore, search: str = "", *, custom_key: str = "",
                   custom_value: str = "", actor: Actor = LOCAL_OPERATOR) -> list[SupplierForm]:
    """Suppliers by code, with their custom values; `custom_key`/`custom_value` keep the
    ones whose custom field equals the value."""
    check(actor.role, "products.masters.list_suppliers")
    q = select(Supplier).order_by(Supplier.code)
    word = search.strip()
    if word:
        q = q.where(or_(Supplier.code.startswith(word.upper()), Supplier.code.startswith(word),
                        func.instr(Supplier.name, word) > 0, Supplier.phone.startswith(word)))
    with store.engine.connect() as conn, Session(conn) as s:
        q = custom_filtered(s, q, "supplier", Supplier.id, custom_key, custom_value)
        return with_custom(s, "supplier", [
            SupplierForm(r.id, r.code, r.name, r.contact, r.phone, r.address, r.active)
            for r in s.scalars(q.limit(5000))])


def save_supplier(store: LocalStore, actor: Actor, form: SupplierForm, *,
                  clock: Clock = utc_now) -> int:
    check(actor.role, "products.masters.save_supplier")
    errors: dict = {}
    code = _text(errors, "code", form.code, 32, "供应商编码", "supplier code")
    if code and not (code.isascii() and code.replace("-", "").replace("_", "").isalnum()):
        errors["code"] = ("供应商编码只能用字母、数字、- 和 _", "a supplier code uses letters, digits, - and _ only")
    name = _text(errors, "name", form.name, 100, "供应商名称", "supplier name")
    contact = _text(errors, "contact", form.contact, 50, "联系人", "contact", required=False)
    phone = _text(errors, "phone", form.phone, 30, "电话", "phone", required=False)
    address = _text(errors, "address", form.address, 200, "地址", "address", required=False)
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        if code and _taken(s, Supplier.code, code, form.id):
            errors["code"] = (f"供应商编码“{code}”已被使用", f"supplier code '{code}' is taken")
        custom, custom_errors = check_form_values(s, "supplier", form.custom, form.id)
        errors.update(custom_errors)
        if errors:
            raise FormInvalid(errors)
        row = _row(s, Supplier, form.id, "供应商", "supplier")
        row.code, row.name, row.contact, row.phone = code, name, contact, phone
        row.address, row.active = address, form.active
        _finish(s, store, actor, "supplier", row,
                {"code": code, "name": name, "contact": contact, "phone": phone,
                 "postal_address": address, "active": form.active}, clock(), custom)
        uow.commit()
    return row.id


# -- everything the editor offers --------------------------------------------------------

def choices(store: LocalStore, *, actor: Actor = LOCAL_OPERATOR) -> Choices:
    check(actor.role, "products.masters.choices")
    with store.engine.connect() as conn, Session(conn) as s:
        units = [UnitForm(r.id, r.name, r.is_weighed) for r in s.scalars(select(Unit).order_by(Unit.id))]
        cats = _tree(s.execute(select(Category.id, Category.parent_id, Category.code,
                                      Category.name).order_by(Category.code)).all())
        brands = [BrandForm(i, n) for i, n in s.execute(
            select(Brand.id, Brand.name).order_by(Brand.pinyin, Brand.name))]
        sups = [SupplierForm(r.id, r.code, r.name, active=r.active)
                for r in s.scalars(select(Supplier).where(Supplier.active.is_(True))
                                   .order_by(Supplier.code))]
    return Choices(units, cats, brands, sups)

