"""The head-office HTTP API (FastAPI). OpenAPI at /openapi.json, docs at /docs.

Workers are stateless: each request authenticates against the database and everything it
changes is in one transaction, so any number of workers (or machines) can serve one
PostgreSQL. Tokens travel only in the Authorization header and are never logged.
"""
from __future__ import annotations

import logging
import os
from contextlib import asynccontextmanager
from datetime import date

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app import __version__
from app.domain.errors import JxcError
from headoffice import admin, db, feed, ingest, logs, migrate, queries
from headoffice.config import ENV_DB, resolve_db_url
from headoffice.errors import HqError
from headoffice.gzip_route import GzipRoute
from headoffice.longpoll import FeedWatcher, serve
from headoffice.schemas import (Batch, BatchResult, ChangesOut, EnrollIn, EnrollOut, ErrorOut,
                               StoreEventsOut)

log = logging.getLogger(__name__)
bearer = HTTPBearer(auto_error=False, description="The terminal token from enrollment.")
ERRORS = {401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 404: {"model": ErrorOut},
          409: {"model": ErrorOut}, 503: {"model": ErrorOut}}
MAX_CURSOR = 2 ** 62
MAX_WAIT = 60.0  # seconds a long-poll may wait (terminals ask for 25)


def error_body(exc: JxcError) -> dict:
    return {"code": exc.code, "message_en": exc.message("en"), "message_zh": exc.message("zh")}


def _clean(value: object) -> str:
    """Text safe to put in a JSON answer (a lone surrogate from the input cannot be)."""
    return str(value).encode("utf-8", "backslashreplace").decode("utf-8")[:200]


def invalid_body(errors: list[dict]) -> dict:
    """A 422 that names each problem's location but never echoes the input back."""
    found = [{"loc": [_clean(p) for p in e.get("loc", ())], "msg": _clean(e.get("msg", "")),
              "type": _clean(e.get("type", ""))} for e in errors[:20]]
    where = ".".join(found[0]["loc"]) if found else "-"
    what = found[0]["msg"] if found else "-"
    return {"code": "invalid_request", "errors": found,
            "message_en": f"The request is not valid ({where}: {what}).",
            "message_zh": f"请求内容不正确（{where}：{what}）。"}


def create_app(url: str | None = None) -> FastAPI:
    logs.install()
    engine = db.make_engine(resolve_db_url(url))
    migrate.check_ready(engine)  # a worker never serves a schema it does not know

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        engine.dispose()

    app = FastAPI(title="JXC head office", version=__version__, lifespan=lifespan,
                  description="Terminal enrollment, exactly-once event upload, per-store "
                              "stock and sales. Request bodies may be gzip-compressed.")
    app.state.engine = engine

    @app.exception_handler(JxcError)
    async def _jxc_error(_request: Request, exc: JxcError) -> JSONResponse:
        status = exc.status if isinstance(exc, HqError) else 400
        if status >= 500:
            log.warning("request failed: %s", exc.code)
        return JSONResponse(error_body(exc), status_code=status)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(invalid_body(exc.errors()), status_code=422)

    @app.exception_handler(Exception)
    async def _bug(_request: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected error: %s", type(exc).__name__, exc_info=exc)
        return JSONResponse({"code": "internal", "message_en": "internal error",
                             "message_zh": "内部错误"}, status_code=500)

    app.include_router(_router(engine))
    return app


def app_from_env() -> FastAPI:
    """The uvicorn factory each worker process calls (the URL comes from JXC_HQ_DB)."""
    return create_app(os.environ.get(ENV_DB))


def _router(engine) -> APIRouter:
    router = APIRouter(prefix="/api/v1", route_class=GzipRoute, responses=ERRORS)

    def caller(creds: HTTPAuthorizationCredentials | None = Depends(bearer)) -> admin.Caller:
        token = creds.credentials if creds and creds.scheme.lower() == "bearer" else None
        return db.read(engine, lambda s: admin.authenticate(s, token))

    @router.get("/health")
    def health() -> dict:
        return {"status": "ok", "schema": migrate.check_ready(engine), "version": __version__}

    @router.post("/enroll", response_model=EnrollOut)
    def enroll(body: EnrollIn) -> dict:
        return admin.enroll(engine, body.code, body.store_code, body.device)

    @router.get("/me")
    def me(who: admin.Caller = Depends(caller)) -> dict:
        return {"terminal_uuid": who.terminal_uuid, "terminal_name": who.terminal_name,
                "store_code": who.store_code}

    @router.post("/events", response_model=BatchResult)
    def upload(batch: Batch, who: admin.Caller = Depends(caller)) -> BatchResult:
        return ingest.ingest(engine, who, batch)

    watcher = FeedWatcher(engine)

    @router.get("/changes", response_model=ChangesOut)
    async def changes(after: int = Query(0, ge=0, le=MAX_CURSOR),
                      limit: int = Query(500, ge=1, le=1000),
                      wait: float = Query(0, ge=0, le=MAX_WAIT),
                      who: admin.Caller = Depends(caller)) -> dict:
        """The change feed for the caller's store (its own and every-store changes) after
        the cursor `after`; with `wait`, an empty answer comes only after that many seconds."""
        return await serve(watcher, "changes", "changes", after, wait,
                           lambda at: feed.changes(engine, who, at, limit))

    @router.get("/store-events", response_model=StoreEventsOut)
    async def store_events(after: int = Query(0, ge=0, le=MAX_CURSOR),
                           limit: int = Query(200, ge=1, le=500),
                           wait: float = Query(0, ge=0, le=MAX_WAIT),
                           who: admin.Caller = Depends(caller)) -> dict:
        """Events the other terminals of the caller's store uploaded, after `after`."""
        return await serve(watcher, "events", "events", after, wait,
                           lambda at: feed.store_events(engine, who, at, limit))

    @router.get("/stores/{code}/stock")
    def stock(code: str, sku: str | None = Query(None, max_length=64, pattern=r"^[^\x00]*$"),
              _who: admin.Caller = Depends(caller)) -> dict:
        return queries.stock(engine, code, sku)

    @router.get("/stores/{code}/sales")
    def sales(code: str, day_from: date = Query(alias="from"), day_to: date = Query(alias="to"),
              _who: admin.Caller = Depends(caller)) -> dict:
        return queries.sales(engine, code, day_from, day_to)

    return router
