"""Integrations: other systems (an online shop, a supplier's ASN feed) that post documents in
the JXC document format (docs/document-format.md) through `POST /api/v1/inbound/documents`.

Each integration has its own API key (`jxci_…`, 256 random bits, stored as SHA-256), the
scopes it holds (`post:<document type>`, e.g. `post:sale`, `post:purchase_order`) and the
stores it may post for (none given: all). A document is checked with the terminals' own
parser (app.domain.doc_request) and becomes an event `document.inbound` of the store,
under the store's virtual terminal `~integrations`: the store's terminals receive it with
their peer events and post it (app/services/catalog_sync.py); head office counts the
first terminal's posting of that id (reactions.py). Idempotent by (store, document id):
the same body again is answered `duplicate` with the first result, another body 409.
"""
from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from dataclasses import dataclass

from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from app.domain.audit import canonical_json
from app.domain.doc_request import BadDocument, parse_document
from app.domain.documents import DocType
from app.domain.stores import normalize_store_code
from headoffice import db
from headoffice.admin import store_by_code, utc_now
from headoffice.db import insert_for
from headoffice.errors import HqError
from headoffice.models import Event, Integration, Terminal
from headoffice.publish import STORE_EVENTS_LOCK
from headoffice.tokens import hash_secret

SCOPES = tuple(f"post:{t.value}" for t in DocType)
VIRTUAL_TERMINAL = "~integrations"
NAMESPACE = uuid.UUID("6c8d3f0e-5a3b-4b8e-9a0c-1f2e3d4c5b6a")


class IntegrationRefused(HqError):
    code = "integration_refused"
    status = 400
    zh = "集成设置有误：{why_zh}"
    en = "The integration is not valid: {why_en}"


class IntegrationUnauthorized(HqError):
    code = "integration_unauthorized"
    status = 401
    zh = "集成密钥无效或已停用。"
    en = "The integration key is not valid or was removed."


class ScopeMissing(HqError):
    code = "scope_missing"
    status = 403
    zh = "该集成没有“{scope}”权限（门店 {store}）。"
    en = "This integration lacks the scope '{scope}' (store {store})."


class InboundConflict(HqError):
    code = "inbound_conflict"
    status = 409
    zh = "单据 id “{id}”已在门店 {store} 以不同内容提交，拒绝。新单据请用新的 id。"
    en = "Document id '{id}' was already submitted to store {store} with another body; refused. Give a new document a new id."


class InboundInvalid(HqError):
    code = "bad_document"
    status = 422
    zh = "{why_zh}"
    en = "{why_en}"


@dataclass(frozen=True)
class Integrator:
    id: int
    name: str
    scopes: frozenset[str]
    stores: frozenset[str]


def add(engine: Engine, name: str, scopes: list[str], stores: list[str] | None = None) -> dict:
    """A new integration and its API key (shown once)."""
    name = (name or "").strip()
    if not name or len(name) > 64:
        raise IntegrationRefused(why_zh="名称需要 1-64 个字符。", why_en="the name needs 1-64 characters.")
    unknown = sorted(set(scopes) - set(SCOPES))
    if not scopes or unknown:
        raise IntegrationRefused(why_zh=f"未知权限 {', '.join(unknown) or '（空）'}；可用：{', '.join(SCOPES)}。",
                                 why_en=f"unknown scopes {', '.join(unknown) or '(none)'}; "
                                        f"use {', '.join(SCOPES)}.")
    key = "jxci_" + secrets.token_urlsafe(32)

    def work(s: Session) -> dict:
        codes = sorted({store_by_code(s, c).code for c in stores or []})
        if s.scalars(select(Integration.id).where(Integration.name == name)).first():
            raise IntegrationRefused(why_zh=f"名称“{name}”已被使用。", why_en=f"the name '{name}' is taken.")
        row = Integration(name=name, key_hash=hash_secret(key), scopes=",".join(sorted(set(scopes))),
                          stores=",".join(codes), active=True, created_at=utc_now())
        s.add(row)
        s.flush()
        return {**_view(row), "api_key": key}

    return db.write(engine, work)


def _view(row: Integration) -> dict:
    return {"id": row.id, "name": row.name, "scopes": row.scopes.split(","),
            "stores": row.stores.split(",") if row.stores else [], "active": row.active,
            "created_at": row.created_at.isoformat(),
            "last_used_at": row.last_used_at.isoformat() if row.last_used_at else None}


def list_all(engine: Engine) -> list[dict]:
    return db.read(engine, lambda s: [_view(r) for r in s.scalars(
        select(Integration).order_by(Integration.id))])


def remove(engine: Engine, name: str) -> dict:
    def work(s: Session) -> dict:
        row = s.scalars(select(Integration).where(Integration.name == name)).first()
        if row is None:
            raise IntegrationRefused(why_zh=f"没有名为“{name}”的集成。", why_en=f"there is no integration '{name}'.")
        row.active = False
        return {"name": name, "active": False}

    return db.write(engine, work)


def authenticate(s: Session, key: str | None) -> Integrator:
    if not key or not key.startswith("jxci_"):
        raise IntegrationUnauthorized()
    row = s.scalars(select(Integration).where(Integration.key_hash == hash_secret(key))).first()
    if row is None or not row.active:
        raise IntegrationUnauthorized()
    return Integrator(row.id, row.name, frozenset(row.scopes.split(",")),
                      frozenset(row.stores.split(",")) if row.stores else frozenset())


def post(engine: Engine, key: str | None, store_code: str, document: dict) -> dict:
    """Submit one document for a store; answers {status: accepted|duplicate, …}."""
    who = db.read(engine, lambda s: authenticate(s, key))
    try:
        req = parse_document(document)
    except BadDocument as exc:
        raise InboundInvalid(why_zh=exc.message("zh"), why_en=exc.message("en")) from None
    code = normalize_store_code(store_code)
    event_uuid = "in-" + str(uuid.uuid5(NAMESPACE, f"{code}\n{req.id}"))
    payload = canonical_json({"id": req.id, "body_hash": req.body_hash, "document": document,
                              "type": req.type.value})

    def work(s: Session) -> dict:
        scope = f"post:{req.type.value}"
        if scope not in who.scopes or (who.stores and code not in who.stores):
            raise ScopeMissing(scope=scope if scope not in who.scopes else f"store {code}", store=code)
        store = store_by_code(s, code)
        if s.bind.dialect.name == "postgresql":  # store events become visible in id order
            s.execute(text("SELECT pg_advisory_xact_lock(:a, :b)"),
                      {"a": STORE_EVENTS_LOCK, "b": store.id})
        s.execute(Integration.__table__.update().where(Integration.id == who.id)
                  .values(last_used_at=utc_now()))
        prior = s.scalars(select(Event).where(Event.event_uuid == event_uuid)).first()
        if prior is not None:
            if prior.body_hash != _hash(payload):
                raise InboundConflict(id=req.id, store=code)
            return {**json.loads(prior.result), "status": "duplicate"}
        terminal = virtual_terminal(s, store.id)
        seq = (s.scalar(select(func.max(Event.seq)).where(Event.terminal_id == terminal)) or 0) + 1
        now = utc_now()
        result = {"status": "accepted", "store": code, "id": req.id, "type": req.type.value,
                  "event_uuid": event_uuid, "integration": who.name, "accepted_at": now.isoformat()}
        s.execute(insert_for(s)(Event).on_conflict_do_nothing(index_elements=["event_uuid"]), [{
            "event_uuid": event_uuid, "store_id": store.id, "terminal_id": terminal,
            "source": f"integration:{who.name}"[:64], "seq": seq,
            "event_type": "document.inbound", "body_hash": _hash(payload), "payload": payload,
            "result": json.dumps(result, ensure_ascii=False), "created_at": now,
            "received_at": now, "flagged": False, "flag_reason": "", "doc_id": None}])
        return result

    return db.write(engine, work)


def _hash(payload: str) -> str:
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def virtual_terminal(s: Session, store_id: int, name: str = VIRTUAL_TERMINAL) -> int:
    """The store's `~integrations` terminal (or `~transfers`, settlements.py): it never
    enrolls (no token), it only names where inbound documents came from in the store's
    event feed."""
    found = s.scalars(select(Terminal.id).where(Terminal.store_id == store_id,
                                                Terminal.name == name)).first()
    if found is not None:
        return found
    row = Terminal(uuid=str(uuid.uuid4()), store_id=store_id, name=name,
                   revoked=False, created_at=utc_now())
    s.add(row)
    s.flush()
    return row.id


