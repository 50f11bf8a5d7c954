"""The sale screen (收银台): keyboard first, scanner and keys into one field. See docs/counter.md."""
from app.ui.counter.page import CounterPage

__all__ = ["CounterPage"]
