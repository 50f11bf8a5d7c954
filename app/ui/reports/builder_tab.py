"""The report builder: drag dimensions and measures into the chosen lists, set the period,
filters and chart type, run; save the definition (shared through head office if wanted)
and load saved ones. The dimensions include the store's active custom fields
(`report_builder.dimension_choices`, read each time the tab is shown). Definitions head
office shares are listed with "（总部）/ (head office)" after their name: they can be opened
and run, and saved under another name as the store's own copy, never changed or deleted
here (`definitions.DefinitionFromHeadOffice` says so)."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit,
                               QMessageBox, QPushButton, QSplitter, QVBoxLayout, QWidget)

from app.domain.errors import JxcError
from app.domain.permissions import is_allowed, sees_costs
from app.services import report_builder as rb
from app.services.reports import definitions
from app.services.reports.periods import PRESETS, TITLES, period_of
from app.ui.errors import show_error
from app.ui.reports.filters_form import FiltersForm
from app.ui.reports.pick_lists import PickLists
from app.ui.reports.result_panel import ResultPanel
from app.ui.translations import current_language, fill


class BuilderTab(QWidget):
    def __init__(self, store, ops, actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._ops, self._actor = store, ops, actor
        self.saved: dict[str, definitions.SavedDefinition] = {}  # by stored name (`key`)
        self.loaded: definitions.SavedDefinition | None = None
        zh = current_language().startswith("zh")
        dims = {k: (v[0] if zh else v[1]) for k, v in rb.DIMENSIONS.items()}
        measures = {k: (v[0] if zh else v[1]) for k, v in rb.MEASURES.items()
                    if sees_costs(actor.role) or k not in rb.COST_MEASURES}
        self.dimensions = PickLists(self.tr("Dimensions (drag into the right list, up to 3)"),
                                    "dimensions", dims, keep_unknown=True)
        self.measures = PickLists(self.tr("Measures"), "measures", measures)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(self._saved_row())
        picks = QHBoxLayout()
        picks.addWidget(self.dimensions)
        picks.addWidget(self.measures)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(picks)
        top_layout.addLayout(self._settings_row())
        self.filters = FiltersForm()
        top_layout.addWidget(self.filters)
        self.panel = ResultPanel(ops, "builder", store, actor)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.panel)
        layout.addWidget(split, 1)
        self._preset_chosen()

    def _saved_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.saved_box = QComboBox()
        self.saved_box.setObjectName("saved_definitions")
        self.saved_box.setMinimumWidth(220)
        load = QPushButton(self.tr("Open"))
        load.clicked.connect(self.load_chosen)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("definition_name")
        self.name_edit.setPlaceholderText(self.tr("Name to save as"))
        self.shared = QCheckBox(self.tr("Share with all stores"))
        self.save_button = QPushButton(self.tr("Save (Ctrl+S)"))
        self.save_button.setObjectName("save_definition")
        self.save_button.setShortcut(QKeySequence("Ctrl+S"))
        self.save_button.clicked.connect(self.save)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.clicked.connect(self.delete)
        may_save = is_allowed(self._actor.role, "reports.definitions.save_definition")
        for widget in (self.name_edit, self.shared, self.save_button, self.delete_button):
            widget.setEnabled(may_save)
        row.addWidget(QLabel(self.tr("Saved reports:")))
        row.addWidget(self.saved_box, 1)
        row.addWidget(load)
        row.addSpacing(16)
        row.addWidget(self.name_edit, 1)
        row.addWidget(self.shared)
        row.addWidget(self.save_button)
        row.addWidget(self.delete_button)
        return row

    def _settings_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.chart_box = QComboBox()
        self.chart_box.setObjectName("chart_type")
        for key, text in (("bar", self.tr("Bar chart")), ("line", self.tr("Line chart")),
                          ("pie", self.tr("Pie chart")), ("table", self.tr("Table only"))):
            self.chart_box.addItem(text, key)
        self.period_box = QComboBox()
        self.period_box.setObjectName("period_preset")
        zh = current_language().startswith("zh")
        for key in PRESETS:
            self.period_box.addItem(TITLES[key][0 if zh else 1], key)
        self.period_box.setCurrentIndex(PRESETS.index("this_month"))
        self.period_box.currentIndexChanged.connect(self._preset_chosen)
        self.run_button = QPushButton(self.tr("Run (Ctrl+Enter)"))
        self.run_button.setObjectName("run_builder")
        self.run_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.run_button.clicked.connect(self.run)
        row.addWidget(QLabel(self.tr("Chart:")))
        row.addWidget(self.chart_box)
        row.addWidget(QLabel(self.tr("Period:")))
        row.addWidget(self.period_box)
        row.addStretch(1)
        row.addWidget(self.run_button)
        return row

    def _preset_chosen(self) -> None:
        start, end = period_of(self.period_box.currentData(), date.today())
        self.filters.set_period(start, end)

    def spec(self) -> rb.BuilderSpec:
        given = {k: e.text().strip() for k, e in self.filters.edits.items() if e.text().strip()}
        return rb.BuilderSpec(tuple(self.dimensions.keys()), tuple(self.measures.keys()),
                              self.chart_box.currentData(), given, self.period_box.currentData())

    def run(self) -> None:
        try:
            spec = self.spec()
            rb.validate(spec)
            f = self.filters.report_filter()
            f.period  # refuses from > to
        except JxcError as exc:
            show_error(self, exc)
            return
        store, actor = self._store, self._actor
        self.panel.busy(True)
        self.run_button.setEnabled(False)
        self._ops.run(lambda: rb.run_builder(store, actor, spec, f),
                      lambda result: self._shown(result, spec.chart), self._failed, context=self)

    def _shown(self, result, chart: str) -> None:
        self.run_button.setEnabled(True)
        self.panel.show_result(result, chart)

    def _failed(self, exc: Exception) -> None:
        self.run_button.setEnabled(True)
        self.panel.failed(exc)

    # -- saved definitions -----------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().showEvent(event)
        if not self.saved:
            self.reload()
        store, actor = self._store, self._actor  # custom fields may be new: ask every time
        self._ops.run(lambda: rb.dimension_choices(store, actor=actor), self._dimensions,
                      lambda exc: show_error(self, exc), context=self)

    def _dimensions(self, found: dict) -> None:
        zh = current_language().startswith("zh")
        self.dimensions.set_titles({k: (v[0] if zh else v[1]) for k, v in found.items()})

    def reload(self) -> None:
        store, actor = self._store, self._actor
        self._ops.run(lambda: definitions.list_definitions(store, actor=actor), self._list,
                      lambda exc: show_error(self, exc), context=self)

    def _list(self, found: list) -> None:
        self.saved = {d.key: d for d in found}
        current = self.saved_box.currentData()
        self.saved_box.clear()
        language = current_language()
        for d in found:
            if d.from_head_office:
                title = d.title(language)
                shown = d.name if title == d.name else f"{d.name} — {title}"
                self.saved_box.addItem(shown + self.tr(" (head office)"), d.key)
                self.saved_box.setItemData(self.saved_box.count() - 1, _read_only(d.name),
                                           Qt.ItemDataRole.ToolTipRole)
            else:
                self.saved_box.addItem(d.name + (self.tr(" (shared)") if d.shared else ""),
                                       d.key)
        index = self.saved_box.findData(current)
        if index >= 0:
            self.saved_box.setCurrentIndex(index)

    def load_chosen(self) -> None:
        chosen = self.saved.get(self.saved_box.currentData())
        if chosen is None:
            return
        spec = chosen.spec
        self.dimensions.set_keys(list(spec.dimensions))
        self.measures.set_keys(list(spec.measures))
        self.chart_box.setCurrentIndex(max(0, self.chart_box.findData(spec.chart)))
        self.period_box.setCurrentIndex(max(0, self.period_box.findData(spec.period)))
        for key, edit in self.filters.edits.items():
            edit.setText(spec.filters.get(key) or "")
        self.name_edit.setText(chosen.name)
        self.shared.setChecked(chosen.shared)
        self.loaded = chosen
        if chosen.from_head_office:
            self.panel.status.setText(_read_only(chosen.name))

    def save(self) -> None:
        try:
            spec = self.spec()
            rb.validate(spec)
        except JxcError as exc:
            show_error(self, exc)
            return
        store, actor, name, shared = self._store, self._actor, self.name_edit.text(), \
            self.shared.isChecked()
        loaded = self.loaded
        if loaded is not None and loaded.from_head_office and name.strip() == loaded.name:
            show_error(self, definitions.DefinitionFromHeadOffice(name=loaded.name))
            return
        self._ops.run(lambda: definitions.save_definition(store, actor, name, spec, shared),
                      self._saved, lambda exc: show_error(self, exc), context=self)

    def _saved(self, saved) -> None:
        self.panel.status.setText(fill(self.tr("Saved “%1”."), saved.name))
        self.reload()

    def delete(self) -> None:
        chosen = self.saved.get(self.saved_box.currentData())
        if chosen is None:
            return
        if chosen.from_head_office:
            show_error(self, definitions.DefinitionFromHeadOffice(name=chosen.name))
            return
        name = chosen.name
        answer = QMessageBox.question(self, self.tr("Delete saved report"),
                                      fill(self.tr("Delete the saved report “%1”?"), name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        store, actor = self._store, self._actor
        self._ops.run(lambda: definitions.delete_definition(store, actor, name),
                      lambda _: self.reload(), lambda exc: show_error(self, exc), context=self)


def _read_only(name: str) -> str:
    """What a head-office definition's tooltip and the status line say of it."""
    return definitions.DefinitionFromHeadOffice(name=name).message(current_language())
