"""Typed rows of the local store (SQLAlchemy 2.0).

Units of storage, everywhere: money in integer fen (`*_fen`), quantities in integer
thousandths of the product's unit (`*_milli`, so 1.5 kg is 1500), rates in basis points
(`*_bp`, so 13% is 1300). No float column exists. The migrations in `migrations/versions`
build exactly this schema (a test compares them).
"""
from app.persistence.schema.base import NAMING, Base
from app.persistence.schema.core import Meta, Store, User, Warehouse
from app.persistence.schema.inventory import (IMMUTABLE_TRIGGERS, AuditEntry, CostLayer,
                                              Document, DocumentLine, OutboxEvent, Payment,
                                              StockBalance, StockMove, Voucher, VoucherLineRow)
from app.persistence.schema.workflow import (ApprovalRuleRow, DocumentApproval, OutboxDelivery,
                                             PostingRuleRow, PrintJob)
from app.persistence.schema.shifts import Shift, ShiftCashMove, ShiftReport
from app.persistence.schema.custom import CustomField, CustomValue, DocumentCustomValue
from app.persistence.schema.master import (Brand, Category, Customer, Product, ProductBarcode,
                                           Recipe, RecipeLine, Supplier, Unit)
from app.persistence.schema.members import MEMBER_TRIGGERS, MemberAccountMove
from app.persistence.schema.reporting import BriefLog, DailySales, ReportDefinition  # noqa: F401  (0011)

from app.persistence.schema.costing import COST_TRIGGERS, CostCorrection  # noqa: F401  (0013)

IMMUTABLE_TRIGGERS = [*IMMUTABLE_TRIGGERS, *MEMBER_TRIGGERS,  # member_account_moves (0010)
                      *COST_TRIGGERS]  # cost_corrections (0013)

__all__ = ["NAMING", "Base", "Meta", "Store", "User", "Warehouse", "Brand", "Category",
           "Customer", "Product", "ProductBarcode", "Supplier", "Unit", "Recipe", "RecipeLine", "IMMUTABLE_TRIGGERS",
           "AuditEntry", "CostLayer", "Document", "DocumentLine", "OutboxEvent", "Payment",
           "StockBalance", "StockMove", "Voucher", "VoucherLineRow", "ApprovalRuleRow",
           "DocumentApproval", "OutboxDelivery", "PostingRuleRow", "PrintJob", "Shift",
           "ShiftCashMove", "ShiftReport", "CustomField", "CustomValue", "DocumentCustomValue",
           "MemberAccountMove"]
