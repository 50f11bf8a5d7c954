"""Helpers shared by the backup tests (a unique module name: every test dir has a conftest)."""
from __future__ import annotations

from itertools import count

from app.services.backup import BackupSettings
from app.services.inventory.posting import post_document
from app.services.records import Actor

ADMIN = Actor(None, "test-admin", "admin")
FAST = BackupSettings(pages_per_step=4)


class MemoryKeys:
    """An empty keyring, as on a freshly installed PC."""

    def __init__(self) -> None:
        self.data: dict[str, str] = {}

    def get(self, store_uuid: str) -> str | None:
        return self.data.get(store_uuid)

    def put(self, store_uuid: str, key_hex: str) -> None:
        self.data[store_uuid] = key_hex


_ids = count(1)


def sell(store, doc_id: str | None = None):
    return post_document(store, ADMIN, {
        "type": "sale", "id": doc_id or f"sale-{next(_ids)}",
        "lines": [{"sku": "COLA", "qty": "1", "unit_price": "3.50"}],
        "payments": [{"method": "cash", "amount": "3.50"}]})


def invoke(cli, store, *args, lang="en"):
    from click.testing import CliRunner

    return CliRunner().invoke(cli, ["--data-dir", str(store.layout.root), *args],
                              env={"JXC_LANG": lang})
