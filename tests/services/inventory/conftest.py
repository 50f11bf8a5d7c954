"""A store with a small catalog, and a poster that speaks the JSON document format."""
from __future__ import annotations

from itertools import count

import pytest

from app.services.inventory.posting import post_document
from app.services.records import Actor
from helpers import add_catalog

ADMIN = Actor(None, "test-admin", "admin")


@pytest.fixture
def store(new_store):
    add_catalog(new_store)
    return new_store


@pytest.fixture
def post(store):
    ids = count(1)

    def _post(kind: str, lines: list[dict], actor: Actor = ADMIN, **fields):
        raw = {"type": kind, "id": fields.pop("id", f"{kind}-{next(ids)}"), "lines": lines, **fields}
        return post_document(store, actor, raw)

    return _post
