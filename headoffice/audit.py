"""Audit anchoring: head office keeps each terminal's chain links (seq, prev_hash, hash)
and its newest reported head.

It cannot check the HMACs (the key never leaves the store), but links and heads show:
- a gap: a link whose predecessor never arrived;
- a fork: a seq already anchored with another hash, or a link that does not follow the
  anchored one before it (history rewritten, or a store restored from a backup and used);
- a regression: a head behind the newest one, read later by the terminal's own clock (a
  late copy of an old request was read earlier, so it is not flagged).
Flags are rows, unique per terminal, chain, kind and seq; `jxc hq audit` lists them.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.audit import GENESIS
from headoffice.db import insert_for
from headoffice.models import AuditFlag, AuditHead, AuditLink
from headoffice.schemas import AuditFlagOut, AuditIn, AuditResult


def anchor(s: Session, caller, a: AuditIn, now: datetime) -> AuditResult:
    observed = a.observed_at  # naive UTC (schemas.When)
    head = s.get(AuditHead, (caller.terminal_id, a.chain))
    known = _known_links(s, caller.terminal_id, a)
    flags, new_rows = [], []
    for link in sorted(a.links, key=lambda l: l.seq):
        if link.seq in known:
            if known[link.seq][1] != link.hash:
                flags.append(AuditFlagOut(kind="fork", seq=link.seq,
                                          detail="seq already anchored with another hash"))
            continue
        flags += _check_predecessor(link, known)
        known[link.seq] = (link.prev_hash, link.hash)
        new_rows.append({"terminal_id": caller.terminal_id, "chain": a.chain, "seq": link.seq,
                         "prev_hash": link.prev_hash, "hash": link.hash, "received_at": now})
    for i in range(0, len(new_rows), 1000):
        s.execute(insert_for(s)(AuditLink).values(new_rows[i:i + 1000]).on_conflict_do_nothing())
    flags += _check_head(a, known, head, observed)
    _save_head(s, caller.terminal_id, a, observed, now)
    if flags:
        rows = [{"terminal_id": caller.terminal_id, "chain": a.chain, "kind": f.kind,
                 "seq": f.seq, "detail": f.detail[:300], "at": now} for f in flags]
        s.execute(insert_for(s)(AuditFlag).values(rows).on_conflict_do_nothing())
    acked = max((n for n in known if n <= a.head_seq), default=0)
    return AuditResult(chain=a.chain, acked_seq=acked, flags=flags)


def _known_links(s: Session, terminal_id: int, a: AuditIn) -> dict[int, tuple[str, str]]:
    wanted = sorted({n for link in a.links for n in (link.seq, link.seq - 1)} | {a.head_seq})
    known: dict[int, tuple[str, str]] = {}
    for i in range(0, len(wanted), 500):
        rows = s.execute(select(AuditLink.seq, AuditLink.prev_hash, AuditLink.hash).where(
            AuditLink.terminal_id == terminal_id, AuditLink.chain == a.chain,
            AuditLink.seq.in_(wanted[i:i + 500])))
        known.update({seq: (prev, digest) for seq, prev, digest in rows})
    return known


def _check_predecessor(link, known: dict) -> list[AuditFlagOut]:
    if link.seq == 1:
        if link.prev_hash != GENESIS:
            return [AuditFlagOut(kind="fork", seq=1, detail="the first entry does not start a chain")]
        return []
    before = known.get(link.seq - 1)
    if before is None:
        return [AuditFlagOut(kind="gap", seq=link.seq,
                             detail=f"the entry before {link.seq} never arrived")]
    if before[1] != link.prev_hash:
        return [AuditFlagOut(kind="fork", seq=link.seq,
                             detail=f"does not follow the anchored entry {link.seq - 1}")]
    return []


def _check_head(a: AuditIn, known: dict, head: AuditHead | None,
                observed: datetime) -> list[AuditFlagOut]:
    if head is not None and a.head_seq < head.seq and observed > head.observed_at:
        return [AuditFlagOut(kind="regression", seq=a.head_seq,
                             detail=f"head went back from {head.seq} to {a.head_seq}")]
    if a.head_seq in known and a.head_hash and known[a.head_seq][1] != a.head_hash:
        return [AuditFlagOut(kind="fork", seq=a.head_seq,
                             detail="the head's hash differs from the anchored entry")]
    return []


def _save_head(s: Session, terminal_id: int, a: AuditIn, observed: datetime,
               now: datetime) -> None:
    """Keep the terminal's newest reading (after a flagged regression, that is the lower
    head, so the flag is raised once); a higher seq always wins."""
    stmt = insert_for(s)(AuditHead).values(terminal_id=terminal_id, chain=a.chain,
                                           seq=a.head_seq, hash=a.head_hash,
                                           observed_at=observed, updated_at=now)
    table = AuditHead.__table__
    newer = (stmt.excluded.seq > table.c.seq) | (stmt.excluded.observed_at > table.c.observed_at)
    s.execute(stmt.on_conflict_do_update(
        index_elements=["terminal_id", "chain"], where=newer,
        set_={"seq": stmt.excluded.seq, "hash": stmt.excluded.hash,
              "observed_at": stmt.excluded.observed_at, "updated_at": now}))


def flags_of(s: Session, terminal_ids: list[int]) -> list[AuditFlag]:
    return list(s.scalars(select(AuditFlag).where(AuditFlag.terminal_id.in_(terminal_ids))
                          .order_by(AuditFlag.at, AuditFlag.id)))
