"""The background loop of a till (`jxc sync run`, and the desktop app's sync thread).

Each round pushes the outbox (the uplink), then pulls the change feed (the downlink) with
a long-poll: online, that request is the pause between rounds and a change published at
head office is applied within seconds; the round after it pushes again. When head office
cannot be reached the loop waits with exponential backoff and full jitter; when sync is
disabled (revoked, token gone, not enrolled) it checks again only every ten intervals.
Selling never waits for any of this. A long-poll cannot be interrupted: after `stop` is
set the loop ends when the current request returns (at most `wait` seconds), and a
daemon thread may be left to the process's exit (every local write is one transaction).
"""
from __future__ import annotations

import logging
import threading

from app.sync.backoff import Backoff
from app.sync.errors import NotEnrolled, SyncDisabled, SyncError, TokenMissing

log = logging.getLogger(__name__)


def run_worker(uplink, stop: threading.Event, interval: float = 30.0, downlink=None,
               wait: float = 25.0, backoff: Backoff | None = None, peers=None) -> None:
    """Push and pull until `stop` is set. Without a downlink: a push every `interval`.
    With `peers` (app.sync.peers.PeerLink), each round also applies the other terminals'
    events of the store, between the push and the feed's long-poll."""
    backoff = backoff or Backoff(base=max(0.5, interval / 8), cap=interval * 4)
    failures = 0
    while not stop.is_set():
        try:
            uplink.sync_now()
            if peers is not None:
                peers.pull()
            if downlink is not None:
                downlink.pull(wait=wait)
            failures, delay = 0, (0.0 if downlink is not None else interval)
        except (SyncDisabled, TokenMissing, NotEnrolled) as exc:
            log.warning("sync is off: %s", exc.code)
            failures, delay = 0, interval * 10
        except SyncError as exc:
            failures += 1
            delay = max(1.0, backoff.delay(failures))
            log.warning("sync round failed (%s); next try in %.0f s", exc.code, delay)
        except Exception:  # a bug must not end the thread silently
            failures += 1
            delay = max(1.0, backoff.delay(failures))
            log.exception("sync round failed unexpectedly; next try in %.0f s", delay)
        stop.wait(delay)


class BackgroundSync:
    """`run_worker` on a daemon thread named "jxc-sync" (the desktop app's sync)."""

    def __init__(self, uplink, downlink, interval: float = 30.0, wait: float = 25.0,
                 peers=None) -> None:
        self._stop = threading.Event()
        self.thread = threading.Thread(target=run_worker, name="jxc-sync", daemon=True,
                                       args=(uplink, self._stop, interval, downlink, wait),
                                       kwargs={"peers": peers})
        self.thread.start()

    def stop(self, timeout: float = 2.0) -> bool:
        """Ask the loop to end; True if it did within `timeout` (a long-poll in flight may
        outlive it: the daemon thread then ends with the process, its writes atomic)."""
        self._stop.set()
        self.thread.join(timeout)
        return not self.thread.is_alive()
