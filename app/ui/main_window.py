"""The main window: navigation on the left, the current section on the right.

Thin on purpose: it wires pages, menu, shortcuts and status bar together; pages do the work
and reach the store only through the ops runner.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QStackedWidget, QWidget

from app.domain.permissions import MANAGERS
from app.persistence.store import LocalStore
from app.services.auth import SignedInUser
from app.ui.counter import CounterPage
from app.ui.nav import NavList, Section, arrives_later, sections, shortcut_for
from app.ui.ops import OpsRunner
from app.ui.pages.home import HomePage
from app.ui.roles import role_title, user_title
from app.ui.templates.menu import add_template_actions
from app.ui.translations import add_language_menu, fill

APP_TITLE = "JXC 进销存"  # the product's name, the same in every language
STATUS_MESSAGE_MS = 4000


class MainWindow(QMainWindow):
    sign_out_requested = Signal()
    quit_requested = Signal()

    def __init__(self, store: LocalStore, ops: OpsRunner, user: SignedInUser,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user = user
        self._leaving = False  # set when signing out, so closing does not quit
        self._sections = sections()
        self.setWindowTitle(f"{APP_TITLE} — {store.identity.store_name}")
        self.setMinimumSize(1024, 700)
        self._store, self._ops = store, ops
        self.home = HomePage(store, ops, user)
        self.counter = CounterPage(store, ops, user)
        self.pages: dict[str, QWidget] = {"home": self.home, "counter": self.counter}
        self.nav = NavList(self._sections)
        self.stack = QStackedWidget()
        for page in self.pages.values():
            self.stack.addWidget(page)
        self.nav.section_chosen.connect(self.show_section)
        self._build_central()
        self._build_menu()
        self._build_status_bar(store)
        self._bind_shortcuts()
        self.nav.select("home")
        self.home.refresh()

    # -- building -------------------------------------------------------------------------
    def _build_central(self) -> None:
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&System"))
        self.sign_out_action = QAction(self.tr("Sign &out"), self)
        self.sign_out_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.sign_out_action.triggered.connect(self.sign_out)
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        self.receipt_template_action = QAction(self.tr("&Receipt template..."), self)
        self.receipt_template_action.triggered.connect(self.edit_receipt_template)
        self.receipt_template_action.setEnabled(self.user.role in MANAGERS)
        menu.addAction(self.receipt_template_action)
        self.template_actions = add_template_actions(self, menu, self._store, self._ops,
                                                     self.user)  # labels, document PDFs
        self.language_menu = add_language_menu(self, menu)  # System -> Language (中文/English)
        menu.addSeparator()
        menu.addAction(self.sign_out_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)

    def _build_status_bar(self, store: LocalStore) -> None:
        identity = store.identity
        bar = self.statusBar()
        self.store_label = QLabel(f"{identity.store_code} · {identity.store_name}")
        self.user_label = QLabel(fill(self.tr("User: %1 · %2"), user_title(self.user),
                                      role_title(self.user.role)))
        self.encrypted_label = QLabel(self.tr("Encrypted"))
        self.encrypted_label.setToolTip(
            self.tr("The store database is encrypted with SQLCipher; its key is kept in "
                    "the operating system's keyring."))
        self.encrypted_label.setStyleSheet("color: #2e7d32; font-weight: bold;")
        for label in (self.store_label, self.user_label, self.encrypted_label):
            label.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(label)

    def _bind_shortcuts(self) -> None:
        for index, section in enumerate(self._sections):
            shortcut = QShortcut(shortcut_for(index), self)
            shortcut.activated.connect(lambda s=section: self._shortcut(s))

    # -- behaviour ------------------------------------------------------------------------
    def show_section(self, key: str) -> None:
        page = self.pages.get(key) or self._build_page(key)
        if page is None:
            return
        self.stack.setCurrentWidget(page)
        self.nav.select(key)

    def _build_page(self, key: str) -> QWidget | None:
        """A section's page, built the first time it is shown (start-up stays quick)."""
        section = next((s for s in self._sections if s.key == key), None)
        if section is None or not section.built:
            return None
        page = section.page_class()(self._store, self._ops, self.user)
        self.pages[key] = page
        self.stack.addWidget(page)
        return page

    def _shortcut(self, section: Section) -> None:
        if section.built:
            self.show_section(section.key)
        else:
            self.statusBar().showMessage(arrives_later(section), STATUS_MESSAGE_MS)

    def edit_receipt_template(self) -> None:
        from app.ui.templates.receipt_editor import ReceiptEditor

        editor = ReceiptEditor(self._store, self._ops, self.user, self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.open()
        self.receipt_editor = editor

    def sign_out(self) -> None:
        self._leaving = True
        self.sign_out_requested.emit()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        for page in self.pages.values():  # e.g. the counter's receipt print worker
            shutdown = getattr(page, "shutdown", None)
            if callable(shutdown):
                shutdown()
        super().closeEvent(event)
        if not self._leaving:
            self.quit_requested.emit()
