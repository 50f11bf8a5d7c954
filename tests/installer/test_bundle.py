"""The one-folder bundle (installer/jxc.spec) builds and works: `jxc --version` and
`jxc selftest` run from dist/jxc/ with nothing of the checkout on the path.

Slow (one to three minutes of PyInstaller), so opt-in: `python3 dev.py test -m slow
tests/installer`.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__
from helpers import ROOT

pytestmark = pytest.mark.slow
EXE = "jxc.exe" if os.name == "nt" else "jxc"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bundle")
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(out / "dist"),
         "--workpath", str(out / "work"), str(ROOT / "installer" / "jxc.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert build.returncode == 0, build.stderr[-4000:]
    return out / "dist" / "jxc"


def _clean_env(home: Path) -> dict[str, str]:
    """No Python paths of the checkout, no test keyring: the bundle must bring its own."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "VIRTUAL_ENV", "QT_", "JXC_"))}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), JXC_LANG="en")
    return env


def _run(bundle: Path, *args: str, home: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(bundle / EXE), *args], capture_output=True, text=True,
                          cwd=home, env=_clean_env(home), timeout=300)


def test_the_bundle_holds_what_the_app_loads_from_files(bundle):
    internal = bundle / "_internal"
    assert (bundle / EXE).is_file() and (bundle / ("jxcw.exe" if os.name == "nt" else "jxcw")).is_file()
    plugins = internal / "PySide6" / "Qt" / "plugins"
    platform = "qwindows" if os.name == "nt" else "qoffscreen"
    assert list((plugins / "platforms").glob(f"*{platform}*"))
    assert list((plugins / "imageformats").glob("*qjpeg*"))
    assert (internal / "resources" / "i18n" / "jxc_zh_CN.qm").is_file()
    assert list((internal / "PySide6" / "Qt" / "translations").glob("qtbase_zh_CN.qm"))
    for package in ("app/persistence", "headoffice"):
        migrations = internal / package / "migrations"
        assert (migrations / "env.py").is_file() and (migrations / "script.py.mako").is_file()
        assert len(list((migrations / "versions").glob("0*.py"))) >= 4
    assert list((internal / "sqlcipher3").glob("_sqlite3*"))


def test_version_from_the_bundle(bundle, tmp_path):
    done = _run(bundle, "--version", home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"jxc, version {__version__}"


def test_selftest_from_the_bundle(bundle, tmp_path):
    done = _run(bundle, "selftest", "--screenshot", str(tmp_path / "window.png"), home=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[-1] == "OK"
    assert "(bundle)" in lines[0] and str(bundle) in lines[0]
    for step in ("create store", "sign in", "post sale", "PDF report", "desktop window"):
        assert any(line.startswith(f"ok  {step}") for line in lines), done.stdout
    assert (tmp_path / "window.png").stat().st_size > 10_000
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").rglob("store.json"))
