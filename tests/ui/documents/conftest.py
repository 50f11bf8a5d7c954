"""The documents screens on a real store (the purchasing tests' shop)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "purchasing"))

from back_office_shop import make_shop  # noqa: E402


@pytest.fixture
def shop(new_store):
    return make_shop(new_store)
