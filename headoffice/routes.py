"""The routes of the head-office API (prefix /api/v1); api.py builds the app around them.

Every answer is documented in /openapi.json (a response model per route, ErrorOut for the
errors, InvalidOut for 422), and tests/headoffice/test_hq_schemathesis.py checks the
server against that document.
"""
from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Path, Query
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app import __version__
from headoffice import (admin, clock, db, escrow, feed, ingest, migrate, queries,
                        routes_more)
from headoffice.admin import utc_now
from headoffice.gzip_route import GzipRoute
from headoffice.longpoll import FeedWatcher, serve
from headoffice.schemas import (MAX_SEQ, STORE_CODE, Batch, BatchResult, ChangesOut, EnrollIn,
                                EnrollOut, ErrorOut, StoreEventsOut)
from headoffice.schemas_reports import HealthOut, InvalidOut, MeOut, SalesOut, StockOut

bearer = HTTPBearer(auto_error=False, description="The terminal token from enrollment.")
ERRORS = {status: {"model": ErrorOut} for status in (400, 401, 403, 404, 409, 413, 415, 503)}
ERRORS[422] = {"model": InvalidOut}
MAX_CURSOR = MAX_SEQ
MAX_WAIT = 60.0  # seconds a long-poll may wait (terminals ask for 25)
StoreCode = Path(min_length=1, max_length=16, pattern=STORE_CODE)


def router(engine, max_skew: int) -> APIRouter:
    api = APIRouter(prefix="/api/v1", route_class=GzipRoute, responses=ERRORS)

    def caller(creds: HTTPAuthorizationCredentials | None = Depends(bearer)) -> admin.Caller:
        token = creds.credentials if creds and creds.scheme.lower() == "bearer" else None
        return db.read(engine, lambda s: admin.authenticate(s, token))

    @api.get("/health", response_model=HealthOut)
    def health() -> dict:
        return {"status": "ok", "schema": migrate.check_ready(engine), "version": __version__}

    @api.post("/enroll", response_model=EnrollOut)
    def enroll(body: EnrollIn) -> dict:
        return admin.enroll(engine, body.code, body.store_code, body.device)

    @api.get("/me", response_model=MeOut)
    def me(who: admin.Caller = Depends(caller)) -> dict:
        """The caller's terminal, and head office's view of its clock."""
        seen = db.read(engine, lambda s: clock.view(s, who.terminal_id, max_skew))
        return {"terminal_uuid": who.terminal_uuid, "terminal_name": who.terminal_name,
                "store_code": who.store_code, "clock": seen}

    @api.post("/events", response_model=BatchResult)
    def upload(batch: Batch, who: admin.Caller = Depends(caller)) -> BatchResult:
        """A batch of events, applied exactly once per id, with the audit chain head; the
        answer also says how far the terminal's clock is from head office's."""
        return ingest.ingest(engine, who, batch, utc_now(), max_skew)

    watcher = FeedWatcher(engine)

    @api.get("/changes", response_model=ChangesOut)
    async def changes(after: int = Query(0, ge=0, le=MAX_CURSOR),
                      limit: int = Query(500, ge=1, le=1000),
                      wait: float = Query(0, ge=0, le=MAX_WAIT),
                      who: admin.Caller = Depends(caller)) -> dict:
        """The change feed for the caller's store (its own and every-store changes) after
        the cursor `after`; with `wait`, an empty answer comes only after that many seconds."""
        return await serve(watcher, "changes", "changes", after, wait,
                           lambda at: feed.changes(engine, who, at, limit))

    @api.get("/store-events", response_model=StoreEventsOut)
    async def store_events(after: int = Query(0, ge=0, le=MAX_CURSOR),
                           limit: int = Query(200, ge=1, le=500),
                           wait: float = Query(0, ge=0, le=MAX_WAIT),
                           who: admin.Caller = Depends(caller)) -> dict:
        """Events the other terminals of the caller's store uploaded, after `after`."""
        return await serve(watcher, "events", "events", after, wait,
                           lambda at: feed.store_events(engine, who, at, limit))

    @api.get("/stores/{code}/stock", response_model=StockOut)
    def stock(code: str = StoreCode,
              sku: str | None = Query(None, max_length=64, pattern=r"^[^\x00]*$"),
              _who: admin.Caller = Depends(caller)) -> dict:
        return queries.stock(engine, code, sku)

    @api.get("/stores/{code}/sales", response_model=SalesOut)
    def sales(code: str = StoreCode, day_from: date = Query(alias="from"),
              day_to: date = Query(alias="to"), _who: admin.Caller = Depends(caller)) -> dict:
        return queries.sales(engine, code, day_from, day_to)

    routes_more.add_routes(api, engine, caller, bearer)  # stores, transfers, inbound

    @api.put("/backup-key", response_model=escrow.EscrowOut)
    def backup_key(body: escrow.EscrowIn, who: admin.Caller = Depends(caller)) -> dict:
        """The escrow blob of the caller's store backup key (a secret; headoffice/escrow.py)."""
        return escrow.escrow(engine, who, body)

    return api
