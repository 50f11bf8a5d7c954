"""The HTTP client of the head-office API (httpx), and how its failures are classified.

- Transient: the network, a timeout, 5xx, 429: retry later with backoff; nothing changed
  here, and whatever head office may have applied is answered as a replay next time.
- Disabled: 401 (token unknown) or 403 `terminal_revoked`: stop, sync is disabled.
- Rejected: other 4xx: this request will never succeed as it is.
Tokens go only in the Authorization header; request bodies are gzip-compressed JSON.
"""
from __future__ import annotations

import gzip
import json
import ssl
from urllib.parse import quote

import httpx

from app import __version__
from app.sync.errors import HqRefused, TlsFailed

API = "/api/v1"


class Transient(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Disabled(Exception):
    def __init__(self, error: dict) -> None:
        super().__init__(error.get("code"))
        self.error = error


class Rejected(Exception):
    def __init__(self, status: int, error: dict) -> None:
        super().__init__(f"{status} {error.get('code')}")
        self.status, self.error = status, error

    def as_error(self) -> HqRefused:
        return HqRefused(code=self.error.get("code", self.status),
                         message_en=self.error.get("message_en", ""),
                         message_zh=self.error.get("message_zh", self.error.get("message_en", "")))


def verify_setting(ca_bundle: str | None) -> ssl.SSLContext | bool:
    """The system's trust store (via certifi in httpx), or only the given private CA."""
    return ssl.create_default_context(cafile=ca_bundle) if ca_bundle else True


class HqClient:
    def __init__(self, base_url: str, token: str | None = None, *, ca_bundle: str | None = None,
                 timeout: float = 15.0, compress_min: int = 1024) -> None:
        self.base_url = base_url.rstrip("/")
        headers = {"User-Agent": f"jxc/{__version__}"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self._compress_min = compress_min
        self._http = httpx.Client(base_url=self.base_url + API, headers=headers,
                                  timeout=timeout, verify=verify_setting(ca_bundle)
                                  if self.base_url.startswith("https:") else False)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "HqClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def enroll(self, code: str, store_code: str, device: str) -> dict:
        return self._call("POST", "/enroll", {"code": code, "store_code": store_code,
                                              "device": device})

    def me(self) -> dict:
        return self._call("GET", "/me")

    def upload(self, batch: dict) -> dict:
        return self._call("POST", "/events", batch)

    def changes(self, after: int, limit: int = 500, wait: float = 0.0) -> dict:
        """The change feed after the cursor; with `wait`, a long-poll (the read timeout
        grows by the wait)."""
        return self._call("GET", "/changes", params={"after": after, "limit": limit,
                                                     "wait": wait}, extra_time=wait)

    def store_events(self, after: int, limit: int = 200, wait: float = 0.0) -> dict:
        """The other terminals' events of this store after the cursor."""
        return self._call("GET", "/store-events", params={"after": after, "limit": limit,
                                                          "wait": wait}, extra_time=wait)

    def stores(self) -> dict:
        return self._call("GET", "/stores")

    def stock(self, store_code: str) -> dict:
        return self._call("GET", f"/stores/{quote(store_code, safe='')}/stock")

    def transfers(self, direction: str = "in", status: str | None = None) -> dict:
        params = {"direction": direction, **({"status": status} if status else {})}
        return self._call("GET", "/transfers", params=params)

    def _call(self, method: str, path: str, body: dict | None = None, *,
              params: dict | None = None, extra_time: float = 0.0) -> dict:
        headers, content = {}, None
        if body is not None:
            content = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
            headers["Content-Type"] = "application/json"
            if len(content) >= self._compress_min:
                content = gzip.compress(content, compresslevel=5)
                headers["Content-Encoding"] = "gzip"
        timeout = self._http.timeout
        if extra_time:
            timeout = httpx.Timeout(timeout.connect, read=timeout.read + extra_time,
                                    write=timeout.write, pool=timeout.pool)
        try:
            response = self._http.request(method, path, content=content, headers=headers,
                                          params=params, timeout=timeout)
        except httpx.ConnectError as exc:
            if _is_tls(exc):
                raise TlsFailed(url=self.base_url, reason=_tls_reason(exc)) from None
            raise Transient(f"cannot connect: {type(exc).__name__}") from None
        except httpx.TimeoutException as exc:
            raise Transient(f"timed out: {type(exc).__name__}") from None
        except httpx.TransportError as exc:
            raise Transient(f"connection lost: {type(exc).__name__}") from None
        return _result(response)


def _result(response: httpx.Response) -> dict:
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = None
    if 200 <= status < 300 and isinstance(data, dict):
        return data
    error = data if isinstance(data, dict) else {}
    if "code" not in error:
        error = {"code": f"http_{status}", "message_en": str(error.get("detail", ""))[:300]}
    if status >= 500 or status in (408, 429) or (200 <= status < 300):
        raise Transient(f"head office answered {status} {error.get('code')}")
    if status == 401 or (status == 403 and error.get("code") == "terminal_revoked"):
        raise Disabled(error)
    raise Rejected(status, error)


def _is_tls(exc: Exception) -> bool:
    seen = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError):
            return True
        seen = seen.__cause__ or seen.__context__
    return "CERTIFICATE_VERIFY_FAILED" in str(exc) or "SSL" in str(exc)


def _tls_reason(exc: Exception) -> str:
    text = str(exc)
    start = text.find("certificate verify failed")
    return text[start:start + 120] if start >= 0 else text[:120]
