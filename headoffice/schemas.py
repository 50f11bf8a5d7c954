"""The wire format of the sync API (pydantic): what terminals send and what they get back.

Bounds on every field keep a malformed or hostile request a 4xx, never a 500: integers fit
a signed 64-bit column even when a batch's deltas are summed, strings fit their columns.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field

def _storable(value: str) -> str:
    """Text every database can keep: no NUL (PostgreSQL refuses it) and valid UTF-8 (a
    lone surrogate from JSON's \\ud800 cannot be encoded)."""
    if "\x00" in value:
        raise ValueError("text must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text must be valid Unicode") from None
    return value


Str = Annotated[str, AfterValidator(_storable)]
MAX_ABS = 10 ** 15  # fen or milli of one fact: far beyond any real document, far below 2**63
Int = Field(ge=-MAX_ABS, le=MAX_ABS)
HASH = Field(pattern=r"^[0-9a-f]{64}$")
Code = Field(min_length=1, max_length=16)


class Move(BaseModel):
    sku: Str = Field(min_length=1, max_length=64)
    warehouse: Str = Field(min_length=1, max_length=16)
    qty_milli: int = Int
    value_fen: int = Int


class SaleFact(BaseModel):
    day: date
    sku: Str = Field(min_length=1, max_length=64)
    qty_milli: int = Int
    amount_fen: int = Int


class Facts(BaseModel):
    """What the event did to stock and sales, read from the terminal's immutable ledger."""

    moves: list[Move] = Field(default_factory=list, max_length=20_000)
    sales: list[SaleFact] = Field(default_factory=list, max_length=20_000)


class EventIn(BaseModel):
    event_uuid: Str = Field(min_length=1, max_length=64)
    event_type: Str = Field(min_length=1, max_length=40)
    source: Str = Field(default="", max_length=64)  # the terminal's own chain id
    seq: int = Field(ge=1, le=2 ** 62)
    created_at: datetime
    payload: Str = Field(max_length=8_000_000)  # the outbox row's canonical JSON, as stored
    facts: Facts = Field(default_factory=Facts)


class AuditLinkIn(BaseModel):
    seq: int = Field(ge=1, le=2 ** 62)
    prev_hash: Str = HASH
    hash: Str = HASH


class AuditIn(BaseModel):
    """The terminal's audit chain head, and the links after the last one acknowledged."""

    chain: Str = Field(default="", max_length=64)
    head_seq: int = Field(ge=0, le=2 ** 62)
    head_hash: Str = Field(default="", pattern=r"^([0-9a-f]{64})?$")
    observed_at: datetime  # the terminal's clock when it read the head
    links: list[AuditLinkIn] = Field(default_factory=list, max_length=5_000)


class Batch(BaseModel):
    store_code: Str = Code
    events: list[EventIn] = Field(default_factory=list, max_length=1_000)
    audit: AuditIn | None = None


class ErrorOut(BaseModel):
    code: str
    message_en: str
    message_zh: str


class EventResult(BaseModel):
    event_uuid: str
    status: Literal["applied", "duplicate", "conflict"]
    result: dict | None = None  # the first application's result (also for a replay)
    error: ErrorOut | None = None


class AuditFlagOut(BaseModel):
    kind: Literal["gap", "fork", "regression"]
    seq: int
    detail: str


class AuditResult(BaseModel):
    chain: str
    acked_seq: int  # the terminal may send links after this one next time
    flags: list[AuditFlagOut]


class BatchResult(BaseModel):
    results: list[EventResult]
    audit: AuditResult | None = None


class EnrollIn(BaseModel):
    code: Str = Field(min_length=1, max_length=64)
    store_code: Str = Code
    device: Str = Field(default="", max_length=128)  # a stable secret of the data directory


class EnrollOut(BaseModel):
    terminal_uuid: str
    terminal_name: str
    store_code: str
    store_name: str
    token: str


class ChangeOut(BaseModel):
    """One published record of the downlink feed; `id` is the cursor."""

    id: int
    kind: str  # unit, category, supplier, product, price, user, setting
    key: str
    scope: Literal["all", "store"]
    published_at: datetime
    data: dict


class ChangesOut(BaseModel):
    changes: list[ChangeOut]
    next_after: int  # the cursor to ask with next time
    more: bool  # the page was full: ask again at once


class StoreEventOut(BaseModel):
    """An event another terminal of the caller's store uploaded (the outbox row as stored)."""

    id: int
    event_uuid: str
    event_type: str
    terminal_uuid: str
    terminal_name: str
    source: str
    seq: int
    created_at: datetime
    received_at: datetime
    payload: str


class StoreEventsOut(BaseModel):
    events: list[StoreEventOut]
    next_after: int
    more: bool
