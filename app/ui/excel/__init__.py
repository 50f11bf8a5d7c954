"""Excel in the desktop app: the import dialog (any of the four imports, with a progress
bar and the marked copy one click away) and exporting any list to .xlsx."""
from app.ui.excel.export import export_model, export_rows, model_table
from app.ui.excel.import_dialog import ImportDialog

__all__ = ["ImportDialog", "export_model", "export_rows", "model_table"]
