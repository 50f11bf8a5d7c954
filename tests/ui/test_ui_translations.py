"""Every UI string is translated to Chinese, and the committed .qm matches the .ts."""
from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from app.i18n import user_language
from app.services.auth import SignedInUser
from app.ui.main_window import MainWindow
from app.ui.resources import i18n_dir
from app.ui.translations import install_translators, remove_translators

TOOLS = Path(sys.executable).parent
UI_DIR = Path(__file__).resolve().parents[2] / "app" / "ui"
TS = i18n_dir() / "jxc_zh_CN.ts"
QM = i18n_dir() / "jxc_zh_CN.qm"
ADMIN = SignedInUser(user_id=1, username="admin", display_name="管理员", role="admin")


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {(ctx.findtext("name"), msg.findtext("source")): msg.find("translation")
            for ctx in root.iter("context") for msg in ctx.iter("message")}


def _tool(name: str, *args: str) -> None:
    subprocess.run([str(TOOLS / name), *args], check=True, capture_output=True, timeout=60)


def test_every_ui_string_has_a_finished_chinese_translation(tmp_path):
    extracted = tmp_path / "extracted.ts"
    sources = sorted(str(p) for p in UI_DIR.rglob("*.py"))
    _tool("pyside6-lupdate", "-no-obsolete", "-locations", "none", *sources, "-ts",
          str(extracted))
    found = _messages(extracted)
    committed = _messages(TS)
    assert len(found) > 30, "lupdate found suspiciously few strings"
    missing = [key for key in found if key not in committed]
    assert not missing, f"run lupdate (see resources/i18n/README.md); missing: {missing}"
    for key, translation in committed.items():
        assert translation.get("type") is None, f"unfinished or obsolete: {key}"
        forms = [f.text or "" for f in translation.iter("numerusform")]  # "%n item(s)"
        texts = forms or [translation.text or ""]
        assert all(t.strip() for t in texts), f"empty translation: {key}"
    stale = [key for key in committed if key not in found]
    assert not stale, f"strings no longer in the code: {stale}"


def test_committed_qm_is_compiled_from_the_committed_ts(tmp_path):
    fresh = tmp_path / "fresh.qm"
    _tool("pyside6-lrelease", str(TS), "-qm", str(fresh))
    assert fresh.read_bytes() == QM.read_bytes(), "run lrelease (see resources/i18n/README.md)"


def test_qm_translates_the_navigation():
    translator = QTranslator()
    assert translator.load(str(QM))
    assert translator.translate("Sections", "Counter") == "收银台"
    assert translator.translate("Sections", "Admin") == "系统管理"


def _nav_titles(qtbot, store, ops) -> list[str]:
    window = MainWindow(store, ops, ADMIN)
    qtbot.addWidget(window)
    titles = [window.nav.item(row).text() for row in range(window.nav.count())]
    qtbot.waitUntil(lambda: window.home.overview is not None)
    return titles


@pytest.mark.parametrize("lang", ["en", "en_US"])
def test_english_installs_no_translator(qtbot, qapp, store, ops, monkeypatch, lang):
    monkeypatch.setenv("JXC_LANG", lang)
    translators = install_translators(qapp, user_language())
    try:
        assert translators == []
        assert _nav_titles(qtbot, store, ops)[:2] == ["Home", "Counter"]
    finally:
        remove_translators(qapp, translators)


def test_chinese_is_the_default_and_translates_qt_too(qtbot, qapp, store, ops, monkeypatch):
    monkeypatch.delenv("JXC_LANG", raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    translators = install_translators(qapp, user_language())
    try:
        assert len(translators) == 2  # Qt's qtbase_zh_CN and ours
        titles = _nav_titles(qtbot, store, ops)
        assert titles == ["首页", "收银台", "商品", "采购", "库存", "单据", "报表", "总部", "系统管理"]
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        remove_translators(qapp, translators)
    assert QCoreApplication.translate("Sections", "Counter") == "Counter"
