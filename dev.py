#!/usr/bin/env python3
"""Set up JXC in a local virtual environment, then run it or test it.

    python3 dev.py start        set up, create the demo store if missing, open the app
    python3 dev.py test [ARGS]  set up, run the whole test suite (ARGS go to pytest)
    python3 dev.py jxc ARGS     set up, run the `jxc` command line in the environment

Needs only Python 3.11+ (on Windows: `py dev.py start`). The environment lives in
`.venv/` beside this file and is reinstalled only when pyproject.toml changes.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
DEMO = ROOT / ".demo"
DEMO_PASSWORD = "demo1234"


def venv_python() -> Path:
    sub = "Scripts/python.exe" if os.name == "nt" else "bin/python"
    return VENV / sub


def ensure_env() -> Path:
    if sys.version_info < (3, 11):
        sys.exit(f"JXC needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    py = venv_python()
    if not py.exists():
        print("Creating virtual environment in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / ".jxc-installed"
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text() != want:
        print("Installing JXC and its dependencies (first run takes a few minutes) ...", flush=True)
        run([py, "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
        run([py, "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[dev]"])
        stamp.write_text(want)
    return py


def run(cmd, env=None) -> None:
    result = subprocess.run([str(c) for c in cmd], cwd=ROOT, env=env)
    if result.returncode != 0:
        sys.exit(result.returncode)


def demo_env() -> dict[str, str]:
    """The demo store keeps its key in a file keyring under .demo/ (never for real stores)."""
    env = dict(os.environ)
    env["JXC_DATA_DIR"] = str(DEMO / "store")
    if sys.platform.startswith("linux"):
        env["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
        env["XDG_DATA_HOME"] = str(DEMO / "keyring")
    return env


def linux_desktop_check(py: Path) -> None:
    """Say exactly what a Linux desktop lacks for Qt, instead of failing inside Qt."""
    if not sys.platform.startswith("linux"):
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and \
            os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        sys.exit("No graphical display found (DISPLAY/WAYLAND_DISPLAY unset). Run this from a "
                 "desktop session, or over `ssh -X`.")
    site = subprocess.run([py, "-c", "import PySide6, os; print(os.path.dirname(PySide6.__file__))"],
                          capture_output=True, text=True).stdout.strip()
    plugin = Path(site) / "Qt/plugins/platforms/libqxcb.so"
    missing = []
    if plugin.exists() and os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True).stdout
        missing = sorted({ln.split()[0] for ln in out.splitlines() if "not found" in ln})
    missing_cursor = subprocess.run(["sh", "-c", "ldconfig -p | grep -q libxcb-cursor.so.0"]).returncode
    if missing_cursor and os.environ.get("DISPLAY"):
        missing.append("libxcb-cursor.so.0")
    if missing:
        pkgs = " ".join(debian_package(lib) for lib in missing)
        sys.exit(f"Qt needs system libraries that are missing: {', '.join(missing)}.\n"
                 f"On Debian/Ubuntu: sudo apt-get install {pkgs}")
    fonts = subprocess.run(["sh", "-c", "fc-list :lang=zh 2>/dev/null | head -1"],
                           capture_output=True, text=True).stdout.strip()
    if not fonts:
        print("Warning: no Chinese font installed, Chinese text will show as boxes. "
              "On Debian/Ubuntu: sudo apt-get install fonts-noto-cjk", flush=True)


def debian_package(soname: str) -> str:
    """libxcb-icccm.so.4 -> libxcb-icccm4 (Debian's naming for shared libraries)."""
    name, _, version = soname.partition(".so.")
    return f"{name}{'-' if name[-1].isdigit() else ''}{version}"


def start(py: Path, extra: list[str]) -> None:
    linux_desktop_check(py)
    env = demo_env()
    jxc = [py, "-m", "app"]
    if not (DEMO / "store" / "store.json").exists():
        print("Creating the demo store in .demo/store ...", flush=True)
        run(jxc + ["init", "--store-code", "DEMO", "--store-name", "演示便利店",
                   "--admin-password", DEMO_PASSWORD], env)
        run(jxc + ["demo", "--products", "5000", "--days", "14", "--seed", "1"], env)
    print(f"Demo login: admin / {DEMO_PASSWORD}", flush=True)
    run(jxc + ["gui"] + extra, env)


def test(py: Path, extra: list[str]) -> None:
    # one worker per core; a test file stays on one worker (its module fixtures run once)
    run([py, "-m", "pytest", "-n", "auto", "--dist", "loadfile"] + extra)


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in {"start", "test", "jxc"}:
        sys.exit(__doc__)
    py = ensure_env()
    cmd, extra = argv[0], argv[1:]
    if cmd == "start":
        start(py, extra)
    elif cmd == "test":
        test(py, extra)
    else:
        run([py, "-m", "app"] + extra)


if __name__ == "__main__":
    main(sys.argv[1:])
