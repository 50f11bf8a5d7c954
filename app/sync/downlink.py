"""The downlink: pull head office's change feed (catalog, prices, users, settings) after
the cursor this store keeps in `jxc_meta` (`sync.changes_cursor`), and apply each page.

A page is applied in ONE local transaction together with the cursor advance, so a crash
(or an error while applying) leaves both as they were: the page is fetched again and
applied once. The cursor is compared inside that transaction (`BEGIN IMMEDIATE`): if
another process moved it meanwhile, the page is dropped and the feed read again from the
new cursor, so two pullers never apply a page twice.

While a page is applied, the next one is already being read (one request ahead, on a
helper thread): head office's work and the network overlap the local writes. A
read-ahead whose page is not wanted any more (the apply failed, or another puller moved
the cursor) is waited for and dropped.

What "apply" means is not this package's business (it may import only the domain and the
persistence layers): the composition root passes `apply(session, changes) -> summary`,
normally `app.services.catalog_sync.apply_changes` bound to the store.

The other terminals' events of the store (`GET /store-events`) are pulled by peers.py.
"""
from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable

from sqlalchemy.orm import Session

from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.sync import outbox, settings
from app.sync.client import Disabled, HqClient, Rejected, Transient
from app.sync.credentials import TokenStore, entry_name
from app.sync.errors import BadFeed, HqUnreachable, SyncDisabled, TlsFailed, TokenMissing

log = logging.getLogger(__name__)
CURSOR = "changes_cursor"
Apply = Callable[[Session, list[dict]], dict]


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


@dataclass
class DownlinkReport:
    applied: int = 0  # changes applied
    pages: int = 0
    skipped: list[dict] = field(default_factory=list)  # changes set aside, with the reason
    cursor: int = 0
    requests: int = 0


@dataclass
class Downlink:
    store: LocalStore
    tokens: TokenStore
    apply: Apply
    limit: int = 1000  # head office's largest page: fewer transactions for a big catalog
    timeout: float = 15.0
    clock: Callable[[], datetime] = utc_now

    def cursor(self) -> int:
        return int(settings.read_all(self.store).get(CURSOR) or 0)

    def pull(self, wait: float = 0.0) -> DownlinkReport:
        """Apply every change published after the cursor. With `wait`, the first request
        is a long-poll: it returns as soon as head office has something, or empty after
        `wait` seconds."""
        enrolled = settings.enrollment(self.store)
        token = self.tokens.get(self.store.identity.store_uuid)
        if not token:
            raise TokenMissing(entry=entry_name(self.store.identity.store_uuid))
        report = DownlinkReport(cursor=self.cursor())
        url = enrolled.hq_url
        with HqClient(url, token, ca_bundle=enrolled.ca_bundle or None,
                      timeout=self.timeout) as client, \
                ThreadPoolExecutor(1, thread_name_prefix="jxc-feed") as ahead:
            page = self._fetch(client, url, report, report.cursor, wait)
            while True:
                rows = page.get("changes") or []
                following = ahead.submit(self._fetch, client, url, report, rows[-1]["id"]) \
                    if rows and page.get("more") and _ids_rise(rows, report.cursor) else None
                try:
                    applied = self._apply_page(rows, report) if rows else True
                except BaseException:
                    _discard(following)
                    raise
                if not applied:  # another puller was first: read on from its cursor
                    _discard(following)
                    page = self._fetch(client, url, report, report.cursor)
                elif following is None:
                    break
                else:
                    page = following.result()
        settings.save(self.store, {"downlink_last_success": self.clock().isoformat(),
                                   "downlink_last_error": None})
        if report.applied:
            log.info("downlink: %d changes applied in %d pages, %d set aside, cursor %d",
                     report.applied, report.pages, len(report.skipped), report.cursor)
        return report

    def _fetch(self, client: HqClient, url: str, report: DownlinkReport, after: int,
               wait: float = 0.0) -> dict:
        report.requests += 1
        try:
            return client.changes(after, self.limit, wait)
        except Transient as exc:
            self._note_error(exc.reason)
            raise HqUnreachable(url=url, reason=exc.reason, attempts=1,
                                pending=outbox.counts(self.store)["pending"]) from None
        except Disabled as exc:
            settings.save(self.store, {"state": "disabled",
                                       "downlink_last_error": exc.error.get("code", "disabled")})
            raise SyncDisabled(reason_en=exc.error.get("message_en", ""),
                               reason_zh=exc.error.get("message_zh", ""),
                               pending=outbox.counts(self.store)["pending"]) from None
        except Rejected as exc:
            self._note_error(str(exc))
            raise exc.as_error() from None
        except TlsFailed as exc:
            self._note_error(exc.code)
            raise

    def _apply_page(self, rows: list[dict], report: DownlinkReport) -> bool:
        _check_order(rows, report.cursor)
        with UnitOfWork(self.store.engine) as uow:
            s = uow.session
            current = int(settings.read_all(self.store, s).get(CURSOR) or 0)
            if current != report.cursor:  # another puller applied it: read on from there
                report.cursor = current
                return False
            summary = self.apply(s, rows)
            last = rows[-1]["id"]
            settings.write(s, {CURSOR: str(last)})
            uow.commit()
        report.cursor = last
        report.pages += 1
        report.applied += len(rows) - len(summary.get("skipped") or [])
        report.skipped += summary.get("skipped") or []
        return True

    def _note_error(self, error: str) -> None:
        settings.save(self.store, {"downlink_last_error": error[:500],
                                   "downlink_last_attempt": self.clock().isoformat()})


def _ids_rise(rows: list[dict], cursor: int) -> bool:
    try:
        _check_order(rows, cursor)
    except BadFeed:
        return False  # the apply refuses the page; nothing to read ahead for
    return True


def _discard(following: Future | None) -> None:
    """Let a read-ahead finish and forget it (its page is read again, its error moot)."""
    if following is not None:
        wait_for([following])


def _check_order(rows: list[dict], cursor: int) -> None:
    """Ids must rise strictly from the cursor; anything else is not head office's feed."""
    last = cursor
    for row in rows:
        n = row.get("id")
        if not isinstance(n, int) or isinstance(n, bool) or n <= last:
            raise BadFeed(after=cursor, got=str(n)[:20])
        last = n
