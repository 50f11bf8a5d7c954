"""Routes beside the sync API (routes.py): the list of stores and transfers between stores
for terminals (token), and inbound documents for integrations (their API key).

Both kinds of secret travel only as `Authorization: Bearer …`."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from fastapi.security import HTTPAuthorizationCredentials
from sqlalchemy import or_, select

from headoffice import admin, db, integrations
from headoffice.models import HqStore, Transfer
from headoffice.reactions import transfer_view
from headoffice.schemas_more import InboundIn, InboundOut, StoresOut, TransfersOut


def add_routes(api: APIRouter, engine, caller, bearer) -> None:
    @api.get("/stores", response_model=StoresOut)
    def stores(_who: admin.Caller = Depends(caller)) -> dict:
        """Every store head office knows (a terminal looks up other stores' stock)."""
        return db.read(engine, lambda s: {"stores": [
            {"code": c, "name": n} for c, n in s.execute(
                select(HqStore.code, HqStore.name).order_by(HqStore.code))]})

    @api.get("/transfers", response_model=TransfersOut)
    def transfers(direction: str = Query("in", pattern="^(in|out|both)$"),
                  status: str | None = Query(None, pattern="^(in_transit|received)$"),
                  who: admin.Caller = Depends(caller)) -> dict:
        """Transfers to (in) or from (out) the caller's store, newest first (at most 200)."""
        return db.read(engine, lambda s: {"transfers": list_transfers(
            s, who.store_id, direction, status)})

    @api.post("/inbound/documents", response_model=InboundOut)
    def inbound(body: InboundIn,
                creds: HTTPAuthorizationCredentials | None = Depends(bearer)) -> dict:
        """A document from another system (an integration's API key), idempotent by the
        store and the document's id."""
        key = creds.credentials if creds and creds.scheme.lower() == "bearer" else None
        return integrations.post(engine, key, body.store_code, body.document)


def list_transfers(s, store_id: int, direction: str = "in", status: str | None = None,
                   limit: int = 200) -> list[dict]:
    sides = {"in": Transfer.to_store_id == store_id, "out": Transfer.from_store_id == store_id,
             "both": or_(Transfer.to_store_id == store_id, Transfer.from_store_id == store_id)}
    q = select(Transfer).where(sides[direction]).order_by(Transfer.id.desc()).limit(limit)
    if status:
        q = q.where(Transfer.status == status)
    codes = dict(s.execute(select(HqStore.id, HqStore.code)).all())
    return [transfer_view(t, codes) for t in s.scalars(q)]
