"""Write-offs with a reason and a photo; transfers out and in with discrepancies."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.persistence.schema import Document
from app.persistence.uow import UnitOfWork

from app.services.inventory.handlers import NotEnoughStock
from app.services.inventory.queries import document, stock
from app.services.stock_work.common import NothingToPost
from app.services.stock_work.transfers import open_transfers, receive_transfer, send_transfer
from app.services.stock_work.write_offs import (BadPhoto, UnknownReason, WriteOffLine,
                                                write_off)
from conftest import ADMIN


def _on_hand(store, sku, wh="MAIN"):
    rows = stock(store, sku=sku, warehouse=wh)
    return rows[0]["on_hand"] if rows else "0"


def test_write_off_keeps_the_photo_in_the_data_dir(shop, tmp_path):
    photo = tmp_path / "broken.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 jpeg")
    done = write_off(shop, ADMIN, "MAIN", [WriteOffLine("COLA", 3000, "damaged")], photo=photo,
                     note="摔坏", doc_id="bs-1")
    assert done.photo == shop.layout.root / "photos" / "write_offs" / "bs-1.jpg"
    assert done.photo.read_bytes() == photo.read_bytes()
    shown = document(shop, "bs-1")
    assert shown["status"] == "posted" and shown["lines"][0]["qty"] == "3"
    assert _on_hand(shop, "COLA") == "97"
    with UnitOfWork(shop.engine, write=False) as uow:
        note = uow.session.scalars(select(Document.note).where(Document.uuid == "bs-1")).one()
    assert note == "摔坏 [photo: photos/write_offs/bs-1.jpg]"


def test_refused_write_off_leaves_no_photo_behind(shop, tmp_path):
    photo = tmp_path / "p.png"
    photo.write_bytes(b"\x89PNG")
    with pytest.raises(NotEnoughStock):
        write_off(shop, ADMIN, "MAIN", [WriteOffLine("COLA", 500_000, "lost")], photo=photo,
                  doc_id="bs-2")
    assert not (shop.layout.root / "photos" / "write_offs" / "bs-2.png").exists()
    with pytest.raises(UnknownReason):
        write_off(shop, ADMIN, "MAIN", [WriteOffLine("COLA", 1000, "because")])
    with pytest.raises(BadPhoto):
        write_off(shop, ADMIN, "MAIN", [WriteOffLine("COLA", 1000, "lost")],
                  photo=tmp_path / "x.exe")
    with pytest.raises(NothingToPost):
        write_off(shop, ADMIN, "MAIN", [])


def test_transfer_out_then_in_with_a_shortage(shop):
    sent = send_transfer(shop, ADMIN, "MAIN", "W2", [("COLA", 10_000)],
                         doc_id="tr-1")
    assert sent.status == "posted" and _on_hand(shop, "COLA") == "90"
    waiting = open_transfers(shop, ADMIN)
    assert [(t.id, t.source, t.destination) for t in waiting] == [("tr-1", "MAIN", "W2")]
    assert waiting[0].lines[0].qty_milli == 10_000
    got = receive_transfer(shop, ADMIN, waiting[0], {"COLA": 8_000}, doc_id="tr-1-in")
    assert got.result.status == "posted"
    assert [(d.sku, d.sent_milli, d.received_milli, d.short_milli) for d in got.discrepancies] \
        == [("COLA", 10_000, 8_000, 2_000)]
    assert _on_hand(shop, "COLA", "W2") == "8" and open_transfers(shop, ADMIN) == []
    voucher = {v["account"]: v for v in document(shop, "tr-1-in")["voucher"]}
    assert voucher["1901"]["debit"] == "4.00"  # the shortage at cost


def test_receiving_nothing_is_refused_clearly(shop):
    send_transfer(shop, ADMIN, "MAIN", "W2", [("COLA", 1_000)], doc_id="tr-2")
    with pytest.raises(NothingToPost) as err:
        receive_transfer(shop, ADMIN, open_transfers(shop, ADMIN)[0], {})
    assert "nothing arrived" in err.value.message("en")
