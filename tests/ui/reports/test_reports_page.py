"""The Reports section as a user sees it: the dashboard's figures and charts, a report run
with its progress bar and exports, the builder by drag and drop, the brief's settings."""
from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QMimeData, QModelIndex, Qt

from app.domain.money import format_money
from app.services.reports.dashboard import dashboard
from app.services.reports.xlsx import HEADER_ROW
from app.ui.reports.page import ReportsPage
from app.services.auth import SignedInUser

ADMIN = SignedInUser(user_id=1, username="admin", display_name="管理员", role="admin")
LEAD = SignedInUser(user_id=1, username="admin", display_name="管理员", role="shift_lead")


@pytest.fixture
def page(qtbot, ops, en_ui, sales_store):
    widget = ReportsPage(sales_store, ops, ADMIN)
    qtbot.addWidget(widget)
    widget.resize(1280, 860)
    widget.show()
    return widget


def test_dashboard_shows_the_services_figures(qtbot, page, sales_store):
    tab = page.dashboard_tab
    qtbot.waitUntil(lambda: tab.data is not None, timeout=10_000)
    expected = dashboard(sales_store, actor=ADMIN.actor)
    assert tab.data == expected
    assert tab.today_card.value.text() == "¥" + format_money(expected.today.net_sales_fen)
    assert tab.today_card.value.text() != "¥0.00"  # there is a sale every day
    assert len(tab.trend.pairs) == 30 and tab.trend.kind == "line"
    assert [p[0] for p in tab.top.pairs][-1].startswith("可口可乐")  # the best seller on top
    assert tab.margin_card.isVisible() and tab.stock_card.isVisible()
    assert tab.alerts.rowCount() == len(expected.alerts) > 0
    page.grab().save("/tmp/reports_dashboard.png")


def test_costs_are_not_shown_to_a_shift_lead(qtbot, ops, en_ui, sales_store):
    widget = ReportsPage(sales_store, ops, LEAD)
    qtbot.addWidget(widget)
    widget.show()
    tab = widget.dashboard_tab
    qtbot.waitUntil(lambda: tab.data is not None, timeout=10_000)
    assert not tab.margin_card.isVisible() and not tab.stock_card.isVisible()
    assert not tab.slow_box.isVisible() and widget.brief_tab is None
    names = [widget.runner_tab.report_box.itemData(i)
             for i in range(widget.runner_tab.report_box.count())]
    assert "sales" in names and "gross-profit" not in names
    assert "gross_profit" not in widget.builder_tab.measures.titles


def test_run_a_report_with_progress_and_save_it(qtbot, page, tmp_path):
    tab = page.runner_tab
    page.tabs.setCurrentWidget(tab)
    tab.report_box.setCurrentIndex(tab.report_box.findData("sales"))
    tab.options.by.setCurrentIndex(tab.options.by.findData("day"))
    assert tab.filters.edits["store"].isEnabled() and tab.options.by.isVisible()
    tab.run()
    assert tab.panel.progress.isVisible()
    qtbot.waitUntil(lambda: tab.result is not None, timeout=10_000)
    assert not tab.panel.progress.isVisible()
    assert tab.panel.model.rowCount() == len(tab.result.rows) + 1  # + totals
    assert tab.panel.chart.kind == "line" and tab.panel.chart.pairs
    page.grab().save("/tmp/reports_runner.png")
    for fmt in ("pdf", "xlsx", "csv"):
        target = tmp_path / f"r.{fmt}"
        tab.panel.export(fmt, str(target))
        qtbot.waitUntil(target.exists, timeout=10_000)
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    # The screen is in English; the store prints in Chinese (store.language): PDF and Excel
    # are in the store's language, CSV in the reader's.
    pdf = pdfium.PdfDocument((tmp_path / "r.pdf").read_bytes())
    assert tab.result.title("zh_CN") in pdf[0].get_textpage().get_text_range()
    sheet = load_workbook(tmp_path / "r.xlsx").active
    assert sheet.cell(1, 1).value == tab.result.title("zh_CN")
    assert sheet.cell(HEADER_ROW, 1).value == tab.result.columns[0].title("zh_CN")
    csv_head = (tmp_path / "r.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert csv_head.startswith(tab.result.columns[0].title("en"))
    tab.panel.export("png", str(tmp_path / "c.png"))
    assert (tmp_path / "c.png").read_bytes().startswith(b"\x89PNG")


def test_filters_a_report_does_not_take_are_disabled(qtbot, page):
    tab = page.runner_tab
    tab.report_box.setCurrentIndex(tab.report_box.findData("stock-valuation"))
    assert not tab.filters.edits["cashier"].isEnabled() and not tab.filters.start.isEnabled()
    assert tab.filters.edits["category"].isEnabled()
    assert not tab.options.by.isVisible()


def _drag(source, target, row: int) -> None:
    """What a drag and drop does: the target model takes the mime data, the source loses
    the row (MoveAction)."""
    model = source.model()
    mime: QMimeData = model.mimeData([model.index(row, 0)])
    assert target.model().dropMimeData(mime, Qt.DropAction.MoveAction, target.count(), 0,
                                       QModelIndex())
    source.takeItem(row)


def test_builder_by_drag_and_drop_then_save(qtbot, page, message_boxes):
    tab = page.builder_tab
    page.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.saved_box.count() >= 0)
    dims, measures = tab.dimensions, tab.measures
    _drag(dims.available, dims.chosen, dims.available.keys().index("product"))
    _drag(measures.available, measures.chosen, measures.available.keys().index("sales"))
    measures.available.setCurrentRow(measures.available.keys().index("gross_profit"))
    measures._move(measures.available, measures.chosen)  # the keyboard way (→ / Enter)
    assert dims.keys() == ["product"] and measures.keys() == ["sales", "gross_profit"]
    tab.chart_box.setCurrentIndex(tab.chart_box.findData("pie"))
    tab.period_box.setCurrentIndex(tab.period_box.findData("last_30_days"))
    tab.run()
    qtbot.waitUntil(lambda: tab.panel.result is not None, timeout=10_000)
    rows = tab.panel.result.rows
    assert rows[0]["d0"].startswith("COLA") and tab.panel.chart.kind == "pie"
    page.grab().save("/tmp/reports_builder.png")
    tab.name_edit.setText("近30天商品")
    tab.shared.setChecked(True)
    tab.save()
    qtbot.waitUntil(lambda: "近30天商品" in tab.saved, timeout=10_000)
    dims.set_keys([])
    tab.saved_box.setCurrentIndex(tab.saved_box.findData("近30天商品"))
    tab.load_chosen()
    assert dims.keys() == ["product"] and tab.chart_box.currentData() == "pie"


def test_an_empty_definition_is_refused_with_a_message(qtbot, page, message_boxes):
    page.builder_tab.dimensions.set_keys([])
    page.builder_tab.run()
    assert message_boxes and "dimension" in message_boxes[0][1]
    message_boxes.clear()


def test_brief_settings_are_saved_and_secrets_not_shown(qtbot, page, sales_store):
    tab = page.brief_tab
    page.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.config is not None, timeout=10_000)
    tab.email.setChecked(True)
    tab.host.setText("smtp.example.com")
    tab.mail_from.setText("jxc@example.com")
    tab.mail_to.setText("boss@example.com")
    tab.password.setText("pw-1234")
    tab.save()
    qtbot.waitUntil(lambda: tab.status.text() == "Saved.", timeout=10_000)
    qtbot.waitUntil(lambda: tab.config.has_password, timeout=10_000)
    assert tab.password.text() == "" and tab.password.placeholderText() == "stored"
    assert tab.config.email and tab.config.mail_to == ("boss@example.com",)
    page.grab().save("/tmp/reports_brief.png")
