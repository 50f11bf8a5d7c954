"""The till's after-commit hook: queue the receipt, let the print worker send it.

`checkout` calls the hook only once the sale has committed. The receipt goes into the
persistent print queue (app/services/printing); the queue opens the drawer only for a
first receipt of a sale with cash, never for a reprint. The print worker thread sends it,
so a slow or dead printer never holds up the next sale; its failures show in the status
strip (`status.till_status`).
"""
from __future__ import annotations

from app.persistence.store import LocalStore
from app.services.counter.checkout import SaleOutcome
from app.services.counter.config import CounterConfig
from app.services.printing import PrintWorker, enqueue_receipt


class ReceiptPrinter:
    def __init__(self, store: LocalStore, url: str, width_mm: int = 80,
                 worker: PrintWorker | None = None) -> None:
        self.store, self.url, self.width_mm = store, url, width_mm
        self.worker = worker
        self.queued: list[int] = []

    def __call__(self, outcome: SaleOutcome) -> None:
        queued = enqueue_receipt(self.store, outcome.sale_id, self.url, width_mm=self.width_mm,
                                 open_drawer=outcome.cash)
        self.queued.append(queued.job_id)
        if self.worker is not None:
            self.worker.wake()

    def start(self) -> None:
        if self.worker is None:
            self.worker = PrintWorker(self.store)
            self.worker.start()

    def stop(self) -> None:
        if self.worker is not None and self.worker.is_alive():
            self.worker.stop()


def receipt_printer(store: LocalStore, config: CounterConfig) -> ReceiptPrinter | None:
    """The hook for the configured printer (setting `counter.printer`), or None."""
    if not config.printer:
        return None
    return ReceiptPrinter(store, config.printer, config.receipt_width)
