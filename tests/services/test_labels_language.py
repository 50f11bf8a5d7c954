"""Shelf labels and price tags in the store's language (setting `store.language`): the fixed
words follow the store, the product's own name prints as entered."""
from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from sqlalchemy import select

from app.persistence.schema import Product
from app.persistence.uow import UnitOfWork
from app.services import settings
from app.services.labels import label_pdf
from app.services.records import Actor
from helpers import add_catalog

ADMIN = Actor(1, "admin", "admin")


@pytest.fixture
def shop(new_store):
    add_catalog(new_store)
    with UnitOfWork(new_store.engine) as uow:
        cola = uow.session.scalars(select(Product).where(Product.sku == "COLA")).one()
        cola.member_price_fen = 320
        uow.commit()
        return new_store, cola.id


def read(data: bytes) -> tuple[str, str]:
    """(the words on the first label, the PDF's title)."""
    pdf = pdfium.PdfDocument(data)
    words = pdf[0].get_textpage().get_text_range().replace("\r\n", "")
    return words, pdf.get_metadata_dict().get("Title", "")


@pytest.mark.parametrize("kind, title", [("shelf", "Shelf label"), ("price_tag", "Price tag")])
def test_an_english_store_prints_english_labels(shop, kind, title):
    store, cola = shop
    settings.change(store, ADMIN, "store.language", "en")
    words, pdf_title = read(label_pdf(store, [(cola, 1)], "roll_60x40", kind, actor=ADMIN))
    assert "Member 3.20" in words and "会员价" not in words
    assert "可口可乐" in words and "3.50" in words  # the product's name as entered
    assert pdf_title == title


def test_a_chinese_store_prints_chinese_labels_unless_asked_otherwise(shop):
    store, cola = shop
    words, title = read(label_pdf(store, [(cola, 1)], "roll_60x40", "shelf", actor=ADMIN))
    assert "会员价 3.20" in words and "Member" not in words and title == "货架标签"
    words, title = read(label_pdf(store, [(cola, 1)], "roll_60x40", "shelf", lang="en",
                                  actor=ADMIN))
    assert "Member 3.20" in words and title == "Shelf label"
