"""The database, -wal and -shm hold no plaintext after a commit."""
from __future__ import annotations

from datetime import datetime

from app.persistence.schema import Product, ProductBarcode, Unit
from app.persistence.uow import UnitOfWork
from sqlalchemy import select

CANARY = "金丝猴奶糖CANARY7788"
CANARY_BARCODE = "6912345678905"


def test_no_plaintext_in_db_wal_or_shm(new_store):
    with UnitOfWork(new_store.engine) as uow:
        unit = uow.session.scalars(select(Unit)).first()
        product = Product(sku="CANARY-SKU-1", name=CANARY, unit_id=unit.id,
                          created_at=datetime(2026, 11, 22))
        uow.session.add(product)
        uow.session.flush()
        uow.session.add(ProductBarcode(barcode=CANARY_BARCODE, product_id=product.id))
        uow.commit()
    # The pool keeps its connection open, so the commit is still in the WAL: scan it there.
    files = new_store.layout.db_files()
    assert all(f.exists() for f in files), [f.name for f in files if not f.exists()]
    assert files[1].stat().st_size > 0, "the commit should still be in the WAL"
    needles = [b"SQLite format 3", b"CREATE TABLE", b"CANARY", CANARY.encode("utf-8"),
               CANARY.encode("gb18030"), CANARY.encode("utf-16-le"), CANARY_BARCODE.encode()]
    for f in files:
        data = f.read_bytes()
        for needle in needles:
            assert needle not in data, f"{needle!r} readable in {f.name}"
    with UnitOfWork(new_store.engine, write=False) as uow:  # and it is really there
        assert uow.session.scalar(select(Product.name).where(Product.sku == "CANARY-SKU-1")) == CANARY
