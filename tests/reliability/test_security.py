"""Item 7: secrets at rest, and failing closed without the key.

A canary string goes in through every input path that exists today: a product import
(the CLI), a customer record, a sale's note, customer and payment reference (the CLI),
a refused document naming it, `doc show`, `verify`, `--debug` runs and the pre-upgrade
safety copy and an encrypted backup (`jxc backup now`). Then every file under the data
directory (database, -wal, -shm, logs, backups) is searched for it in UTF-8, GB18030 and UTF-16, and for the store key itself.
Without its key, or with a wrong one, a sale is refused in one line and no file changes.

A Luhn-valid card number typed into a payment reference or a note is refused, so it is
never stored (nor put in the outbox payload for head office).
"""
from __future__ import annotations

import json
from datetime import datetime

import keyring
import pytest
from sqlalchemy import text

import harness
from app.domain.money import format_money
from app.persistence.keystore import SERVICE, entry_name, new_raw_key
from app.persistence.store import StoreIdentity
from helpers import snapshot
from reliability_support import run_cli

CANARY = "金丝猴CANARY奶糖5319"
CANARY_SKU = "CANARY5319"
PAN = "4111111111111111"  # a Luhn-valid test card number


def encodings(value: str) -> list[bytes]:
    return [value.encode(e) for e in ("utf-8", "gb18030", "utf-16-le", "utf-16-be")]


def found_in(root, needles: list[bytes]) -> list[str]:
    hits = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        hits += [f"{path.relative_to(root)}: {n!r}" for n in needles if n in data]
    return hits


def jxc(layout, *args, debug: bool = False, in_process: bool = True):
    """(exit code, stdout, stderr) of `jxc --data-dir LAYOUT [--debug] ARGS`."""
    return run_cli("--data-dir", str(layout.root), *(["--debug"] if debug else []), *args,
                   in_process=in_process)


def _add_customer(layout, keys) -> None:
    from app.persistence.schema import Customer
    from app.persistence.store import open_store
    from app.persistence.uow import UnitOfWork

    store = open_store(layout, keys)
    try:
        with UnitOfWork(store.engine) as uow:
            uow.session.add(Customer(code="C5319", name=CANARY, phone="13900005319",
                                     created_at=datetime(2026, 11, 22)))
            uow.commit()
    finally:
        store.close()


def _use_every_path(layout, keys, tmp_path, debug: bool) -> None:
    csv = tmp_path / "products.csv"  # the user's own file, outside the data directory
    csv.write_text("sku,name,barcode,unit,retail_price,category,costing,shelf_life_days\n"
                   f"{CANARY_SKU},{CANARY},,瓶,9.90,,,\n", encoding="utf-8-sig")
    assert jxc(layout, "import", "products", str(csv), debug=debug)[0] == 0
    _add_customer(layout, keys)
    docs = tmp_path / "docs.json"
    docs.write_text(json.dumps([
        {"type": "opening_stock", "id": "canary-open", "note": CANARY,
         "lines": [{"sku": CANARY_SKU, "qty": "10", "unit_cost": "5.00"}]},
        {"type": "sale", "id": "canary-sale", "note": CANARY, "customer": "C5319",
         "lines": [{"sku": CANARY_SKU, "qty": "1", "unit_price": "9.90"}],
         "payments": [{"method": "wechat", "amount": "9.90", "reference": CANARY[:12]}]},
    ], ensure_ascii=False), encoding="utf-8")
    code, _, err = jxc(layout, "doc", "post", str(docs), debug=debug, in_process=False)
    assert code == 0, err
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"type": "sale", "id": "canary-bad", "note": CANARY,
                               "lines": [{"sku": CANARY + "X", "qty": "1"}]}), encoding="utf-8")
    code, _, err = jxc(layout, "doc", "post", str(bad), debug=debug)
    assert code == 1 and CANARY in err  # shown to the user, not logged
    for args in (["doc", "show", "canary-sale"], ["verify"], ["stock", "--sku", CANARY_SKU]):
        assert jxc(layout, *args, debug=debug)[0] == 0
    code, _, err = jxc(layout, "backup", "now", debug=debug)  # compressed, then encrypted
    assert code == 0, err


@pytest.mark.parametrize("debug", [False, True], ids=["normal", "debug"])
def test_the_canary_is_never_readable_under_the_data_directory(shop, keys, tmp_path, debug):
    from app.persistence import migrate
    from app.persistence.store import open_store

    _use_every_path(shop, keys, tmp_path, debug)
    store = open_store(shop, keys)
    try:
        migrate._safety_copy(store.engine, shop.backups, "canary")  # what an upgrade writes
        with store.engine.connect() as conn:  # and the canary really is in the database
            assert conn.execute(text("SELECT name FROM products WHERE sku = :s"),
                                {"s": CANARY_SKU}).scalar() == CANARY
            assert conn.execute(text("SELECT count(*) FROM outbox WHERE payload LIKE :c"),
                                {"c": f"%{CANARY}%"}).scalar() >= 2
        live = sorted(p.name for p in shop.root.iterdir())  # scanned while open: WAL and shm
        assert {"jxc.db-wal", "logs", "backups"} <= set(live)
        assert list(shop.backups.glob("*.jxcbak"))  # the nightly kind of backup is there too
        key = keys.get(StoreIdentity.read(shop.identity).store_uuid)
        assert found_in(shop.root, [*encodings(CANARY), *encodings(CANARY_SKU), b"CANARY",
                                    key.encode(), key.upper().encode(), bytes.fromhex(key)]) == []
    finally:
        store.close()
    assert found_in(shop.root, [*encodings(CANARY), b"CANARY"]) == []  # after the checkpoint


def _sale_file(tmp_path):
    path = tmp_path / "sale.json"
    path.write_text(json.dumps(harness.sale(0, 0, 1)), encoding="utf-8")
    return path


def test_without_its_key_the_store_refuses_a_sale_and_changes_nothing(shop, keys, tmp_path):
    store_uuid = StoreIdentity.read(shop.identity).store_uuid
    key = keys.get(store_uuid)
    keyring.delete_password(SERVICE, entry_name(store_uuid))
    try:
        before = snapshot(shop.root)
        code, out, err = jxc(shop, "doc", "post", str(_sale_file(tmp_path)), in_process=False)
        assert code == 1 and out == "" and err.count("\n") == 1 and entry_name(store_uuid) in err
        assert snapshot(shop.root) == before and not shop.logs.exists()
    finally:
        keys.put(store_uuid, key)


def test_with_a_wrong_key_the_store_refuses_a_sale_and_changes_nothing(shop, keys, tmp_path):
    store_uuid = StoreIdentity.read(shop.identity).store_uuid
    key = keys.get(store_uuid)
    keys.put(store_uuid, new_raw_key())
    try:
        before = snapshot(shop.root)
        code, out, err = jxc(shop, "doc", "post", str(_sale_file(tmp_path)), in_process=False)
        assert code == 1 and out == "" and err.count("\n") == 1
        assert "key" in err and snapshot(shop.root) == before
    finally:
        keys.put(store_uuid, key)
    assert jxc(shop, "doc", "post", str(_sale_file(tmp_path)))[0] == 0  # the right key again


def _card_number_stored(shop, keys, admin, raw) -> bool:
    from app.persistence.store import open_store
    from app.services.inventory.posting import post_document

    store = open_store(shop, keys)
    try:
        try:
            post_document(store, admin, raw)
        except Exception:  # noqa: BLE001  (refusing it is one acceptable answer)
            pass
        with store.engine.connect() as conn:  # every value of every table, as text
            tables = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))
            dump = "\n".join(str(row) for (table,) in tables.all()
                             for row in conn.execute(text(f'SELECT * FROM "{table}"')))
    finally:
        store.close()
    return PAN in dump.replace(" ", "").replace("-", "")


@pytest.mark.parametrize("where", ["reference", "note"])
def test_a_card_number_is_never_stored(shop, keys, admin, where):
    raw = harness.sale(0, 0, 1)
    raw["payments"] = [{"method": "card", "amount": format_money(harness.total_fen(raw["lines"]))}]
    if where == "reference":
        raw["payments"][0]["reference"] = "4111 1111 1111 1111"
    else:
        raw["note"] = f"card {PAN} exp 12/29"
    assert not _card_number_stored(shop, keys, admin, raw)
