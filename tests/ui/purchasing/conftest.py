"""The purchasing screens on a real store (see back_office_shop)."""
from __future__ import annotations

import pytest

from back_office_shop import make_shop


@pytest.fixture
def shop(new_store):
    return make_shop(new_store)
