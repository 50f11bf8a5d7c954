"""Printing: the persistent print queue (`queue`) and sale receipts (`receipts`)."""
from app.services.printing.queue import (KINDS, JobOutcome, NotRetryable, PrintInterrupted,
                                         PrintWorker, drain, enqueue, jobs, retry)
from app.services.printing.receipts import (NotAReceipt, ReceiptOutcome, enqueue_receipt,
                                            print_receipt, receipt_data, set_receipt_texts)

__all__ = ["KINDS", "JobOutcome", "NotRetryable", "PrintInterrupted", "PrintWorker", "drain",
           "enqueue", "jobs", "retry", "NotAReceipt", "ReceiptOutcome", "enqueue_receipt",
           "print_receipt", "receipt_data", "set_receipt_texts"]
