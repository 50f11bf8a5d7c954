"""The columns of a master-data list (a tree): the spec's own, then one per active custom
field of its records, for `CustomListControls` to fill, hide and show."""
from __future__ import annotations

from PySide6.QtWidgets import QTreeWidget

from app.ui.products.list_model import CUSTOM
from app.ui.products.texts import custom_cell
from app.ui.translations import current_language


class RecordColumns:
    def __init__(self, tree: QTreeWidget, columns: list[tuple[str, str]]) -> None:
        self.tree = tree
        self.columns: tuple[str, ...] = tuple(key for key, _ in columns)
        self.fixed = len(self.columns)
        self.titles: dict[str, str] = dict(columns)
        self.kinds: dict[str, str] = {}  # custom column -> its field's kind
        tree.setColumnCount(self.fixed)
        tree.setHeaderLabels([self.titles[k] for k in self.columns])

    def columnCount(self) -> int:
        return len(self.columns)

    def set_custom_fields(self, defs: list) -> None:
        """A column per active custom field `defs`, after the spec's own."""
        lang = current_language()
        self.columns = self.columns[:self.fixed] + tuple(CUSTOM + d.key for d in defs)
        self.titles.update({CUSTOM + d.key: d.label(lang) for d in defs})
        self.kinds = {CUSTOM + d.key: d.kind for d in defs}
        self.tree.setColumnCount(len(self.columns))
        self.tree.setHeaderLabels([self.titles[k] for k in self.columns])

    def custom_texts(self, record) -> list[str]:
        """The record's custom values, one per custom column."""
        values = getattr(record, "custom", None) or {}
        return [custom_cell(self.kinds[k], values.get(k[len(CUSTOM):], ""))
                for k in self.columns[self.fixed:]]


def read_list(read_defs, load, search: str, args: dict) -> tuple:
    """(field defs or None, records) of a list's reload, on the worker. A field hidden
    meanwhile no longer filters (its choice resets when the defs arrive)."""
    defs = read_defs() if read_defs else None
    keys = {d.key for d in defs or ()}
    return defs, load(search, **(args if args.get("custom_key") in keys else {}))
