"""The drawing of a label PDF, independent of dates and ids: each page's content stream,
decompressed. The golden file `data/labels_before_templates.json` holds these streams as
`label_pdf` wrote them before label templates existed (commit a57655f), so a test can show
that the default template draws exactly the same labels."""
from __future__ import annotations

import base64
import re
import zlib

import pypdfium2 as pdfium

CASES = {  # name: (items by SKU and copies, paper, kind)
    "roll_shelf": ([("COLA", 1), ("MILK", 1), ("RICE", 1)], "roll_60x40", "shelf"),
    "roll_tag": ([("COLA", 1), ("MILK", 1)], "roll_40x30", "price_tag"),
    "sheet_shelf": ([("COLA", 2), ("RICE", 1)], "a4_4x10", "shelf"),
    "sheet_tag": ([("MILK", 2), ("COLA", 1)], "a4_3x8", "price_tag"),
}


def page_streams(data: bytes) -> list[str]:
    """The content streams in page order (pdfium counts the pages; the streams are the
    FlateDecode streams that are not fonts or forms, in the order reportlab writes them)."""
    pages = len(pdfium.PdfDocument(data))
    found = []
    for m in re.finditer(rb"<<\s*/Filter \[ /ASCII85Decode /FlateDecode \] /Length (\d+)"
                         rb"\s*>>\s*stream\r?\n", data):
        raw = data[m.end():m.end() + int(m.group(1))]
        try:
            text = zlib.decompress(base64.a85decode(raw, adobe=True)).decode("latin-1")
        except (zlib.error, ValueError):
            continue
        if " Tf" in text or " re" in text or " m " in text:
            found.append(text)
    return found[-pages:] if len(found) >= pages else found


def prepare(store) -> dict[str, int]:
    """The small shop of the golden file: COLA with an EAN-13 and a member price, MILK with
    a Code 128 code and a specification, RICE without a barcode. Product ids by SKU."""
    from sqlalchemy import select

    from app.persistence.schema import Product, ProductBarcode
    from app.persistence.uow import UnitOfWork
    from helpers import add_catalog

    add_catalog(store)
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        ids = dict(s.execute(select(Product.sku, Product.id)).all())
        s.add(ProductBarcode(barcode="6901234567892", product_id=ids["COLA"], is_primary=True))
        s.add(ProductBarcode(barcode="MILK01", product_id=ids["MILK"], is_primary=True))
        s.get(Product, ids["COLA"]).member_price_fen = 320
        s.get(Product, ids["MILK"]).spec = "250ml×24"
        uow.commit()
    return ids


def streams(store, ids: dict[str, int], label_pdf) -> dict[str, list[str]]:
    return {name: page_streams(label_pdf(store, [(ids[k], n) for k, n in items], paper, kind,
                                         font="cid"))
            for name, (items, paper, kind) in CASES.items()}
