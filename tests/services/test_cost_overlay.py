"""Final costs from head office at a terminal (app/services/cost_overlay.py): `cost` changes
are appended to `cost_corrections` in the downlink transaction, the latest per line wins,
a malformed one is set aside, and the terminal's own books are never touched."""
from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.persistence.uow import UnitOfWork
from app.services.catalog_sync import apply_changes
from app.services.documents import document_detail
from app.services.inventory.posting import post_document
from app.services.inventory.verify import verify
from app.services.records import Actor
from tests.helpers import add_catalog

ADMIN = Actor(None, "admin", "admin")
CLERK = Actor(None, "lead", "shift_lead")  # staff without cost rights


def _apply(store, *changes) -> dict:
    with UnitOfWork(store.engine) as uow:
        out = apply_changes(store, uow.session, list(changes))
        uow.commit()
    return out


def _cost(change_id: int, doc: str, final, line=1) -> dict:
    return {"id": change_id, "kind": "cost", "key": f"{doc}#{line}",
            "data": {"doc": doc, "line": line, "sku": "COLA", "provisional_fen": 350,
                     "final_fen": final}}


@pytest.fixture
def sold(new_store):
    add_catalog(new_store)
    post_document(new_store, ADMIN, {"type": "purchase_receipt", "id": "in-1", "supplier": "S01",
                                     "lines": [{"sku": "COLA", "qty": "10", "unit_cost": "3.50"}]})
    post_document(new_store, ADMIN, {"type": "sale", "id": "sale-1",
                                     "lines": [{"sku": "COLA", "qty": "1"}],
                                     "payments": [{"method": "cash", "amount": "10.00"}]})
    return new_store


def test_the_latest_correction_of_a_line_is_shown_beside_the_provisional_cost(sold):
    assert "final_cogs" not in document_detail(sold, ADMIN, "sale-1")["lines"][0]
    out = _apply(sold, _cost(7, "sale-1", 380), _cost(9, "sale-1", 365),
                 _cost(10, "sale-1", "3.65"), _cost(11, "sale-1", 400, line=0))
    assert out["applied"] == {"cost": 2}
    assert [s["reason_en"] for s in out["skipped"]] == ["malformed cost correction"] * 2
    line = document_detail(sold, ADMIN, "sale-1")["lines"][0]
    assert (line["cogs"], line["final_cogs"]) == ("3.50", "3.65")
    assert "final_cogs" not in document_detail(sold, CLERK, "sale-1")["lines"][0]
    # the books stay as posted: the ledger and vouchers still hold the provisional cost
    with sold.engine.connect() as conn:
        assert conn.execute(text("SELECT sum(value_fen) FROM stock_moves m JOIN documents d "
                                 "ON d.id = m.document_id WHERE d.uuid = 'sale-1'")).scalar() == -350
    assert verify(sold).ok


def test_corrections_are_append_only(sold):
    _apply(sold, _cost(1, "sale-1", 380))
    for statement in ("UPDATE cost_corrections SET final_fen = 1",
                      "DELETE FROM cost_corrections"):
        with pytest.raises(IntegrityError):
            with sold.engine.begin() as conn:
                conn.execute(text(statement))
