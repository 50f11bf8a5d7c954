"""Master data: units, categories, brands, suppliers, products, barcodes, customers (0002);
recipes (0004); the products' shelf location (0012)."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (BigInteger, Boolean, CheckConstraint, Date, DateTime, ForeignKey, Index,
                        Integer, String, UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.schema.base import Base


class Unit(Base):
    __tablename__ = "units"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(16), unique=True)
    is_weighed: Mapped[bool] = mapped_column(Boolean, default=False)


class Category(Base):
    __tablename__ = "categories"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"), nullable=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))


class Brand(Base):
    __tablename__ = "brands"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    pinyin: Mapped[str] = mapped_column(String(64), default="")


class Supplier(Base):
    __tablename__ = "suppliers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    contact: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Product(Base):
    __tablename__ = "products"
    __table_args__ = (
        CheckConstraint("costing IN ('fifo', 'average')", name="costing"),
        CheckConstraint("retail_price_fen >= 0 AND member_price_fen >= 0 "
                        "AND wholesale_price_fen >= 0 AND purchase_price_fen >= 0", name="prices"),
        Index("ix_products_name", "name"),
        Index("ix_products_pinyin", "pinyin"),
        Index("ix_products_category_id", "category_id"),
        Index("ix_products_brand_id", "brand_id"),
        Index("ix_products_supplier_id", "supplier_id"),
        Index("ix_products_location", "location"),  # NOCASE: serves LIKE 'a-03%'
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sku: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    pinyin: Mapped[str] = mapped_column(String(120), default="")  # initials: 可口可乐 -> kkkl
    spec: Mapped[str] = mapped_column(String(40), default="")
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"), nullable=True)
    brand_id: Mapped[int | None] = mapped_column(ForeignKey("brands.id"), nullable=True)
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("suppliers.id"), nullable=True)
    tax_rate_bp: Mapped[int] = mapped_column(Integer, default=1300)
    retail_price_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    member_price_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    wholesale_price_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    purchase_price_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    freight_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    packaging_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    storage_rate_bp: Mapped[int] = mapped_column(Integer, default=0)
    shelf_life_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    min_stock_milli: Mapped[int] = mapped_column(BigInteger, default=0)
    max_stock_milli: Mapped[int] = mapped_column(BigInteger, default=0)
    is_stock_tracked: Mapped[bool] = mapped_column(Boolean, default=True)
    costing: Mapped[str] = mapped_column(String(8), default="fifo")
    image_path: Mapped[str | None] = mapped_column(String(260), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # shelf location (货位) as typed, "A-03-2"; matched case-insensitively (0012)
    location: Mapped[str | None] = mapped_column(String(32, collation="NOCASE"), nullable=True)


class ProductBarcode(Base):
    """A product may carry several barcodes; each barcode names exactly one product."""

    __tablename__ = "product_barcodes"
    __table_args__ = (Index("ix_product_barcodes_product_id", "product_id"),)
    barcode: Mapped[str] = mapped_column(String(32), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)


class Customer(Base):
    """Customers and members (a member has a level and a card or phone)."""

    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(20), unique=True, nullable=True)
    card_no: Mapped[str | None] = mapped_column(String(32), unique=True, nullable=True)
    level: Mapped[str] = mapped_column(String(16), default="")
    tags: Mapped[str] = mapped_column(String(200), default="")
    points: Mapped[int] = mapped_column(BigInteger, default=0)
    birthday: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Recipe(Base):
    """A bill of materials: what one yield of a product is made of (a dish, a gift box)."""

    __tablename__ = "recipes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), unique=True)
    yield_milli: Mapped[int] = mapped_column(BigInteger, default=1000)


class RecipeLine(Base):
    __tablename__ = "recipe_lines"
    __table_args__ = (UniqueConstraint("recipe_id", "component_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recipe_id: Mapped[int] = mapped_column(ForeignKey("recipes.id"))
    component_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    qty_milli: Mapped[int] = mapped_column(BigInteger)  # per yield
