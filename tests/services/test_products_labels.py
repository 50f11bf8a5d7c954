"""Shelf labels and price tags: the PDF carries the Chinese names, prices and barcodes, one
label per page on rolls, a grid on A4 sheets; pdfium renders it to a picture with ink."""
from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from sqlalchemy import select

from app.domain.permissions import PermissionDenied
from app.persistence.schema import Product, ProductBarcode
from app.persistence.uow import UnitOfWork
from app.services.labels import LabelRequestInvalid, PAPERS, barcode_kind, label_pdf
from app.services.records import Actor
from helpers import add_catalog

ADMIN = Actor(1, "admin", "admin")


@pytest.fixture
def shop(new_store):
    add_catalog(new_store)
    with UnitOfWork(new_store.engine) as uow:
        s = uow.session
        ids = dict(s.execute(select(Product.sku, Product.id)).all())
        s.add(ProductBarcode(barcode="6901234567892", product_id=ids["COLA"], is_primary=True))
        s.add(ProductBarcode(barcode="MILK01", product_id=ids["MILK"], is_primary=True))
        s.get(Product, ids["COLA"]).member_price_fen = 320
        uow.commit()
    return new_store, ids


def _pages(data: bytes) -> list:
    return list(pdfium.PdfDocument(data))


def _text(page) -> str:
    return page.get_textpage().get_text_range()


def test_roll_labels_one_per_page_with_name_price_and_barcode(shop):
    store, ids = shop
    data = label_pdf(store, [(ids["COLA"], 2), (ids["MILK"], 1)], "roll_40x30", "shelf",
                     actor=ADMIN)
    pages = _pages(data)
    assert len(pages) == 3
    width, height = pages[0].get_size()
    assert round(width / 72 * 25.4) == 40 and round(height / 72 * 25.4) == 30
    first = _text(pages[0])
    for part in ("可口可乐", "3.50", "会员价", "3.20", "COLA", "6901234567892"):
        assert part in first.replace("\r\n", "").replace(" ", "") or part in first, part
    assert "光明" in _text(pages[2]) and "MILK" in _text(pages[2])


def test_a4_sheet_fills_a_grid_and_skips_used_positions(shop, tmp_path):
    store, ids = shop
    data = label_pdf(store, [(ids["COLA"], 20), (ids["RICE"], 5)], "a4_3x8", "price_tag",
                     skip=2, actor=ADMIN)
    pages = _pages(data)
    assert len(pages) == 2  # 2 skipped + 25 labels = 27 positions, 24 per sheet
    assert _text(pages[1]).count("RICE") == 3
    image = pages[0].render(scale=1).to_pil().convert("L")
    image.save(tmp_path / "sheet.png")
    top_left = image.crop((0, 0, image.width // 3, image.height // 8))
    second_row = image.crop((0, image.height // 8, image.width // 3, image.height // 4))
    assert top_left.getextrema()[0] == 255  # a skipped position stays blank
    assert second_row.getextrema()[0] < 100  # a printed one has ink


def test_requests_are_checked(shop):
    store, ids = shop
    for bad in ([], [(ids["COLA"], 0)], [(ids["COLA"], 501)], [(99999, 1)]):
        with pytest.raises(LabelRequestInvalid):
            label_pdf(store, bad, actor=ADMIN)
    with pytest.raises(LabelRequestInvalid):
        label_pdf(store, [(ids["COLA"], 1)], "a4_3x8", skip=24, actor=ADMIN)
    with pytest.raises(LabelRequestInvalid):
        label_pdf(store, [(ids["COLA"], 1)], "letter", actor=ADMIN)
    with pytest.raises(PermissionDenied):
        label_pdf(store, [(ids["COLA"], 1)], actor=Actor(3, "c", "cashier"))


def test_barcode_symbologies_and_papers():
    assert barcode_kind("6901234567892") == "EAN13"
    assert barcode_kind("96385074") == "EAN8"
    assert barcode_kind("036000291452") == "UPCA"
    assert barcode_kind("COLA-1") == "Code128"
    assert {"a4_3x8", "roll_40x30", "roll_60x40"} <= set(PAPERS)
