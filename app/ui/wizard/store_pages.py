"""The first two pages: the language and what kind of store, then its code, name and
administrator (and, to join head office, the address and the one-time enrollment code)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QFileDialog, QFormLayout, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QPushButton, QRadioButton,
                               QVBoxLayout, QWizardPage)

from app.services import first_run
from app.services.auth import sign_in
from app.ui.translations import LANGUAGES, current_language, fill, switch_language
from app.ui.wizard.base import Retranslated, WizardState, WorkPage, form_row

MIN_PASSWORD = 8


def hint_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    return label


class ModePage(Retranslated, QWizardPage):
    def __init__(self, state: WizardState) -> None:
        super().__init__()
        self.state = state
        self.language = QComboBox()
        for code, name in LANGUAGES:  # each language named in itself: never translated
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(current_language()), 0))
        self.language.activated.connect(self._language_chosen)
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language)
        self.standalone, self.join = QRadioButton(), QRadioButton()
        self.standalone.setChecked(True)
        self.standalone_hint, self.join_hint = hint_label(), hint_label()
        group = QButtonGroup(self)
        box = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(self.language_label)
        row.addWidget(self.language)
        row.addStretch(1)
        box.addLayout(row)
        box.addSpacing(12)
        for button, hint in ((self.standalone, self.standalone_hint),
                             (self.join, self.join_hint)):
            group.addButton(button)
            box.addWidget(button)
            hint.setContentsMargins(24, 0, 0, 12)
            box.addWidget(hint)
        box.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Welcome to JXC"))
        self.setSubTitle(self.tr("This PC has no store yet. How will it be used?"))
        self.language_label.setText(self.tr("&Language:"))
        self.standalone.setText(self.tr("&New standalone store"))
        self.join.setText(self.tr("&Join head office (with an enrollment code)"))
        self.standalone_hint.setText(self.tr("One shop on its own: its products, prices and "
                                             "users are managed here."))
        self.join_hint.setText(self.tr("A shop of a chain: head office gives you its address "
                                       "and a one-time code for this PC."))

    def _language_chosen(self, index: int) -> None:
        """Switch the whole app now (kept on this PC); every page retranslates itself."""
        code = self.language.itemData(index)
        if code != current_language():
            switch_language(QCoreApplication.instance(), code)

    def validatePage(self) -> bool:
        self.state.join = self.join.isChecked()
        return True


class StorePage(WorkPage):
    """Creates the store (once), signs the administrator in and, to join, enrolls."""

    def __init__(self, state: WizardState) -> None:
        super().__init__(state)
        self.code, self.name = QLineEdit(), QLineEdit()
        self.password, self.confirm = QLineEdit(), QLineEdit()
        for field in (self.password, self.confirm):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        self.labels = [form_row(form, f) for f in (self.code, self.name, self.password,
                                                   self.confirm)]
        self.note = hint_label()
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.note)
        box.addWidget(self._head_office_box())
        box.addWidget(self.message)
        box.addStretch(1)
        self.retranslate()

    def _head_office_box(self) -> QGroupBox:
        self.hq = QGroupBox()
        self.url, self.enroll_code, self.ca_bundle = QLineEdit(), QLineEdit(), QLineEdit()
        self.url.setPlaceholderText("https://hq.example.com")
        self.browse = QPushButton()
        self.browse.clicked.connect(self._choose_ca)
        row = QHBoxLayout()
        row.addWidget(self.ca_bundle, 1)
        row.addWidget(self.browse)
        form = QFormLayout(self.hq)
        self.hq_labels = [form_row(form, self.url), form_row(form, self.enroll_code),
                          form_row(form, row, buddy=self.ca_bundle)]
        self.hq_hint = hint_label()
        form.addRow(self.hq_hint)
        return self.hq

    def retranslate(self) -> None:
        self.setTitle(self.tr("Your store"))
        self._subtitle()
        self.code.setPlaceholderText(self.tr("e.g. S001"))
        self.name.setPlaceholderText(self.tr("e.g. 人民路便利店"))
        for label, text in zip(self.labels, (
                self.tr("Store &code:"), self.tr("Store &name:"),
                self.tr("Administrator &password:"), self.tr("&Repeat the password:"))):
            label.setText(text)
        self.note.setText(self.tr("The administrator signs in as admin with this password."))
        self.hq.setTitle(self.tr("Head office"))
        self.ca_bundle.setPlaceholderText(self.tr("only for a private certificate authority"))
        self.browse.setText(self.tr("Browse..."))
        for label, text in zip(self.hq_labels, (self.tr("&Address:"),
                                                self.tr("&Enrollment code:"),
                                                self.tr("CA certificate:"))):
            label.setText(text)
        self.hq_hint.setText(self.tr("The store code must be the one head office registered "
                                     "for this store."))

    def _subtitle(self) -> None:
        self.setSubTitle(self.tr("Head office's store code, this store's name and the "
                                 "administrator.") if self.state.join else
                         self.tr("A short code, the store's name and the administrator's "
                                 "password."))

    def _choose_ca(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("CA certificate"), "",
                                              self.tr("Certificates (*.pem *.crt)"))
        if path:
            self.ca_bundle.setText(path)

    def initializePage(self) -> None:
        self.hq.setVisible(self.state.join)
        self._subtitle()
        self.finished = False  # joining may have failed: Next tries again
        self.code.setFocus()

    def check_inputs(self) -> bool:
        if self.state.store is None:
            if not self.code.text().strip() or not self.name.text().strip():
                return self.refuse(self.tr("Enter the store code and the store name."))
            if len(self.password.text()) < MIN_PASSWORD:
                return self.refuse(fill(self.tr("The password needs at least %1 characters."),
                                        MIN_PASSWORD))
            if self.password.text() != self.confirm.text():
                return self.refuse(self.tr("The two passwords differ. Type them again."))
        if self.state.join and not (self.url.text().strip() and self.enroll_code.text().strip()):
            return self.refuse(self.tr("Enter head office's address and the enrollment code."))
        return True

    def start_work(self) -> None:
        if self.state.store is None:
            self._create()
        else:
            self._after_sign_in()

    def _create(self) -> None:
        layout, password = self.state.layout, self.password.text()
        code, name = self.code.text(), self.name.text()

        def created(store) -> None:
            self.state.store, self.state.password = store, password
            for field in (self.code, self.name, self.password, self.confirm):
                field.setEnabled(False)  # the store exists now
            self.state.done.append(fill(self.tr("Store %1 %2 created; the administrator "
                                                "signs in as admin."),
                                        store.identity.store_code, store.identity.store_name))
            self.run(lambda: sign_in(store, "admin", password), self._signed_in)

        self.run(lambda: first_run.create_store(layout, code, name, password), created)

    def _signed_in(self, user) -> None:
        self.state.user = user
        self._after_sign_in()

    def _after_sign_in(self) -> None:
        if not self.state.join or self.state.enrolled:
            self.complete()
            return
        store, password = self.state.store, self.state.password
        url, code = self.url.text().strip(), self.enroll_code.text().strip()
        ca = self.ca_bundle.text().strip() or None
        self.run(lambda: first_run.enroll_terminal(store, password, url, code, ca),
                 self._enrolled)

    def _enrolled(self, answer: dict) -> None:
        self.state.enrolled = answer
        self.state.done.append(fill(self.tr("Joined head office as terminal %1 of store %2."),
                                    answer.get("terminal_name", "?"),
                                    answer.get("store_code", "?")))
        self.complete()
