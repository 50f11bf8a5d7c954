#!/usr/bin/env python3
"""Screenshots for the user guides, made from the real application (offscreen).

    .venv/bin/python scripts/screenshots.py [--out docs/img] [--lang zh_CN|en]

Creates a throw-away demo store in a temporary directory (its key in a temporary file
keyring, never the PC's), fills it with `populate_demo` (400 products, `--days` of sales, 3 by default),
and saves PNGs of the sign-in dialog, the main window's sections that exist, the counter
and each page of the first-run wizard. Needs a Chinese font (Debian/Ubuntu:
`apt-get install fonts-wqy-microhei`), else Chinese shows as boxes: the script refuses.
Re-run it after the screens change or after new translations are merged.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PASSWORD = "demo1234"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    parser.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"])
    parser.add_argument("--days", type=int, default=3, help="days of demo sales history")
    args = parser.parse_args()
    if not _has_chinese_font():
        sys.exit("No Chinese font found (fc-list :lang=zh). Install one, e.g. "
                 "`apt-get install fonts-wqy-microhei`, then run again.")
    tmp = Path(tempfile.mkdtemp(prefix="jxc-shots-"))
    os.environ.update(QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp / "keyring"),
                      PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring")
    try:
        return Shots(tmp, args.out, args.lang, args.days).run()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _has_chinese_font() -> bool:
    try:
        found = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
    except FileNotFoundError:
        return sys.platform == "win32"  # Windows always has one
    return bool(found.strip())


class Shots:
    def __init__(self, tmp: Path, out: Path, lang: str, days: int) -> None:
        self.tmp, self.out, self.lang, self.days = tmp, out, lang, days
        self.saved: list[Path] = []

    def run(self) -> int:
        from PySide6.QtWidgets import QApplication

        from app.ui.ops import OpsRunner
        from app.ui.translations import install_translators

        self.app = QApplication.instance() or QApplication(["jxc-screenshots"])
        self.app.setStyle("Fusion")
        install_translators(self.app, self.lang)
        self.ops = OpsRunner()
        self.out.mkdir(parents=True, exist_ok=True)
        try:
            self.wizard()
            store, user = self.demo_store()
            try:
                self.login(store)
                self.main_window(store, user)
            finally:
                store.close()
        finally:
            self.ops.shutdown()
        for path in self.saved:
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        return 0

    # -- helpers -------------------------------------------------------------------------
    def wait(self, done=lambda: True, seconds: float = 30.0) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.app.processEvents()
            if done():
                for _ in range(5):
                    self.app.processEvents()
                    time.sleep(0.02)
                return
            time.sleep(0.02)
        raise RuntimeError("timed out waiting for the screen")

    def save(self, widget, name: str) -> None:
        path = self.out / f"{name}.png"
        if not widget.grab().save(str(path), "PNG"):
            raise RuntimeError(f"could not save {path}")
        self.saved.append(path)

    # -- screens -------------------------------------------------------------------------
    def demo_store(self):
        from app.persistence.layout import DataDir
        from app.services.auth import sign_in
        from app.services.demo import populate_demo
        from app.services.first_run import create_store

        store = create_store(DataDir(self.tmp / "demo"), "DEMO", "演示便利店", PASSWORD)
        populate_demo(store, products=400, days=self.days, seed=1)
        return store, sign_in(store, "admin", PASSWORD)

    def wizard(self) -> None:
        from app.persistence.layout import DataDir
        from app.ui.wizard import FirstRunWizard

        wiz = FirstRunWizard(DataDir(self.tmp / "wizard"), self.ops)
        wiz.resize(760, 580)
        wiz.show()
        self.wait()
        self.save(wiz, "wizard-1-mode")
        wiz.next()
        page = wiz.store_page
        page.code.setText("S001")
        page.name.setText("人民路便利店")
        page.password.setText(PASSWORD)
        page.confirm.setText(PASSWORD)
        self.wait()
        self.save(wiz, "wizard-2-store")
        wiz.next()
        self.wait(lambda: wiz.currentPage() is wiz.devices_page)
        wiz.devices_page.printer.setText("tcp://192.168.1.50:9100")
        self.save(wiz, "wizard-3-devices")
        wiz.next()
        self.wait(lambda: wiz.currentPage() is wiz.receipt_page)
        wiz.receipt_page.header.setPlainText("人民路 88 号  电话 0571-88888888")
        self.save(wiz, "wizard-4-receipt")
        wiz.next()
        self.wait(lambda: wiz.currentPage() is wiz.data_page)
        self.save(wiz, "wizard-5-products")
        wiz.next()
        self.wait(lambda: wiz.currentPage() is wiz.done_page)
        self.save(wiz, "wizard-6-done")
        wiz.done(0)
        wiz.deleteLater()

    def login(self, store) -> None:
        from app.ui.login import LoginDialog

        dialog = LoginDialog(store, self.ops)
        dialog.show()
        self.wait()
        self.save(dialog, "login")
        dialog.reject()
        dialog.deleteLater()

    def main_window(self, store, user) -> None:
        from app.ui.main_window import MainWindow
        from app.ui.nav import sections

        window = MainWindow(store, self.ops, user)
        window.resize(1280, 800)
        window.show()
        self.wait(lambda: window.home.overview is not None)
        self.save(window, "home")
        for section in sections():
            if section.key == "home" or not section.built:
                continue
            window.show_section(section.key)
            self.wait(lambda: not self.ops.busy if hasattr(self.ops, "busy") else True)
            time.sleep(0.3)
            self.wait()
            self.save(window, section.key)
        window.blockSignals(True)
        window.close()
        window.deleteLater()


if __name__ == "__main__":
    sys.exit(main())
