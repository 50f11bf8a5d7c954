"""The label template editor's core: read and save the store's label template, and preview
it as the real label PDF drawn to a picture.

The preview is `label_pdf` itself for a product named by its SKU, else a sample product (a
long name, a specification, a member price, an EAN-13) drawn by the same renderer, on the
paper and kind chosen; saving writes the
template in one audited transaction with before and after, and the next labels use it.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.domain.label_template import LabelTemplate, check_label_template, label_template_json
from app.domain.permissions import check
from app.domain.print_texts import is_zh
from app.persistence.schema import Meta, Product
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.printing.pdf_image import PageImage, page_image
from app.services.records import LOCAL_OPERATOR, Actor, Clock, utc_now, write_audit
from app.services.reports.pdf_fonts import cjk_font
from app.services.settings import print_language

from . import LabelRequestInvalid, label_pdf
from .render import KINDS, PAPERS, LabelData, render
from .stored import LABEL_TEMPLATE_KEY, stored_label_template

SAMPLE = {"zh": ("康师傅红烧牛肉面（五连包）加量不加价", "105g×5", "袋", "原产地：天津"),
          "en": ("Master Kong beef noodles, 5-pack, extra portion", "105g×5", "bag",
                 "Made in Tianjin")}


@dataclass(frozen=True)
class LabelPreview:
    pdf: bytes  # the label PDF as label_pdf would make it
    image: PageImage  # its first page


def label_template(store: LocalStore, *, actor: Actor = LOCAL_OPERATOR) -> LabelTemplate:
    check(actor.role, "labels.templates.label_template")
    with UnitOfWork(store.engine, write=False) as uow:
        return stored_label_template(uow.session)


def save_label_template(store: LocalStore, actor: Actor, template: LabelTemplate, *,
                        clock: Clock = utc_now) -> None:
    """Checked first, then saved with its audit entry (before and after) in one transaction."""
    check(actor.role, "labels.templates.save_label_template")
    check_label_template(template)
    after = label_template_json(template)
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        row = s.get(Meta, LABEL_TEMPLATE_KEY)
        before = None if row is None else row.value
        if row is None:
            s.add(Meta(key=LABEL_TEMPLATE_KEY, value=after))
        else:
            row.value = after
        write_audit(s, store, actor, clock(), "label.template", "settings",
                    {"before": before, "after": after})
        uow.commit()


def preview_label(store: LocalStore, template: LabelTemplate, paper: str, kind: str, *,
                  sku: str | None = None, width_px: int = 640,
                  actor: Actor = LOCAL_OPERATOR) -> LabelPreview:
    """The label of product `sku` (label_pdf itself), or of a sample product, under
    `template`, as PDF and as a picture of its first page."""
    check(actor.role, "labels.templates.preview_label")
    check_label_template(template)
    if paper not in PAPERS or kind not in KINDS:
        raise LabelRequestInvalid(reason_zh="未知的纸张或标签类型",
                                  reason_en=f"unknown paper {paper!r} or kind {kind!r}")
    with UnitOfWork(store.engine, write=False) as uow:
        lang = print_language(uow.session)
        product = uow.session.scalar(select(Product.id).where(Product.sku == sku)) \
            if sku else None
    copies = min(PAPERS[paper].per_page, 6)
    if sku and product is None:
        raise LabelRequestInvalid(reason_zh=f"找不到编码为 {sku} 的商品",
                                  reason_en=f"there is no product with SKU {sku}")
    if product is not None:
        pdf = label_pdf(store, [(product, copies)], paper, kind, template=template, actor=actor)
    else:
        name, spec, unit, custom = SAMPLE["zh" if is_zh(lang) else "en"]
        sample = LabelData("P0001", name, spec, unit, 1590, 1490, "6901234567892", custom)
        pdf = render([sample] * copies, PAPERS[paper], kind, cjk_font(), lang, 0, template,
                     store.identity.store_name)
    return LabelPreview(pdf, page_image(pdf, 0, width_px))
