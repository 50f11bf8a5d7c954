"""UI test setup: offscreen Qt, an isolated keyring, a real store, Qt warnings fail tests."""
from __future__ import annotations

import atexit
import gc
import os
import shutil
import tempfile

# Before Qt and keyring are imported anywhere. A parent conftest may already have done this;
# the keyring's data dir is only pointed at a temp dir together with the backend, so these
# tests never write a plaintext keyring into a real user's data directory.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if "PYTHON_KEYRING_BACKEND" not in os.environ:
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
    _xdg = tempfile.mkdtemp(prefix="jxc-ui-keyring-")
    os.environ["XDG_DATA_HOME"] = _xdg
    atexit.register(shutil.rmtree, _xdg, ignore_errors=True)

import pytest  # noqa: E402
from PySide6.QtCore import QThread, QtMsgType, qInstallMessageHandler  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from app.persistence.keystore import KeyringKeyStore  # noqa: E402
from app.persistence.layout import DataDir  # noqa: E402
from app.services.setup import initialize_store  # noqa: E402
from app.ui.ops import OpsRunner  # noqa: E402
from app.ui.translations import install_translators, remove_translators  # noqa: E402

ADMIN_PASSWORD = "secret123"

# Qt messages that are not our fault. Keep this list short; each entry says why.
HARMLESS_QT_MESSAGES = (
    "This plugin does not support propagateSizeHints()",  # offscreen plugin, on every show()
)
_FAILING = (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)


class QtWarnings:
    """Records Qt warnings and critical messages, passing every message on."""

    def __init__(self) -> None:
        self.records: list[str] = []

    def handler(self, previous=None):
        def handle(mode, context, message):
            if mode in _FAILING and not any(h in message for h in HARMLESS_QT_MESSAGES):
                self.records.append(f"{mode.name}: {message}")
            if previous is not None:  # pytest-qt's own capture, for its failure reports
                previous(mode, context, message)
        return handle


QT_WARNINGS = QtWarnings()


@pytest.fixture(autouse=True)
def fail_on_qt_warnings():
    """Fails the test (at teardown, so teardown's own messages count too) on a Qt warning.

    Autouse, so it is set up before and torn down after the test's other fixtures. It
    chains to pytest-qt's capture, which installs itself just before fixtures are set up.
    """
    previous = qInstallMessageHandler(None)
    qInstallMessageHandler(QT_WARNINGS.handler(previous))
    yield
    qInstallMessageHandler(previous)
    emitted, QT_WARNINGS.records = QT_WARNINGS.records, []
    assert not emitted, "Qt warnings were emitted:\n" + "\n".join(emitted)


def _running_qthreads() -> dict[int, QThread]:
    return {id(o): o for o in gc.get_objects() if isinstance(o, QThread) and o.isRunning()}


@pytest.fixture(autouse=True)
def no_thread_left_running():
    """Fails a test that leaves a worker thread running (and stops it): at exit Qt aborts
    the whole process over a QThread destroyed while it runs, after every test passed."""
    before = _running_qthreads()
    yield
    left = {k: t for k, t in _running_qthreads().items() if k not in before}
    for thread in left.values():
        thread.quit()
        thread.wait(5000)
    assert not left, f"threads left running: {[t.objectName() for t in left.values()]}"


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch):
    """Modal boxes would block a test forever: record them instead.

    A test that expects a box checks this list and empties it; any box left over fails it.
    """
    shown: list[tuple[str, str]] = []

    def record(kind):
        def box(parent, title, text, *args, **kwargs):
            shown.append((kind, text))
            return QMessageBox.StandardButton.Ok
        return box

    for kind in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(record(kind)))
    yield shown
    assert not shown, f"unexpected message boxes: {shown}"


@pytest.fixture(scope="session")
def admin_password() -> str:
    return ADMIN_PASSWORD


@pytest.fixture(scope="session")
def store(tmp_path_factory):
    """One real encrypted store (admin / ADMIN_PASSWORD); tests only read from it."""
    layout = DataDir(tmp_path_factory.mktemp("ui") / "store")
    local = initialize_store(layout, KeyringKeyStore(), "S001", "测试门店", ADMIN_PASSWORD)
    yield local
    local.close()


@pytest.fixture
def ops(qapp):
    runner = OpsRunner()
    yield runner
    runner.shutdown()


@pytest.fixture
def zh_ui(qapp):
    """The UI in Chinese, as users get it by default."""
    translators = install_translators(qapp, "zh_CN")
    yield
    remove_translators(qapp, translators)


@pytest.fixture
def en_ui(qapp):
    translators = install_translators(qapp, "en")
    yield
    remove_translators(qapp, translators)
