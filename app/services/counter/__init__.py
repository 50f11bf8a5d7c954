"""The counter (收银台): cart, product and member lookup, hold/recall, authorisations,
tenders and posting a sale through the inventory core, shifts and returns. See
docs/counter.md."""
from app.services.counter.authorise import ACTIONS, Approval, approve, may, set_pin
from app.services.counter import supervised  # registers the shift and return actions
from app.services.counter.cart import Cart, CartLine, Member, ProductInfo, Totals, allocate
from app.services.counter.checkout import AfterCommit, SaleOutcome, checkout, sale_document
from app.services.counter.entry import (parse_amount_or_percent, parse_cash,
                                        parse_entry_quantity, parse_price, parse_qty)
from app.services.counter.config import CounterConfig, load_config, parse_config
from app.services.counter.held import HeldSale, held_sales, hold, recall
from app.services.counter.lookup import (CodeHit, Entry, find_code, find_member, resolve_entry,
                                         search)
from app.services.counter.receipts import ReceiptPrinter, receipt_printer
from app.services.counter.return_plan import (PaidTender, SaleForReturn, SoldLine, clean_picks,
                                              line_refund_fen, refund_fen, refund_tenders)
from app.services.counter.returns import ReturnOutcome, find_sale, post_return
from app.services.counter.shift_figures import DENOMINATIONS, ShiftTotals, denomination_name
from app.services.counter.shifts import (CashMoveOut, ClosedShift, ShiftInfo, ShiftReportOut,
                                         cash_move, close_shift, current_shift, open_shift,
                                         shift_totals, x_report)
from app.services.counter.status import TillStatus, till_status
from app.services.counter.tender import (METHOD_NAMES, Tender, TenderState, check_tender,
                                         quick_amounts, state)
from app.services.counter.wallet import (GATEWAYS, RecordReferenceGateway, TestGateway,
                                         WalletCharge, WalletGateway, payment_method,
                                         take_wallet_payment)

__all__ = [
    "ACTIONS", "Approval", "approve", "may", "set_pin",
    "Cart", "CartLine", "Member", "ProductInfo", "Totals", "allocate",
    "parse_amount_or_percent", "parse_cash", "parse_entry_quantity", "parse_price", "parse_qty",
    "AfterCommit", "SaleOutcome", "checkout", "sale_document",
    "CounterConfig", "load_config", "parse_config",
    "HeldSale", "held_sales", "hold", "recall",
    "CodeHit", "Entry", "find_code", "find_member", "resolve_entry", "search",
    "ReceiptPrinter", "receipt_printer", "TillStatus", "till_status",
    "PaidTender", "SaleForReturn", "SoldLine", "clean_picks", "line_refund_fen", "refund_fen",
    "refund_tenders", "ReturnOutcome", "find_sale", "post_return",
    "DENOMINATIONS", "ShiftTotals", "denomination_name", "CashMoveOut", "ClosedShift",
    "ShiftInfo", "ShiftReportOut", "cash_move", "close_shift", "current_shift", "open_shift",
    "shift_totals", "x_report", "supervised",
    "METHOD_NAMES", "Tender", "TenderState", "check_tender", "quick_amounts", "state",
    "GATEWAYS", "RecordReferenceGateway", "TestGateway", "WalletCharge", "WalletGateway",
    "payment_method", "take_wallet_payment",
]
