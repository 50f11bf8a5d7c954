"""One document in full: its head, the lines, the ledger moves, the COGS and the voucher
(costs only for the roles that see them), the approval decisions; print it as PDF, or
reverse it through its counter-document."""
from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QTableWidget, QTableWidgetItem, QTabWidget,
                               QVBoxLayout, QWidget)

from app.domain.vouchers import ACCOUNTS
from app.persistence.store import LocalStore
from app.services import documents
from app.services.labels import LABELLED_TYPES, document_items
from app.services.auth import SignedInUser
from app.services.document_pdf import document_pdf
from app.ui.documents.labels import status_name, type_name
from app.ui.documents.reversal_dialog import ReversalDialog
from app.ui.errors import error_text
from app.ui.ops import OpsRunner
from app.ui.translations import current_language, fill

PRICED = ("sale", "customer_return")


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]], numeric: set[int]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            item = QTableWidgetItem(text if text is not None else "")
            if c in numeric:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)


class DocumentDetail(QWidget):
    reversed = Signal(str)  # the counter-document's number (or id, when pending)

    def __init__(self, store: LocalStore, ops: OpsRunner, user: SignedInUser,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.ops, self.user = store, ops, user
        self.doc: dict | None = None
        self.reversal: ReversalDialog | None = None
        self._note = ""
        self.head = QLabel(self.tr("Choose a document in the list."))
        self.head.setObjectName("doc_head")
        self.head.setWordWrap(True)
        self.head.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tabs = QTabWidget()
        self.lines = _table([])
        self.moves = _table([self.tr("SKU"), self.tr("Product"), self.tr("Warehouse"),
                             self.tr("Batch"), self.tr("Quantity"), self.tr("Value"),
                             self.tr("Sequence")])
        self.voucher = _table([self.tr("Account"), self.tr("Debit"), self.tr("Credit")])
        self.approvals = _table([self.tr("Round"), self.tr("Level"), self.tr("By"),
                                 self.tr("Decision"), self.tr("Comment"), self.tr("At")])
        self.tabs.addTab(self.lines, self.tr("&Lines"))
        self.tabs.addTab(self.moves, self.tr("&Moves"))
        self.tabs.addTab(self.voucher, self.tr("&Voucher"))
        self.tabs.addTab(self.approvals, self.tr("&Approvals"))
        self.print_button = QPushButton(self.tr("&Print PDF..."))
        self.reverse_button = QPushButton(self.tr("&Reverse..."))
        self.labels_button = QPushButton(self.tr("La&bels..."))
        self.labels_button.setToolTip(self.tr("Shelf labels or price tags for everything "
                                              "this document brought in"))
        self.labels_button.clicked.connect(self.labels)
        self.print_button.clicked.connect(self.print_pdf)
        self.reverse_button.clicked.connect(self.reverse)
        self.message = QLabel()
        self.message.setObjectName("detail_message")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.labels_button)
        buttons.addWidget(self.reverse_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.head)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self._enable()

    def _enable(self) -> None:
        self.print_button.setEnabled(self.doc is not None)
        self.labels_button.setEnabled(bool(self.doc and self.doc.get("status") == "posted"
                                           and self.doc.get("type") in LABELLED_TYPES))
        self.reverse_button.setEnabled(bool(self.doc and self.doc.get("reversal")))
        if self.doc and self.doc.get("reversal"):
            self.reverse_button.setToolTip(fill(self.tr("Issue a %1 prefilled from this "
                                                        "document"),
                                                type_name(self.doc["reversal"])))

    # -- showing --------------------------------------------------------------------------
    def show_document(self, ref: str) -> None:
        self.ops.run(lambda: documents.document_detail(self.store, self.user.actor, ref),
                     self._show, lambda exc: self.say(error_text(exc), True), context=self)

    def _show(self, doc: dict) -> None:
        self.doc = doc
        self.say(self._note)
        self._note = ""
        self.head.setText(self._head_text(doc))
        self._show_lines(doc)
        _fill(self.moves, [[m["sku"], m.get("name", ""), m["warehouse"], m["batch"], m["qty"],
                            m.get("value", ""), str(m["seq"])] for m in doc["moves"]], {4, 5, 6})
        _fill(self.voucher, [[f"{v['account']} {ACCOUNTS.get(v['account'], '')}",
                              v["debit"], v["credit"]] for v in doc.get("voucher", [])], {1, 2})
        self.tabs.setTabVisible(self.tabs.indexOf(self.voucher), bool(doc.get("sees_costs")))
        _fill(self.approvals, [[str(a["round"]), str(a["level"]), f"{a['user']} ({a['role']})",
                                self.tr("Approved") if a["approved"] else self.tr("Rejected"),
                                a["comment"], a["at"].replace("T", " ")]
                               for a in doc["approvals"]], set())
        self._enable()

    def _head_text(self, doc: dict) -> str:
        party = doc.get("supplier") or doc.get("customer")
        parts = [f"<b>{type_name(doc['type'])} {doc['number'] or doc['id']}</b>",
                 status_name(doc["status"]), doc["date"],
                 fill(self.tr("Warehouse %1"), doc["warehouse"]),
                 fill(self.tr("Total ¥%1"), doc["total"])]
        if party:
            parts.append(f"{party['code']} {party['name']}")
        if doc.get("author"):
            parts.append(fill(self.tr("Prepared by %1"), doc["author"]))
        if doc.get("original"):
            parts.append(fill(self.tr("Refers to %1"), doc["original"]))
        if doc.get("reversed_by"):
            parts.append(fill(self.tr("Reversed by %1"), ", ".join(doc["reversed_by"])))
        if doc.get("order_state"):
            parts.append(fill(self.tr("Order: %1"), doc["order_state"]))
        text = " · ".join(parts)
        fields = self._fields_text(doc.get("custom_fields") or [])
        return text + (f"<br>{fields}" if fields else "") + \
            (f"<br>{doc['note']}" if doc.get("note") else "")

    def _fields_text(self, fields: list[dict]) -> str:
        """The document's custom field values, read-only: "渠道：美团 · …"."""
        zh = current_language().startswith("zh")
        shown = []
        for f in fields:
            value = f["value"]
            if f["kind"] == "bool":
                value = self.tr("Yes") if value == "1" else self.tr("No")
            shown.append(fill(self.tr("%1: %2"), escape(f["label_zh"] if zh else f["label_en"]),
                              escape(value)))
        return " · ".join(shown)

    def _show_lines(self, doc: dict) -> None:
        priced, costs = doc["type"] in PRICED, bool(doc.get("sees_costs"))
        headers = [self.tr("#"), self.tr("SKU"), self.tr("Product"), self.tr("Quantity"),
                   self.tr("Price") if priced else self.tr("Unit cost"), self.tr("Amount")]
        keys = ["line", "sku", "name", "qty", "unit_price" if priced else "unit_cost", "amount"]
        if costs and doc["type"] not in ("purchase_order",):
            headers.append(self.tr("COGS"))
            keys.append("cogs")
        headers += [self.tr("Batch"), self.tr("Expiry")]
        keys += ["batch", "expiry"]
        if doc.get("order_state"):
            headers += [self.tr("Received"), self.tr("Open")]
            keys += ["received", "open"]
        self.lines.setColumnCount(len(headers))
        self.lines.setHorizontalHeaderLabels(headers)
        numeric = {i for i, k in enumerate(keys) if k in ("qty", "unit_price", "unit_cost",
                                                          "amount", "cogs", "received", "open")}
        _fill(self.lines, [[str(l.get(k) if l.get(k) is not None else "") for k in keys]
                           for l in doc["lines"]], numeric)

    def say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #c62828;" if error else "color: #2e7d32;")

    # -- printing -------------------------------------------------------------------------
    def pdf_path(self, suggested: str) -> str:
        """Where to save the PDF (a file dialog; tests replace it)."""
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the document as PDF"),
                                              suggested, self.tr("PDF files (*.pdf)"))
        return path

    def print_pdf(self) -> None:
        if self.doc is None:
            return
        ref = self.doc["number"] or self.doc["id"]
        path = self.pdf_path(str(Path.home() / f"{ref}.pdf"))
        if not path:
            return
        actor = self.user.actor

        def write() -> str:  # in the store's language (store.language), not the screen's
            Path(path).write_bytes(document_pdf(self.store, actor, ref))
            return path

        self.say(self.tr("Writing the PDF..."))
        self.ops.run(write, lambda p: self.say(fill(self.tr("Saved %1"), p)),
                     lambda exc: self.say(error_text(exc), True), context=self)

    # -- labels ---------------------------------------------------------------------------
    def labels(self) -> None:
        """Labels for everything the document brought in, one per piece, in the dialog
        of the Products section (paper, kind, copies can still be changed)."""
        if self.doc is None:
            return
        ref = self.doc["number"] or self.doc["id"]
        self.ops.run(lambda: document_items(self.store, ref, actor=self.user.actor),
                     self._open_labels, lambda exc: self.say(error_text(exc), True),
                     context=self)

    def _open_labels(self, items) -> None:
        from app.ui.products.labels_dialog import LabelsDialog

        self.labels_dialog = LabelsDialog(self.store, self.ops, self.user.actor,
                                          [(pid, name) for pid, name, _ in items], self,
                                          copies=[n for _, _, n in items])
        self.labels_dialog.open()

    # -- reversing ------------------------------------------------------------------------
    def reverse(self) -> None:
        if not self.doc or not self.doc.get("reversal"):
            return
        ref = self.doc["number"] or self.doc["id"]
        self.ops.run(lambda: documents.reversal_draft(self.store, self.user.actor, ref),
                     self._open_reversal, lambda exc: self.say(error_text(exc), True),
                     context=self)

    def _open_reversal(self, rev) -> None:
        self.reversal = ReversalDialog(self, self.store, self.ops, self.user, rev)
        self.reversal.posted.connect(self._reversed)
        self.reversal.open()

    def _reversed(self, text: str) -> None:
        self.say(text)
        self._note = text  # kept when the document is shown again
        self.reversed.emit(text)
        if self.doc:
            self.show_document(self.doc["id"])
