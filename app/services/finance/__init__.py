"""Finance export: the vouchers of a period for accounting software (docs/finance-export.md)."""
from app.services.finance.export import ExportResult, export_vouchers, load_layout

__all__ = ["ExportResult", "export_vouchers", "load_layout"]
