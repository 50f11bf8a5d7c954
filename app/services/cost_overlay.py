"""Final costs from head office, as an overlay on this terminal's provisional books.

Head office replays the store's documents in one canonical order and sends a `cost`
change where a line's final cost differs from what this terminal booked
(docs/headoffice.md, "Cost: provisional and final"). `record_correction` keeps it in the
append-only `cost_corrections` (in the downlink transaction); the ledger, cost layers and
vouchers are never touched, so `jxc verify` holds. `final_costs` reads the latest
correction per line (highest id: the feed's order, a newer recompute supersedes).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.persistence.schema import CostCorrection


def _whole(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) \
        and abs(value) <= 10 ** 15 else None


def record_correction(s: Session, data: dict, now: datetime) -> str | None:
    """Keep one correction; returns why it was set aside, or None."""
    doc, line = data.get("doc"), _whole(data.get("line"))
    final, provisional = _whole(data.get("final_fen")), _whole(data.get("provisional_fen"))
    if not isinstance(doc, str) or not 0 < len(doc) <= 64 or line is None or line < 1 \
            or final is None or provisional is None:
        return "malformed cost correction"
    s.add(CostCorrection(document_uuid=doc, line_no=line, sku=str(data.get("sku") or "")[:64],
                         provisional_fen=provisional, final_fen=final, received_at=now))
    return None


def final_costs(s: Session, document_uuid: str) -> dict[int, int]:
    """{line number: final cost in fen} of a document's corrected lines."""
    latest = (select(func.max(CostCorrection.id))
              .where(CostCorrection.document_uuid == document_uuid)
              .group_by(CostCorrection.line_no))
    return dict(s.execute(select(CostCorrection.line_no, CostCorrection.final_fen)
                          .where(CostCorrection.id.in_(latest))).all())
