"""Gzip-compressed request bodies (terminals compress their batches), with size limits;
and each query parameter given once.

A route class rather than a middleware, the way FastAPI documents custom request bodies:
the endpoint keeps its pydantic body, so validation and OpenAPI stay automatic. Both the
compressed and the expanded size are capped, so a zip bomb is a 413, not a dead worker.
"""
from __future__ import annotations

import zlib
from typing import Callable

from fastapi import HTTPException, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute

MAX_WIRE_BYTES = 32 * 1024 * 1024
MAX_BODY_BYTES = 64 * 1024 * 1024


def gunzip(data: bytes, limit: int = MAX_BODY_BYTES) -> bytes:
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit)
        if inflater.unconsumed_tail:
            raise HTTPException(413, "the expanded body is too large")
        out += inflater.flush()
    except zlib.error:
        raise HTTPException(400, "the body is not valid gzip") from None
    if not inflater.eof:
        raise HTTPException(400, "the gzip body is truncated")
    return out


class GzipRequest(Request):
    async def body(self) -> bytes:
        if not hasattr(self, "_body"):
            chunks, size = [], 0
            async for chunk in self.stream():
                size += len(chunk)
                if size > MAX_WIRE_BYTES:
                    raise HTTPException(413, "the request body is too large")
                chunks.append(chunk)
            body = b"".join(chunks)
            encoding = self.headers.get("content-encoding", "identity").strip().lower()
            if encoding == "gzip":
                body = gunzip(body)
            elif encoding not in ("identity", ""):
                raise HTTPException(415, f"unsupported content encoding {encoding[:20]}")
            self._body = body
        return self._body


class GzipRoute(APIRoute):
    """Reads gzip bodies, and refuses a declared query parameter given twice (422): every
    one takes a single value, and FastAPI would silently keep the last."""

    def get_route_handler(self) -> Callable:
        original = super().get_route_handler()
        single = {p.alias for p in self.dependant.query_params}

        async def handler(request: Request) -> Response:
            seen: set[str] = set()
            for key, _ in request.query_params.multi_items():
                if key in single and key in seen:
                    raise RequestValidationError([{"loc": ("query", key), "type": "repeated",
                                                   "msg": "given more than once"}])
                seen.add(key)
            return await original(GzipRequest(request.scope, request.receive))

        return handler
