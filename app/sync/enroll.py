"""`jxc enroll URL CODE`: trade a one-time code for this terminal's token.

Head office checks that the code belongs to this store (by code) before using it. The
token goes to the keyring; the URL and the terminal's identity to `jxc_meta`. The request
carries a device secret derived from the store key, so if the answer is lost the same
terminal may repeat it with the same code (and gets a fresh token); nobody else can.
Enrolling again (after a revocation) replaces both, and the audit chain is anchored afresh.
Enrolling with another head-office URL also starts its change feed from the beginning.
"""
from __future__ import annotations

import hashlib
import hmac
import time
from datetime import datetime, timezone

from app.persistence.store import LocalStore
from app.sync import settings
from app.sync.backoff import Backoff
from app.sync.client import Disabled, HqClient, Rejected, Transient
from app.sync.credentials import TokenStore
from app.sync.errors import HqRefused, HqUnreachable


def normalize_url(url: str) -> str:
    url = url.strip().rstrip("/")
    if "://" not in url:
        url = "https://" + url
    return url


def device_secret(store: LocalStore) -> str:
    return hmac.new(store.audit_key, b"jxc enroll device v1", hashlib.sha256).hexdigest()


def enroll(store: LocalStore, tokens: TokenStore, url: str, code: str,
           ca_bundle: str | None = None, timeout: float = 15.0, attempts: int = 3,
           backoff: Backoff | None = None) -> dict:
    url = normalize_url(url)
    answer = _request(store, url, code, ca_bundle, timeout, attempts, backoff or Backoff())
    tokens.put(store.identity.store_uuid, answer["token"])
    now = datetime.now(timezone.utc).replace(tzinfo=None).isoformat()
    moved = settings.read_all(store).get("hq_url") != url  # another feed: read it from the start
    settings.save(store, {"hq_url": url, "ca_bundle": ca_bundle or None,
                          **({"changes_cursor": "0"} if moved else {}),
                          "terminal_uuid": answer["terminal_uuid"],
                          "terminal_name": answer["terminal_name"],
                          "store_code": answer["store_code"], "enrolled_at": now,
                          "state": "ok", "last_error": None, "audit_acked_seq": "0"})
    return {k: v for k, v in answer.items() if k != "token"}


def _request(store, url, code, ca_bundle, timeout, attempts, backoff) -> dict:
    with HqClient(url, ca_bundle=ca_bundle, timeout=timeout) as client:
        for attempt in range(1, attempts + 1):
            try:
                return client.enroll(code, store.identity.store_code, device_secret(store))
            except Transient as exc:
                if attempt == attempts:
                    raise HqUnreachable(url=url, reason=exc.reason, attempts=attempt,
                                        pending="-") from None
                time.sleep(backoff.delay(attempt))
            except (Rejected, Disabled) as exc:
                error = exc.error
                raise HqRefused(code=error.get("code"), message_en=error.get("message_en", ""),
                                message_zh=error.get("message_zh", "")) from None
    raise AssertionError("unreachable")
