"""The master-data tabs of the Products section, each a `RecordSpec` over its service."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.persistence.store import LocalStore
from app.services import custom_fields
from app.services import products as svc
from app.services.records import Actor
from app.ui.products.record_tab import Field, RecordSpec

translate = QCoreApplication.translate  # lupdate extracts calls named `translate`


def _t(text: str) -> str:
    return translate("MasterData", text)


def _custom(store: LocalStore, actor: Actor, entity: str):
    """The worker call an editor makes when it opens: the active fields of `entity` and the
    record's values (none for a new record)."""
    def read(form) -> tuple[list, dict]:
        defs = custom_fields.definitions(store, entity, actor=actor)
        if not defs or form.id is None:
            return defs, {}
        found = custom_fields.values(store, entity, [form.code], actor=actor)
        return defs, found.get(form.code, {})
    return read


def specs(store: LocalStore, actor: Actor) -> list[tuple[str, RecordSpec]]:
    """(tab title, spec) in tab order."""
    return [
        (_t("Categories"), RecordSpec(
            "categories", [("name", _t("Name")), ("code", _t("Code"))],
            [Field("name", _t("Name")), Field("parent_id", _t("Parent"), "parent"),
             Field("code", _t("Code"), hint=_t("empty: the next code under the parent"))],
            lambda _q: svc.list_categories(store, actor=actor),
            lambda f: svc.save_category(store, actor, f), svc.CategoryForm,
            parent_key="parent_id", searchable=False,
            to_form=lambda n: svc.CategoryForm(n.id, n.parent_id, n.code, n.name))),
        (_t("Brands"), RecordSpec(
            "brands", [("name", _t("Name"))], [Field("name", _t("Name"))],
            lambda _q: svc.list_brands(store, actor=actor),
            lambda f: svc.save_brand(store, actor, f), svc.BrandForm, searchable=False)),
        (_t("Units"), RecordSpec(
            "units", [("name", _t("Name")), ("is_weighed", _t("Weighed"))],
            [Field("name", _t("Name")), Field("is_weighed", _t("Sold by weight (scale)"), "check")],
            lambda _q: svc.list_units(store, actor=actor),
            lambda f: svc.save_unit(store, actor, f), svc.UnitForm, searchable=False)),
        (_t("Suppliers"), RecordSpec(
            "suppliers", [("code", _t("Code")), ("name", _t("Name")), ("contact", _t("Contact")),
                          ("phone", _t("Phone")), ("active", _t("Active"))],
            [Field("code", _t("Code")), Field("name", _t("Name")),
             Field("contact", _t("Contact")), Field("phone", _t("Phone")),
             Field("address", _t("Address")), Field("active", _t("Active"), "check")],
            lambda q, **c: svc.list_suppliers(store, q, actor=actor, **c),
            lambda f: svc.save_supplier(store, actor, f), svc.SupplierForm,
            custom=_custom(store, actor, "supplier"),
            custom_list=lambda: custom_fields.definitions(store, "supplier", actor=actor))),
        (_t("Members"), RecordSpec(
            "members", [("code", _t("Code")), ("name", _t("Name")), ("phone", _t("Phone")),
                        ("card_no", _t("Card")), ("level", _t("Level")), ("points", _t("Points")),
                        ("birthday", _t("Birthday")), ("tags", _t("Tags"))],
            [Field("code", _t("Code")), Field("name", _t("Name")), Field("phone", _t("Phone")),
             Field("card_no", _t("Card number")), Field("level", _t("Level"), hint=_t("e.g. 金卡")),
             Field("tags", _t("Tags"), hint=_t("separated by commas")),
             Field("points", _t("Points")), Field("birthday", _t("Birthday"), hint="1990-05-20")],
            lambda q, **c: svc.list_members(store, q, actor=actor, **c),
            lambda f: svc.save_member(store, actor, f), svc.MemberForm,
            more=lambda q, last, **c: svc.list_members(store, q, last.code, actor=actor, **c),
            custom=_custom(store, actor, "customer"),
            custom_list=lambda: custom_fields.definitions(store, "customer", actor=actor))),
    ]
