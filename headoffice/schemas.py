"""The wire format of the sync API (pydantic): what terminals send and what they get back.

Bounds on every field keep a malformed or hostile request a 4xx, never a 500: integers fit
a signed 64-bit column (a batch that would push a projection total past it is refused in
ingest.py), strings fit their columns,
dates and times are text (RFC 3339; one without an offset is UTC, as terminals send them)
that Python can hold in UTC. Integers are taken only as JSON numbers without a fraction and
times only as strings (pydantic's lax mode would also read `"12"`, `true` or a Unix time),
so a request that does not match the published schema is refused, never guessed at.
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict


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


def _text_only(value: object) -> object:
    if not isinstance(value, str):
        raise ValueError("expected a date or time as text")
    return value


def _whole(value: object) -> object:
    """A JSON integer: also 12.0 (JSON Schema counts it as one), never true, "12" or 1.5."""
    if isinstance(value, bool):
        raise ValueError("expected a whole number")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _naive_utc(value: datetime) -> datetime:
    """UTC without an offset, as head office stores times; refused when UTC cannot hold it
    (0001-01-01T00:00:00+01:00 is in the year 0)."""
    if value.tzinfo is None:
        return value
    try:
        return value.astimezone(timezone.utc).replace(tzinfo=None)
    except OverflowError:
        raise ValueError("date and time out of range") from None


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value


NO_NUL = r"^[^\x00]*$"  # published, so generated clients (and schemathesis) know it
Str = Annotated[str, Field(pattern=NO_NUL), AfterValidator(_storable)]
Token = Annotated[str, AfterValidator(_storable)]  # for fields with a pattern of their own
# times head office answers with: stored naive UTC, sent with the offset ("…Z") RFC 3339 needs
Utc = Annotated[datetime, AfterValidator(_utc)]
When = Annotated[datetime, BeforeValidator(_text_only), AfterValidator(_naive_utc)]
Day = Annotated[date, BeforeValidator(_text_only)]
MAX_ABS = 10 ** 15  # fen or milli of one fact: far beyond any real document, far below 2**63
Int = Annotated[int, Strict(), Field(ge=-MAX_ABS, le=MAX_ABS), BeforeValidator(_whole)]
MAX_SEQ = 2 ** 53 - 1  # the largest integer every JSON reader and schema checker holds exactly
Seq = Annotated[int, Strict(), Field(ge=1, le=MAX_SEQ), BeforeValidator(_whole)]
HASH = Field(pattern=r"^[0-9a-f]{64}$")
STORE_CODE = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,15}$"  # app.domain.stores, capitals or not
Code = Field(min_length=1, max_length=16, pattern=STORE_CODE)


class Move(BaseModel):
    sku: Str = Field(min_length=1, max_length=64)
    warehouse: Str = Field(min_length=1, max_length=16)
    qty_milli: Int
    value_fen: Int


class SaleFact(BaseModel):
    day: Day
    sku: Str = Field(min_length=1, max_length=64)
    qty_milli: Int
    amount_fen: Int


class LineFact(BaseModel):
    """One document line as the terminal costed it (app/sync/line_facts.py): what head
    office's costing authority replays (headoffice/cost_replay.py)."""

    line: Seq
    sku: Str = Field(min_length=1, max_length=64)
    warehouse: Str = Field(min_length=1, max_length=16)
    qty_milli: Int
    method: Literal["fifo", "fefo", "average", "none"]
    batch: Str = Field(default="", max_length=40)
    expiry: Day | None = None
    day: Day
    in_fen: Int = 0
    cogs_fen: Int = 0
    original: Str | None = Field(default=None, max_length=64)
    original_line: Seq | None = None


class Facts(BaseModel):
    """What the event did to stock and sales, read from the terminal's immutable ledger."""

    moves: list[Move] = Field(default_factory=list, max_length=20_000)
    sales: list[SaleFact] = Field(default_factory=list, max_length=20_000)
    lines: list[LineFact] = Field(default_factory=list, max_length=20_000)


class EventIn(BaseModel):
    event_uuid: Str = Field(min_length=1, max_length=64)
    event_type: Str = Field(min_length=1, max_length=40)
    source: Str = Field(default="", max_length=64)  # the terminal's own chain id
    seq: Seq
    created_at: When  # the terminal's clock when the event was written (offline: long ago)
    payload: Str = Field(max_length=8_000_000)  # the outbox row's canonical JSON, as stored
    facts: Facts = Field(default_factory=Facts)


class AuditLinkIn(BaseModel):
    seq: Seq
    prev_hash: Token = HASH
    hash: Token = HASH


class AuditIn(BaseModel):
    """The terminal's audit chain head, and the links after the last one acknowledged."""

    chain: Str = Field(default="", max_length=64)
    head_seq: Annotated[int, Strict(), Field(ge=0, le=MAX_SEQ), BeforeValidator(_whole)]
    head_hash: Token = Field(default="", pattern=r"^([0-9a-f]{64})?$")
    observed_at: When  # the terminal's clock when it read the head
    links: list[AuditLinkIn] = Field(default_factory=list, max_length=5_000)


EXAMPLE_BATCH = {  # published in /openapi.json (schemathesis sends it too)
    "store_code": "S001", "sent_at": "2026-11-22T08:00:05",
    "events": [{"event_uuid": "0b6f3c1e-2f7a-4d1e-9a55-6c1f0e7d2a10",
                "event_type": "document.posted", "source": "T1", "seq": 42,
                "created_at": "2026-11-22T08:00:00", "payload": '{"type": "sale"}',
                "facts": {"moves": [{"sku": "COLA", "warehouse": "MAIN", "qty_milli": -2000,
                                     "value_fen": -200}],
                          "sales": [{"day": "2026-11-22", "sku": "COLA", "qty_milli": 2000,
                                     "amount_fen": 700}]}}],
    "audit": {"chain": "T1", "head_seq": 1, "head_hash": "a" * 64,
              "observed_at": "2026-11-22T08:00:05",
              "links": [{"seq": 1, "prev_hash": "0" * 64, "hash": "a" * 64}]}}


class Batch(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE_BATCH]})
    store_code: Token = Code
    # the terminal's clock when it sent the batch; older terminals do not send it, and
    # head office then reads the clock from `audit.observed_at` (docs/headoffice.md)
    sent_at: When | None = None
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


class ClockOut(BaseModel):
    """Head office's view of a terminal's clock, from the newest batch that carried it."""

    offset_seconds: int  # the terminal's clock minus head office's: < 0 behind, > 0 ahead
    skewed: bool  # |offset| above the threshold: flagged at head office
    threshold_seconds: int
    checked_at: Utc  # head office's clock (UTC) when it measured
    skewed_since: Utc | None = None  # when the current skew was first seen


class BatchResult(BaseModel):
    results: list[EventResult]
    audit: AuditResult | None = None
    clock: ClockOut | None = None  # None when the batch carried no clock reading


class EnrollIn(BaseModel):
    code: Str = Field(min_length=1, max_length=64)
    store_code: Token = Code
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
    kind: str  # unit, category, supplier, product, price, user, setting, field
    key: str
    scope: Literal["all", "store"]
    published_at: Utc
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
    created_at: Utc
    received_at: Utc
    payload: str


class StoreEventsOut(BaseModel):
    events: list[StoreEventOut]
    next_after: int
    more: bool
