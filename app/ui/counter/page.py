"""The sale screen (收银台): one scan field, the lines, the totals, keys for everything.

Widgets only: what happens is in `CounterController`; the dialogs it asks for are opened
by `prompts`. Focus stays in the scan field (the table never takes it), so the scanner
and the F-keys always work.
"""
from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QLabel, QTableView,
                               QVBoxLayout, QWidget)

from app.domain.errors import JxcError
from app.persistence.store import LocalStore
from app.services.auth import SignedInUser
from app.services.counter import AfterCommit, parse_entry_quantity
from app.ui.counter.cart_model import DISCOUNT, CartTableModel, size_columns
from app.ui.counter.controller import CounterController
from app.ui.counter.customer_display import CustomerDisplay
from app.ui.counter.help_overlay import HelpOverlay
from app.ui.counter.keys import hint_bar, key_actions
from app.ui.counter.prompts import Prompts
from app.ui.counter.scan_field import ScanField
from app.ui.counter.search_popup import SearchPopup
from app.ui.counter.serial_scan import SerialScan
from app.ui.counter.status_strip import StatusStrip
from app.ui.counter.texts import scaled
from app.ui.counter.totals import TotalsPanel
from app.ui.errors import error_text
from app.ui.ops import OpsRunner
from app.ui.translations import fill

SEARCH_DELAY_MS = 150
CANCEL_WINDOW_S = 3.0
LEVEL_COLOURS = {"error": "#c62828", "success": "#2e7d32", "info": "palette(text)"}


class CounterPage(QWidget):
    def __init__(self, store: LocalStore, ops: OpsRunner, user: SignedInUser,
                 after_commit: AfterCommit | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("counter_page")
        self.controller = CounterController(store, ops, user, after_commit, self)
        self.model = CartTableModel(self.controller.cart, self)
        self._escape_at = 0.0
        self._submitted = ""
        self._ops, self._store_name = ops, store.identity.store_name
        self.display: CustomerDisplay | None = None
        self._build(store, ops)
        self.prompts = Prompts(self, self.controller)
        self._wire()
        self._bind_keys()
        self.scan.setEnabled(False)  # until the till's settings are read
        self.controller.load()

    # -- building -------------------------------------------------------------------------
    def _build(self, store: LocalStore, ops: OpsRunner) -> None:
        self.scan = ScanField()
        self.scan.setFont(scaled(self, 1.8))
        self.scan.setMinimumHeight(48)
        self.scan.setPlaceholderText(self.tr("Scan a barcode, or type a name, pinyin "
                                             "initials or SKU · F1 keys"))
        self.table = QTableView()
        self.table.setObjectName("cart_table")
        self.table.setModel(self.model)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setFont(scaled(self, 1.25))
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(36)
        self.table.setAlternatingRowColors(True)
        self.table.setStyleSheet("QTableView#cart_table::item { padding: 0 10px; } "
                                 "QHeaderView::section { padding: 4px 10px; }")
        self.table.horizontalHeader().setFont(scaled(self, 1.1, bold=True))
        size_columns(self.table)
        self.totals = TotalsPanel()
        self.message = QLabel()
        self.message.setObjectName("counter_message")
        self.message.setWordWrap(True)
        self.message.setFont(scaled(self, 1.15, bold=True))
        self.message.setMinimumHeight(30)
        self.hints = QLabel(hint_bar())
        self.hints.setObjectName("key_hints")
        self.hints.setWordWrap(True)
        self.hints.setStyleSheet("color: #455a64;")
        self.hints.setFont(scaled(self, 1.05))
        self.status = StatusStrip(store, ops, self.controller.actor)
        left = QVBoxLayout()
        left.addWidget(self.scan)
        left.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addLayout(left, 1)
        row.addWidget(self.totals)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addLayout(row, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.hints)
        layout.addWidget(self.status)
        self.popup = SearchPopup(self)
        self.overlay = HelpOverlay(self)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.show_cart()

    def _wire(self) -> None:
        c = self.controller
        self.serial = SerialScan(self)
        self.serial.code.connect(self._serial_code)
        self.serial.failed.connect(self._serial_failed)
        self.serial.ready.connect(lambda: self.show_message(self.tr("Serial scanner ready."),
                                                            "success"))
        c.ready.connect(self._ready)
        c.cart_changed.connect(self.show_cart)
        c.message.connect(self.show_message)
        c.results.connect(self._results)
        c.choose.connect(self._choose)
        c.scanned.connect(self.status.scanned)
        c.sale_done.connect(lambda o: self.totals.show_last_sale(o.number, o.paid_fen, o.change_fen))
        c.sale_done.connect(lambda _o: self.status.refresh())  # one more event queued
        c.return_done.connect(lambda _text: self.status.refresh())
        c.shift_changed.connect(self.status.show_shift)
        c.shift_changed.connect(lambda _info: self.ask_for_shift())
        self.status.on_status = lambda status: setattr(c, "status", status)
        self.scan.submitted.connect(self.submit)
        self.scan.textEdited.connect(lambda _t: self.search_timer.start())
        self.scan.navigate.connect(self.navigate)
        self.scan.delete_on_empty.connect(c.void_selected)
        self.scan.escape.connect(self.escape)
        self.search_timer.timeout.connect(self._search)
        self.popup.chosen.connect(self._take_from_popup)

    def _bind_keys(self) -> None:
        handlers = {"help": self.overlay.toggle, "search": self._search_now,
                    "hold": self.controller.hold, "recall": self.controller.list_held,
                    "pay": self.prompts.pay, "quantity": self.prompts.quantity,
                    "member": self.prompts.member, "line_discount": self.prompts.line_discount,
                    "order_discount": self.prompts.order_discount, "price": self.prompts.price,
                    "set_pin": self.prompts.set_pin, "return_sale": self.controller.start_return,
                    "cash_in": lambda: self.prompts.cash("in"),
                    "cash_out": lambda: self.prompts.cash("out"),
                    "x_report": self.controller.x_report, "shift": self.controller.shift_key,
                    "top_up": self.prompts.top_up, "devices": self.open_devices}
        self.shortcuts = {}
        for action in key_actions():
            for keys in action.keys:
                shortcut = QShortcut(QKeySequence(keys), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(handlers[action.name])
                self.shortcuts[keys] = shortcut

    # -- behaviour ------------------------------------------------------------------------
    def _ready(self) -> None:
        self.scan.setEnabled(True)
        self.scan.setFocus()
        self.status.start(self.controller.config.printer)
        self._customer_display()
        c = self.controller
        self.serial.start(c.store, c.actor, c.config.scanner)

    def _serial_code(self, code: str) -> None:
        """A code from the serial scanner: sold like a keyboard scan, unless a dialog is
        open (a payment, a PIN), where a stray scan must not add a line."""
        if QApplication.activeModalWidget() is not None or not self.isVisible():
            self.show_message(fill(self.tr("Scan ignored while a dialog is open: %1"), code),
                              "error")
            return
        self.submit(code, True)

    def _serial_failed(self, exc: Exception) -> None:
        self.show_message(error_text(exc), "error")

    def _customer_display(self) -> None:
        """On the second screen when the setting is on (off: closed)."""
        wanted = self.controller.config.customer_display
        if wanted and self.display is None:
            self.display = CustomerDisplay(self.controller, self._store_name)
            if self.display.place():
                self.window().activateWindow()  # the keys stay with the till
                self.scan.setFocus()
        elif not wanted and self.display is not None:
            self.display.close()
            self.display.deleteLater()
            self.display = None

    def open_devices(self) -> None:
        """Ctrl+D: the devices screen; saved settings apply to the till at once."""
        from app.ui.devices import DevicesDialog  # rarely opened: not at start-up

        dialog = DevicesDialog(self, self._ops, self.controller.actor, self.controller.store,
                               self.controller.config)
        dialog.saved.connect(self.controller.reload)
        self.prompts._open(dialog)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.scan.setFocus()
        self.ask_for_shift()

    def ask_for_shift(self) -> None:
        """Shown without an open shift (and nothing else asked): the float prompt."""
        c = self.controller
        if self.isVisible() and c.shift_known and c.shift is None and self.prompts.active is None:
            c.ask_for_shift()

    def show_cart(self) -> None:
        c = self.controller
        self.model.sync(c.cart)
        discounted = any(l.discount_fen or l.label_adjust_fen or l.markdown_percent
                         for l in c.cart.lines)
        if self.table.isColumnHidden(DISCOUNT) == discounted:  # the column only when used
            self.table.setColumnHidden(DISCOUNT, not discounted)
        self.totals.show_cart(c.cart, c.cart.totals(c.config.rounding_step_fen))
        if c.selected:
            self._select_line(c.selected)

    def _select_line(self, line_id: str) -> None:
        row = self.model.row_of(line_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def show_message(self, text: str, level: str = "info") -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {LEVEL_COLOURS.get(level, 'palette(text)')};")

    def submit(self, text: str, was_scan: bool) -> None:
        self.search_timer.stop()
        picked = self.popup.highlighted() if self.popup.picked else None
        self.scan.clear()
        if picked is not None:
            self._take_from_popup(picked)
        elif not text.strip():
            self.popup.dismiss()
            self.prompts.pay()
        else:
            self.popup.dismiss()
            self._submitted = text
            self.controller.submit(text, was_scan)

    def _take_from_popup(self, product) -> None:
        """A product picked from the results, with the quantity typed before "*"."""
        qty = _split(self.popup.query)[0]
        self.popup.dismiss()
        self.scan.clear()
        self.controller.pick(product, qty)
        self.scan.setFocus()

    def _search(self) -> None:
        if _split(self.scan.text())[1]:
            self.controller.search(self.scan.text())
        else:
            self.popup.dismiss()

    def _search_now(self) -> None:
        self.scan.setFocus()
        self._search()

    def _results(self, typed: str, products: list) -> None:
        if typed == self.scan.text() and self.isVisible():  # not overtaken by more typing
            self.popup.show_results(typed, products, self.scan)

    def _choose(self, products: list) -> None:
        self.popup.show_results(self._submitted, products, self.scan)
        self.popup.picked = True
        self.show_message(self.tr("Several products match: pick one with ↑ ↓ and Enter."))

    def navigate(self, step: int) -> None:
        if self.popup.isVisible():
            self.popup.move_highlight(step)
            return
        c = self.controller
        rows = len(c.cart.lines)
        if rows:
            current = max(self.model.row_of(c.selected or ""), 0)
            c.selected = c.cart.lines[min(max(current + step, 0), rows - 1)].line_id
            self._select_line(c.selected)

    def escape(self) -> None:
        if self.overlay.isVisible():
            self.overlay.hide()
        elif self.popup.isVisible():
            self.popup.dismiss()
        elif self.scan.text():
            self.scan.clear()
        elif time.monotonic() - self._escape_at < CANCEL_WINDOW_S:
            self._escape_at = 0.0
            self.controller.cancel_sale()
        elif self.controller.cart.lines:
            self._escape_at = time.monotonic()
            self.show_message(self.tr("Press Esc again to cancel the whole sale."), "error")

    def shutdown(self) -> None:
        self.serial.stop()
        self.status.timer.stop()
        self.controller.shutdown()
        if self.display is not None:
            self.display.close()


def _split(text: str) -> tuple[int | None, str]:
    """("3*kkkl") -> (3000, "kkkl"); a bad quantity reads as none, the search goes on."""
    try:
        return parse_entry_quantity(text)
    except JxcError:
        return None, ""
