"""Backups: every backup with good or bad, "Back up now" with a progress bar, when the
next nightly backup runs, the retention, where the key is escrowed, and how to restore."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QGroupBox, QHBoxLayout,
                               QHeaderView, QLabel, QProgressBar, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from app.services import scheduler
from app.services.backup import list_backups
from app.ui.admin.texts import COLOURS, Message, local_time, status_title
from app.ui.errors import error_text
from app.ui.translations import fill

PHASES = ("snapshot", "pack", "unpack", "verify")


class BackupsTab(QWidget):
    def __init__(self, store, ops, user, maintenance,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._ops, self._actor = store, ops, user.actor
        self.maintenance = maintenance
        self.maintenance.backup_running.connect(self._running)
        self.maintenance.backup_progress.connect(self._progress)
        self.maintenance.backup_done.connect(self._done)
        self.maintenance.backup_failed.connect(self._failed)
        self.message = Message()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(self._top())
        layout.addWidget(self._table(), 1)
        layout.addWidget(self._restore_box())
        layout.addWidget(self.message)
        self._running(self.maintenance.backing_up)

    def _top(self) -> QHBoxLayout:
        self.plan_labels = {k: QLabel() for k in ("next", "retention", "offsite", "escrow")}
        form = QFormLayout()
        form.addRow(self.tr("Next nightly backup:"), self.plan_labels["next"])
        form.addRow(self.tr("Kept:"), self.plan_labels["retention"])
        form.addRow(self.tr("Off-site copy:"), self.plan_labels["offsite"])
        form.addRow(self.tr("Backup key escrowed:"), self.plan_labels["escrow"])
        self.now_button = QPushButton(self.tr("&Back up now"))
        self.now_button.clicked.connect(self.back_up_now)
        self.phase_label = QLabel()
        self.bar = QProgressBar()
        self.bar.hide()
        side = QVBoxLayout()
        side.addWidget(self.now_button)
        side.addWidget(self.phase_label)
        side.addWidget(self.bar)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addLayout(form, 1)
        row.addLayout(side)
        return row

    def _table(self) -> QTableWidget:
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([
            self.tr("Taken"), self.tr("State"), self.tr("Size"), self.tr("Seconds"),
            self.tr("Off-site"), self.tr("Backup / problem")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return self.table

    def _restore_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Restoring on a new PC"))
        text = QLabel("\n".join((
            self.tr("1. Install JXC. Copy the backup file (backups\\<id>.jxcbak in the data "
                    "folder, or from the S3 bucket with jxc backup fetch)."),
            self.tr("2. Ask head office for the store's backup key (escrowed automatically), "
                    "saved as a file, e.g. S001-key.json."),
            self.tr("3. Run: jxc restore S001.jxcbak --data-dir D:\\JXC\\S001 "
                    "--backup-key-file S001-key.json"),
            self.tr("The restore checks everything before it counts. Never run two copies of "
                    "one store."))))
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(box).addWidget(text)
        return box

    # -- reading --------------------------------------------------------------------------
    def refresh(self) -> None:
        store, actor = self._store, self._actor
        self._ops.run(lambda: (scheduler.backup_plan(store, actor=actor),
                               list_backups(store.layout.backups)),
                      self._show, self._refused, context=self)

    def _show(self, result) -> None:
        plan, backups = result
        self.plan_labels["next"].setText(plan.next_at.strftime("%Y-%m-%d %H:%M") +
                                         (self.tr(" (due now)") if plan.due else ""))
        self.plan_labels["retention"].setText(fill(
            self.tr("the newest of each of the last %1 days, %2 weeks, %3 months"), *plan.keep))
        self.plan_labels["offsite"].setText(plan.offsite or self.tr("not set up (backup.json)"))
        self.plan_labels["escrow"].setText(plan.escrowed or self.tr("not yet"))
        self.table.setRowCount(len(backups))
        for row, m in enumerate(reversed(backups)):
            offsite = m.offsite.get("s3", {})
            cells = [local_time(m.created_at), status_title(m.status),
                     f"{m.size / 1_000_000:.1f} MB" if m.size else "",
                     f"{m.seconds:.1f}" if m.seconds else "",
                     self.tr("yes") if offsite.get("key") else offsite.get("error", "")[:40],
                     m.error or m.id]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 1:
                    item.setForeground(QColor(COLOURS.get(m.status, "#000000")))
                self.table.setItem(row, column, item)

    # -- backing up -----------------------------------------------------------------------
    def back_up_now(self) -> None:
        if self.maintenance.backup(self._actor):
            self.message.setText("")

    def _running(self, running: bool) -> None:
        self.now_button.setEnabled(not running)
        self.bar.setVisible(running)
        self.phase_label.setText(self.tr("Backing up...") if running else "")
        if running:
            self.bar.setRange(0, 0)

    def _progress(self, phase: str, done: int, total: int) -> None:
        titles = {"snapshot": self.tr("Snapshot"), "pack": self.tr("Compress + encrypt"),
                  "unpack": self.tr("Trial restore"), "verify": self.tr("Verify")}
        self.phase_label.setText(fill(self.tr("%1 (%2 of 4)"), titles.get(phase, phase),
                                      PHASES.index(phase) + 1 if phase in PHASES else "?"))
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def _done(self, manifest) -> None:
        if manifest is not None:
            self.message.ok(fill(self.tr("Backup %1 is good (proved by a trial restore)."),
                                 manifest.id))
        self.refresh()

    def _failed(self, exc: Exception) -> None:
        self._refused(exc)
        self.refresh()

    def _refused(self, exc: Exception) -> None:
        self.message.error(error_text(exc))
