"""The first-run wizard: a QWizard of six pages, over the ordinary services.

    if needs_first_run(layout):
        wizard = FirstRunWizard(layout, ops)
        wizard.exec()          # the store exists from the second page on

1. new standalone store, or join head office;
2. store code, name and administrator password (creates the store, signs the
   administrator in; to join, enrolls with the address and one-time code);
3. receipt printer, cash drawer and scanner, each with a test;
4. receipt header and footer;
5. products: none, an Excel/CSV import, or demo data (progress bar);
6. what was set up.

The wizard closes the store it opened when it ends (Finish or Cancel); the app then opens
the store as on every start and shows the sign-in. Cancelled after page 2, the store stays
(with what was saved so far) and the next start signs in instead of asking again.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QWidget, QWizard

from app.persistence.layout import DataDir
from app.ui.ops import OpsRunner
from app.ui.wizard.base import WizardState
from app.ui.wizard.data_pages import DataPage, DonePage
from app.ui.wizard.device_pages import DevicesPage, ReceiptPage
from app.ui.wizard.store_pages import ModePage, StorePage


def needs_first_run(layout: DataDir) -> bool:
    """No store in the data directory yet (neither its identity nor its database)."""
    return not layout.identity.exists() and not layout.db.exists()


class FirstRunWizard(QWizard):
    def __init__(self, layout: DataDir, ops: OpsRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = WizardState(layout=layout, ops=ops)
        self.setWindowTitle(self.tr("Set up JXC"))  # again on LanguageChange
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setMinimumSize(QSize(720, 560))
        self.mode_page = ModePage(self.state)
        self.store_page = StorePage(self.state)
        self.devices_page = DevicesPage(self.state)
        self.receipt_page = ReceiptPage(self.state)
        self.data_page = DataPage(self.state)
        self.done_page = DonePage(self.state)
        for page in (self.mode_page, self.store_page, self.devices_page, self.receipt_page,
                     self.data_page, self.done_page):
            self.addPage(page)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.setWindowTitle(self.tr("Set up JXC"))
        super().changeEvent(event)

    def done(self, result: int) -> None:
        busy = any(getattr(self.page(i), "busy", False) for i in self.pageIds())
        if busy and not result:
            return  # Cancel (or Esc) while the store is being written: wait for the job
        if self.state.store is not None:
            self.state.store.close()
            self.state.store = None
        super().done(result)


def run_first_run_if_needed(layout: DataDir, ops: OpsRunner) -> bool:
    """The start-up hook: show the wizard when the data directory has no store. True when
    a store exists afterwards (go on to sign-in); False when the user cancelled before
    creating one (the app should quit)."""
    if not needs_first_run(layout):
        return True
    wizard = FirstRunWizard(layout, ops)
    wizard.exec()
    wizard.deleteLater()
    return not needs_first_run(layout)
