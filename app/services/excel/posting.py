"""Posting several documents in ONE transaction, so that a file imports whole or not at all.

`post_in` is what `inventory.posting.post_document` does inside its unit of work (the
idempotent replay, the draft, the approval rules, `posting.apply`), on the caller's
session: the importers post every document of a file and commit once. A document that an
approval rule holds is stored as pending, exactly as post_document would.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from app.domain.doc_request import parse_document
from app.domain.documents import Status
from app.domain.errors import DomainError
from app.domain.permissions import POST_PERMISSION, require
from app.persistence.store import LocalStore
from app.services.inventory import approval_rules, drafts
from app.services.inventory import posting as inventory_posting
from app.services.inventory.posting import ConflictingReplay, PostResult, result_of
from app.services.records import Actor, write_audit

from .marks import Marks


def post_in(s: Session, store: LocalStore, actor: Actor, raw: dict, now: datetime) -> PostResult:
    req = parse_document(raw)
    require(actor.role, POST_PERMISSION[req.type], f"post {req.type.value}")
    existing = drafts.find(s, req.id)
    if existing is not None and existing.status in (Status.POSTED.value, Status.PENDING.value):
        if existing.body_hash != req.body_hash:
            raise ConflictingReplay(id=req.id, number=existing.number or existing.status)
        return result_of(existing, replayed=True)
    draft = drafts.prepare(s, store, actor, req, raw, now, replacing=existing)
    doc = draft.doc
    levels = approval_rules.levels_for(s, req, doc.total_fen)
    if levels:
        doc.status = Status.PENDING.value
        drafts.write(s, draft)
        write_audit(s, store, actor, now, "document.submit", doc.uuid,
                    {"type": doc.doc_type, "total_fen": doc.total_fen, "levels": len(levels)})
    else:
        inventory_posting.apply(s, store, actor, draft, req, now, "back_office")
    return result_of(doc, replayed=False)


def mark_failure(marks: Marks, exc: DomainError, rows: list[int]) -> None:
    """Put a posting error on the sheet rows of its document (`rows[n-1]` is line n): on
    the line it names, else on every row of the document."""
    n = exc.params.get("n")
    if isinstance(n, int) and 0 < n <= len(rows):
        marks.add_error(rows[n - 1], "", exc)
        return
    for row in rows:
        marks.add_error(row, "", exc)
