"""`jxc selftest`: prove that this installation works, without touching any real store.

Everything happens in a temporary directory that is removed afterwards, with a file
keyring of its own (the PC's keyring and data directory are never used):

1. create a store (SQLCipher, migrations from the bundled scripts) and open it again;
2. sign in as its administrator;
3. import a product from a CSV file, post its opening stock and a cash sale;
4. check the books (`verify`) and render the sales report as a PDF (reportlab, fonts);
5. start Qt offscreen, load the Chinese translations, show the main window, the counter
   and grab a picture of them (Qt plugins: platforms, imageformats).

Each step prints one line; the last line is `OK`. The first failing step prints its name
and the error and exits 1. The installer's test runs this from the built bundle.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Callable

import click

from app.cli import cli

PASSWORD = "selftest-1234"
CSV = ("sku,name,barcode,unit,retail_price,category,costing,shelf_life_days\n"
       "SELF1,自检商品 可乐 500ml,6901234567892,瓶,3.50,,,\n")


class SelfTestFailed(click.ClickException):
    exit_code = 1


def _file_keyring(path: Path):
    """A keyring backend that keeps its entries in one JSON file (for this test only)."""
    from keyring.backend import KeyringBackend

    class FileKeyring(KeyringBackend):
        priority = 1

        def _load(self) -> dict:
            return json.loads(path.read_text("utf-8")) if path.exists() else {}

        def get_password(self, service, username):
            return self._load().get(f"{service}\x00{username}")

        def set_password(self, service, username, password):
            data = self._load()
            data[f"{service}\x00{username}"] = password
            path.write_text(json.dumps(data), "utf-8")

        def delete_password(self, service, username):
            data = self._load()
            data.pop(f"{service}\x00{username}", None)
            path.write_text(json.dumps(data), "utf-8")

    return FileKeyring()


class SelfTest:
    def __init__(self, root: Path, screenshot: Path | None) -> None:
        self.root, self.screenshot = root, screenshot
        self.store = None
        self.user = None

    def steps(self) -> list[tuple[str, Callable[[], str]]]:
        return [("installation", self.installation), ("keyring", self.keyring), ("create store", self.create),
                ("open store", self.reopen), ("sign in", self.sign_in),
                ("import products", self.import_products), ("post sale", self.post_sale),
                ("verify books", self.verify), ("PDF report", self.pdf),
                ("desktop window", self.window)]

    def installation(self) -> str:
        import sys

        import app

        kind = "bundle" if getattr(sys, "frozen", False) else "Python " + sys.version.split()[0]
        return f"JXC {app.__version__} ({kind}) in {Path(app.__file__).resolve().parents[1]}"

    def keyring(self) -> str:
        import keyring
        from keyring.backends import fail

        try:
            system = keyring.get_keyring()
            found = ("none usable: real stores cannot keep their key on this PC"
                     if isinstance(system, fail.Keyring) else type(system).__name__)
        except Exception as exc:  # noqa: BLE001 - a diagnosis, not this test's subject
            found = f"not available ({type(exc).__name__})"
        keyring.set_keyring(_file_keyring(self.root / "keyring.json"))
        return f"file keyring in the temporary directory (this PC's keyring: {found})"

    def create(self) -> str:
        from app.persistence.keystore import KeyringKeyStore
        from app.persistence.layout import DataDir
        from app.services.setup import initialize_store

        self.layout = DataDir(self.root / "store")
        store = initialize_store(self.layout, KeyringKeyStore(), "SELF", "自检门店", PASSWORD)
        store.close()
        return f"store SELF in {self.layout.root}"

    def reopen(self) -> str:
        from app.persistence.keystore import KeyringKeyStore
        from app.persistence.store import open_store

        self.store = open_store(self.layout, KeyringKeyStore())
        with self.store.engine.connect() as conn:
            version = conn.exec_driver_sql("PRAGMA cipher_version").scalar()
        return f"SQLCipher {version}"

    def sign_in(self) -> str:
        from app.services.auth import sign_in

        self.user = sign_in(self.store, "admin", PASSWORD)
        return f"{self.user.username} ({self.user.role})"

    def import_products(self) -> str:
        from app.services.catalog_import import import_products

        path = self.root / "products.csv"
        path.write_text(CSV, encoding="utf-8")
        result = import_products(self.store, self.user.actor, path)
        return f"{result.rows} row"

    def post_sale(self) -> str:
        from app.services.inventory.posting import post_document

        actor = self.user.actor
        post_document(self.store, actor, {
            "type": "opening_stock", "id": "selftest-open",
            "lines": [{"sku": "SELF1", "qty": "10", "unit_cost": "2.00"}]})
        sale = post_document(self.store, actor, {
            "type": "sale", "id": "selftest-sale", "lines": [{"sku": "SELF1", "qty": "2"}],
            "payments": [{"method": "cash", "amount": "7.00"}]})
        if sale.status != "posted" or sale.total_fen != 700:
            raise RuntimeError(f"sale {sale.number}: status {sale.status}, total {sale.total_fen}")
        return f"sale {sale.number}, 7.00 yuan"

    def verify(self) -> str:
        from app.services.inventory.verify import verify

        report = verify(self.store, actor=self.user.actor)
        if not report.ok:
            raise RuntimeError(f"the books do not check: {report}")
        return "stock = ledger, vouchers balance, audit chain intact"

    def pdf(self) -> str:
        from app.services.reports.catalog import run_report
        from app.services.reports.filters import ReportFilter
        from app.services.reports.pdf import to_pdf

        today = date.today()
        result = run_report(self.store, "sales", ReportFilter(today.replace(day=1), today),
                            actor=self.user.actor)
        data = to_pdf(result, "zh_CN")
        if not data.startswith(b"%PDF"):
            raise RuntimeError("the PDF renderer returned no PDF")
        return f"{len(data)} bytes"

    def window(self) -> str:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before the QApplication exists
        return show_main_window(self.store, self.user, self.screenshot)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None


def show_main_window(store, user, screenshot: Path | None) -> str:
    """The real main window, offscreen, in Chinese: home and counter shown and grabbed."""
    from PySide6.QtGui import QGuiApplication, QImageReader
    from PySide6.QtWidgets import QApplication

    from app.ui.main_window import MainWindow
    from app.ui.ops import OpsRunner
    from app.ui.translations import install_translators, remove_translators

    app = QApplication.instance() or QApplication(["jxc-selftest"])
    if QGuiApplication.platformName() != "offscreen":
        raise RuntimeError(f"Qt platform {QGuiApplication.platformName()}, not offscreen")
    formats = {bytes(f).decode() for f in QImageReader.supportedImageFormats()}
    if not {"png", "jpg", "ico"} <= formats:
        raise RuntimeError(f"Qt image format plugins missing: only {sorted(formats)}")
    translators = install_translators(app, "zh_CN")
    ops = OpsRunner()
    try:
        if len(translators) != 2:
            raise RuntimeError("the Chinese translations (qtbase_zh_CN, jxc_zh_CN) did not load")
        window = MainWindow(store, ops, user)
        window.show()
        _wait(app, lambda: window.home.overview is not None)
        window.show_section("counter")
        _wait(app, lambda: True)
        picture = window.grab()
        if picture.isNull() or picture.width() < 800:
            raise RuntimeError("the main window did not render")
        if screenshot is not None and not picture.save(str(screenshot), "PNG"):
            raise RuntimeError(f"could not save {screenshot}")
        title = window.menuBar().actions()[0].text()
        window.close()
        window.deleteLater()
        return f"{picture.width()}x{picture.height()}, menu '{title}', Qt {_qt_version()}"
    finally:
        ops.shutdown()
        remove_translators(app, translators)


def _wait(app, done: Callable[[], bool], seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        if done():
            app.processEvents()
            return
        time.sleep(0.02)
    raise RuntimeError("the window did not finish loading in time")


def _qt_version() -> str:
    from PySide6.QtCore import qVersion

    return qVersion()


@cli.command()
@click.option("--screenshot", type=click.Path(path_type=Path, dir_okay=False),
              help="Also save the main window's picture to this PNG file.")
@click.option("--keep", is_flag=True, help="Keep the temporary directory (for diagnosis).")
def selftest(screenshot: Path | None, keep: bool) -> None:
    """Check this installation in a temporary store: SQLCipher, sign-in, a sale, a PDF and
    the desktop window (offscreen). Prints OK when everything works."""
    root = Path(tempfile.mkdtemp(prefix="jxc-selftest-"))
    test = SelfTest(root, screenshot)
    try:
        for name, step in test.steps():
            started = time.perf_counter()
            try:
                detail = step()
            except Exception as exc:  # noqa: BLE001 - reported as the failing step
                raise SelfTestFailed(f"self-test failed at '{name}': "
                                     f"{type(exc).__name__}: {exc}") from None
            click.echo(f"ok  {name:16} {detail} ({time.perf_counter() - started:.2f} s)")
    finally:
        test.close()
        if keep:
            click.echo(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    click.echo("OK")
