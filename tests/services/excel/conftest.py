"""A store with the inventory tests' small shop (COLA, MILK, RICE, supplier S01, W2)."""
from __future__ import annotations

import pytest

from helpers import add_catalog


@pytest.fixture
def shop(new_store):
    add_catalog(new_store)
    return new_store
