"""The layer contract: imports point downward only, and the domain is standard library only.

Every import statement in app/ and headoffice/ is read (function-level imports included)
and checked against the rules below; `docs/architecture.md` explains them.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STDLIB = set(sys.stdlib_module_names) | {"__future__"}

# package -> internal prefixes it may import (besides itself and the standard library)
ALLOWED = {
    "app.domain": set(),
    "app.persistence": {"app.domain"},
    "app.devices": {"app.domain"},
    "app.sync": {"app.domain", "app.persistence"},
    "app.services": {"app.domain", "app.persistence", "app.devices", "app.sync", "app.i18n"},
    # The UI names the store and data-dir types, never SQL: see FORBIDDEN_EXTERNAL.
    "app.ui": {"app.services", "app.domain", "app.i18n", "app.bootstrap",
               "app.persistence.layout", "app.persistence.store"},
    "headoffice": {"app.domain"},
}
FORBIDDEN_EXTERNAL = {
    "app.ui": {"sqlalchemy", "sqlcipher3", "sqlite3", "alembic"},
    "app.services": {"PySide6"},
    "app.persistence": {"PySide6"},
    "app.devices": {"PySide6", "sqlalchemy"},
    "app.sync": {"PySide6"},
}
INTERNAL_ROOTS = ("app", "headoffice", "bench")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(source: str, module: str, is_package: bool) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                pkg = module.split(".") if is_package else module.split(".")[:-1]
                pkg = pkg[: len(pkg) - node.level + 1]
                base = ".".join(pkg + ([base] if base else []))
            names += [f"{base}.{a.name}" if node.level and not node.module else base
                      for a in node.names]
    return names


def layer_of(module: str) -> str | None:
    return max((k for k in ALLOWED if module == k or module.startswith(k + ".")),
               key=len, default=None)


def violations(module: str, imported: list[str]) -> list[str]:
    layer = layer_of(module)
    if layer is None:
        return []
    found = []
    for name in imported:
        top = name.split(".")[0]
        if top in INTERNAL_ROOTS:
            ok = name == layer or name.startswith(layer + ".") or any(
                name == a or name.startswith(a + ".") for a in ALLOWED[layer])
            if name == "app":  # the root package itself (its __version__) is fine
                ok = layer != "app.domain"
        elif layer == "app.domain":
            ok = top in STDLIB
        else:
            ok = top not in FORBIDDEN_EXTERNAL.get(layer, set())
        if not ok:
            found.append(f"{module} imports {name}")
    return found


def all_violations() -> list[str]:
    found = []
    for base in ("app", "headoffice"):
        for path in sorted((ROOT / base).rglob("*.py")):
            mod = module_name(path)
            src = path.read_text(encoding="utf-8")
            found += violations(mod, imports_of(src, mod, path.name == "__init__.py"))
    return found


def test_the_code_keeps_the_layer_contract():
    assert all_violations() == []


@pytest.mark.parametrize("module, source", [
    ("app.domain.money", "import sqlalchemy"),
    ("app.domain.money", "from PySide6.QtCore import QObject"),
    ("app.domain.money", "from app.persistence.schema import Product"),
    ("app.domain.money", "def f():\n    import requests"),
    ("app.persistence.repo", "from app.services.auth import sign_in"),
    ("app.persistence.repo", "from ..services import auth"),
    ("app.services.sale", "from app.ui.main_window import MainWindow"),
    ("app.services.sale", "from PySide6.QtCore import Signal"),
    ("app.ui.page", "from sqlalchemy import select"),
    ("app.ui.page", "from app.persistence.schema import Product"),
    ("app.devices.scanner", "from app.services.sale import post"),
    ("headoffice.api", "from app.ui import app"),
    ("app.domain.money", "from app import __version__"),
])
def test_the_checker_catches_violations(module, source):
    is_pkg = False
    assert violations(module, imports_of(source, module, is_pkg)), source


@pytest.mark.parametrize("module, source", [
    ("app.domain.money", "from decimal import Decimal\nfrom app.domain.errors import DomainError"),
    ("app.domain.money", "from . import errors"),
    ("app.persistence.repo", "from app.domain.errors import JxcError\nimport sqlalchemy"),
    ("app.services.sale", "from app.persistence.uow import UnitOfWork"),
    ("app.ui.page", "from app.services.auth import sign_in\nfrom PySide6.QtCore import Qt"),
])
def test_the_checker_allows_downward_imports(module, source):
    assert violations(module, imports_of(source, module, False)) == []
