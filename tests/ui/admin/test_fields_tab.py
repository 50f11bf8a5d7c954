"""Admin → Custom fields: an administrator adds, changes, hides and shows a field through
the screen; a wrong definition is explained in the user's language and keeps what was
typed; head office's fields are read-only; a cashier sees the list but no buttons
(issue 11 item 1)."""
from __future__ import annotations

from decimal import Decimal

from app.domain.custom_fields import FieldDef
from app.services import custom_fields
from app.services.records import Actor
from test_admin_page import ADMIN, page_for, shop  # noqa: F401  (the fixture)

ADMIN_ACTOR = Actor(1, "admin", "admin")


def _tab(qtbot, shop, ops, user=ADMIN, entity="product"):
    page = page_for(qtbot, shop, ops, user)
    page.tabs.setCurrentWidget(page.fields_tab)
    tab = page.fields_tab
    tab.entity_box.setCurrentIndex(tab.entity_box.findData(entity))
    qtbot.waitUntil(lambda: tab.entity() == entity and not tab.message.is_error)
    return page, tab


def _row(tab, key: str) -> list[str]:
    row = [f.key for f in tab.fields].index(key)
    return [tab.table.item(row, c).text() for c in range(tab.table.columnCount())]


def _fill(dialog, key, zh, en, kind, choices="", minimum="", maximum=""):
    dialog.key_edit.setText(key)
    dialog.zh_edit.setText(zh)
    dialog.en_edit.setText(en)
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData(kind))
    dialog.choices_edit.setPlainText(choices)
    dialog.min_edit.setText(minimum)
    dialog.max_edit.setText(maximum)


def test_a_choice_field_is_added_through_the_dialog(en_ui, qtbot, shop, ops, tmp_path):
    page, tab = _tab(qtbot, shop, ops)
    tab.buttons["add"].click()
    dialog = tab.dialog
    _fill(dialog, "origin", "产地", "Origin", "choice", "广东\n四川, 云南，贵州")
    dialog.required_box.setChecked(True)
    dialog.position_box.setValue(3)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: [f.key for f in tab.fields] == ["origin"])
    assert not dialog.isVisible() and "origin" in tab.message.text()
    stored = custom_fields.definitions(shop, "product", include_inactive=True)
    assert [(f.key, f.label_zh, f.kind, f.required, f.choices, f.position) for f in stored] \
        == [("origin", "产地", "choice", True, ("广东", "四川", "云南", "贵州"), 3)]
    assert _row(tab, "origin") == ["origin", "产地", "Origin", "Choice", "yes",
                                   "广东, 四川, 云南, 贵州", "yes", "this store"]
    page.grab().save(str(tmp_path / "fields-tab.png"))  # looked at while building it


def test_a_wrong_definition_is_explained_and_keeps_the_input(zh_ui, qtbot, shop, ops):
    _page, tab = _tab(qtbot, shop, ops)
    tab.buttons["add"].click()
    dialog = tab.dialog
    _fill(dialog, "origin", "产地", "Origin", "choice")  # no choices
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible())
    assert "选项列表要有 1 到 100 个互不相同的选项" in dialog.error_label.text()
    assert (dialog.key_edit.text(), dialog.zh_edit.text(), dialog.kind_box.currentData()) \
        == ("origin", "产地", "choice") and dialog.isVisible()
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("number"))
    dialog.min_edit.setText("99")
    dialog.max_edit.setText("1")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: "最小值大于最大值" in dialog.error_label.text())
    assert (dialog.min_edit.text(), dialog.max_edit.text()) == ("99", "1")
    assert custom_fields.definitions(shop, "product", include_inactive=True) == []
    dialog.min_edit.setText("1")
    dialog.max_edit.setText("99")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: [f.key for f in tab.fields] == ["origin"])
    stored = custom_fields.definitions(shop, "product")[0]
    assert (stored.kind, stored.minimum, stored.maximum) == ("number", Decimal(1), Decimal(99))


def test_the_english_refusal_and_a_key_that_exists(en_ui, qtbot, shop, ops):
    custom_fields.define(shop, ADMIN_ACTOR, FieldDef("supplier", "grade", "等级", "Grade", "text"))
    _page, tab = _tab(qtbot, shop, ops, entity="supplier")
    qtbot.waitUntil(lambda: len(tab.fields) == 1)
    tab.buttons["add"].click()
    dialog = tab.dialog
    _fill(dialog, "terms", "账期", "Terms", "money", minimum="500", maximum="10")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible())
    assert "the minimum is above the maximum" in dialog.error_label.text()
    dialog.min_edit.setText("ten")
    dialog.buttons.accepted.emit()
    assert "must be numbers" in dialog.error_label.text() and dialog.min_edit.text() == "ten"
    _fill(dialog, "grade", "等级", "Grade", "number")
    dialog.buttons.accepted.emit()
    assert "already exists" in dialog.error_label.text()
    assert custom_fields.definitions(shop, "supplier")[0].kind == "text"


def test_a_field_is_edited_hidden_and_shown(en_ui, qtbot, shop, ops):
    custom_fields.define(shop, ADMIN_ACTOR, FieldDef("customer", "deposit", "押金", "Deposit",
                                                     "money", maximum=Decimal(500)))
    _page, tab = _tab(qtbot, shop, ops, entity="customer")
    qtbot.waitUntil(lambda: len(tab.fields) == 1)
    assert _row(tab, "deposit")[5] == "at most 500"
    tab.select("deposit")
    tab.buttons["edit"].click()
    dialog = tab.dialog
    assert dialog.key_edit.isReadOnly() and dialog.max_edit.text() == "500"
    dialog.en_edit.setText("Cash deposit")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: _row(tab, "deposit")[2] == "Cash deposit")
    assert tab.buttons["toggle"].text() == "Hi&de"
    tab.buttons["toggle"].click()
    qtbot.waitUntil(lambda: _row(tab, "deposit")[6] == "hidden")
    assert custom_fields.definitions(shop, "customer") == []
    assert tab.buttons["toggle"].text() == "Sho&w"
    tab.buttons["toggle"].click()
    qtbot.waitUntil(lambda: _row(tab, "deposit")[6] == "yes")
    assert [f.label_en for f in custom_fields.definitions(shop, "customer")] == ["Cash deposit"]


def test_a_head_office_field_is_read_only(en_ui, qtbot, shop, ops):
    custom_fields.define(shop, ADMIN_ACTOR, FieldDef("document", "channel", "渠道", "Channel",
                                                     "choice", choices=("门店", "美团")),
                         origin="hq")
    _page, tab = _tab(qtbot, shop, ops, entity="document")
    qtbot.waitUntil(lambda: len(tab.fields) == 1)
    assert _row(tab, "channel")[7] == "head office"
    tab.select("channel")
    assert "Head office manages this field" in tab.note.text()
    assert not tab.buttons["toggle"].isEnabled() and tab.buttons["edit"].text() == "&View..."
    tab.buttons["edit"].click()
    dialog = tab.dialog
    assert not dialog.zh_edit.isEnabled() and dialog.findChild(type(tab.note), "hq_note")
    assert dialog.buttons.button(dialog.buttons.StandardButton.Ok) is None
    dialog.reject()
    tab.buttons["add"].click()  # the same key typed into a new field is refused too
    _fill(tab.dialog, "channel", "渠道", "Channel", "text")
    tab.dialog.buttons.accepted.emit()
    assert "comes from head office" in tab.dialog.error_label.text()
    tab.toggle_active()
    assert "comes from head office" in tab.message.text()
    assert custom_fields.definitions(shop, "document")[0].kind == "choice"


def test_a_cashier_sees_the_fields_but_cannot_change_them(en_ui, qtbot, shop, ops):
    custom_fields.define(shop, ADMIN_ACTOR, FieldDef("product", "shelf", "货架号", "Shelf",
                                                     "number"))
    _page, tab = _tab(qtbot, shop, ops, user=shop.cashier)
    qtbot.waitUntil(lambda: len(tab.fields) == 1)
    assert not tab.buttons["add"].isVisibleTo(tab) and not tab.buttons["toggle"].isVisibleTo(tab)
    tab.select("shelf")
    assert tab.buttons["edit"].text() == "&View..."
    tab.buttons["edit"].click()
    assert not tab.dialog.key_edit.isEnabled()
    tab.dialog.reject()
