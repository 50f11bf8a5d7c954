"""The documented answers of the API besides the sync batch (schemas.py): errors, the
caller's terminal, per-store stock and sales. Published in /openapi.json, so schemathesis
checks every answer against them."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from headoffice.schemas import ClockOut, ErrorOut


class FieldError(BaseModel):
    loc: list[str]
    msg: str
    type: str


class InvalidOut(ErrorOut):
    """422: each problem's location and kind, never the input itself."""

    errors: list[FieldError]


class HealthOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    status: str
    schema_revision: str = Field(alias="schema")
    version: str


class MeOut(BaseModel):
    terminal_uuid: str
    terminal_name: str
    store_code: str
    clock: ClockOut | None = None  # head office's view of this terminal's clock


class StockRowOut(BaseModel):
    sku: str
    warehouse: str
    qty: str
    qty_milli: int
    value: str
    value_fen: int
    updated_at: str


class StockOut(BaseModel):
    store: str
    as_of: str | None  # the newest event received for the store
    rows: list[StockRowOut]


class SalesRowOut(BaseModel):
    day: str
    sku: str
    qty: str
    qty_milli: int
    amount: str
    amount_fen: int
    cost: Literal["final", "provisional", "mixed", "none"] = "none"  # headoffice/cost_report.py
    cogs_fen: int | None = None
    cogs: str | None = None
    gross_profit_fen: int | None = None
    gross_profit: str | None = None


class SalesOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    store: str
    day_from: str = Field(alias="from")
    day_to: str = Field(alias="to")
    as_of: str | None
    rows: list[SalesRowOut]
    total_fen: int
    total: str
    cost: Literal["final", "provisional", "mixed", "none"] = "none"
    cogs_fen: int = 0
    cogs: str = "0.00"
    gross_profit_fen: int = 0
    gross_profit: str = "0.00"
