"""The till's after-commit hook: queue the receipt, let the print worker send it.

`checkout` and `returns.post_return` call the hook only once the sale or the return has
committed. The receipt (a return's is titled 退货) goes into the persistent print queue
(app/services/printing); the queue opens the drawer only for a first receipt of a sale
paid or a return refunded (partly) in cash, never for a reprint. The print worker thread
sends it, so a slow or dead printer never holds up the next sale; its failures show in the
status strip (`status.till_status`). Shift reports and cash slips are queued by `shifts` inside
their own transaction; `wake` tells the worker to send them.
"""
from __future__ import annotations

from app.domain.permissions import check
from app.persistence.store import LocalStore
from app.services.counter.checkout import SaleOutcome
from app.services.counter.config import CounterConfig
from app.services.printing import PrintWorker, enqueue_receipt
from app.services.records import LOCAL_OPERATOR, Actor


class ReceiptPrinter:
    def __init__(self, store: LocalStore, url: str, width_mm: int = 80,
                 worker: PrintWorker | None = None, drawer_pin: int = 2) -> None:
        self.store, self.url, self.width_mm = store, url, width_mm
        self.worker, self.drawer_pin = worker, drawer_pin
        self.queued: list[int] = []

    def __call__(self, outcome: SaleOutcome) -> None:
        """After a sale or a return (anything with `document_id` and `cash`)."""
        queued = enqueue_receipt(self.store, outcome.document_id, self.url,
                                 width_mm=self.width_mm, open_drawer=outcome.cash)
        self.queued.append(queued.job_id)
        self.wake()

    def wake(self) -> None:
        if self.worker is not None:
            self.worker.wake()

    def start(self) -> None:
        if self.worker is None:
            self.worker = PrintWorker(self.store, drawer_pin=self.drawer_pin)
            self.worker.start()

    def stop(self) -> None:
        if self.worker is not None and self.worker.is_alive():
            self.worker.stop()


def receipt_printer(store: LocalStore, config: CounterConfig,
                    *, actor: Actor = LOCAL_OPERATOR) -> ReceiptPrinter | None:
    """The hook for the configured printer (setting `counter.printer`), or None."""
    check(actor.role, "counter.receipts.receipt_printer")
    if not config.printer:
        return None
    return ReceiptPrinter(store, config.printer, config.receipt_width,
                          drawer_pin=config.drawer_pin)
