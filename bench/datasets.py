"""Benchmark datasets, built once by the demo generator and cached per scale.

A dataset is an ordinary store in `.bench-cache/<scale>-v<N>/store`. Its key is kept in a
plain file beside it (`key.json`): benchmark data is synthetic, and a cached dataset must
open in later runs on machines without an OS keyring. Never use this for a real store.
"""
from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from app.persistence.layout import DataDir
from app.persistence.store import LocalStore, open_store

DATASET_VERSION = 1
SCALES = {"tiny": 1_000, "small": 20_000, "full": 1_000_000}
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CACHE = ROOT / ".bench-cache"


class FileKeyStore:
    """KeyStore over a JSON file: for synthetic benchmark datasets only."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def get(self, store_uuid: str) -> str | None:
        if not self.path.exists():
            return None
        return json.loads(self.path.read_text()).get(store_uuid)

    def put(self, store_uuid: str, key_hex: str) -> None:
        data = json.loads(self.path.read_text()) if self.path.exists() else {}
        data[store_uuid] = key_hex
        self.path.write_text(json.dumps(data))


@dataclass
class Dataset:
    scale: str
    products: int
    layout: DataDir
    keys: FileKeyStore
    build_seconds: float
    built_now: bool

    def open(self) -> LocalStore:
        return open_store(self.layout, self.keys)


def dataset(scale: str, cache: Path = DEFAULT_CACHE, progress=None) -> Dataset:
    """The cached dataset of this scale, built first if missing or unfinished."""
    from app.services.demo import populate_demo
    from app.services.setup import initialize_store

    folder = cache / f"{scale}-v{DATASET_VERSION}"
    done = folder / "done.json"
    keys, layout = FileKeyStore(folder / "key.json"), DataDir(folder / "store")
    if done.exists():
        meta = json.loads(done.read_text())
        return Dataset(scale, meta["products"], layout, keys, meta["build_seconds"], False)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    store = initialize_store(layout, keys, "BENCH", "基准测试店", "bench-password")
    try:
        populate_demo(store, products=SCALES[scale], days=0, seed=42, progress=progress)
    finally:
        store.close()
    seconds = time.perf_counter() - started
    done.write_text(json.dumps({"products": SCALES[scale], "build_seconds": seconds}))
    return Dataset(scale, SCALES[scale], layout, keys, seconds, True)


def sale_stores(ds: Dataset, root: Path, skus: int = 200) -> tuple[DataDir, DataDir, list[str]]:
    """Two identical copies of the dataset, each with opening stock (100,000 units at 1.00)
    of the first `skus` stock-tracked products without a shelf life: one for the posting
    service, one for the plain-SQL floor, so both write into the same kind of database."""
    from sqlalchemy import text

    from app.services.inventory.posting import post_document
    from app.services.records import Actor

    service, floor = DataDir(root / "service"), DataDir(root / "floor")
    shutil.copytree(ds.layout.root, service.root)
    store = open_store(service, ds.keys)
    try:
        with store.engine.connect() as conn:
            chosen = list(conn.execute(text(
                "SELECT sku FROM products WHERE is_stock_tracked = 1 AND shelf_life_days IS NULL "
                "ORDER BY id LIMIT :n"), {"n": skus}).scalars())
        post_document(store, Actor(None, "bench", "admin"), {
            "type": "opening_stock", "id": "bench-open",
            "lines": [{"sku": s, "qty": "100000", "unit_cost": "1.00"} for s in chosen]})
    finally:
        store.close()
    shutil.copytree(service.root, floor.root)
    return service, floor, chosen
