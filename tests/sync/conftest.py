"""Fixtures of the sync tests: the head-office helpers live in tests/headoffice."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "headoffice"))

from hqtest_fixtures import hq, tills  # noqa: E402,F401  (fixtures)
