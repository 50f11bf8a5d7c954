"""Helpers shared by the tests (imported as `helpers`; tests/ is on sys.path)."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ADMIN_PASSWORD = "secret123"
ROOT = Path(__file__).resolve().parents[1]


def snapshot(root: Path) -> dict[str, str]:
    """Every file below root with the sha256 of its bytes (to prove nothing changed)."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def run_jxc(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `python -m app ARGS` as a user would, with the tests' isolated keyring."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True,
                          text=True, env=full_env, cwd=ROOT, timeout=120)
