"""Drafts and approvals: draft -> pending approval -> posted (or rejected, back to draft).

A pending document touches no stock. Each decision is an append-only row with its comment;
the last approval posts the document in the same transaction, at that moment, through the
same `posting.apply` every document goes through. A rejection ends the round: the author
edits the draft (same id) and submits again, and a new round starts at level 1. The levels
are those the store's rules demand at the time of the decision.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.domain.approvals import Approval, check_decision, next_level
from app.domain.doc_request import parse_document
from app.domain.documents import DocType, Status, check_transition
from app.domain.errors import DomainError
from app.domain.permissions import check, check_post
from app.persistence.schema import Document, DocumentApproval
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.inventory import approval_rules, drafts, posting
from app.services.inventory.posting import ConflictingReplay, PostResult, result_of
from app.services.records import LOCAL_OPERATOR, Actor, Clock, local_date, utc_now, write_audit


class CommentNeeded(DomainError):
    code = "comment_needed"
    zh = "驳回时请写明原因，方便制单人修改。"
    en = "Say why when you reject, so the author knows what to change."


class NoSuchOpenDocument(DomainError):
    code = "no_such_open_document"
    zh = "没有状态为“{status}”的单据“{ref}”。"
    en = "There is no {status} document '{ref}'."


@dataclass(frozen=True)
class PendingDocument:
    id: str
    type: str
    total_fen: int
    author_id: int | None
    level: int
    levels: int
    created_at: str


def save_draft(store: LocalStore, actor: Actor, raw: dict, *, clock: Clock = utc_now) -> PostResult:
    """Keep a document as a draft: nothing is checked against stock or approvals yet."""
    check(actor.role, "inventory.lifecycle.save_draft")
    req = parse_document(raw)
    check_post(actor.role, req.type)
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        existing = drafts.find(s, req.id)
        if existing is not None and existing.status not in (Status.DRAFT.value,
                                                             Status.REJECTED.value):
            raise ConflictingReplay(id=req.id, number=existing.number or existing.status)
        now = clock()
        draft = drafts.prepare(s, store, actor, req, raw, now, replacing=existing)
        drafts.write(s, draft)
        doc = draft.doc
        write_audit(s, store, actor, now, "document.draft", doc.uuid,
                    {"type": doc.doc_type, "total_fen": doc.total_fen})
        uow.commit()
        return result_of(doc, replayed=False)


def submit(store: LocalStore, actor: Actor, ref: str, *, clock: Clock = utc_now,
           channel: str = "back_office") -> PostResult:
    check(actor.role, "inventory.lifecycle.submit")
    with UnitOfWork(store.engine) as uow:
        s, now = uow.session, clock()
        doc = _find(s, ref, Status.DRAFT, Status.REJECTED)
        req = parse_document(json.loads(doc.body_json))
        check_post(actor.role, req.type)
        if doc.status == Status.REJECTED.value:
            check_transition(ref, Status.REJECTED, Status.DRAFT)
        levels = approval_rules.levels_for(s, req, doc.total_fen)
        if levels:
            check_transition(ref, Status.DRAFT, Status.PENDING)
            doc.status = Status.PENDING.value
            write_audit(s, store, actor, now, "document.submit", doc.uuid,
                        {"type": doc.doc_type, "total_fen": doc.total_fen, "levels": len(levels)})
        else:
            doc = _post_now(s, store, actor, doc, req, now, channel)
        uow.commit()
        return result_of(doc, replayed=False)


def approve(store: LocalStore, actor: Actor, ref: str, comment: str = "", *,
            clock: Clock = utc_now) -> PostResult:
    """Approve the level waiting for this user; the last level posts the document."""
    check(actor.role, "inventory.lifecycle.approve")
    with UnitOfWork(store.engine) as uow:
        s, now = uow.session, clock()
        doc = _find(s, ref, Status.PENDING)
        req = parse_document(json.loads(doc.body_json))
        levels = approval_rules.levels_for(s, req, doc.total_fen)
        round_no, done = _current_round(s, doc)
        level = check_decision(levels, done, actor.user_id, actor.role, doc.user_id) \
            if levels else 0
        _record(s, doc, round_no, level, actor, True, comment, now)
        write_audit(s, store, actor, now, "document.approve", doc.uuid,
                    {"level": level, "levels": len(levels), "comment": comment})
        done.append(Approval(level, actor.user_id, actor.role, True, comment))
        if next_level(levels, done) is None:
            doc = _post_now(s, store, actor, doc, req, now, "back_office")
        uow.commit()
        return result_of(doc, replayed=False)


def reject(store: LocalStore, actor: Actor, ref: str, comment: str, *,
           clock: Clock = utc_now) -> PostResult:
    check(actor.role, "inventory.lifecycle.reject")
    if not comment.strip():
        raise CommentNeeded()
    with UnitOfWork(store.engine) as uow:
        s, now = uow.session, clock()
        doc = _find(s, ref, Status.PENDING)
        req = parse_document(json.loads(doc.body_json))
        levels = approval_rules.levels_for(s, req, doc.total_fen)
        round_no, done = _current_round(s, doc)
        level = check_decision(levels, done, actor.user_id, actor.role, doc.user_id) \
            if levels else 0
        _record(s, doc, round_no, level, actor, False, comment, now)
        check_transition(ref, Status.PENDING, Status.REJECTED)
        doc.status = Status.REJECTED.value
        write_audit(s, store, actor, now, "document.reject", doc.uuid,
                    {"level": level, "comment": comment})
        uow.commit()
        return result_of(doc, replayed=False)


def inbox(store: LocalStore, actor: Actor) -> list[PendingDocument]:
    """Pending documents whose next level this user may decide."""
    check(actor.role, "inventory.lifecycle.inbox")
    with UnitOfWork(store.engine, write=False) as uow:
        s, out = uow.session, []
        for doc in s.scalars(select(Document).where(Document.status == Status.PENDING.value)
                             .order_by(Document.created_at)):
            req = parse_document(json.loads(doc.body_json))
            levels = approval_rules.levels_for(s, req, doc.total_fen)
            _, done = _current_round(s, doc)
            level = next_level(levels, done) if levels else None
            if level is None or actor.role not in levels[level - 1]:
                continue
            out.append(PendingDocument(doc.uuid, doc.doc_type, doc.total_fen, doc.user_id,
                                       level, len(levels), doc.created_at.isoformat()))
        return out


def history(store: LocalStore, ref: str, *, actor: Actor = LOCAL_OPERATOR) -> list[dict]:
    check(actor.role, "inventory.lifecycle.history")
    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        doc = s.scalars(select(Document).where(or_(Document.uuid == ref,
                                                   Document.number == ref))).first()
        if doc is None:
            raise NoSuchOpenDocument(ref=ref, status="any")
        rows = s.scalars(select(DocumentApproval).where(DocumentApproval.document_id == doc.id)
                         .order_by(DocumentApproval.seq))
        return [{"round": r.round, "level": r.level, "role": r.role, "user_id": r.user_id,
                 "approved": r.approved, "comment": r.comment, "at": r.at.isoformat()}
                for r in rows]


def _post_now(s: Session, store: LocalStore, actor: Actor, doc: Document, req, now,
              channel: str) -> drafts.DocDraft:
    """Post the stored document; returns it as posted (the ORM row is not refreshed: the
    posting writes with plain SQL, and the row is left alone from here on)."""
    draft = drafts.load(s, doc, req)
    if req.business_date is None:
        draft.doc.business_date = local_date(now)  # stock moves now: the business day is today
    posting.apply(s, store, actor, draft, req, now, channel)
    return draft.doc


def _find(s: Session, ref: str, *statuses: Status) -> Document:
    doc = s.scalars(select(Document).where(or_(Document.uuid == ref, Document.number == ref),
                                           Document.status.in_([x.value for x in statuses]))).first()
    if doc is None:
        raise NoSuchOpenDocument(ref=ref, status="/".join(x.value for x in statuses))
    return doc


def _current_round(s: Session, doc: Document) -> tuple[int, list[Approval]]:
    """This submission's round: a new one starts after each rejection."""
    rows = list(s.scalars(select(DocumentApproval).where(DocumentApproval.document_id == doc.id)
                          .order_by(DocumentApproval.seq)))
    last = rows[-1] if rows else None
    round_no = 1 if last is None else last.round + (0 if last.approved else 1)
    return round_no, [Approval(r.level, r.user_id, r.role, r.approved, r.comment)
                      for r in rows if r.round == round_no]


def _record(s: Session, doc: Document, round_no: int, level: int, actor: Actor, approved: bool,
            comment: str, now) -> None:
    seq = (s.scalar(select(func.max(DocumentApproval.seq)).where(
        DocumentApproval.document_id == doc.id)) or 0) + 1
    s.add(DocumentApproval(document_id=doc.id, seq=seq, level=level, round=round_no,
                           user_id=actor.user_id, role=actor.role, approved=approved,
                           comment=comment, at=now))
    s.flush()
