"""Demo data for trying JXC out and for load tests: `jxc demo` (see `generator`)."""
from app.services.demo.generator import (DemoHistoryUnavailable, DemoResult, DemoStoreNotEmpty,
                                         populate_demo)

__all__ = ["DemoHistoryUnavailable", "DemoResult", "DemoStoreNotEmpty", "populate_demo"]
