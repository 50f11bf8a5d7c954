"""Document types and their lifecycle: draft -> pending approval -> posted.

A posted document never changes; a correction is a new document that refers to it
(customer return, purchase return, reversal). A rejected document can go back to draft.
"""
from __future__ import annotations

from enum import Enum

from app.domain.errors import DomainError


class DocType(str, Enum):
    PURCHASE_ORDER = "purchase_order"
    PURCHASE_RECEIPT = "purchase_receipt"
    PURCHASE_RETURN = "purchase_return"
    SALE = "sale"
    CUSTOMER_RETURN = "customer_return"
    TRANSFER_OUT = "transfer_out"
    TRANSFER_IN = "transfer_in"
    TRANSFER_SETTLE = "transfer_settle"  # in-transit delivered to another store (docs/sync.md)
    WRITE_OFF = "write_off"
    STOCKTAKE = "stocktake"
    ASSEMBLY = "assembly"
    DISASSEMBLY = "disassembly"
    OPENING_STOCK = "opening_stock"


class Status(str, Enum):
    DRAFT = "draft"
    PENDING = "pending"
    POSTED = "posted"
    REJECTED = "rejected"


# Whether posting moves stock in (+1), out (-1), both ways (0) or not at all (None).
STOCK_DIRECTION: dict[DocType, int | None] = {
    DocType.PURCHASE_ORDER: None,
    DocType.PURCHASE_RECEIPT: +1,
    DocType.PURCHASE_RETURN: -1,
    DocType.SALE: -1,
    DocType.CUSTOMER_RETURN: +1,
    DocType.TRANSFER_OUT: 0,  # out of the warehouse, into in-transit
    DocType.TRANSFER_IN: 0,  # out of in-transit, into the warehouse
    DocType.TRANSFER_SETTLE: -1,  # out of in-transit, to the other store
    DocType.WRITE_OFF: -1,
    DocType.STOCKTAKE: 0,  # gains in, losses out
    DocType.ASSEMBLY: 0,  # components out, product in
    DocType.DISASSEMBLY: 0,
    DocType.OPENING_STOCK: +1,
}

# Short prefixes for document numbers (XS-S001-20261122-0001).
NUMBER_PREFIX: dict[DocType, str] = {
    DocType.PURCHASE_ORDER: "CG", DocType.PURCHASE_RECEIPT: "RK", DocType.PURCHASE_RETURN: "CT",
    DocType.SALE: "XS", DocType.CUSTOMER_RETURN: "XT", DocType.TRANSFER_OUT: "DC",
    DocType.TRANSFER_IN: "DR", DocType.TRANSFER_SETTLE: "DJ", DocType.WRITE_OFF: "BS", DocType.STOCKTAKE: "PD",
    DocType.ASSEMBLY: "ZZ", DocType.DISASSEMBLY: "CX", DocType.OPENING_STOCK: "QC",
}

TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.DRAFT: frozenset({Status.PENDING, Status.POSTED}),
    Status.PENDING: frozenset({Status.POSTED, Status.REJECTED}),
    Status.REJECTED: frozenset({Status.DRAFT}),
    Status.POSTED: frozenset(),
}


class UnknownDocType(DomainError):
    code = "unknown_doc_type"
    zh = "单据类型“{value}”不存在。可用的类型：{known}。"
    en = "There is no document type '{value}'. Known types: {known}."


class InvalidTransition(DomainError):
    code = "invalid_transition"
    zh = "单据 {number} 当前为“{current}”，不能改为“{target}”。已过账的单据不能修改，请开具冲销或退货单。"
    en = ("Document {number} is '{current}' and cannot become '{target}'. A posted document "
          "never changes: issue a reversal or a return instead.")


def doc_type(value: str) -> DocType:
    try:
        return DocType(str(value).strip().lower())
    except ValueError:
        raise UnknownDocType(value=value, known=", ".join(t.value for t in DocType)) from None


def check_transition(number: str, current: Status, target: Status) -> None:
    if target not in TRANSITIONS[current]:
        raise InvalidTransition(number=number, current=current.value, target=target.value)


def moves_stock(kind: DocType) -> bool:
    return STOCK_DIRECTION[kind] is not None
