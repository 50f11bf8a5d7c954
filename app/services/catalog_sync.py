"""Apply what head office publishes (the downlink's change feed, docs/sync.md) to this
store's master data, and compose the background sync worker of a till.

`apply_changes(store, session, changes)` runs inside the downlink's transaction, which
also moves the cursor: a page is applied whole, with ONE audit entry `sync.changes`
(id range, counts, user names and settings changed, what was set aside), or not at all.
Changes apply in feed order; a run of product records goes through the product import's
writer (`ImportPlan`), with its semantics: given values replace, missing ones are kept,
barcodes are added, never removed, a product with stock moves keeps its costing.
A record this store cannot apply (a barcode another local product owns, an unknown SKU or
supplier, a bad role, a refused setting) is set aside with the reason and never blocks the
rest; a kind this version does not know stops the page (`UnknownChangeKind`) so nothing is
lost. Users get display name, role, active and the password/PIN hashes from head office;
a new password clears a local lockout. Hashes are never logged or audited.
"""
from __future__ import annotations

import functools
import json
import logging
from datetime import datetime, timezone

from sqlalchemy import func, select, update
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from app.domain.errors import DomainError, JxcError
from app.domain.money import InvalidAmount, parse_money
from app.domain.permissions import ROLES
from app.domain.product_rows import COLUMNS, HeaderMap, ProductRow, validate_row
from app.persistence.schema import Category, Meta, Product, Supplier, Unit, User
from app.persistence.store import LocalStore
from app.services.catalog_import.results import ParsedFile, Problems
from app.services.catalog_import.writing import ImportPlan
from app.services.records import Actor, Clock, utc_now, write_audit
from app.services.settings import SETTINGS

log = logging.getLogger(__name__)
HQ_ACTOR = Actor(None, "head-office", "head_office")
PRICE_COLUMNS = ("retail_price", "member_price", "wholesale_price", "purchase_price")
NO_HEADER = HeaderMap({}, {}, (), 0)
AUDITED_SKIPS = 50


class UnknownChangeKind(DomainError):
    code = "unknown_change_kind"
    zh = "总部发布了本版本不认识的数据（类型“{kind}”，变更 {id}），同步在此暂停，没有丢失任何数据。请升级 JXC。"
    en = ("Head office published a record this version does not know (kind '{kind}', change "
          "{id}); the feed stops there and nothing is lost. Upgrade JXC.")


class _Outcome:
    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.skipped: list[dict] = []
        self.names: dict[str, list[str]] = {"users": [], "settings": []}

    def done(self, kind: str, n: int = 1) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + n

    def skip(self, change: dict, en: str, zh: str | None = None) -> None:
        self.skipped.append({"id": change["id"], "kind": change["kind"],
                             "key": str(change.get("key", ""))[:64], "reason_en": en[:300],
                             "reason_zh": (zh or en)[:300]})


def apply_changes(store: LocalStore, session: Session, changes: list[dict], *,
                  clock: Clock = utc_now) -> dict:
    """Apply one page of the feed in the caller's transaction; returns the summary."""
    now, outcome = clock(), _Outcome()
    for kind, run in _runs(changes):
        if kind == "product":
            _products(session, run, outcome, now)
            continue
        handler = HANDLERS.get(kind)
        if handler is None:
            raise UnknownChangeKind(kind=str(kind)[:20], id=run[0]["id"])
        for change in run:
            data = change.get("data") if isinstance(change.get("data"), dict) else {}
            reason = handler(session, data, now, outcome)
            if reason:
                outcome.skip(change, reason)
            else:
                outcome.done(kind)
    detail = {"from": changes[0]["id"], "to": changes[-1]["id"], "applied": outcome.counts,
              "skipped": outcome.skipped[:AUDITED_SKIPS], "skipped_count": len(outcome.skipped),
              **{k: v for k, v in outcome.names.items() if v}}
    write_audit(session, store, HQ_ACTOR, now, "sync.changes",
                f"{changes[0]['id']}-{changes[-1]['id']}", detail)
    if outcome.skipped:
        log.warning("head office changes set aside: %d (first: change %s, %s)",
                    len(outcome.skipped), outcome.skipped[0]["id"], outcome.skipped[0]["reason_en"])
    return {"applied": outcome.counts, "skipped": outcome.skipped}


def _runs(changes: list[dict]):
    """Consecutive changes of one kind; a product run also ends where a SKU or a barcode
    comes again (the import writer takes each once)."""
    run: list[dict] = []
    seen: set[str] = set()
    for change in changes:
        kind = change.get("kind")
        keys = _product_keys(change) if kind == "product" else set()
        if run and (kind != run[0].get("kind") or keys & seen):
            yield run[0].get("kind"), run
            run, seen = [], set()
        run.append(change)
        seen |= keys
    if run:
        yield run[0].get("kind"), run


def _product_keys(change: dict) -> set[str]:
    data = change.get("data") or {}
    codes = str(data.get("barcode") or "").split(",")
    return {f"sku:{data.get('sku')}", *(f"code:{c.strip()}" for c in codes if c.strip())}


# --- products ---------------------------------------------------------------------------

def _products(s: Session, run: list[dict], outcome: _Outcome, now: datetime) -> None:
    rows: list[ProductRow] = []
    by_id = {c["id"]: c for c in run}
    for change in run:
        data = change.get("data") if isinstance(change.get("data"), dict) else {}
        cells = {k: str(v) for k, v in data.items() if k in COLUMNS and v is not None}
        checked = validate_row(change["id"], cells)
        if isinstance(checked, list):
            outcome.skip(change, "; ".join(f"{e.column}: {e.en}" for e in checked),
                         "；".join(f"{e.column}：{e.zh}" for e in checked))
        else:
            rows.append(checked)
    for _ in range(3):  # a row set aside may have been the reason for another's problem
        if not rows:
            return
        parsed = ParsedFile("head office", "", NO_HEADER, rows=rows,
                            problems=Problems(limit=10 * len(rows) + 10))
        plan = ImportPlan(s.connection(), parsed)
        plan.check()
        problems = {e.row: e for e in parsed.problems.first()}
        if not problems:
            break
        for n, e in sorted(problems.items()):
            outcome.skip(by_id[n], f"{e.column}: {e.en}", f"{e.column}：{e.zh}")
        rows = [r for r in rows if r.row not in problems]
    else:
        return
    plan.write(now)
    outcome.done("product", len(rows))
    for row in rows:
        active = (by_id[row.row].get("data") or {}).get("active")
        if isinstance(active, bool):
            s.execute(update(Product).where(Product.sku == row.sku).values(active=active))


def _price(s: Session, data: dict, _now: datetime, _outcome: _Outcome) -> str | None:
    values = {}
    for column in PRICE_COLUMNS:
        if data.get(column) is None:
            continue
        try:
            fen = parse_money(str(data[column]))
        except InvalidAmount:
            return f"{column} is not an amount"
        if fen < 0:
            return f"{column} is negative"
        values[f"{column}_fen"] = fen
    if not values:
        return "no price given"
    found = s.execute(update(Product).where(Product.sku == str(data.get("sku")))
                      .values(**values)).rowcount
    return None if found else f"no product {str(data.get('sku'))[:32]} here"


# --- units, categories, suppliers -------------------------------------------------------

def _text(data: dict, key: str, limit: int, empty_ok: bool = False) -> str | None:
    value = data.get(key)
    value = "" if value is None else value
    if not isinstance(value, str) or len(value) > limit or (not value and not empty_ok):
        return None
    return value


def _unit(s: Session, data: dict, _now: datetime, _outcome: _Outcome) -> str | None:
    name = _text(data, "name", 16)
    if name is None or not isinstance(data.get("is_weighed", False), bool):
        return "a unit needs a name of at most 16 characters"
    stmt = insert(Unit).values(name=name, is_weighed=bool(data.get("is_weighed")))
    s.execute(stmt.on_conflict_do_update(index_elements=["name"],
                                         set_={"is_weighed": stmt.excluded.is_weighed}))
    return None


def _category(s: Session, data: dict, _now: datetime, _outcome: _Outcome) -> str | None:
    path = [p for p in str(data.get("path") or "").split("/")]
    if not 1 <= len(path) <= 2 or any(not p or len(p) > 64 for p in path):
        return "a category path is one or two names of at most 64 characters"
    parent = None
    for name in path:
        found = s.scalars(select(Category).where(Category.name == name, _under(parent))).first()
        parent = found or _new_category(s, parent, name)
    return None


def _under(parent: Category | None):
    return Category.parent_id.is_(None) if parent is None else Category.parent_id == parent.id


def _new_category(s: Session, parent: Category | None, name: str) -> Category:
    """Codes follow the tree as in the product import: top level "03", its children "0301"."""
    prefix = parent.code if parent else ""
    n = s.scalar(select(func.count(Category.id)).where(_under(parent))) + 1
    while s.scalar(select(Category.id).where(Category.code == f"{prefix}{n:02d}")) is not None:
        n += 1
    row = Category(parent_id=parent.id if parent else None, code=f"{prefix}{n:02d}", name=name)
    s.add(row)
    s.flush()
    return row


SUPPLIER_LIMITS = {"code": 32, "name": 100, "contact": 50, "phone": 30, "address": 200}


def _supplier(s: Session, data: dict, _now: datetime, _outcome: _Outcome) -> str | None:
    values = {k: _text(data, k, n, empty_ok=k not in ("code", "name"))
              for k, n in SUPPLIER_LIMITS.items()}
    if None in values.values() or not isinstance(data.get("active", True), bool):
        return "a supplier needs a code, a name and texts within their lengths"
    values["active"] = data.get("active", True)
    stmt = insert(Supplier).values(**values)
    s.execute(stmt.on_conflict_do_update(index_elements=["code"], set_={
        k: stmt.excluded[k] for k in values if k != "code"}))
    return None


# --- users and settings -----------------------------------------------------------------

def _is_hash(value: object) -> bool:
    return isinstance(value, str) and value.startswith("$argon2") and len(value) <= 200


def _user(s: Session, data: dict, now: datetime, outcome: _Outcome) -> str | None:
    username, shown = _text(data, "username", 64), _text(data, "display_name", 100)
    if username is None or shown is None:
        return "a user needs a user name and a display name"
    if data.get("role") not in ROLES or not isinstance(data.get("active", True), bool):
        return f"role {str(data.get('role'))[:20]} is not known here"
    for key in ("password_hash", "pin_hash"):
        if key in data and data[key] is not None and not _is_hash(data[key]):
            return f"{key} is not an Argon2 hash"
    user = s.scalars(select(User).where(User.username == username)).first()
    if user is None:
        if not data.get("password_hash"):
            return "a new user needs a password"
        user = User(username=username, created_at=now, failed_logins=0,
                    must_change_password=False)
        s.add(user)
    user.display_name, user.role = shown, data["role"]
    user.active = data.get("active", True)
    if data.get("password_hash") and data["password_hash"] != user.password_hash:
        user.password_hash, user.failed_logins, user.locked_until = data["password_hash"], 0, None
    if "pin_hash" in data:
        user.pin_hash = data["pin_hash"]
    s.flush()
    outcome.names["users"].append(username)
    return None


def _setting(s: Session, data: dict, _now: datetime, outcome: _Outcome) -> str | None:
    key, value = data.get("key"), data.get("value")
    setting = SETTINGS.get(key) if isinstance(key, str) else None
    if setting is None or not isinstance(value, str):
        return f"setting {str(key)[:64]} is not known here"
    try:
        value = setting.parse(value)
        if setting.check is not None:  # a warehouse or supplier this store has
            setting.check(s, value)
    except ValueError as exc:
        return f"{key}: {exc.args[-1]}"
    stmt = insert(Meta).values(key=key, value=value)
    s.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": value}))
    outcome.names["settings"].append(f"{key}={value}")
    return None


def _custom_field(s: Session, data: dict, now: datetime, outcome: _Outcome) -> str | None:
    """A custom field definition (`custom_fields.define_published`: the checks and writes
    of `define`); set aside when this store cannot take it, e.g. it holds 50 already."""
    from app.services.custom_fields import define_published

    try:
        fd = define_published(s, data, now)
    except DomainError as exc:
        return exc.message("en")
    outcome.names.setdefault("custom_fields", []).append(
        f"{fd.entity}.{fd.key}" + ("" if fd.active else " (hidden)"))
    return None


def _report(s: Session, data: dict, now: datetime, outcome: _Outcome) -> str | None:
    """A report-builder definition (`reports.definitions.apply_published`): kept read-only
    as "hq:<name>" beside the store's own, which are never touched; removed when withdrawn.
    The audit entry names it, and any custom field dimension this store lacks."""
    from app.services.reports.definitions import apply_published

    try:
        note = apply_published(s, data, now)
    except DomainError as exc:
        return exc.message("en")
    outcome.names.setdefault("report_definitions", []).append(note)
    return None


def _cost(s: Session, data: dict, now: datetime, outcome: _Outcome) -> str | None:
    """A final cost from head office's costing authority: recorded as an overlay
    (`cost_corrections`, append-only); the ledger, layers and vouchers stay as posted."""
    from app.services.cost_overlay import record_correction

    return record_correction(s, data, now)


HANDLERS = {"price": _price, "unit": _unit, "category": _category, "supplier": _supplier,
            "user": _user, "setting": _setting, "field": _custom_field, "report": _report,
            "cost": _cost}


# --- peer events: the other terminals' documents of this store ----------------------------

PEER_TYPES = ("document.posted", "document.inbound")
COUNTER_TYPES = ("sale", "customer_return")


def apply_peer_event(store: LocalStore, event: dict) -> dict:
    """Post another terminal's document (or an integration's, `document.inbound`) into
    this terminal's ledger, once: `post_document` is idempotent by the document's id.

    The peer's document is posted as it was submitted (same id, same body), dated by the
    peer's clock, by the user `peer:<terminal>` (role admin: it was checked where it was
    made), through the counter channel for sales and returns. Costs are this terminal's
    own (provisional, docs/sync.md); the number is this terminal's next one, the peer's
    number and terminal are kept in the marker `peer.<id>`. A peer copy is never uploaded
    (app/sync/peers.py); an inbound document is, like any local posting (head office
    counts the first terminal's copy of a document id, docs/headoffice.md)."""
    from app.domain.doc_request import body_hash
    from app.persistence.schema import Document
    from app.services.inventory.posting import post_document
    from app.sync import peers

    if event.get("event_type") not in PEER_TYPES:
        return {"status": "ignored"}
    inbound = event["event_type"] == "document.inbound"
    try:
        payload = json.loads(event.get("payload") or "")
        document = payload["document"]
        doc_id = str(document["id"])
    except (ValueError, KeyError, TypeError):
        return {"status": "set_aside", "reason": "the event carries no readable document"}
    own_hash = body_hash(document)
    if payload.get("body_hash") not in (None, own_hash):
        return {"status": "set_aside", "reason": "the document does not match its body hash"}
    with store.engine.connect() as conn:
        here = conn.execute(select(Document.body_hash, Document.status)
                            .where(Document.uuid == doc_id)).first()
    if here is not None and here.status in ("posted", "pending"):
        if here.body_hash != own_hash:
            return {"status": "set_aside", "reason": f"document {doc_id} is here with "
                                                     "another body"}
        return {"status": "present"}
    terminal = str(event.get("terminal_name") or "?")[:40]
    info = {"event_uuid": event.get("event_uuid"), "terminal": terminal,
            "terminal_uuid": event.get("terminal_uuid"), "number": payload.get("number"),
            "at": utc_now().isoformat(), "inbound": inbound}
    if not inbound:
        peers.save_mark(store, doc_id, {**info, "state": "posting"})
    _prepare_transfer(store, document)
    at = _event_time(event.get("created_at"))
    actor = Actor(None, f"peer:{terminal}", "admin")
    channel = "counter" if document.get("type") in COUNTER_TYPES else "back_office"
    try:
        result = post_document(store, actor, document, clock=lambda: at, channel=channel)
    except JxcError as exc:
        if not inbound:
            peers.save_mark(store, doc_id, {**info, "state": "set_aside",
                                            "reason": exc.message("en")[:300]})
        log.warning("peer document %s set aside: %s", doc_id, exc.code)
        return {"status": "set_aside", "reason": exc.message("en")}
    state = "pending" if result.status == "pending" else "applied"
    if not inbound:
        peers.settle(store, doc_id, {**info, "state": state, "number_here": result.number},
                     utc_now())
    if state == "pending":
        return {"status": "set_aside", "reason": "waits for approval here"}
    return {"status": "present" if result.replayed else "applied"}


def _prepare_transfer(store: LocalStore, document: dict) -> None:
    """A peer's transfer to or from another store names a holding warehouse or a store
    supplier this terminal may not have made yet (app/services/transfers.py)."""
    from app.domain.errors import JxcError as _Error
    from app.services import transfers

    try:
        if document.get("type") == "transfer_out" and document.get("to_store"):
            transfers.ensure_holding(store, str(document["to_store"]))
        supplier = str(document.get("supplier") or "")
        if document.get("transfer") and supplier.startswith("STORE-"):
            transfers.ensure_supplier(store, supplier[len("STORE-"):])
    except _Error:
        return  # a malformed code: posting will say what is wrong


def _event_time(text: object) -> datetime:
    """The peer's clock when it posted (naive UTC); now if it is not a readable time."""
    try:
        at = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return utc_now()
    if at.tzinfo is not None:
        at = at.astimezone(timezone.utc).replace(tzinfo=None)
    return at


def peer_link(store: LocalStore, tokens=None, **options):
    """The puller of the other terminals' events of this store, applying through
    `apply_peer_event`."""
    from app.sync.credentials import KeyringTokenStore
    from app.sync.peers import PeerLink

    return PeerLink(store, tokens or KeyringTokenStore(),
                    functools.partial(apply_peer_event, store), **options)


# --- the background worker of a till ------------------------------------------------------

def sync_parts(store: LocalStore, tokens=None, **options):
    """(uplink, downlink) of the store, the downlink applying through `apply_changes`."""
    from app.sync.credentials import KeyringTokenStore
    from app.sync.downlink import Downlink
    from app.sync.uplink import Uplink

    tokens = tokens or KeyringTokenStore()
    return (Uplink(store, tokens, **options),
            Downlink(store, tokens, functools.partial(apply_changes, store)))


def start_background_sync(store: LocalStore, tokens=None, interval: float = 30.0,
                          wait: float = 25.0):
    """Start pushing the outbox and long-polling the feed on a daemon thread (a
    `app.sync.worker.BackgroundSync`, `.stop()` to end it); None when the store is not
    enrolled or has no keyring (selling goes on; `sync status` says why)."""
    from app.sync import settings
    from app.sync.worker import BackgroundSync

    if not settings.read_all(store).get("hq_url"):
        return None
    try:
        uplink, downlink = sync_parts(store, tokens)
        peers = peer_link(store, uplink.tokens)
    except JxcError as exc:
        log.warning("background sync not started: %s", exc.code)
        return None
    return BackgroundSync(uplink, downlink, interval, wait, peers=peers)


# --- the back office's head-office section (app/ui/head_office) ---------------------------

SNAPSHOT = "hqstock."  # jxc_meta: the last stock snapshot read from head office, per store


class _NoTokens:
    """No keyring on this PC: sync is off, and says so."""

    def get(self, _store_uuid: str) -> None:
        return None


def _tokens(tokens):
    from app.sync.credentials import KeyringTokenStore

    if tokens is not None:
        return tokens
    try:
        return KeyringTokenStore()
    except JxcError:
        return _NoTokens()


def sync_overview(store: LocalStore, actor: Actor, tokens=None) -> dict:
    """Queue, state, last sync, failed events, clock and peer documents (`jxc sync status`)."""
    from app.domain.permissions import check
    from app.sync.uplink import status

    check(actor.role, "catalog_sync.sync_overview")
    return status(store, _tokens(tokens))


def retry_failed_events(store: LocalStore, actor: Actor, *, clock: Clock = utc_now) -> int:
    """Queue the events head office refused again (after it was fixed there); audited."""
    from app.domain.permissions import check
    from app.persistence.schema import OutboxDelivery
    from app.persistence.uow import UnitOfWork

    check(actor.role, "catalog_sync.retry_failed_events")
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        done = s.execute(update(OutboxDelivery).where(OutboxDelivery.failed.is_(True))
                         .values(failed=False, last_error="queued again")).rowcount
        write_audit(s, store, actor, clock(), "sync.retry_failed", "outbox", {"events": done})
        uow.commit()
    return done


def hq_store_list(store: LocalStore, actor: Actor, tokens=None) -> dict:
    """The other stores head office knows: live, else the last list read (with its time)."""
    from app.domain.permissions import check
    from app.sync.reads import ask

    check(actor.role, "catalog_sync.hq_store_list")
    return _live_or_snapshot(store, "~stores", lambda: ask(store, _tokens(tokens),
                                                            lambda c: c.stores()))


def other_store_stock(store: LocalStore, actor: Actor, code: str, tokens=None) -> dict:
    """Another store's stock from head office when online (and kept as a snapshot here),
    else the last snapshot with its age. Raises the sync error when there is none."""
    from app.domain.permissions import check, sees_costs, without_costs
    from app.sync.reads import ask

    check(actor.role, "catalog_sync.other_store_stock")
    found = _live_or_snapshot(store, code.strip().upper(),
                              lambda: ask(store, _tokens(tokens), lambda c: c.stock(code)))
    return found if sees_costs(actor.role) else without_costs(found)


def _live_or_snapshot(store: LocalStore, name: str, fetch) -> dict:
    from app.persistence.uow import UnitOfWork
    from app.sync.errors import NotEnrolled, SyncError

    now = utc_now()
    try:
        data = fetch()
    except (SyncError, NotEnrolled) as exc:
        with store.engine.connect() as conn:
            cached = conn.execute(select(Meta.value).where(Meta.key == SNAPSHOT + name)).scalar()
        if cached is None:
            raise
        kept = json.loads(cached)
        age = (now - datetime.fromisoformat(kept["fetched_at"])).total_seconds()
        return {**kept["data"], "live": False, "fetched_at": kept["fetched_at"],
                "age_seconds": max(0, int(age)), "offline_reason_en": exc.message("en"),
                "offline_reason_zh": exc.message("zh")}
    text = json.dumps({"fetched_at": now.isoformat(), "data": data}, ensure_ascii=False)
    with UnitOfWork(store.engine) as uow:
        stmt = insert(Meta).values(key=SNAPSHOT + name, value=text)
        uow.session.execute(stmt.on_conflict_do_update(index_elements=["key"],
                                                       set_={"value": stmt.excluded.value}))
        uow.commit()
    return {**data, "live": True, "fetched_at": now.isoformat(), "age_seconds": 0}
