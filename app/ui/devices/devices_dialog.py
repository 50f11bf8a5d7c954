"""The devices screen (设备): receipt printer, cash drawer and barcode scanner of the till.

Reached from the sale screen with Ctrl+D. Each device has a Test button that really talks
to it through `app.services.counter.devices` on the ops worker (a test page, a drawer
pulse, one scan within 10 seconds), with the result or the device's own error below it.
Ctrl+S (Save) writes the counter settings through the settings service (store managers and
administrators; audited); the till reads them again at once. Keyboard first: Alt+letter
on every field, Ctrl+1/2/3 run the tests, Esc closes.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QProgressBar, QPushButton, QVBoxLayout, QWidget)

from app.services import settings
from app.services.counter.devices import kick_drawer, print_test_page, read_one_scan
from app.ui.devices.urls import BAUDRATES, KINDS, join_printer, join_scanner, split_printer, \
    split_scanner
from app.ui.errors import error_text
from app.ui.translations import fill

SCAN_WAIT_S = 10.0
GOOD, BAD = "color: #2e7d32;", "color: #c62828;"


class DevicesDialog(QDialog):
    saved = Signal()

    def __init__(self, parent: QWidget, ops, actor, store, config) -> None:
        super().__init__(parent)
        self.setObjectName("devices_dialog")
        self.setWindowTitle(self.tr("Devices"))
        self.setMinimumWidth(640)
        self.ops, self.actor, self.store, self.config = ops, actor, store, config
        layout = QVBoxLayout(self)
        layout.addWidget(self._printer_box())
        layout.addWidget(self._drawer_box())
        layout.addWidget(self._scanner_box())
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # a test may take seconds: show that something is going on
        self.busy.setVisible(False)
        layout.addWidget(self.busy)
        self.problem = QLabel()
        self.problem.setObjectName("devices_problem")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        row = QHBoxLayout()
        hint = QLabel(self.tr("Ctrl+1 test printer · Ctrl+2 test drawer · Ctrl+3 test scanner "
                              "· Ctrl+S save · Esc close"))
        hint.setStyleSheet("color: palette(placeholder-text);")
        row.addWidget(hint, 1)
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setObjectName("devices_save")
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        for keys, slot in (("Ctrl+1", self.test_printer), ("Ctrl+2", self.test_drawer),
                           ("Ctrl+3", self.test_scanner), ("Ctrl+S", self.save)):
            QShortcut(QKeySequence(keys), self, slot)
        self._load(config)
        self.printer_address.setFocus()

    # -- building -------------------------------------------------------------------------
    def _printer_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Receipt printer"))
        form = QFormLayout(box)
        self.printer_kind = QComboBox()
        self.printer_kind.setObjectName("printer_kind")
        titles = {"": self.tr("No printer"), "tcp": self.tr("Network (TCP 9100)"),
                  "serial": self.tr("Serial port"), "usb": self.tr("USB"),
                  "win32": self.tr("Windows printer"), "file": self.tr("File (raw ESC/POS)")}
        for kind in KINDS:
            self.printer_kind.addItem(titles[kind], kind)
        self.printer_kind.currentIndexChanged.connect(self._kind_changed)
        self.printer_address = QLineEdit()
        self.printer_address.setObjectName("printer_address")
        self.width_box = QComboBox()
        self.width_box.setObjectName("receipt_width")
        for width in (80, 58):
            self.width_box.addItem(fill(self.tr("%1 mm"), width), width)
        self.printer_result = _result_label("printer_result")
        test = _test_button(self.tr("Print a &test page"), self.test_printer)
        form.addRow(self.tr("&Connection"), self.printer_kind)
        form.addRow(self.tr("&Address"), self.printer_address)
        form.addRow(self.tr("Paper &width"), self.width_box)
        form.addRow(test, self.printer_result)
        return box

    def _drawer_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Cash drawer (through the printer)"))
        form = QFormLayout(box)
        self.pin_box = QComboBox()
        self.pin_box.setObjectName("drawer_pin")
        for pin in (2, 5):
            self.pin_box.addItem(fill(self.tr("Pin %1"), pin), pin)
        self.drawer_result = _result_label("drawer_result")
        test = _test_button(self.tr("&Open the drawer"), self.test_drawer)
        form.addRow(self.tr("Drawer &pin"), self.pin_box)
        form.addRow(test, self.drawer_result)
        return box

    def _scanner_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Barcode scanner"))
        form = QFormLayout(box)
        self.scanner_kind = QComboBox()
        self.scanner_kind.setObjectName("scanner_kind")
        self.scanner_kind.addItem(self.tr("Keyboard wedge (USB keyboard mode)"), "wedge")
        self.scanner_kind.addItem(self.tr("Serial port"), "serial")
        self.scanner_kind.currentIndexChanged.connect(self._kind_changed)
        self.scanner_port = QLineEdit()
        self.scanner_port.setObjectName("scanner_port")
        self.scanner_port.setPlaceholderText(self.tr("/dev/ttyACM0 or COM3"))
        self.baudrate = QComboBox()
        self.baudrate.setObjectName("scanner_baudrate")
        for rate in BAUDRATES:
            self.baudrate.addItem(str(rate), rate)
        self.wedge_field = QLineEdit()
        self.wedge_field.setObjectName("wedge_field")
        self.wedge_field.setPlaceholderText(self.tr("Scan a barcode into this field"))
        self.wedge_field.returnPressed.connect(self._wedge_scanned)
        self.scanner_result = _result_label("scanner_result")
        test = _test_button(self.tr("Test the sca&nner"), self.test_scanner)
        form.addRow(self.tr("&Kind"), self.scanner_kind)
        form.addRow(self.tr("Po&rt"), self.scanner_port)
        form.addRow(self.tr("&Baud rate"), self.baudrate)
        form.addRow(self.tr("Wedge test"), self.wedge_field)
        form.addRow(test, self.scanner_result)
        return box

    def _load(self, config) -> None:
        kind, address = split_printer(config.printer)
        self.printer_kind.setCurrentIndex(max(self.printer_kind.findData(kind), 0))
        self.printer_address.setText(address)
        self.width_box.setCurrentIndex(self.width_box.findData(config.receipt_width))
        self.pin_box.setCurrentIndex(self.pin_box.findData(config.drawer_pin))
        kind, port, rate = split_scanner(config.scanner)
        self.scanner_kind.setCurrentIndex(self.scanner_kind.findData(kind))
        self.scanner_port.setText(port)
        self.baudrate.setCurrentIndex(max(self.baudrate.findData(rate), 0))
        self._kind_changed()

    def _kind_changed(self) -> None:
        placeholders = {"tcp": "192.168.1.50:9100", "serial": "/dev/ttyUSB0?baudrate=19200",
                        "usb": "0x0416:0x5011", "win32": "POS-80", "file": "/tmp/receipts.bin"}
        kind = self.printer_kind.currentData()
        self.printer_address.setEnabled(bool(kind))
        self.printer_address.setPlaceholderText(placeholders.get(kind, ""))
        serial = self.scanner_kind.currentData() == "serial"
        self.scanner_port.setEnabled(serial)
        self.baudrate.setEnabled(serial)
        self.wedge_field.setEnabled(not serial)

    # -- values ---------------------------------------------------------------------------
    def printer_url(self) -> str:
        return join_printer(self.printer_kind.currentData(), self.printer_address.text())

    def scanner_url(self) -> str:
        return join_scanner(self.scanner_kind.currentData(), self.scanner_port.text(),
                            self.baudrate.currentData())

    def values(self) -> dict[str, str]:
        return {"counter.printer": self.printer_url(),
                "counter.receipt_width": str(self.width_box.currentData()),
                "counter.drawer_pin": str(self.pin_box.currentData()),
                "counter.scanner": self.scanner_url()}

    # -- tests ----------------------------------------------------------------------------
    def test_printer(self) -> None:
        store, actor, url, width = self.store, self.actor, self.printer_url(), \
            self.width_box.currentData()
        self._run(self.printer_result, lambda: print_test_page(store, actor, url, width),
                  lambda r: self.tr("Test page sent; the printer reports ready.")
                  if r.reads_status and not r.paper_near_end else
                  self.tr("Test page sent; paper is running out.") if r.paper_near_end else
                  self.tr("Test page sent (this connection reports no status)."))

    def test_drawer(self) -> None:
        store, actor, url, pin = self.store, self.actor, self.printer_url(), \
            self.pin_box.currentData()
        self._run(self.drawer_result, lambda: kick_drawer(store, actor, url, pin),
                  lambda p: fill(self.tr("Pulse sent on pin %1: did the drawer open?"), p))

    def test_scanner(self) -> None:
        if self.scanner_kind.currentData() == "wedge":
            self.wedge_field.clear()
            self.wedge_field.setFocus()
            _say(self.scanner_result, self.tr("Scan a barcode now: it appears in the field."), "")
            return
        store, actor, url = self.store, self.actor, self.scanner_url()
        _say(self.scanner_result, fill(self.tr("Waiting up to %1 s for a scan…"),
                                       int(SCAN_WAIT_S)), "")
        self._run(self.scanner_result, lambda: read_one_scan(store, actor, url, SCAN_WAIT_S),
                  lambda code: fill(self.tr("Read %1."), code) if code else None,
                  self.tr("No scan arrived within the time: check the port and the baud rate."))

    def _wedge_scanned(self) -> None:
        code = self.wedge_field.text().strip()
        if code:
            _say(self.scanner_result, fill(self.tr("Read %1."), code), GOOD)

    def _run(self, label: QLabel, fn, good, nothing: str = "") -> None:
        self.busy.setVisible(True)
        self.problem.clear()

        def done(result) -> None:
            self.busy.setVisible(False)
            text = good(result)
            _say(label, text or nothing, GOOD if text else BAD)

        def failed(exc: Exception) -> None:
            self.busy.setVisible(False)
            _say(label, error_text(exc), BAD)
        self.ops.run(fn, done, failed, context=self)

    # -- saving ---------------------------------------------------------------------------
    def save(self) -> None:
        store, actor, values = self.store, self.actor, self.values()
        current = {"counter.printer": self.config.printer,
                   "counter.receipt_width": str(self.config.receipt_width),
                   "counter.drawer_pin": str(self.config.drawer_pin),
                   "counter.scanner": self.config.scanner}
        changed = {k: v for k, v in values.items() if v != current[k]}

        def write() -> int:
            for key, value in changed.items():  # all checked before any is written
                _check(key, value)
            for key, value in changed.items():
                settings.change(store, actor, key, value)
            return len(changed)
        self.busy.setVisible(True)
        self.ops.run(write, self._saved, self._refused, context=self)

    def _saved(self, count: int) -> None:
        self.busy.setVisible(False)
        self.saved.emit()
        self.accept()

    def _refused(self, exc: Exception) -> None:
        self.busy.setVisible(False)
        _say(self.problem, error_text(exc), BAD)


def _check(key: str, value: str) -> None:
    try:
        settings.SETTINGS[key].parse(value)
    except ValueError as exc:
        zh, en = exc.args
        raise settings.BadSetting(key=key, value=value, why_zh=zh, why_en=en) from None


def _result_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def _test_button(title: str, slot) -> QPushButton:
    button = QPushButton(title)
    button.setAutoDefault(False)
    button.clicked.connect(slot)
    return button


def _say(label: QLabel, text: str, style: str) -> None:
    label.setText(text)
    label.setStyleSheet(style)
