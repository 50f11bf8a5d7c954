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


def start(py: Path, extra: list[str]) -> None:
    env = demo_env()
    jxc = [py, "-m", "app"]
    if not (DEMO / "store" / "store.json").exists():
        print("Creating the demo store in .demo/store ...", flush=True)
        run(jxc + ["init", "--store-code", "DEMO", "--store-name", "演示便利店",
                   "--admin-password", DEMO_PASSWORD], env)
        run(jxc + ["demo", "--products", "5000", "--seed", "1"], env)
    print(f"Demo login: admin / {DEMO_PASSWORD}", flush=True)
    run(jxc + ["gui"] + extra, env)


def test(py: Path, extra: list[str]) -> None:
    run([py, "-m", "pytest"] + extra)


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
