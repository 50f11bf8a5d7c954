"""The documented bodies of the routes for stores, transfers between stores and inbound
documents from integrations (routes_more.py). Published in /openapi.json."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from headoffice.schemas import Code, Token, Utc


class StoreOut(BaseModel):
    code: str
    name: str


class StoresOut(BaseModel):
    stores: list[StoreOut]


class TransferLineOut(BaseModel):
    sku: str
    qty: str
    qty_milli: int
    value_fen: int  # the sender's cost of what it sent (FIFO/FEFO at the sender)
    unit_cost: str
    received_milli: int | None = None
    difference_milli: int | None = None  # received - sent: < 0 short, > 0 over


class TransferOut(BaseModel):
    transfer_id: str
    number: str
    from_store: str | None
    to_store: str | None
    status: Literal["in_transit", "received"]
    sent_at: Utc
    received_at: Utc | None = None
    receipt_id: str | None = None
    lines: list[TransferLineOut]


class TransfersOut(BaseModel):
    transfers: list[TransferOut]


EXAMPLE_INBOUND = {"store_code": "S001", "document": {
    "type": "sale", "id": "shop-order-10023",
    "lines": [{"sku": "COLA", "qty": "2", "unit_price": "3.50"}],
    "payments": [{"method": "wechat", "amount": "7.00", "reference": "wx-4200001"}]}}


class InboundIn(BaseModel):
    """A document in the JXC document format (docs/document-format.md) for one store."""

    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE_INBOUND]})
    store_code: Token = Code
    document: dict


class InboundOut(BaseModel):
    status: Literal["accepted", "duplicate"]
    store: str
    id: str
    type: str
    event_uuid: str
    integration: str
    accepted_at: str


