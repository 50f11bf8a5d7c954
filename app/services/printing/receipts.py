"""Receipts of posted sales and returns: read the document, lay it out, queue the job.

The sale is read through `app.services.inventory.queries.document` (the same view as
`jxc doc show`), completed with the names the receipt needs (products and units, cashier,
member, the store's header and footer). Whether this is a reprint is decided from the
queue, in the same transaction that adds the job: any earlier receipt job for the document
that is pending, being sent or printed makes this one a reprint, marked 重印/COPY.

The receipt's fixed labels, its title and the default footer are in the store's language
(setting `store.language`), read in the same transaction as the sale; a header, a footer or
a template title the store saved prints as typed.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timezone

from sqlalchemy import func, select

from app.devices.escpos_out import encode
from app.devices.transports import open_transport
from app.domain.errors import DomainError
from app.domain.money import line_amount, parse_money, parse_quantity
from app.domain.permissions import check
from app.domain.print_texts import text
from app.domain.receipt import ReceiptData, ReceiptItem, Tender, layout
from app.domain.receipt_template import DEFAULT_TEMPLATE, ReceiptTemplate, parse_template
from app.persistence.schema import Customer, Document, Meta, PrintJob, Product, Unit, User
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.inventory.queries import document
from app.services.printing.queue import add_job, drain
from app.services.records import LOCAL_OPERATOR, Actor, Clock, utc_now, write_audit
from app.services.settings import print_language

HEADER_KEY, FOOTER_KEY = "receipt_header", "receipt_footer"
TEMPLATE_KEY = "receipt_template"
DEFAULT_FOOTER = text("receipt.footer", "zh_CN")  # until the store saves its own
TITLES = {kind: text(f"receipt.{kind}", "zh_CN") for kind in ("sale", "customer_return")}


def default_footer(lang: str) -> str:
    return text("receipt.footer", lang)


class NotAReceipt(DomainError):
    code = "not_a_receipt"
    zh = "单据“{ref}”是 {type}，只有已过账的销售和退货单才有小票（当前状态：{status}）。"
    en = "Document '{ref}' is a {type} ({status}); only posted sales and returns have receipts."


@dataclass(frozen=True)
class ReceiptOutcome:
    job_id: int
    number: str
    reprint: bool
    paper_near_end: bool = False
    sent_here: bool = True  # False: a running till's print worker took the job first


def receipt_data(store: LocalStore, ref: str, *, logo: bool = False,
                 actor: Actor = LOCAL_OPERATOR) -> tuple[str, ReceiptData]:
    """The document's uuid and its receipt (not marked as a reprint)."""
    check(actor.role, "printing.receipts.receipt_data")
    doc = document(store, ref)
    if doc["type"] not in TITLES or doc["status"] != "posted":
        raise NotAReceipt(ref=ref, type=doc["type"], status=doc["status"])
    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        row = s.scalars(select(Document).where(Document.uuid == doc["id"])).one()
        skus = {line["sku"] for line in doc["lines"]}
        names = {sku: (name, unit or "") for sku, name, unit in s.execute(
            select(Product.sku, Product.name, Unit.name).outerjoin(Unit, Unit.id == Product.unit_id)
            .where(Product.sku.in_(skus)))}
        cashier = s.get(User, row.user_id).display_name if row.user_id else ""
        member = s.get(Customer, row.customer_id).name if row.customer_id else ""
        header, footer = (s.scalar(select(Meta.value).where(Meta.key == key))
                          for key in (HEADER_KEY, FOOTER_KEY))
        at = (row.posted_at or row.created_at).replace(tzinfo=timezone.utc).astimezone()
        lang = print_language(s)
    tenders = [Tender(p["method"], parse_money(p["amount"]), p["reference"])
               for p in doc["payments"] if p["method"] != "change"]
    change = -sum(parse_money(p["amount"]) for p in doc["payments"] if p["method"] == "change")
    data = ReceiptData(
        store_name=store.identity.store_name, number=doc["number"],
        issued_at=at.strftime("%Y-%m-%d %H:%M"), items=tuple(_item(l, names) for l in doc["lines"]),
        total_fen=parse_money(doc["total"]), tenders=tuple(tenders), change_fen=change,
        cashier=cashier, member=member, title=text(f"receipt.{doc['type']}", lang),
        store_code=store.identity.store_code, language=lang,
        header_lines=tuple((header or "").splitlines()),
        footer_lines=tuple((default_footer(lang) if footer is None else footer).splitlines()),
        logo=logo)
    return doc["id"], data


def _item(line: dict, names: dict) -> ReceiptItem:
    qty, price = parse_quantity(line["qty"]), parse_money(line["unit_price"])
    amount = parse_money(line["amount"])
    name, unit = names.get(line["sku"], (line["sku"], ""))
    return ReceiptItem(name, qty, price, amount, line_amount(price, qty) - amount, unit)


def enqueue_receipt(store: LocalStore, ref: str, printer: str, *, width_mm: int = 80,
                    open_drawer: bool = False, logo=None, clock: Clock = utc_now,
                    actor: Actor = LOCAL_OPERATOR) -> ReceiptOutcome:
    """Queue the receipt of a posted sale or return (call after the commit). `open_drawer`
    is honoured only for the first receipt of one paid or refunded (partly) in cash."""
    check(actor.role, "printing.receipts.enqueue_receipt")
    uuid, data = receipt_data(store, ref, logo=logo is not None)
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        earlier = s.scalar(select(func.count()).select_from(PrintJob).where(
            PrintJob.document_uuid == uuid, PrintJob.kind.in_(("receipt", "reprint")),
            PrintJob.status.in_(("pending", "sending", "printed"))))
        reprint = earlier > 0
        data = replace(data, reprint=reprint)
        cash = any(t.method == "cash" for t in data.tenders)  # a cash sale or a cash refund
        job_id = add_job(s, kind="reprint" if reprint else "receipt", printer=printer,
                         payload=encode(layout(data, width_mm, stored_template(s)), width_mm,
                                        logo=logo),
                         document_uuid=uuid, open_drawer=open_drawer and cash and not reprint,
                         now=clock())
        uow.commit()
    return ReceiptOutcome(job_id, data.number, reprint)


def print_receipt(store: LocalStore, ref: str, printer: str, *, width_mm: int = 80, logo=None,
                  transports=open_transport, clock: Clock = utc_now,
                  actor: Actor = LOCAL_OPERATOR) -> ReceiptOutcome:
    """Queue the receipt and print it now (`jxc receipt`); a failure stays recorded on the
    job and is raised to the caller. The drawer stays shut."""
    check(actor.role, "printing.receipts.print_receipt")
    queued = enqueue_receipt(store, ref, printer, width_mm=width_mm, logo=logo, clock=clock)
    outcomes = drain(store, transports, job_ids=[queued.job_id], clock=clock)
    if not outcomes:
        return replace(queued, sent_here=False)
    outcome = outcomes[0]
    if outcome.error is not None:
        raise outcome.error
    near_end = bool(outcome.report and outcome.report.paper_near_end)
    return replace(queued, paper_near_end=near_end)


def set_receipt_texts(store: LocalStore, actor: Actor, header: str, footer: str,
                      clock: Clock = utc_now) -> None:
    """The store's receipt header and footer (one line per line of text); audited."""
    check(actor.role, "printing.receipts.set_receipt_texts")
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        for key, value in ((HEADER_KEY, header), (FOOTER_KEY, footer)):
            row = s.get(Meta, key)
            if row is None:
                s.add(Meta(key=key, value=value))
            else:
                row.value = value
        write_audit(s, store, actor, clock(), "receipt.texts", "settings",
                    {"header": header, "footer": footer})
        uow.commit()


def stored_template(s) -> ReceiptTemplate:
    """The store's receipt template (the default until one is saved)."""
    raw = s.scalar(select(Meta.value).where(Meta.key == TEMPLATE_KEY))
    return parse_template(raw) if raw else DEFAULT_TEMPLATE
