"""The editors' "Custom fields" page: a widget by kind, values in and out unchanged."""
from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QFormLayout, QLineEdit

from app.domain.custom_fields import FieldDef
from app.ui.products.custom_page import NO_DATE, CustomFieldsPage

DEFS = [FieldDef("product", "note", "备注", "Note", "text", required=True, max_length=20),
        FieldDef("product", "shelf", "货架号", "Shelf", "number"),
        FieldDef("product", "deposit", "押金", "Deposit", "money"),
        FieldDef("product", "since", "上架日", "Since", "date"),
        FieldDef("product", "origin", "产地", "Origin", "choice", choices=("广东", "四川")),
        FieldDef("product", "halal", "清真", "Halal", "bool")]


def test_each_kind_has_its_widget_and_values_come_back_as_given(qtbot, zh_ui):
    page = CustomFieldsPage()
    qtbot.addWidget(page)
    assert page.values() is None  # not built: a save leaves the stored values alone
    page.set_values({"note": "易碎", "shelf": "12", "since": "2026-11-22", "origin": "云南",
                     "halal": "1"})
    page.set_fields(DEFS)
    kinds = {k: type(w) for k, w in page.widgets.items()}
    assert kinds == {"note": QLineEdit, "shelf": QLineEdit, "deposit": QLineEdit,
                     "since": QDateEdit, "origin": QComboBox, "halal": QCheckBox}
    form = page.layout()
    assert isinstance(form, QFormLayout)
    assert form.itemAt(0, QFormLayout.ItemRole.LabelRole).widget().text() == "备注 *"
    assert page.widgets["note"].maxLength() == 20
    assert page.values() == {"note": "易碎", "shelf": "12", "deposit": "", "since": "2026-11-22",
                             "origin": "云南", "halal": "1"}  # a removed choice is kept
    page.widgets["since"].setDate(NO_DATE)
    page.widgets["halal"].setChecked(False)
    page.widgets["origin"].setCurrentIndex(page.widgets["origin"].findData("广东"))
    values = page.values()
    assert (values["since"], values["halal"], values["origin"]) == ("", "0", "广东")
    page.mark_errors({"custom:shelf": "应为数字。"})
    assert "c62828" in page.widgets["shelf"].styleSheet()
    assert page.widgets["shelf"].toolTip() == "应为数字。"
    page.mark_errors({})
    assert page.widgets["shelf"].styleSheet() == ""


def test_an_unset_yes_no_field_stays_unset_and_a_new_date_is_blank(qtbot):
    page = CustomFieldsPage()
    qtbot.addWidget(page)
    page.set_fields(DEFS)
    assert page.widgets["since"].date() == NO_DATE
    assert page.values()["halal"] == "" and page.values()["since"] == ""
    page.widgets["since"].setDate(QDate(2027, 1, 5))
    assert page.values()["since"] == "2027-01-05"
