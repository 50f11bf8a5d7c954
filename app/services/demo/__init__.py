"""Demo data for trying JXC out and for load tests: `jxc demo` (see `generator`, `history`)."""
from app.services.demo.generator import DemoResult, DemoStoreNotEmpty, populate_demo
from app.services.demo.history import HistoryResult

__all__ = ["DemoResult", "DemoStoreNotEmpty", "HistoryResult", "populate_demo"]
