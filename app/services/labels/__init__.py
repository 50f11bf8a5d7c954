"""Shelf labels and price tags as PDF (issue 7 item 7), for the papers of `render.PAPERS`.

`label_pdf` reads the chosen products (name, spec, unit, retail and member price, primary
barcode) and draws each as many times as asked; the Chinese font is the reports' one
(`app.services.reports.pdf_fonts`: a system CJK font embedded, else the built-in CID font).
The fixed words are in the store's language (setting `store.language`) unless the caller
names one. Reading only: nothing is written, so there is no audit entry.
"""
from __future__ import annotations

import json

from sqlalchemy import text

from app.domain.errors import DomainError
from app.domain.permissions import check
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.domain.label_template import LabelTemplate
from app.services.custom_fields import record_values
from app.services.records import LOCAL_OPERATOR, Actor
from app.services.reports.pdf_fonts import cjk_font
from app.services.settings import print_language

from .render import KINDS, PAPERS, LabelData, Paper, barcode_kind, render
from .stored import stored_label_template

MAX_COPIES = 500
MAX_LABELS = 5_000

__all__ = ["KINDS", "MAX_COPIES", "MAX_LABELS", "PAPERS", "LabelData", "LabelRequestInvalid",
           "Paper", "barcode_kind", "document_items", "label_pdf"]


class LabelRequestInvalid(DomainError):
    code = "labels_invalid"
    zh = "无法打印标签：{reason_zh}"
    en = "The labels cannot be printed: {reason_en}"


def _refuse(zh: str, en: str) -> LabelRequestInvalid:
    return LabelRequestInvalid(reason_zh=zh, reason_en=en)


def label_pdf(store: LocalStore, items: list[tuple[int, int]], paper: str = "a4_3x8",
              kind: str = "shelf", *, skip: int = 0, lang: str | None = None,
              font: str | None = None, template: LabelTemplate | None = None,
              actor: Actor = LOCAL_OPERATOR) -> bytes:
    """A PDF with `copies` labels of each (product id, copies), in the order given, in the
    store's language unless `lang` names one, drawn by the store's label template unless
    `template` is given (the template editor's preview)."""
    check(actor.role, "labels.label_pdf")
    if paper not in PAPERS or kind not in KINDS:
        raise _refuse("未知的纸张或标签类型", f"unknown paper {paper!r} or kind {kind!r}")
    chosen = PAPERS[paper]
    if not 0 <= skip < chosen.per_page:
        raise _refuse(f"跳过的位置数应在 0 到 {chosen.per_page - 1} 之间",
                      f"positions to skip must be 0 to {chosen.per_page - 1}")
    if not items:
        raise _refuse("没有选择商品", "no product is chosen")
    if any(not 1 <= n <= MAX_COPIES for _, n in items):
        raise _refuse(f"每个商品的份数应在 1 到 {MAX_COPIES} 之间",
                      f"copies per product must be 1 to {MAX_COPIES}")
    if sum(n for _, n in items) > MAX_LABELS:
        raise _refuse(f"一次最多打印 {MAX_LABELS} 张", f"at most {MAX_LABELS} labels at a time")
    data, store_lang, stored = _read(store, [pid for pid, _ in items], template)
    missing = [pid for pid, _ in items if pid not in data]
    if missing:
        raise _refuse(f"商品（编号 {missing[0]}）已不存在", f"product id {missing[0]} no longer exists")
    labels = [data[pid] for pid, n in items for _ in range(n)]
    return render(labels, chosen, kind, cjk_font(font), lang or store_lang, skip,
                  template or stored, store.identity.store_name)


def _read(store: LocalStore, ids: list[int], template: LabelTemplate | None
          ) -> tuple[dict[int, LabelData], str, LabelTemplate]:
    """The labels' products, the store's language and label template, read together."""
    sql = text(
        "SELECT p.id, p.sku, p.name, p.spec, u.name, p.retail_price_fen, p.member_price_fen, "
        "(SELECT b.barcode FROM product_barcodes b WHERE b.product_id = p.id "
        "ORDER BY b.is_primary DESC, b.barcode LIMIT 1) "
        "FROM products p JOIN units u ON u.id = p.unit_id "
        "WHERE p.id IN (SELECT value FROM json_each(:ids))")
    with UnitOfWork(store.engine, write=False) as uow:
        rows = uow.session.execute(sql, {"ids": json.dumps(sorted(set(ids)))}).all()
        lang = print_language(uow.session)
        stored = stored_label_template(uow.session)
        used = template or stored
        custom = record_values(uow.session, "product", [r[0] for r in rows]) \
            if "custom" in used.fields else {}
    key = used.custom_field
    return {r[0]: LabelData(r[1], r[2], r[3] or "", r[4] or "", r[5], r[6], r[7] or "",
                            custom.get(r[0], {}).get(key, "")) for r in rows}, lang, stored


LABELLED_TYPES = ("purchase_receipt", "transfer_in", "opening_stock")


def document_items(store: LocalStore, ref: str, *,
                   actor: Actor = LOCAL_OPERATOR) -> list[tuple[int, str, int]]:
    """(product id, name, copies) for the labels of everything a posted receipt, transfer
    in or opening stock brought in: one label per piece (a weighed or part quantity: one),
    products in line order, each once."""
    check(actor.role, "labels.document_items")
    sql = text(
        "SELECT d.doc_type, d.status, l.product_id, p.name, l.qty_milli FROM documents d "
        "LEFT JOIN document_lines l ON l.document_id = d.id "
        "LEFT JOIN products p ON p.id = l.product_id "
        "WHERE d.uuid = :ref OR d.number = :ref ORDER BY l.line_no")
    with store.engine.connect() as conn:
        rows = conn.execute(sql, {"ref": ref}).all()
    if not rows:
        raise _refuse(f"找不到单据 {ref}", f"there is no document {ref}")
    if rows[0][0] not in LABELLED_TYPES or rows[0][1] != "posted":
        raise _refuse("只能为已过账的入库、调入或期初单据打印标签",
                      "labels are printed for posted receipts, transfers in or opening stock")
    copies: dict[int, list] = {}
    for _type, _status, pid, name, qty_milli in rows:
        if pid is None or qty_milli <= 0:
            continue
        whole = qty_milli // 1000 if qty_milli % 1000 == 0 else 1
        entry = copies.setdefault(pid, [name, 0])
        entry[1] = min(entry[1] + whole, MAX_COPIES)
    return [(pid, name, n) for pid, (name, n) in copies.items()]
