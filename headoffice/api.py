"""The head-office HTTP API (FastAPI). OpenAPI at /openapi.json, docs at /docs.

Workers are stateless: each request authenticates against the database and everything it
changes is in one transaction, so any number of workers (or machines) can serve one
PostgreSQL. Tokens travel only in the Authorization header and are never logged.
"""
from __future__ import annotations

import logging
import os
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from app import __version__
from app.domain.errors import JxcError
from headoffice import clock, cost, db, logs, migrate, routes, webhooks
from headoffice.config import ENV_DB, resolve_db_url
from headoffice.errors import HqError

log = logging.getLogger(__name__)
# what Starlette and the gzip reader raise as HTTPException, as the API's own errors
HTTP_ERRORS = {
    400: ("bad_request", "请求无法读取（{detail}）。", "The request cannot be read ({detail})."),
    404: ("not_found", "没有这个地址（{detail}）。", "There is no such address ({detail})."),
    405: ("method_not_allowed", "该地址不接受此请求方法。", "This address does not take this method."),
    413: ("body_too_large", "请求内容太大（{detail}）。", "The request body is too large ({detail})."),
    415: ("unsupported_encoding", "不支持的请求编码（{detail}）。",
          "The request's encoding is not supported ({detail})."),
}


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
    return build_app(engine, clock.threshold_from_env())


def openapi_document() -> dict:
    """The OpenAPI document the server publishes at /openapi.json, built without a
    database (the schemathesis tests load it before any server runs)."""
    return build_app(None).openapi()


def http_error_body(exc: HTTPException) -> dict:
    code, zh, en = HTTP_ERRORS.get(exc.status_code, (f"http_{exc.status_code}", "{detail}",
                                                     "{detail}"))
    detail = _clean(exc.detail)
    return {"code": code, "message_en": en.format(detail=detail),
            "message_zh": zh.format(detail=detail)}


def build_app(engine, max_skew: int = clock.DEFAULT_MAX_SKEW) -> FastAPI:
    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        # each worker sends due webhooks (stateless: a delivery is claimed before sending)
        hooks = webhooks.Dispatcher(engine).start() \
            if engine is not None and os.environ.get("JXC_HQ_WEBHOOKS", "on") != "off" else None
        costing = cost.Worker.from_env(engine) if engine is not None else None
        if costing is not None:
            costing.start()
        yield
        if costing is not None:
            costing.stop()
        if hooks is not None:
            hooks.stop()
        if engine is not None:
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

    @app.exception_handler(HTTPException)
    async def _http(_request: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse(http_error_body(exc), status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(invalid_body(exc.errors()), status_code=422)

    @app.exception_handler(Exception)
    async def _bug(_request: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected error: %s", type(exc).__name__, exc_info=exc)
        return JSONResponse({"code": "internal", "message_en": "internal error",
                             "message_zh": "内部错误"}, status_code=500)

    app.include_router(routes.router(engine, max_skew))
    return app


def app_from_env() -> FastAPI:
    """The uvicorn factory each worker process calls (the URL comes from JXC_HQ_DB)."""
    return create_app(os.environ.get(ENV_DB))
