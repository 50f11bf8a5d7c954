"""Terminal-side sync commands: `jxc enroll URL CODE`, `jxc sync now|status|retry-failed|run`.

`now` and `run` push the outbox (uplink) and pull head office's change feed (downlink,
applied by `app.services.catalog_sync`)."""
from __future__ import annotations

import json
import threading

import click

from app.bootstrap import open_local_store
from app.cli import cli
from app.persistence.layout import DataDir


@cli.command()
@click.argument("url")
@click.argument("code")
@click.option("--ca-bundle", type=click.Path(exists=True, dir_okay=False, resolve_path=True),
              help="PEM file of a private CA that signed head office's certificate.")
@click.pass_obj
def enroll(layout: DataDir, url: str, code: str, ca_bundle: str | None) -> None:
    """Enroll this terminal with head office using a one-time CODE."""
    from app.sync.credentials import KeyringTokenStore
    from app.sync.enroll import enroll as do_enroll

    store = open_local_store(layout)
    try:
        done = do_enroll(store, KeyringTokenStore(), url, code, ca_bundle)
    finally:
        store.close()
    click.echo(f"Enrolled as terminal {done['terminal_name']} of store {done['store_code']} "
               f"{done['store_name']}; the token is in the keyring. Run `jxc sync now`.")


@cli.group()
def sync() -> None:
    """Send this store's events to head office, receive what it publishes, show the queue."""


def _uplink(store, **options):
    from app.sync.credentials import KeyringTokenStore
    from app.sync.uplink import Uplink

    return Uplink(store, KeyringTokenStore(), **options)


def _downlink(store, timeout: float = 15.0):
    from app.services.catalog_sync import sync_parts

    _, downlink = sync_parts(store)
    downlink.timeout = timeout
    return downlink


def _peers(store, timeout: float = 15.0):
    from app.services.catalog_sync import peer_link

    return peer_link(store, timeout=timeout)


@sync.command("now")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.option("--attempts", default=5, show_default=True, type=click.IntRange(1, 100),
              help="Tries per request before giving up as offline.")
@click.option("--timeout", default=15.0, show_default=True, type=click.FloatRange(0.1, 600))
@click.pass_obj
def sync_now(layout: DataDir, fmt: str, attempts: int, timeout: float) -> None:
    """Send every pending event now; exits 1 if anything could not be sent."""
    from app.sync.errors import EventsRefused
    from app.sync.uplink import status

    store = open_local_store(layout)
    try:
        report = _uplink(store, attempts=attempts, timeout=timeout).sync_now()
        peered = _peers(store, timeout).pull()
        pulled = _downlink(store, timeout).pull()
        after = status(store, _uplink(store).tokens)
    finally:
        store.close()
    summary = {"applied": report.applied, "replays": report.duplicates,
               "refused": len(report.refused), "requests": report.requests,
               "retries": report.retries, "seconds": round(report.seconds, 3),
               "audit_flags": report.audit_flags, "pending": after["pending"],
               "failed": after["failed"], "state": after["state"],
               "changes_applied": pulled.applied, "changes_set_aside": pulled.skipped,
               "changes_cursor": pulled.cursor, "clock": report.clock,
               "peer_documents_applied": peered.applied,
               "peer_documents_set_aside": peered.set_aside,
               "store_events_cursor": peered.cursor}
    if fmt == "json":
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        click.echo(f"Sent {report.applied} events ({report.duplicates} already at head office) "
                   f"in {report.seconds:.2f} s; pending {after['pending']}, failed {after['failed']}.")
        click.echo(f"Received {pulled.applied} changes from head office "
                   f"({len(pulled.skipped)} set aside); feed cursor {pulled.cursor}.")
        click.echo(f"Applied {peered.applied} documents of the store's other terminals "
                   f"({len(peered.set_aside)} set aside).")
    for item in peered.set_aside:
        click.echo(f"Set aside document of {item['terminal']} (event {item['event_uuid']}): "
                   f"{item['reason']}", err=True)
    for item in pulled.skipped:
        click.echo(f"Set aside change {item['id']} ({item['kind']} {item['key']}): "
                   f"{item['reason_en']}", err=True)
    for flag in report.audit_flags:
        click.echo(f"Head office flagged the audit chain: {flag['kind']} at {flag['seq']}: "
                   f"{flag['detail']}", err=True)
    if report.clock and report.clock.get("skewed"):
        click.echo(f"Head office flagged this PC's clock: {clock_line(report.clock)}. Correct "
                   "the date and time; sales go on and keep the times this clock gives them.",
                   err=True)
    if report.refused:
        uuid, reason = report.refused[0]
        raise EventsRefused(count=len(report.refused), example=uuid, reason=reason)


@sync.command("status")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.pass_obj
def sync_status(layout: DataDir, fmt: str) -> None:
    """Queue and state: ok, offline, disabled, error or not_enrolled."""
    from app.sync.credentials import KeyringTokenStore
    from app.sync.uplink import status

    store = open_local_store(layout)
    try:
        data = status(store, KeyringTokenStore())
    finally:
        store.close()
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    label = {"disabled": "sync disabled", "not_enrolled": "not enrolled (jxc enroll URL CODE)"}
    click.echo(f"state         {label.get(data['state'], data['state'])}")
    for key in ("pending", "failed", "sent", "last_success", "last_attempt", "last_error",
                "hq_url", "terminal", "oldest_pending", "running", "changes_cursor",
                "downlink_last_success", "downlink_last_error"):
        click.echo(f"{key:13} {data[key] if data[key] is not None else '-'}")
    click.echo(f"{'clock':13} {clock_line(data['clock']) if data['clock'] else '-'}")
    for event in data["failed_events"]:
        click.echo(f"  failed {event['event_uuid']}: {event['error']}")


def clock_line(seen: dict) -> str:
    """Head office's view of this PC's clock, e.g. '2 h 0 min behind head office (more than
    300 s: flagged since …; measured …)'."""
    offset = int(seen["offset_seconds"])
    size = abs(offset)
    amount = (f"{size // 3600} h {size % 3600 // 60} min" if size >= 3600 else
              f"{size // 60} min {size % 60} s" if size >= 60 else f"{size} s")
    side = "behind" if offset < 0 else "ahead of"
    verdict = (f"more than {seen['threshold_seconds']} s: flagged since {seen['skewed_since']}"
               if seen["skewed"] else f"within {seen['threshold_seconds']} s")
    return f"{amount} {side} head office ({verdict}; measured {seen['checked_at']})"


@sync.command("retry-failed")
@click.pass_obj
def sync_retry_failed(layout: DataDir) -> None:
    """Queue the events head office refused again (e.g. after head office fixed them)."""
    from app.sync.outbox import retry_failed

    store = open_local_store(layout)
    try:
        count = retry_failed(store)
    finally:
        store.close()
    click.echo(f"{count} failed events queued again; run `jxc sync now`.")


@sync.command("run")
@click.option("--interval", default=30.0, show_default=True, type=click.FloatRange(1, 3600),
              help="Scale of the pauses: after a failed round up to 4x it (backoff with "
                   "jitter), while sync is disabled 10x it.")
@click.option("--wait", default=25.0, show_default=True, type=click.FloatRange(0, 60),
              help="Seconds each long-poll of the change feed may wait.")
@click.pass_obj
def sync_run(layout: DataDir, interval: float, wait: float) -> None:
    """Push and pull until interrupted (a till's background worker): the change feed is
    long-polled, so what head office publishes arrives within seconds when online."""
    from app.services.catalog_sync import sync_parts
    from app.sync.worker import run_worker

    store = open_local_store(layout)
    stop = threading.Event()
    try:
        uplink, downlink = sync_parts(store)
        run_worker(uplink, stop, interval, downlink, wait, peers=_peers(store))
    except KeyboardInterrupt:
        stop.set()
    finally:
        store.close()
