"""The sale screen's state and behaviour, apart from its widgets.

The cart lives here, on the UI thread; everything that reads or writes the store runs on
the ops worker (`OpsRunner`), one job after another, and the result changes the cart in
the callback. A refused action changes nothing and says why, in the user's language.
Line actions (void, discounts, prices) are in `line_actions`, payment in `paying`, the
shift in `shift_actions`, returns in `return_actions`.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

from app.domain.errors import JxcError
from app.persistence.store import LocalStore
from app.services.auth import SignedInUser
from app.services.counter import (GATEWAYS, AfterCommit, Cart, CounterConfig, Entry,
                                  ProductInfo, TillStatus, find_member, held_sales, hold,
                                  load_config, parse_entry_quantity, parse_qty, receipt_printer,
                                  recall, resolve_entry, search, set_pin)
from app.services.counter.expiry import markdown_for
from app.ui.counter.line_actions import LineActions
from app.ui.counter.member_actions import MemberActions
from app.ui.counter.paying import Paying
from app.ui.counter.return_actions import ReturnActions
from app.ui.counter.shift_actions import ShiftActions
from app.ui.counter.texts import money
from app.ui.errors import error_text
from app.ui.ops import OpsRunner
from app.ui.translations import fill


class CounterController(QObject, LineActions, Paying, ShiftActions, ReturnActions,
                        MemberActions):
    ready = Signal()  # settings loaded: the till can sell
    cart_changed = Signal()
    line_selected = Signal(str)  # line id
    message = Signal(str, str)  # text, level: info | success | error
    results = Signal(str, list)  # query, [ProductInfo] for the search popup
    choose = Signal(list)  # Enter found several products: pick one
    weight_needed = Signal(object)  # ProductInfo sold by weight, added without one
    authorisation_needed = Signal(str, object)  # what, retry(approver, pin)
    held_list = Signal(list)  # [HeldSale] for the recall dialog
    tenders_changed = Signal()
    sale_done = Signal(object)  # SaleOutcome
    payment_failed = Signal(str)
    scanned = Signal()
    shift_changed = Signal(object)  # ShiftInfo, or None when no shift is open
    shift_needed = Signal()  # ask for the float and open a shift
    report_ready = Signal(object)  # ShiftReportOut of an X report
    close_figures = Signal(object, object)  # ShiftInfo, ShiftTotals: count and close
    shift_closed = Signal(object)  # ClosedShift
    return_started = Signal()
    sale_found = Signal(object)  # SaleForReturn
    return_done = Signal(str)  # what to give back and refund by hand
    dialog_problem = Signal(str)  # a refusal, for the open shift or return dialog
    dialog_done = Signal()  # the open shift dialog did its job: close it

    def __init__(self, store: LocalStore, ops: OpsRunner, user: SignedInUser,
                 after_commit: AfterCommit | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store, self.ops, self.user = store, ops, user
        self.actor = user.actor
        self.config = CounterConfig()
        self.cart = Cart()
        self.selected: str | None = None
        self.tenders: list = []
        self.status: TillStatus | None = None
        self.gateway = GATEWAYS["record"]()
        self.after_commit = after_commit
        self.printer = None
        self.loaded = False
        self.posting = False
        self.last_approver = ""
        self.shift = None  # ShiftInfo of the till's open shift
        self.shift_known = False  # until the store said whether one is open
        self.return_id = ""

    # -- plumbing -------------------------------------------------------------------------
    def run(self, fn: Callable[[], Any], on_ok: Callable[[Any], None],
            on_error: Callable[[Exception], None] | None = None) -> None:
        """Run `fn` on the worker; a failure is shown, in the user's language."""
        self.ops.run(fn, on_ok, on_error or self.fail, context=self)

    def fail(self, exc: Exception) -> None:
        self.message.emit(error_text(exc), "error")

    def tell(self, text: str, level: str = "info") -> None:
        self.message.emit(text, level)

    def changed(self, select: str | None = None) -> None:
        if select is not None:
            self.selected = select
        elif self.selected not in {l.line_id for l in self.cart.lines}:
            self.selected = self.cart.lines[-1].line_id if self.cart.lines else None
        self.cart_changed.emit()
        if self.selected:
            self.line_selected.emit(self.selected)

    def load(self) -> None:
        store, actor = self.store, self.actor
        self.run(lambda: load_config(store, actor=actor), self._loaded)

    def _loaded(self, config: CounterConfig) -> None:
        self.config, self.gateway = config, GATEWAYS[config.wallet_gateway]()
        if self.after_commit is None:
            self.printer = receipt_printer(self.store, config, actor=self.actor)
            if self.printer is not None:
                self.printer.start()
                self.after_commit = self.printer
        self.loaded = True
        self.ready.emit()
        self.load_shift()

    def shutdown(self) -> None:
        if self.printer is not None:
            self.printer.stop()

    def reload(self) -> None:
        """Read the settings again (after the devices screen saved): a new printer hook."""
        if self.printer is not None:
            self.printer.stop()
            if self.after_commit is self.printer:
                self.after_commit = None
            self.printer = None
        self.load()

    # -- scanning and searching -----------------------------------------------------------
    def submit(self, text: str, was_scan: bool = False) -> None:
        """Enter in the scan field: "3*code" or a code adds; other text searches."""
        if was_scan:
            self.scanned.emit()
        try:
            qty, code = parse_entry_quantity(text)
        except JxcError as exc:
            self.fail(exc)
            return
        store, formats, actor = self.store, self.config.scale_formats, self.actor
        self.run(lambda: resolve_entry(store, code, formats, actor=actor),
                 lambda entry: self._resolved(entry, qty))

    def _resolved(self, entry: Entry, qty: int | None) -> None:
        if entry.hit is None:
            self.choose.emit(list(entry.choices))
            return
        hit = entry.hit
        self.add(hit.product, hit.qty_milli or qty, hit.label_fen)

    def search(self, typed: str) -> None:
        """Results for what is typed (after any "3*"), reported with the text as typed."""
        try:
            query = parse_entry_quantity(typed)[1]
        except JxcError:
            return
        store, actor = self.store, self.actor
        self.run(lambda: search(store, query, actor=actor), lambda found: self.results.emit(typed, found))

    def pick(self, product: ProductInfo, qty: int | None = None) -> None:
        """A product chosen from the search results: looked up by its SKU like a scan, so
        expired stock is refused and the batch sold first is known."""
        store, actor = self.store, self.actor
        self.run(lambda: resolve_entry(store, product.sku, actor=actor),
                 lambda entry: self.add(entry.hit.product if entry.hit and
                                        entry.hit.product.product_id == product.product_id
                                        else product, qty))

    def add(self, product: ProductInfo, qty: int | None = None, label_fen: int | None = None) -> None:
        if product.weighed and qty is None and label_fen is None:
            self.weight_needed.emit(product)
            return
        rule = self.markdown(product)
        try:
            line = self.cart.add(product, qty or 1000, label_fen, rule.percent if rule else 0)
        except JxcError as exc:
            self.fail(exc)
            return
        self.changed(select=line.line_id)
        if rule is not None:
            self.tell(fill(self.tr("Added %1: near expiry (use by %2), %3% off"), product.name,
                           product.expiry, rule.percent), "success")
        else:
            self.tell(fill(self.tr("Added %1"), product.name))

    def markdown(self, product: ProductInfo):
        if not product.expiry or not self.config.markdowns:
            return None
        return markdown_for(self.config.markdowns, date.fromisoformat(product.expiry),
                            date.today())

    def add_weighed(self, product: ProductInfo, text: str) -> None:
        try:
            self.add(product, parse_qty(text))
        except JxcError as exc:
            self.fail(exc)

    # -- member, hold, recall, new sale ---------------------------------------------------
    def set_member(self, ref: str) -> None:
        if not ref.strip():
            self.cart.set_member(None)
            self.changed()
            self.tell(self.tr("Member removed: retail prices apply."))
            return
        store, actor = self.store, self.actor
        self.run(lambda: find_member(store, ref, actor=actor), self._member_found)

    def _member_found(self, member) -> None:
        self.cart.set_member(member)
        self.changed()
        self.tell(fill(self.tr("Member %1 (%2): member prices apply."), member.name,
                       member.level or member.code), "success")

    def hold(self) -> None:
        if self.tenders:
            self.tell(self.tr("Payments were taken for this sale: finish it or remove them first."),
                      "error")
            return
        store, actor, cart = self.store, self.actor, self.cart.copy()
        step = self.config.rounding_step_fen
        self.run(lambda: hold(store, actor, cart, step), self._held)

    def _held(self, held) -> None:
        self.new_sale()
        self.tell(fill(self.tr("Sale held (%1 lines, %2). Recall it with F7."), held.lines,
                       money(held.total_fen)), "success")

    def list_held(self) -> None:
        store, actor = self.store, self.actor
        self.run(lambda: held_sales(store, actor=actor), lambda held: self.held_list.emit(held))

    def recall(self, sale_id: str) -> None:
        """Recall a held sale; a sale in progress is held first, so nothing is lost."""
        store, actor, step = self.store, self.actor, self.config.rounding_step_fen
        current = self.cart.copy() if self.cart.lines and not self.tenders else None

        def swap():
            if current is not None:
                hold(store, actor, current, step)
            return recall(store, sale_id, actor=actor)
        self.run(swap, self._recalled)

    def _recalled(self, cart: Cart) -> None:
        self.cart, self.tenders = cart, []
        self.changed()
        self.tell(self.tr("Held sale recalled."), "success")

    def new_sale(self) -> None:
        self.cart, self.tenders, self.selected = Cart(), [], None
        self.changed()

    def set_my_pin(self, password: str, pin: str) -> None:
        store, actor = self.store, self.actor
        self.run(lambda: set_pin(store, actor, password, pin),
                 lambda _none: self.tell(self.tr("Your PIN was set."), "success"))
