"""Where the app's non-code files (translations, later icons) live."""
from __future__ import annotations

from pathlib import Path

import app as app_package


def resources_dir() -> Path:
    """`resources/` beside the `app` package (the project root in a checkout)."""
    return Path(app_package.__file__).resolve().parents[1] / "resources"


def i18n_dir() -> Path:
    return resources_dir() / "i18n"
