"""The morning brief's settings (managers): time, e-mail, group robot, their secrets
(written to the OS keyring, never shown again), a test send and the briefs sent."""
from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QSpinBox, QTableWidget,
                               QTableWidgetItem, QTimeEdit, QVBoxLayout, QWidget)
from PySide6.QtCore import QTime

from app.services.brief.config import BriefConfig, load_brief_config, save_brief_config
from app.services.brief.sending import brief_history, send_brief
from app.ui.errors import error_text, show_error
from app.ui.translations import fill


class BriefTab(QWidget):
    def __init__(self, store, ops, actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._ops, self._actor = store, ops, actor
        self.config: BriefConfig | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        self.time = QTimeEdit()
        self.time.setObjectName("brief_time")
        self.time.setDisplayFormat("HH:mm")
        self.time.setMaximumWidth(120)
        top = QFormLayout()
        top.addRow(self.tr("Send yesterday's brief at:"), self.time)
        layout.addLayout(top)
        boxes = QHBoxLayout()
        boxes.addWidget(self._mail_box())
        boxes.addWidget(self._robot_box())
        layout.addLayout(boxes)
        buttons = QHBoxLayout()
        self.status = QLabel("")
        self.status.setObjectName("brief_status")
        self.status.setWordWrap(True)
        save = QPushButton(self.tr("Save (Ctrl+S)"))
        save.setObjectName("brief_save")
        save.setShortcut(QKeySequence("Ctrl+S"))
        save.clicked.connect(self.save)
        send = QPushButton(self.tr("Send yesterday's brief now"))
        send.setObjectName("brief_send")
        send.clicked.connect(self.send_now)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(save)
        buttons.addWidget(send)
        layout.addLayout(buttons)
        self.history = QTableWidget(0, 3)
        self.history.setObjectName("brief_history")
        self.history.setHorizontalHeaderLabels([self.tr("Business day"), self.tr("Channel"),
                                                self.tr("Sent at (UTC)")])
        self.history.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(QLabel(self.tr("Briefs sent")))
        layout.addWidget(self.history, 1)
        self._loaded = False

    def _mail_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("E-mail (PDF attached)"))
        form = QFormLayout(box)
        self.email = QCheckBox(self.tr("Send by e-mail"))
        self.host, self.user = QLineEdit(), QLineEdit()
        self.host.setObjectName("smtp_host")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.security = QComboBox()
        for key, text in (("starttls", self.tr("STARTTLS")), ("ssl", self.tr("SSL")),
                          ("none", self.tr("None (local server only)"))):
            self.security.addItem(text, key)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setObjectName("smtp_password")
        self.mail_from, self.mail_to = QLineEdit(), QLineEdit()
        self.mail_to.setObjectName("mail_to")
        self.mail_to.setPlaceholderText(self.tr("boss@example.com, manager@example.com"))
        form.addRow(self.email)
        form.addRow(self.tr("SMTP server:"), self.host)
        form.addRow(self.tr("Port:"), self.port)
        form.addRow(self.tr("Encryption:"), self.security)
        form.addRow(self.tr("Login:"), self.user)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow(self.tr("From:"), self.mail_from)
        form.addRow(self.tr("To:"), self.mail_to)
        return box

    def _robot_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Group robot (markdown message)"))
        form = QFormLayout(box)
        self.webhook = QComboBox()
        self.webhook.setObjectName("webhook_kind")
        for key, text in (("off", self.tr("Off")), ("wecom", self.tr("WeCom")),
                          ("dingtalk", self.tr("DingTalk"))):
            self.webhook.addItem(text, key)
        self.url = QLineEdit()
        self.url.setObjectName("webhook_url")
        self.url.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Robot:"), self.webhook)
        form.addRow(self.tr("Webhook address:"), self.url)
        form.addRow(self.tr("Signing secret (DingTalk):"), self.secret)
        form.addRow(QLabel(self.tr("Addresses and secrets are kept in the system keyring; "
                                   "leave a field empty to keep what is stored.")))
        return box

    def showEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            self.refresh()

    def refresh(self) -> None:
        store, actor = self._store, self._actor
        self._ops.run(lambda: (load_brief_config(store, actor=actor),
                               brief_history(store, actor=actor)),
                      self.show_data, lambda exc: show_error(self, exc), context=self)

    def show_data(self, data) -> None:
        config, history = data
        self.config = config
        hour, minute = (int(x) for x in config.time.split(":"))
        self.time.setTime(QTime(hour, minute))
        self.email.setChecked(config.email)
        self.host.setText(config.smtp_host)
        self.port.setValue(config.smtp_port)
        self.security.setCurrentIndex(max(0, self.security.findData(config.smtp_security)))
        self.user.setText(config.smtp_user)
        self.mail_from.setText(config.mail_from)
        self.mail_to.setText(", ".join(config.mail_to))
        self.webhook.setCurrentIndex(max(0, self.webhook.findData(config.webhook)))
        for edit, has in ((self.password, config.has_password), (self.url, config.has_webhook_url),
                          (self.secret, config.has_webhook_secret)):
            edit.clear()
            edit.setPlaceholderText(self.tr("stored") if has else self.tr("not set"))
        self.history.setRowCount(len(history))
        for r, (day, channel, at) in enumerate(history):
            for c, value in enumerate((day.isoformat(), channel, str(at)[:16])):
                self.history.setItem(r, c, QTableWidgetItem(value))

    def values(self) -> tuple[dict, dict]:
        values = {"brief.time": self.time.time().toString("HH:mm"),
                  "brief.email": "on" if self.email.isChecked() else "off",
                  "brief.smtp_host": self.host.text(), "brief.smtp_port": str(self.port.value()),
                  "brief.smtp_security": self.security.currentData(),
                  "brief.smtp_user": self.user.text(), "brief.mail_from": self.mail_from.text(),
                  "brief.mail_to": self.mail_to.text(), "brief.webhook": self.webhook.currentData()}
        secrets = {kind: edit.text().strip() for kind, edit in (
            ("smtp-password", self.password), ("webhook-url", self.url),
            ("webhook-secret", self.secret)) if edit.text().strip()}
        return values, secrets

    def save(self) -> None:
        values, secrets = self.values()
        store, actor = self._store, self._actor
        self._ops.run(lambda: save_brief_config(store, actor, values, secrets),
                      self._saved, lambda exc: show_error(self, exc), context=self)

    def _saved(self, _config) -> None:
        self.status.setText(self.tr("Saved."))
        self.refresh()

    def send_now(self) -> None:
        store, actor = self._store, self._actor
        day = date.today() - timedelta(days=1)
        self.status.setText(self.tr("Sending…"))
        self._ops.run(lambda: send_brief(store, actor, day), self._sent,
                      lambda exc: (self.status.setText(""), show_error(self, exc)), context=self)

    def _sent(self, outcomes) -> None:
        words = {"sent": self.tr("sent"), "already_sent": self.tr("already sent"),
                 "failed": self.tr("failed")}
        parts = [fill(self.tr("%1: %2"), o.channel, words[o.status]) +
                 (f" ({error_text(o.error)})" if o.error else "") for o in outcomes]
        self.status.setText("; ".join(parts))
        self.refresh()
