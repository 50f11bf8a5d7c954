"""The product list: lazy pages, filter as you type, sort, costs by role, keys."""
from __future__ import annotations

from PySide6.QtCore import Qt

from app.services.auth import SignedInUser
from app.ui.products.list_model import FILL_ROWS


def _names(model) -> list[str]:
    return [r.name for r in model.rows]


def test_opens_with_the_first_page_sorted_by_name_and_the_search_focused(page_for, qtbot):
    page = page_for()
    model = page.products.model
    assert model.rowCount() == 200 and not model.done
    assert _names(model) == sorted(_names(model))
    assert model.columns[-2:] == ("purchase", "landed")
    qtbot.waitUntil(lambda: page.products.search.hasFocus(), timeout=2000)
    assert "200" in page.products.status.text()


def test_scrolling_fetches_the_next_pages_until_the_end(page_for, qtbot):
    page = page_for()
    table, model = page.products.table, page.products.model
    for _ in range(5):
        table.scrollToBottom()
        if model.canFetchMore():
            model.fetchMore()
        qtbot.waitUntil(lambda: not model.searching, timeout=3000)
    assert model.done and model.rowCount() == 500
    ids = [r.id for r in model.rows]
    assert len(set(ids)) == 500


def test_typing_filters_as_you_type_and_pinyin_finds_chinese_names(page_for, qtbot):
    page = page_for()
    tab, model = page.products, page.products.model
    qtbot.keyClicks(tab.search, "kl")
    qtbot.waitUntil(lambda: model.filter.search == "kl" and not model.searching, timeout=3000)
    assert model.rowCount() > 0
    from app.services.pinyin import initials
    assert all("kl" in initials(r.name) for r in model.rows)
    tab.search.setText("没有这种商品")  # QTest types Latin-1 only: as an input method would
    tab.search.textEdited.emit("没有这种商品")
    qtbot.waitUntil(lambda: model.done and model.filter.search == "没有这种商品", timeout=3000)
    assert model.rowCount() == 0 and "0" in tab.status.text()


def test_filters_by_category_and_stock_state(page_for, qtbot):
    page = page_for()
    tab, model = page.products, page.products.model
    tab.category.setCurrentIndex(1)  # the first top-level category, with its children
    qtbot.waitUntil(lambda: model.filter.category_id is not None and not model.searching,
                    timeout=3000)
    top = tab.category.currentText().strip()
    assert model.rowCount() > 0
    assert {r.category for r in model.rows} <= {c.name for c in tab.choices.categories
                                                if c.path.startswith(top)}
    tab.stock.setCurrentIndex(tab.stock.findData("negative"))
    qtbot.waitUntil(lambda: model.filter.stock_state == "negative" and model.done, timeout=3000)
    assert model.rowCount() == 0  # a new catalog has no stock at all


def test_clicking_the_sku_header_sorts_by_sku_in_the_database(page_for, qtbot):
    page = page_for()
    model = page.products.model
    header = page.products.table.horizontalHeader()
    header.setSortIndicator(model.columns.index("sku"), Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: model.filter.sort == "sku" and model.rowCount() > 0
                    and not model.searching, timeout=3000)
    skus = [r.sku for r in model.rows]
    assert skus == sorted(skus, reverse=True) and skus[0] == "P0000500"
    header.setSortIndicator(model.columns.index("brand"), Qt.SortOrder.AscendingOrder)
    assert model.filter.sort == "sku"  # unindexed columns do not sort


def test_a_shift_lead_sees_no_cost_columns(page_for):
    page = page_for(SignedInUser(9, "lead", "领班", "shift_lead"))
    model = page.products.model
    assert "purchase" not in model.columns and "landed" not in model.columns
    assert all(r.purchase_price_fen is None for r in model.rows)


def test_stale_pages_of_an_older_filter_are_dropped(page_for, qtbot):
    page = page_for()
    tab, model = page.products, page.products.model
    for text in ("k", "kl", "klx", "kl"):
        tab.search.setText(text)
        tab.apply_filter()
    qtbot.waitUntil(lambda: not model.searching and model.rowCount() >= min(FILL_ROWS, 1),
                    timeout=3000)
    from app.services.pinyin import initials
    assert model.filter.search == "kl"
    assert all("kl" in initials(r.name) for r in model.rows)


def test_custom_fields_are_columns_and_a_filter(en_ui, page_for, qtbot, catalog):
    from app.domain.custom_fields import FieldDef
    from app.services import custom_fields
    from app.services.records import Actor
    admin = Actor(1, "admin", "admin")
    custom_fields.define(catalog, admin, FieldDef("product", "halal", "清真", "Halal", "bool"))
    page = page_for()
    tab, model = page.products, page.products.model
    qtbot.waitUntil(lambda: "custom:halal" in model.columns, timeout=3000)
    column = model.columns.index("custom:halal")
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Halal"
    assert [a.text() for a in tab.table.horizontalHeader().actions()] == ["Halal"]
    sku = model.rows[3].sku
    custom_fields.set_values(catalog, admin, "product", sku, {"halal": "yes"})
    tab.custom_field.setCurrentIndex(tab.custom_field.findData("halal"))
    tab.custom_value.setText("是")  # made canonical by the field's rules
    tab.custom_value.textEdited.emit("是")
    qtbot.waitUntil(lambda: model.filter.custom_value == "是" and model.done, timeout=3000)
    assert [r.sku for r in model.rows] == [sku]
    assert model.data(model.index(0, column)) == "Yes"
    tab.table.horizontalHeader().actions()[0].setChecked(False)
    assert tab.table.isColumnHidden(column)
    custom_fields.define(catalog, admin, FieldDef("product", "aisle", "通道", "Aisle", "text",
                                                  position=-1))
    tab.load_choices()  # as after any save: the new field comes first, halal stays hidden
    qtbot.waitUntil(lambda: model.columns[model.fixed] == "custom:aisle", timeout=3000)
    column = model.columns.index("custom:halal")
    assert tab.table.isColumnHidden(column) and not tab.table.isColumnHidden(column - 1)
    assert model.filter.custom_key == "halal"  # the filter stays
    tab.custom_value.setText("maybe")
    tab.custom_value.textEdited.emit("maybe")
    qtbot.waitUntil(lambda: model.filter.custom_value == "maybe" and model.done, timeout=3000)
    assert model.rowCount() == 0 and "yes or no" in tab.status.text()


def test_export_writes_the_filtered_list_with_custom_columns(page_for, qtbot, catalog,
                                                              tmp_path):
    from openpyxl import load_workbook

    from app.domain.custom_fields import FieldDef
    from app.services import custom_fields
    from app.services.records import Actor
    custom_fields.define(catalog, Actor(1, "admin", "admin"),
                         FieldDef("product", "origin", "产地", "Origin", "text"))
    page = page_for()
    tab = page.products
    sku = tab.model.rows[0].sku
    custom_fields.set_values(catalog, Actor(1, "admin", "admin"), "product", sku,
                             {"origin": "云南"})
    qtbot.waitUntil(lambda: tab.custom_field.count() == 2, timeout=3000)
    tab.custom_field.setCurrentIndex(1)
    tab.custom_value.setText("云南")
    target = tmp_path / "p.xlsx"
    tab.export(target)
    qtbot.waitUntil(lambda: str(target) in tab.status.text(), timeout=5000)
    rows = list(load_workbook(target).worksheets[0].iter_rows(values_only=True))
    assert rows[0][-1] == "产地" and [(r[0], r[-1]) for r in rows[1:]] == [(sku, "云南")]
