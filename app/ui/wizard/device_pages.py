"""Counter devices (receipt printer, cash drawer, scanner), each with a test, and the
receipt's header and footer. Both pages save through the ordinary settings services."""
from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QLineEdit, QPlainTextEdit, QPushButton, QVBoxLayout)

from app.domain.barcode import validate_barcode
from app.domain.errors import JxcError
from app.services import first_run, settings
from app.services.printing.receipts import DEFAULT_FOOTER, set_receipt_texts
from app.ui.counter.scan_field import ScanField
from app.ui.errors import error_text
from app.ui.translations import fill
from app.ui.wizard.base import WizardState, WorkPage, form_row, message_label, show_message

DRAWER_PIN = 2  # the pin the print queue pulses (app/services/printing/queue.py)


class DevicesPage(WorkPage):
    def __init__(self, state: WizardState) -> None:
        super().__init__(state)
        box = QVBoxLayout(self)
        box.addWidget(self._printer_box())
        box.addWidget(self._drawer_box())
        box.addWidget(self._scanner_box())
        box.addWidget(self.message)
        box.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Counter devices"))
        self.setSubTitle(self.tr("Connect the devices now and test each one. You may leave "
                                 "the printer empty and set it up later."))
        self.printer_group.setTitle(self.tr("Receipt printer"))
        self.test_print.setText(self.tr("&Test print"))
        self.width_label.setText(self.tr("Paper (mm):"))
        self.address_label.setText(self.tr("&Address:"))
        self.printer_hint.setText(self.tr("Network tcp://IP:9100 · USB usb://vendor:product · "
                                          "serial serial://COM3?baudrate=9600 · Windows "
                                          "printer win32://name"))
        self.drawer_group.setTitle(self.tr("Cash drawer"))
        self.drawer.setText(self.tr("A cash drawer is plugged into the receipt printer"))
        self.test_drawer.setText(self.tr("&Open drawer"))
        self.scanner_group.setTitle(self.tr("Barcode scanner"))
        self.scan.setPlaceholderText(self.tr("Click here, then scan any product's barcode"))

    # -- building -------------------------------------------------------------------------
    def _printer_box(self) -> QGroupBox:
        group = self.printer_group = QGroupBox()
        self.printer = QLineEdit()
        self.printer.setPlaceholderText("tcp://192.168.1.50:9100")
        self.width = QComboBox()
        self.width.addItems(["80", "58"])
        self.test_print = QPushButton()
        self.test_print.clicked.connect(self.print_test)
        self.printer_result = message_label()
        self.width_label = QLabel()
        self.width_label.setBuddy(self.width)
        row = QHBoxLayout()
        row.addWidget(self.printer, 1)
        row.addWidget(self.width_label)
        row.addWidget(self.width)
        row.addWidget(self.test_print)
        form = QFormLayout(group)
        self.address_label = form_row(form, row, buddy=self.printer)
        self.printer_hint = QLabel()
        self.printer_hint.setWordWrap(True)
        form.addRow(self.printer_hint)
        form.addRow(self.printer_result)
        return group

    def _drawer_box(self) -> QGroupBox:
        group = self.drawer_group = QGroupBox()
        self.drawer = QCheckBox()
        self.test_drawer = QPushButton()
        self.test_drawer.clicked.connect(self.open_drawer)
        self.drawer_result = message_label()
        row = QHBoxLayout(group)
        row.addWidget(self.drawer, 1)
        row.addWidget(self.test_drawer)
        outer = QVBoxLayout()
        outer.addWidget(self.drawer_result)
        row.addLayout(outer)
        return group

    def _scanner_box(self) -> QGroupBox:
        group = self.scanner_group = QGroupBox()
        self.scan = ScanField()
        self.scan.submitted.connect(self.scanned)
        self.scanner_result = message_label()
        box = QVBoxLayout(group)
        box.addWidget(self.scan)
        box.addWidget(self.scanner_result)
        return group

    # -- tests ----------------------------------------------------------------------------
    def print_test(self) -> None:
        url = self.printer.text().strip()
        if not url:
            show_message(self.printer_result, self.tr("Enter the printer's address first."), False)
            return
        width = int(self.width.currentText())
        show_message(self.printer_result, self.tr("Printing..."), True)
        self.state.ops.run(lambda: first_run.print_test_page(url, width),
                           lambda status: show_message(
                               self.printer_result,
                               fill(self.tr("Test page sent; the printer says: %1."), status),
                               True),
                           lambda exc: show_message(self.printer_result, error_text(exc), False),
                           context=self)

    def open_drawer(self) -> None:
        url = self.printer.text().strip()
        if not url:
            show_message(self.drawer_result, self.tr("The drawer opens through the printer: "
                                                     "enter the printer's address first."), False)
            return
        self.state.ops.run(lambda: first_run.open_drawer(url, DRAWER_PIN),
                           lambda _: show_message(self.drawer_result,
                                                  self.tr("Pulse sent: the drawer should open."),
                                                  True),
                           lambda exc: show_message(self.drawer_result, error_text(exc), False),
                           context=self)

    def scanned(self, text: str, from_scanner: bool) -> None:
        self.scan.clear()
        try:
            code = validate_barcode(text)
        except JxcError as exc:
            show_message(self.scanner_result, error_text(exc), False)
            return
        if from_scanner:
            show_message(self.scanner_result,
                         fill(self.tr("The scanner works: read %1."), code), True)
        else:
            show_message(self.scanner_result, fill(self.tr(
                "%1 was typed, not scanned. Set the scanner to keyboard mode (USB HID) "
                "with Enter after each code, then scan again."), code), False)

    # -- saving ---------------------------------------------------------------------------
    def initializePage(self) -> None:
        self.finished = False

    def start_work(self) -> None:
        store, actor = self.state.store, self.state.user.actor
        url, width = self.printer.text().strip(), self.width.currentText()

        def save() -> None:
            settings.change(store, actor, "counter.printer", url)
            settings.change(store, actor, "counter.receipt_width", width)

        def saved(_) -> None:
            self.state.done.append(
                fill(self.tr("Receipt printer: %1 (%2 mm)."), url, width) if url
                else self.tr("No receipt printer yet (set it under Settings later)."))
            self.complete()

        self.run(save, saved)


class ReceiptPage(WorkPage):
    def __init__(self, state: WizardState) -> None:
        super().__init__(state)
        self.header = QPlainTextEdit()
        self.footer = QPlainTextEdit(DEFAULT_FOOTER)
        for edit in (self.header, self.footer):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(90)
        form = QFormLayout()
        self.labels = [form_row(form, self.header), form_row(form, self.footer)]
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.message)
        box.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Receipt"))
        self.setSubTitle(self.tr("Lines printed above and below every receipt, e.g. the "
                                 "address and telephone, opening hours, a thank-you."))
        self.header.setPlaceholderText(self.tr("e.g. 人民路 88 号  电话 0571-88888888"))
        self.labels[0].setText(self.tr("&Header:"))
        self.labels[1].setText(self.tr("&Footer:"))

    def initializePage(self) -> None:
        self.finished = False

    def start_work(self) -> None:
        store, actor = self.state.store, self.state.user.actor
        header, footer = self.header.toPlainText().strip(), self.footer.toPlainText().strip()

        def saved(_) -> None:
            self.state.done.append(self.tr("Receipt header and footer saved."))
            self.complete()

        self.run(lambda: set_receipt_texts(store, actor, header, footer), saved)
