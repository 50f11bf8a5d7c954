"""The per-line cost facts sent beside a `document.posted` event (head office's costing
authority, docs/headoffice.md "Cost: provisional and final").

For each line of a posted document: the product, its quantity, how the product is costed
here (`fifo`, `fefo` for products with a shelf life, `average`, or `none` when stock is not
tracked), the batch and expiry asked for, the value the line put into stock (`in_fen`,
receipts: cost plus its share of freight and packaging), the line's provisional cost of
goods (`cogs_fen`, this terminal's own FIFO/FEFO/average), and for returns and receipts of
a transfer the original document and line. Read from posted rows, which never change, so
every resend carries the same facts.
"""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from app.persistence.schema import Document, DocumentLine, Product, StockMove, Warehouse


def _method(costing: str, shelf_life: int | None, tracked: bool) -> str:
    if not tracked:
        return "none"
    if costing == "average":
        return "average"
    return "fefo" if shelf_life is not None else "fifo"


def line_facts(conn, doc_uuids: list[str]) -> dict[str, list[dict]]:
    """{document uuid: [line fact, ...]} in line order."""
    found: dict[str, list[dict]] = {}
    source_line, source_doc = aliased(DocumentLine), aliased(Document)
    value_in = (select(func.coalesce(func.sum(StockMove.value_fen), 0))
                .where(StockMove.line_id == DocumentLine.id, StockMove.qty_milli > 0,
                       StockMove.kind == "", StockMove.warehouse_id == Document.warehouse_id)
                .correlate(DocumentLine, Document).scalar_subquery())
    for i in range(0, len(doc_uuids), 500):
        rows = conn.execute(
            select(Document.uuid, Document.business_date, Warehouse.code, DocumentLine.line_no,
                   Product.sku, DocumentLine.qty_milli, Product.costing,
                   Product.shelf_life_days, Product.is_stock_tracked, DocumentLine.batch,
                   DocumentLine.expiry, DocumentLine.cogs_fen, value_in, source_doc.uuid,
                   source_line.line_no)
            .join(DocumentLine, DocumentLine.document_id == Document.id)
            .join(Product, Product.id == DocumentLine.product_id)
            .join(Warehouse, Warehouse.id == Document.warehouse_id)
            .outerjoin(source_line, source_line.id == DocumentLine.original_line_id)
            .outerjoin(source_doc, source_doc.id == Document.original_id)
            .where(Document.uuid.in_(doc_uuids[i:i + 500]))
            .order_by(Document.uuid, DocumentLine.line_no))
        for (uuid, day, wh, line_no, sku, qty, costing, shelf, tracked, batch, expiry, cogs,
             in_fen, original, original_line) in rows:
            found.setdefault(uuid, []).append({
                "line": line_no, "sku": sku, "warehouse": wh, "qty_milli": qty,
                "method": _method(costing, shelf, tracked), "batch": batch or "",
                "expiry": expiry.isoformat() if expiry else None, "day": day.isoformat(),
                "in_fen": in_fen, "cogs_fen": cogs, "original": original,
                "original_line": original_line})
    return found
