"""Reading head office for the back office: other stores' stock, the store list, transfers.

One request each, with this terminal's token; a failure is a typed SyncError (offline,
disabled, refused, TLS) that the caller turns into "show the last snapshot". Nothing here
writes to the store: caching a snapshot is the caller's business (app/services)."""
from __future__ import annotations

from typing import Callable

from app.persistence.store import LocalStore
from app.sync import settings
from app.sync.client import Disabled, HqClient, Rejected, Transient
from app.sync.credentials import TokenStore, entry_name
from app.sync.errors import HqUnreachable, SyncDisabled, TokenMissing


def ask(store: LocalStore, tokens: TokenStore, call: Callable[[HqClient], dict],
        timeout: float = 5.0) -> dict:
    """Run `call(client)` against head office and classify its failure."""
    enrolled = settings.enrollment(store)
    token = tokens.get(store.identity.store_uuid)
    if not token:
        raise TokenMissing(entry=entry_name(store.identity.store_uuid))
    with HqClient(enrolled.hq_url, token, ca_bundle=enrolled.ca_bundle or None,
                  timeout=timeout) as client:
        try:
            return call(client)
        except Transient as exc:
            raise HqUnreachable(url=enrolled.hq_url, reason=exc.reason, attempts=1,
                                pending="-") from None
        except Disabled as exc:
            raise SyncDisabled(reason_en=exc.error.get("message_en", ""),
                               reason_zh=exc.error.get("message_zh", ""), pending="-") from None
        except Rejected as exc:
            raise exc.as_error() from None
