"""The first-run wizard: shown by the desktop app when the data directory holds no store."""
from app.ui.wizard.wizard import FirstRunWizard, needs_first_run, run_first_run_if_needed

__all__ = ["FirstRunWizard", "needs_first_run", "run_first_run_if_needed"]
