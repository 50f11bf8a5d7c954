"""The receipt template editor's core: read and save the store's template, and preview it.

`preview` lays out a real posted sale (or a sample one) with the template being edited,
encodes it to the very ESC/POS bytes a printer would get, and decodes those bytes again
with the emulator's decoder: the preview shows what the printer will print, not what we
meant to send. Saving writes the template, header and footer in one audited transaction.
Both print the fixed labels in the store's language (`store.language`); the sample sale's
products are named in it too.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from app.devices.escpos_in import Decoder
from app.devices.escpos_out import encode
from app.domain.permissions import check
from app.domain.print_texts import is_zh
from app.domain.receipt import COLUMNS, ReceiptData, ReceiptItem, Tender, layout
from app.domain.receipt_template import (BadReceiptTemplate, ReceiptTemplate, check_template,
                                         to_json)
from app.persistence.schema import Meta
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.printing.receipts import (FOOTER_KEY, HEADER_KEY, TEMPLATE_KEY,
                                            default_footer, receipt_data, stored_template)
from app.services.records import LOCAL_OPERATOR, Actor, Clock, utc_now, write_audit
from app.services.settings import print_language

MAX_TEXT_LINES = 8


@dataclass(frozen=True)
class ReceiptSetup:
    template: ReceiptTemplate
    header: str
    footer: str


@dataclass(frozen=True)
class PreviewRow:
    kind: str  # text, barcode, qr, image, feed, cut
    text: str = ""
    align: str = "left"
    bold: bool = False
    double: bool = False


@dataclass(frozen=True)
class ReceiptPreview:
    payload: bytes  # the ESC/POS bytes a printer would receive
    rows: tuple[PreviewRow, ...]  # what those bytes print, decoded
    columns: int


def receipt_setup(store: LocalStore, *, actor: Actor = LOCAL_OPERATOR) -> ReceiptSetup:
    check(actor.role, "printing.templates.receipt_setup")
    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        header, footer = (_meta(s, k) for k in (HEADER_KEY, FOOTER_KEY))
        return ReceiptSetup(stored_template(s), header or "",
                            default_footer(print_language(s)) if footer is None else footer)


def save_receipt_setup(store: LocalStore, actor: Actor, setup: ReceiptSetup, *,
                       clock: Clock = utc_now) -> None:
    """Template, header and footer together, checked first, audited with before/after."""
    check(actor.role, "printing.templates.save_receipt_setup")
    check_template(setup.template)
    for text in (setup.header, setup.footer):
        _check_text(text)
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        before = {k: _meta(s, k) for k in (TEMPLATE_KEY, HEADER_KEY, FOOTER_KEY)}
        after = {TEMPLATE_KEY: to_json(setup.template), HEADER_KEY: setup.header,
                 FOOTER_KEY: setup.footer}
        for key, value in after.items():
            row = s.get(Meta, key)
            if row is None:
                s.add(Meta(key=key, value=value))
            else:
                row.value = value
        write_audit(s, store, actor, clock(), "receipt.template", "settings",
                    {"before": before, "after": after})
        uow.commit()


def preview_receipt(store: LocalStore, setup: ReceiptSetup, width_mm: int, *,
                    sale_ref: str | None = None, actor: Actor = LOCAL_OPERATOR) -> ReceiptPreview:
    """What the printer would print for `sale_ref` (or a sample sale) under `setup`."""
    check(actor.role, "printing.templates.preview_receipt")
    check_template(setup.template)
    data = receipt_data(store, sale_ref)[1] if sale_ref else _sample_sale(store)
    data = ReceiptData(**{**asdict_shallow(data),
                          "header_lines": tuple(setup.header.splitlines()),
                          "footer_lines": tuple(setup.footer.splitlines())})
    payload = encode(layout(data, width_mm, setup.template), width_mm)
    decoder = Decoder()
    decoder.feed(payload)
    rows = tuple(PreviewRow(e.kind, e.text, e.align, e.bold, e.double) for e in decoder.events
                 if e.kind in ("text", "barcode", "qr", "image", "feed", "cut"))
    return ReceiptPreview(payload, rows, COLUMNS[width_mm])


SAMPLE = {  # the sample sale's names: Chinese, English
    "cola": ("可口可乐 500ml", "Coca-Cola 500ml"),
    "noodles": ("康师傅红烧牛肉面（五连包）加量不加价", "Master Kong beef noodles, 5-pack, extra portion"),
    "eggs": ("散装鸡蛋", "Loose eggs"), "cashier": ("张三", "Zhang San"),
    "member": ("李四 138****0001", "Li Si 138****0001"),
}


def _sample_sale(store: LocalStore) -> ReceiptData:
    """A made-up sale for previews: a long name, a discount, a weighed item, two tenders."""
    with UnitOfWork(store.engine, write=False) as uow:
        lang = print_language(uow.session)
    name = {key: pair[0 if is_zh(lang) else 1] for key, pair in SAMPLE.items()}
    items = (ReceiptItem(name["cola"], 2000, 350, 700),
             ReceiptItem(name["noodles"], 1000, 1590, 1490, discount_fen=100),
             ReceiptItem(name["eggs"], 1250, 1200, 1500, unit="kg"))
    return ReceiptData(store_name=store.identity.store_name, number="XS-S001-20261122-0001",
                       issued_at="2026-11-22 10:31", items=items, total_fen=3690,
                       tenders=(Tender("wechat", 2000, "4200001234202611220001"),
                                Tender("cash", 2000)), change_fen=310, cashier=name["cashier"],
                       member=name["member"], store_code=store.identity.store_code,
                       language=lang)


def asdict_shallow(data: ReceiptData) -> dict:
    return {k: getattr(data, k) for k in data.__dataclass_fields__}


def _meta(s, key: str) -> str | None:
    row = s.get(Meta, key)
    return None if row is None else row.value


def _check_text(text: str) -> None:
    lines = text.splitlines()
    if len(lines) > MAX_TEXT_LINES or any(len(l) > 48 or not l.isprintable() for l in lines):
        raise BadReceiptTemplate(
            why_zh=f"页眉和页脚各最多 {MAX_TEXT_LINES} 行，每行最多 48 个字。",
            why_en=f"the header and the footer have at most {MAX_TEXT_LINES} lines of 48 "
                   "characters each.")


def setup_json(setup: ReceiptSetup) -> str:
    """The setup as JSON (for export and tests)."""
    return json.dumps({"template": asdict(setup.template), "header": setup.header,
                       "footer": setup.footer}, ensure_ascii=False, sort_keys=True)
