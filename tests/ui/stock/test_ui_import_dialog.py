"""The Excel import dialog: template, a refused file with its marked copy, a good import."""
from __future__ import annotations

import io

from openpyxl import load_workbook

from app.services.excel import SPECS, template_bytes
from app.services.excel.safety import put_text
from app.services.inventory.queries import stock
from app.ui.excel import ImportDialog


def _file(path, rows):
    wb = load_workbook(io.BytesIO(template_bytes("stock")))
    keys = [c.key for c in SPECS["stock"]]
    for r, row in enumerate(rows, 2):
        for key, value in row.items():
            put_text(wb.worksheets[0].cell(r, keys.index(key) + 1), value)
    wb.save(path)
    return path


def test_refused_then_fixed_import(qtbot, ops, shop, make_page, tmp_path, monkeypatch):
    page = make_page(shop)
    opened = []
    monkeypatch.setattr("app.ui.excel.import_dialog.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toLocalFile()))
    page.open_import()
    dialog = page.dialog
    assert isinstance(dialog, ImportDialog) and dialog.kind.count() == 4
    dialog.kind.setCurrentIndex(dialog.kind.findData("stock"))
    dialog.save_template(tmp_path / "t.xlsx")
    qtbot.waitUntil(lambda: (tmp_path / "t.xlsx").exists() and ops.pending == 0)
    bad = _file(tmp_path / "bad.xlsx", [{"sku": "NOPE", "qty": "1", "unit_cost": "1"}])
    dialog.path.setText(str(bad))
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.open_marked.isEnabled())
    assert "NOPE" in dialog.message.text() and dialog.marked.exists()
    dialog.grab().save("/tmp/jxc7-import.png")
    dialog.open_marked.click()
    assert opened == [str(dialog.marked)]
    good = _file(tmp_path / "good.xlsx", [{"sku": "RICE", "qty": "5", "unit_cost": "4.00"}])
    dialog.path.setText(str(good))
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None and ops.pending == 0)
    assert dialog.bar.value() == 100 and not dialog.open_marked.isEnabled()
    assert stock(shop, sku="RICE")[0]["on_hand"] == "5"


def test_a_clerk_may_import_receipts_only(qtbot, ops, shop, make_page):
    page = make_page(shop, "clerk")
    assert page.import_kinds == ("receipts",)
