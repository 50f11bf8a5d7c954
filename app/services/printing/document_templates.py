"""The document template editor's core: read and save the store's document PDF template and
logo, and preview them as the real document PDF drawn to a picture.

The preview lays out a real document (by number) or a sample sale in the store's language
with the very `document_pdf.render` that prints documents, costs only for cost viewers.
Saving writes template and logo in one audited transaction with before and after (the
logo as its size and SHA-256, not its bytes); the next document PDF uses them.
"""
from __future__ import annotations

import base64
import hashlib
import io
from dataclasses import dataclass

from reportlab.lib.utils import ImageReader

from app.domain.document_template import (MAX_LOGO_BYTES, DocumentTemplate,
                                          check_document_template, document_template_json)
from app.domain.errors import DomainError
from app.domain.permissions import check, sees_costs
from app.domain.print_texts import is_zh
from app.persistence.schema import Meta
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services import document_pdf
from app.services.documents import document_detail
from app.services.printing.pdf_image import PageImage, page_image
from app.services.printing.stored_documents import (DOCUMENT_TEMPLATE_KEY, LOGO_KEY,
                                                    stored_document_setup)
from app.services.records import LOCAL_OPERATOR, Actor, Clock, utc_now, write_audit
from app.services.settings import print_language

MAX_LOGO_PIXELS = 4000


class BadLogo(DomainError):
    code = "bad_logo"
    zh = "无法使用这个标志：须为 PNG 或 JPEG 图片，最大 {kb} KB，边长不超过 {px} 像素。"
    en = "This logo cannot be used: it must be a PNG or JPEG image of at most {kb} KB and " \
         "{px} pixels a side."


@dataclass(frozen=True)
class DocumentSetup:
    template: DocumentTemplate
    logo: bytes | None = None  # PNG or JPEG


@dataclass(frozen=True)
class DocumentPreview:
    pdf: bytes
    image: PageImage  # the first page


def check_logo(data: bytes) -> bytes:
    """`data` if it is a PNG or JPEG image small enough to keep, else BadLogo."""
    refuse = BadLogo(kb=MAX_LOGO_BYTES // 1024, px=MAX_LOGO_PIXELS)
    if len(data) > MAX_LOGO_BYTES or not (data.startswith(b"\x89PNG\r\n\x1a\n")
                                          or data.startswith(b"\xff\xd8\xff")):
        raise refuse
    try:
        width, height = ImageReader(io.BytesIO(data)).getSize()
    except Exception:  # noqa: BLE001 - any decoder failure means "not an image we can print"
        raise refuse from None
    if not (0 < width <= MAX_LOGO_PIXELS and 0 < height <= MAX_LOGO_PIXELS):
        raise refuse
    return data


def document_setup(store: LocalStore, *, actor: Actor = LOCAL_OPERATOR) -> DocumentSetup:
    check(actor.role, "printing.document_templates.document_setup")
    with UnitOfWork(store.engine, write=False) as uow:
        return DocumentSetup(*stored_document_setup(uow.session))


def save_document_setup(store: LocalStore, actor: Actor, setup: DocumentSetup, *,
                        clock: Clock = utc_now) -> None:
    """Template and logo together, checked first, audited with before/after."""
    check(actor.role, "printing.document_templates.save_document_setup")
    check_document_template(setup.template)
    if setup.logo is not None:
        check_logo(setup.logo)
    after = {DOCUMENT_TEMPLATE_KEY: document_template_json(setup.template),
             LOGO_KEY: base64.b64encode(setup.logo).decode() if setup.logo else None}
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        before = {k: (r.value if (r := s.get(Meta, k)) is not None else None) for k in after}
        for key, value in after.items():
            row = s.get(Meta, key)
            if value is None and row is not None:
                s.delete(row)
            elif value is not None and row is None:
                s.add(Meta(key=key, value=value))
            elif value is not None:
                row.value = value
        write_audit(s, store, actor, clock(), "document.template", "settings",
                    {"before": _summary(before), "after": _summary(after)})
        uow.commit()


def _summary(values: dict) -> dict:
    logo = values[LOGO_KEY]
    raw = base64.b64decode(logo) if logo else b""
    return {"template": values[DOCUMENT_TEMPLATE_KEY],
            "logo": {"bytes": len(raw), "sha256": hashlib.sha256(raw).hexdigest()}
            if logo else None}


def preview_document(store: LocalStore, setup: DocumentSetup, *, ref: str | None = None,
                     width_px: int = 800, actor: Actor = LOCAL_OPERATOR) -> DocumentPreview:
    """The document `ref` (or a sample sale) printed with `setup`, and its first page."""
    check(actor.role, "printing.document_templates.preview_document")
    check_document_template(setup.template)
    if setup.logo is not None:
        check_logo(setup.logo)
    with UnitOfWork(store.engine, write=False) as uow:
        lang = print_language(uow.session)
    doc = document_detail(store, actor, ref) if ref else _sample(store, lang, actor)
    pdf = document_pdf.render(doc, lang, template=setup.template, logo=setup.logo)
    return DocumentPreview(pdf, page_image(pdf, 0, width_px))


def _sample(store: LocalStore, lang: str, actor: Actor) -> dict:
    """A made-up posted sale: three lines (one with a batch), a payment and its voucher."""
    zh = is_zh(lang)
    names = ("可口可乐 500ml", "康师傅红烧牛肉面（五连包）", "光明 纯牛奶 250ml") if zh else \
        ("Coca-Cola 500ml", "Master Kong beef noodles, 5-pack", "Bright Dairy milk 250ml")
    lines = [{"line": i + 1, "sku": sku, "name": name, "qty": qty, "unit_price": price,
              "amount": amount, "cogs": cogs, "batch": batch, "expiry": expiry}
             for i, (sku, name, qty, price, amount, cogs, batch, expiry) in enumerate(zip(
                 ("P0001", "P0002", "P0003"), names, ("2", "1", "6"),
                 ("3.50", "15.90", "4.50"), ("7.00", "15.90", "27.00"),
                 ("3.00", "12.00", "18.00"), ("", "", "B20261101"), ("", "", "2026-12-31")))]
    return {"type": "sale", "status": "posted", "number": "XS-S001-20261122-0001",
            "id": "sample", "date": "2026-11-22", "warehouse": "W1",
            "store": store.identity.store_name,
            "customer": {"code": "M001", "name": "张三" if zh else "Zhang San"},
            "author": "管理员" if zh else "Manager", "lines": lines, "total": "49.90",
            "payments": [{"method": "wechat", "amount": "49.90"}],
            "voucher": [{"account": "1012", "debit": "49.90", "credit": "0.00"},
                        {"account": "5001", "debit": "0.00", "credit": "44.16"},
                        {"account": "2221.02", "debit": "0.00", "credit": "5.74"}],
            "sees_costs": sees_costs(actor.role)}
