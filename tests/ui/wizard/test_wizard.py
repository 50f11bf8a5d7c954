"""The first-run wizard, driven as a user would: keys and buttons, real services, a real
printer emulator and a real head-office server."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWizard

from app.devices.emulator import PrinterEmulator
from app.persistence.keystore import KeyringKeyStore
from app.persistence.layout import DataDir
from app.persistence.store import open_store
from app.services import settings
from app.services.overview import store_overview
from app.ui.wizard import FirstRunWizard, needs_first_run
from helpers import ROOT

PASSWORD = "wizard-pass-1"
NEXT = QWizard.WizardButton.NextButton


@pytest.fixture
def layout(tmp_path) -> DataDir:
    return DataDir(tmp_path / "store")


@pytest.fixture
def wizard(qtbot, layout, ops, en_ui):
    wiz = FirstRunWizard(layout, ops)
    qtbot.addWidget(wiz)
    wiz.show()
    qtbot.waitExposed(wiz)
    yield wiz
    wiz.done(0)  # closes the store if the test left it open


def press_next(qtbot, wiz, page) -> None:
    qtbot.mouseClick(wiz.button(NEXT), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wiz.currentPage() is page, timeout=30_000)


def fill_store(qtbot, page, code="S009", name="测试向导店", password=PASSWORD, confirm=None):
    for field, text in ((page.code, code), (page.name, name), (page.password, password),
                        (page.confirm, password if confirm is None else confirm)):
        field.clear()
        type_text(qtbot, field, text)


def type_text(qtbot, field, text: str) -> None:
    """Keys for ASCII; Chinese arrives through an input method, as insert() does here."""
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:
        field.insert(text) if hasattr(field, "insert") else field.insertPlainText(text)


def choose(qtbot, radio) -> None:
    """Click a radio button on its indicator (its widget is wider than its text)."""
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))
    assert radio.isChecked()


def to_devices(qtbot, wiz) -> None:
    press_next(qtbot, wiz, wiz.store_page)
    fill_store(qtbot, wiz.store_page)
    press_next(qtbot, wiz, wiz.devices_page)


def reopen(layout):
    return open_store(layout, KeyringKeyStore())


def test_a_standalone_store_with_devices_receipt_and_demo_data(qtbot, wizard, layout):
    assert needs_first_run(layout)
    to_devices(qtbot, wizard)
    assert not needs_first_run(layout) and wizard.state.user.username == "admin"
    page = wizard.devices_page
    with PrinterEmulator(width_mm=58) as printer:
        qtbot.keyClicks(page.printer, printer.url)
        page.width.setCurrentText("58")
        qtbot.mouseClick(page.test_print, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "Test page sent" in page.printer_result.text(), timeout=10_000)
        assert "打印测试" in printer.received.decode("gb18030", "replace")
        qtbot.mouseClick(page.test_drawer, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "drawer should open" in page.drawer_result.text(), timeout=10_000)
        assert printer.events("drawer")
        url = printer.url
    page.scan.setFocus()
    qtbot.keyClicks(page.scan, "6901234567892")  # a burst, as a keyboard-wedge scanner
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    assert page.scanner_result.text() == "The scanner works: read 6901234567892."
    press_next(qtbot, wizard, wizard.receipt_page)
    type_text(qtbot, wizard.receipt_page.header, "人民路 88 号")
    press_next(qtbot, wizard, wizard.data_page)
    data = wizard.data_page
    choose(qtbot, data.demo)
    data.products.setValue(150)
    press_next(qtbot, wizard, wizard.done_page)
    assert data.progress.value() == data.progress.maximum() == 150
    summary = wizard.done_page.summary.text()
    for part in ("Store S009 测试向导店 created", f"Receipt printer: {url} (58 mm)",
                 "Receipt header and footer saved", "Demo data: 150 products"):
        assert part in summary
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.state.store is None  # closed: the app opens it as on every start
    store = reopen(layout)
    try:
        assert store_overview(store).products == 150
        values = {s["key"]: s["value"] for s in settings.all_settings(store)}
        assert values["counter.printer"] == url and values["counter.receipt_width"] == "58"
        with store.engine.connect() as conn:
            header = conn.exec_driver_sql(
                "select value from jxc_meta where key = 'receipt_header'").scalar()
        assert header == "人民路 88 号"
    finally:
        store.close()


def test_bad_store_inputs_are_refused_on_the_page_and_create_nothing(qtbot, wizard, layout):
    press_next(qtbot, wizard, wizard.store_page)
    page = wizard.store_page
    fill_store(qtbot, page, confirm="something-else")
    qtbot.mouseClick(wizard.button(NEXT), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is page
    assert page.message.text() == "The two passwords differ. Type them again."
    fill_store(qtbot, page, password="short")
    qtbot.mouseClick(wizard.button(NEXT), Qt.MouseButton.LeftButton)
    assert page.message.text() == "The password needs at least 8 characters."
    fill_store(qtbot, page, code="人民路")  # the service refuses the code: its message shows
    qtbot.mouseClick(wizard.button(NEXT), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy)
    assert wizard.currentPage() is page and page.message.text()
    assert needs_first_run(layout)
    fill_store(qtbot, page)
    press_next(qtbot, wizard, wizard.devices_page)


def test_typed_codes_and_bad_printers_say_what_to_do(qtbot, wizard):
    to_devices(qtbot, wizard)
    page = wizard.devices_page
    page.scanned("6901234567892", False)
    assert "was typed, not scanned" in page.scanner_result.text()
    page.scanned("6901234567890", True)
    assert "check digit" in page.scanner_result.text()
    qtbot.mouseClick(page.test_print, Qt.MouseButton.LeftButton)
    assert page.printer_result.text() == "Enter the printer's address first."
    qtbot.keyClicks(page.printer, "tcp://127.0.0.1:1")
    qtbot.mouseClick(page.test_print, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Printing" not in page.printer_result.text(), timeout=15_000)
    assert "refused" in page.printer_result.text().lower() or "127.0.0.1" in \
        page.printer_result.text()
    page.printer.setText("lpt://nowhere")  # not a printer address: the setting refuses it
    qtbot.mouseClick(wizard.button(NEXT), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(page.message.text()))
    assert wizard.currentPage() is page
    page.printer.clear()
    press_next(qtbot, wizard, wizard.receipt_page)


def test_products_import_from_a_csv_file(qtbot, wizard, layout, tmp_path):
    to_devices(qtbot, wizard)
    press_next(qtbot, wizard, wizard.receipt_page)
    press_next(qtbot, wizard, wizard.data_page)
    data = wizard.data_page
    choose(qtbot, data.import_file)
    qtbot.mouseClick(wizard.button(NEXT), Qt.MouseButton.LeftButton)
    assert data.message.text() == "Choose the product file to import."
    bad = tmp_path / "bad.csv"
    bad.write_text("sku,name\nX1,没有价格\n", encoding="utf-8")
    data.path.setText(str(bad))
    qtbot.mouseClick(wizard.button(NEXT), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(data.message.text()) and not data.busy)
    assert wizard.currentPage() is data and data.import_file.isEnabled()
    good = tmp_path / "products.csv"
    good.write_text("sku,name,barcode,unit,retail_price,category,costing,shelf_life_days\n"
                    "A1,可乐,6901234567892,瓶,3.50,,,\nA2,雪碧,,瓶,3.00,,,\n", encoding="gbk")
    data.path.setText(str(good))
    press_next(qtbot, wizard, wizard.done_page)
    assert "Imported 2 products from products.csv (2 new, 0 updated)." in \
        wizard.done_page.summary.text()


@pytest.fixture(scope="module")
def head_office():
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "headoffice"))
    from hqtest_fixtures import start_hq

    return start_hq("sqlite")


def test_join_head_office_after_a_failed_try(qtbot, wizard, layout, head_office):
    from headoffice import admin

    admin.add_store(head_office.engine, "S777", "加盟店")
    code = admin.add_terminal(head_office.engine, "S777", "till-1")["enrollment_code"]
    choose(qtbot, wizard.mode_page.join)
    press_next(qtbot, wizard, wizard.store_page)
    page = wizard.store_page
    assert page.hq.isVisible()
    fill_store(qtbot, page, code="S777", name="加盟店")
    qtbot.keyClicks(page.url, head_office.base_url)
    qtbot.keyClicks(page.enroll_code, "WRONG-CODE")
    qtbot.mouseClick(wizard.button(NEXT), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(page.message.text()) and not page.busy, timeout=30_000)
    assert wizard.currentPage() is page
    assert not needs_first_run(layout) and not page.code.isEnabled()  # the store stays
    page.enroll_code.setText(code)
    press_next(qtbot, wizard, wizard.devices_page)
    assert wizard.state.enrolled["store_code"] == "S777"
    assert "Joined head office as terminal till-1 of store S777." in wizard.state.done


@pytest.fixture
def pc_settings(tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings

    from app.ui import translations

    path = tmp_path / "desktop.ini"
    monkeypatch.setattr(translations, "pc_settings",
                        lambda: QSettings(str(path), QSettings.Format.IniFormat))
    return path


def test_the_language_chosen_on_the_first_page_applies_at_once_and_is_kept(
        qtbot, wizard, pc_settings, qapp):
    from app.ui import translations

    page = wizard.mode_page
    assert page.standalone.text() == "&New standalone store"
    try:
        page.language.setCurrentIndex(page.language.findData("zh_CN"))
        page.language.activated.emit(page.language.currentIndex())
        qtbot.waitUntil(lambda: page.standalone.text() != "&New standalone store")
        assert translations.current_language() == "zh_CN"
        assert translations.saved_language() == "zh_CN"
        assert page.standalone.text() == "新建独立门店(&N)"  # retranslated in place
        assert page.language_label.text() == "语言(&L)："
        assert wizard.store_page.labels[0].text() == "门店编码(&C)："
        assert wizard.devices_page.test_print.text() == "打印测试页(&T)"
        assert wizard.data_page.demo_labels[1].text() == "销售历史天数："
        assert wizard.windowTitle() == "设置 JXC"
    finally:
        translations.install_translators(qapp, "en")
    qtbot.waitUntil(lambda: page.standalone.text() == "&New standalone store")


def test_start_up_hook_shows_the_wizard_only_without_a_store(qtbot, ops, tmp_path, en_ui):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.services.setup import initialize_store
    from app.ui.wizard import run_first_run_if_needed

    empty = DataDir(tmp_path / "empty")
    seen = []

    def cancel():
        modal = QApplication.activeModalWidget()
        seen.append(type(modal).__name__)
        modal.reject()
    QTimer.singleShot(200, cancel)
    assert run_first_run_if_needed(empty, ops) is False  # cancelled: nothing to open
    assert seen == ["FirstRunWizard"] and needs_first_run(empty)
    existing = DataDir(tmp_path / "existing")
    initialize_store(existing, KeyringKeyStore(), "S002", "已有门店", PASSWORD).close()
    assert run_first_run_if_needed(existing, ops) is True  # no wizard: straight to sign-in
    assert seen == ["FirstRunWizard"]
