"""Head-office tables (SQLAlchemy 2.0 typed rows), the same on PostgreSQL and SQLite.

`events` is the exactly-once ledger of everything terminals uploaded: `event_uuid` is
UNIQUE, so an id is applied once whatever the network does. `stock_projection` and
`sales_projection` are caches derived from the events, updated in the same transaction as
the event insert. Secrets are stored only as SHA-256 hashes (tokens and enrollment codes
are 80+ random bits, so a fast hash is enough). Times are naive UTC.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (BigInteger, Boolean, Date, DateTime, ForeignKey, Index, Integer,
                        MetaData, String, Text, UniqueConstraint)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class HqStore(Base):
    __tablename__ = "stores"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Terminal(Base):
    """A till or back-office PC (one data directory). `token_hash` is set at enrollment."""

    __tablename__ = "terminals"
    __table_args__ = (UniqueConstraint("store_id", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    name: Mapped[str] = mapped_column(String(64))
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    enrolled_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # the terminal's clock as head office last measured it (revision 0004, clock.py):
    # its clock minus head office's in seconds, when, and since when it is skewed
    clock_offset_s: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    clock_checked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    clock_skewed_since: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class EnrollmentCode(Base):
    """One-time: `used_at` is set by the one UPDATE that may succeed. The same device may
    repeat its request until the code expires (its answer may have been lost); it then
    gets a fresh token and the earlier one stops working."""

    __tablename__ = "enrollment_codes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    terminal_id: Mapped[int] = mapped_column(ForeignKey("terminals.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    used_by: Mapped[str | None] = mapped_column(String(64), nullable=True)  # device hash


class Event(Base):
    """One uploaded outbox event. `source`/`seq` are the terminal's own chain id and
    sequence; a second event with the same (terminal, source, seq) is kept but flagged
    (a terminal restored from an old backup reuses sequence numbers)."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_terminal_id_source_seq", "terminal_id", "source", "seq"),
                      Index("ix_events_store_id_received_at", "store_id", "received_at"),
                      Index("ix_events_store_id_id", "store_id", "id"),  # the store feed (0003)
                      Index("ix_events_store_id_doc_id", "store_id", "doc_id"))  # 0005
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"),
                                    primary_key=True)
    event_uuid: Mapped[str] = mapped_column(String(64), unique=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    terminal_id: Mapped[int] = mapped_column(ForeignKey("terminals.id"))
    source: Mapped[str] = mapped_column(String(64), default="")
    seq: Mapped[int] = mapped_column(BigInteger)
    event_type: Mapped[str] = mapped_column(String(40))
    body_hash: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    result: Mapped[str] = mapped_column(Text)  # JSON answered to the first delivery and replays
    created_at: Mapped[datetime] = mapped_column(DateTime)  # at the terminal
    received_at: Mapped[datetime] = mapped_column(DateTime)
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    flag_reason: Mapped[str] = mapped_column(String(200), default="")
    # the posted document's id (revision 0005): a store's document counts once in the
    # projections, whichever terminal's copy arrives first (ingest.py)
    doc_id: Mapped[str | None] = mapped_column(String(64), nullable=True)


class EventConflict(Base):
    """A refused upload: an id already applied, sent again with another body."""

    __tablename__ = "event_conflicts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_uuid: Mapped[str] = mapped_column(String(64), index=True)
    terminal_id: Mapped[int] = mapped_column(ForeignKey("terminals.id"))
    body_hash: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(DateTime)


class StockRow(Base):
    __tablename__ = "stock_projection"
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"), primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    warehouse: Mapped[str] = mapped_column(String(16), primary_key=True)
    qty_milli: Mapped[int] = mapped_column(BigInteger, default=0)
    value_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class SalesRow(Base):
    __tablename__ = "sales_projection"
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    qty_milli: Mapped[int] = mapped_column(BigInteger, default=0)
    amount_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class AuditLink(Base):
    """One link of a terminal's audit chain (revision 0002): seq, previous hash, hash. The
    entries themselves stay at the terminal; the links are enough to see gaps and forks."""

    __tablename__ = "audit_links"
    terminal_id: Mapped[int] = mapped_column(ForeignKey("terminals.id"), primary_key=True)
    chain: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(DateTime)


class AuditFlag(Base):
    """A problem in a terminal's chain: gap, fork or regression (revision 0002)."""

    __tablename__ = "audit_flags"
    __table_args__ = (UniqueConstraint("terminal_id", "chain", "kind", "seq"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    terminal_id: Mapped[int] = mapped_column(ForeignKey("terminals.id"))
    chain: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    seq: Mapped[int] = mapped_column(BigInteger)
    detail: Mapped[str] = mapped_column(String(300))
    at: Mapped[datetime] = mapped_column(DateTime)


class AuditHead(Base):
    """The newest head a terminal reported per chain, with the terminal's own time of the
    reading: a late copy of an old request is older than that, a restored backup is not."""

    __tablename__ = "audit_heads"
    terminal_id: Mapped[int] = mapped_column(ForeignKey("terminals.id"), primary_key=True)
    chain: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))
    observed_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class Change(Base):
    """One entry of the downlink feed (revision 0003): master data head office published,
    append-only. `id` is the cursor terminals keep; publishers take a lock so ids become
    visible in order (see publish.py). `store_id` NULL means every store. `payload` is the
    canonical JSON of the record as published (docs/headoffice.md, "Change feed")."""

    __tablename__ = "changes"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"),
                                    primary_key=True)
    store_id: Mapped[int | None] = mapped_column(ForeignKey("stores.id"), nullable=True)
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime] = mapped_column(DateTime)
    published_by: Mapped[str] = mapped_column(String(64))


class ClockEvent(Base):
    """A terminal's clock went out of line (`skewed`) or came back (`recovered`), as head
    office measured it at a batch's receipt (revision 0004); append-only history."""

    __tablename__ = "clock_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    terminal_id: Mapped[int] = mapped_column(ForeignKey("terminals.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    offset_s: Mapped[int] = mapped_column(BigInteger)
    terminal_time: Mapped[datetime] = mapped_column(DateTime)  # what the terminal said
    at: Mapped[datetime] = mapped_column(DateTime)  # head office's clock


class Transfer(Base):
    """A transfer between stores (revision 0005): sent by store A's `transfer_out` with
    `to_store`, in transit until store B's receipt names it. Lines carry the sender's cost
    (`value_fen` of what went into A's in-transit): B receives at that cost."""

    __tablename__ = "transfers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    transfer_id: Mapped[str] = mapped_column(String(64), unique=True)  # A's document id
    number: Mapped[str] = mapped_column(String(40), default="")
    from_store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    to_store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))  # in_transit, received
    lines: Mapped[str] = mapped_column(Text)  # [{sku, qty_milli, value_fen}]
    received_lines: Mapped[str | None] = mapped_column(Text, nullable=True)
    receipt_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    sent_at: Mapped[datetime] = mapped_column(DateTime)
    received_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class Webhook(Base):
    """A subscription (revision 0005): event types to an URL, signed with `secret`
    (HMAC-SHA256). Removing deactivates it and cancels what is still pending."""

    __tablename__ = "webhooks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(500))
    secret: Mapped[str] = mapped_column(String(100))
    event_types: Mapped[str] = mapped_column(String(300))  # comma-separated
    store_id: Mapped[int | None] = mapped_column(ForeignKey("stores.id"), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    removed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class WebhookDelivery(Base):
    """One event for one subscription, and the log of delivering it (revision 0005).
    Written in the same transaction as what caused it; `event_key` makes it once."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (UniqueConstraint("webhook_id", "event_key"),
                      Index("ix_webhook_deliveries_status_next_attempt_at", "status",
                            "next_attempt_at"))
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"),
                                    primary_key=True)
    webhook_id: Mapped[int] = mapped_column(ForeignKey("webhooks.id"))
    event_type: Mapped[str] = mapped_column(String(40))
    event_key: Mapped[str] = mapped_column(String(120))
    payload: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))  # pending, delivered, failed, cancelled
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime)
    last_status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_error: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class Integration(Base):
    """Another system that posts documents (revision 0005): its API key (stored hashed),
    scopes (`post:<document type>`) and the stores it may post for (empty: all)."""

    __tablename__ = "integrations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[str] = mapped_column(String(500))
    stores: Mapped[str] = mapped_column(String(500), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class CostLine(Base):
    """One document line of a store as head office costs it (revision 0007, cost.py):
    the terminal's provisional cost beside the final cost of the canonical replay, and the
    final cost last published to the store's terminals as a correction (`published_fen`).
    `state`: `final`, or why the line keeps its provisional cost."""

    __tablename__ = "cost_lines"
    __table_args__ = (UniqueConstraint("store_id", "doc_id", "line_no"),
                      Index("ix_cost_lines_store_id_day", "store_id", "day"),
                      Index("ix_cost_lines_store_id_sku", "store_id", "sku"),
                      # the lines not costed yet ("" until the next recompute): cost.dirty
                      Index("ix_cost_lines_state", "state", "store_id", "sku"))
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"),
                                    primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"))
    doc_id: Mapped[str] = mapped_column(String(64))
    doc_type: Mapped[str] = mapped_column(String(24))
    line_no: Mapped[int] = mapped_column(Integer)
    sku: Mapped[str] = mapped_column(String(64))
    warehouse: Mapped[str] = mapped_column(String(16))
    qty_milli: Mapped[int] = mapped_column(BigInteger)
    method: Mapped[str] = mapped_column(String(8))
    batch: Mapped[str] = mapped_column(String(40), default="")
    expiry: Mapped[date | None] = mapped_column(Date, nullable=True)
    day: Mapped[date] = mapped_column(Date)
    in_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    provisional_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    original: Mapped[str | None] = mapped_column(String(64), nullable=True)
    original_line: Mapped[int | None] = mapped_column(Integer, nullable=True)
    final_fen: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    state: Mapped[str] = mapped_column(String(60), default="")
    published_fen: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    computed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
