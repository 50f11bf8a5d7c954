"""Tables of the reports area (revision 0011).

- `daily_sales`: one row per business day, store and product with the day's sales and
  customer returns summed, maintained by the posting transaction (one upsert statement per
  sale or return). A projection of posted documents, like `stock_balances`: reports read it
  instead of scanning every document line of years of history.
- `report_definitions`: the report builder's saved definitions (JSON, whitelisted names
  only). Head office's (origin `head_office`) are stored as "hq:<name>", with their
  titles beside the spec in `spec_json`, so they never clash with the store's own.
- `brief_log`: one row per morning brief sent (business day and channel unique), so a brief
  is never sent twice and a missed one is found at the next start.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (BigInteger, Boolean, Date, DateTime, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.schema.base import Base


class DailySales(Base):
    __tablename__ = "daily_sales"
    business_date: Mapped[date] = mapped_column(Date, primary_key=True)
    store_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    product_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tickets: Mapped[int] = mapped_column(Integer, default=0)  # sale documents with the product
    return_docs: Mapped[int] = mapped_column(Integer, default=0)  # customer returns with it
    sale_lines: Mapped[int] = mapped_column(Integer, default=0)
    qty_milli: Mapped[int] = mapped_column(BigInteger, default=0)  # sold less returned
    gross_fen: Mapped[int] = mapped_column(BigInteger, default=0)  # sales, VAT incl.
    discount_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    returns_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    revenue_net_fen: Mapped[int] = mapped_column(BigInteger, default=0)  # net of returns, VAT
    cogs_fen: Mapped[int] = mapped_column(BigInteger, default=0)  # net of returns


class ReportDefinition(Base):
    __tablename__ = "report_definitions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    spec_json: Mapped[str] = mapped_column(Text)
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    origin: Mapped[str] = mapped_column(String(16), default="local")  # local | head_office
    updated_by: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class BriefLog(Base):
    __tablename__ = "brief_log"
    __table_args__ = (UniqueConstraint("business_date", "channel"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_date: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(16))  # email | wecom | dingtalk
    sent_at: Mapped[datetime] = mapped_column(DateTime)
    detail: Mapped[str] = mapped_column(Text, default="")

