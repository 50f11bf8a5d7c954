"""The drawing of document PDFs made before document templates existed (commit a57655f),
kept in `data/documents_before_templates.json`: each page's content stream, so a test can
show that the default template prints the same page."""
from __future__ import annotations

from datetime import datetime

from app.services.inventory.posting import post_document
from app.services.records import Actor
from helpers import add_catalog
from label_streams import page_streams

ADMIN = Actor(None, "admin", "admin")
LEAD = Actor(None, "lead", "shift_lead")
PRINTED = datetime(2026, 3, 5, 9, 30)
CASES = {"receipt_admin_zh": ("in-1", ADMIN, "zh_CN"), "receipt_lead_en": ("in-1", LEAD, "en"),
         "sale_admin_zh": ("sale-1", ADMIN, "zh_CN"), "sale_admin_en": ("sale-1", ADMIN, "en")}


def prepare(store) -> None:
    add_catalog(store)
    post_document(store, ADMIN, {
        "type": "purchase_receipt", "id": "in-1", "supplier": "S01", "date": "2026-03-01",
        "lines": [{"sku": "COLA", "qty": "24", "unit_cost": "1.50"},
                  {"sku": "MILK", "qty": "12", "unit_cost": "3.00", "batch": "B1",
                   "expiry": "2099-01-31"}]})
    post_document(store, ADMIN, {
        "type": "sale", "id": "sale-1", "date": "2026-03-02", "customer": "M001",
        "lines": [{"sku": "COLA", "qty": "2"}], "payments": [{"method": "wechat",
                                                               "amount": "7.00"}]})


def streams(store, document_pdf) -> dict[str, list[str]]:
    return {name: page_streams(document_pdf(store, actor, ref, lang, font="cid",
                                            printed=PRINTED))
            for name, (ref, actor, lang) in CASES.items()}
