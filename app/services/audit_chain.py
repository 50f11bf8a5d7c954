"""Which audit entries were edited, deleted, reordered or inserted, and at which sequence.

`app.domain.audit.verify_chain` says *that* a chain is broken; the audit viewer must say
*what* happened and *where*, for a log of millions of entries, without holding it in
memory. `ChainChecker` reads one terminal's entries in sequence order, one at a time, and
keeps only the last two. What it can tell from the HMAC chain alone:

- **edited**: an entry's content no longer matches its hash (or it was written without
  the key: a forged entry at the end of the chain looks the same);
- **deleted**: a sequence number is missing, or an authentic entry no longer follows the
  entry it was chained to (its predecessor was removed and the later ones renumbered);
- **inserted**: an entry sits between two entries that are chained to each other;
- **reordered**: two entries exchanged their places (each is chained to the other).

Entries renumbered to hide an insertion or a deletion verify under their old number; they
are counted (`renumbered`), not reported one by one. A problem that follows from one
already reported (the entry after a rewritten hash) is not reported twice.
"""
from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from typing import Iterable

from app.domain.audit import GENESIS, AuditRecord, chain_hash, entry_bytes

EDITED, DELETED, INSERTED, REORDERED = "edited", "deleted", "inserted", "reordered"


@dataclass(frozen=True)
class ChainProblem:
    terminal: str
    seq: int  # the first sequence concerned
    kind: str  # edited, deleted, inserted, reordered
    last_seq: int | None = None  # deleted ranges, reordered pairs

    def text(self, lang: str = "en") -> str:
        zh = lang.startswith("zh")
        span = f"{self.seq}–{self.last_seq}" if self.last_seq not in (None, self.seq) \
            else str(self.seq)
        if self.kind == EDITED:
            return (f"第 {span} 条内容与其哈希不符（被改动或非 JXC 写入）" if zh else
                    f"seq {span}: the content does not match its hash (edited, or not "
                    "written by JXC)")
        if self.kind == DELETED:
            return (f"第 {span} 条已被删除" if zh else f"seq {span}: deleted")
        if self.kind == INSERTED:
            return (f"第 {span} 条是插入的，不属于审计链" if zh else
                    f"seq {span}: inserted, not part of the chain")
        return (f"第 {span} 条顺序被调换" if zh else f"seq {span}: reordered")


@dataclass
class _Seen:
    record: AuditRecord
    valid: bool  # authentic at its current sequence, or explained by a move
    moved: bool = False
    shifted: int = 0  # how this entry changed the renumbering shift
    renumbered: bool = False


@dataclass
class ChainChecker:
    """Feed one terminal's records in sequence order with `add`, then call `finish`."""

    key: bytes
    terminal: str
    problems: list[ChainProblem] = field(default_factory=list)
    renumbered: int = 0
    checked: int = 0
    _p: _Seen | None = None
    _pp: _Seen | None = None
    _pending: list[ChainProblem] = field(default_factory=list)  # may still be explained
    _expected: int = 1
    _shift: int = 0  # entries inserted (+) or deleted (-) and the later ones renumbered

    def _authentic(self, r: AuditRecord, seq: int) -> bool:
        entry = entry_bytes(r.terminal_id, seq, r.at, r.user_id, r.action, r.target, r.detail)
        return hmac.compare_digest(chain_hash(self.key, r.prev_hash, entry), r.hash)

    def add(self, r: AuditRecord) -> None:
        self.checked += 1
        p, pp = self._p, self._pp
        linked = r.prev_hash == (p.record.hash if p else GENESIS)
        valid = self._authentic(r, r.seq)
        moved, shift, renumbered = False, self._shift, False
        gap = r.seq > self._expected
        if gap:
            self._pending.append(ChainProblem(self.terminal, self._expected, DELETED, r.seq - 1))
        if not linked:
            before_p = pp.record.hash if pp else GENESIS
            if p and p.record.prev_hash == r.hash and r.prev_hash == before_p:
                self._swapped(p, r)
                valid = moved = True
            elif p and r.prev_hash == before_p and not p.valid:
                self._drop_pending(p.record.seq)
                self._pending.append(ChainProblem(self.terminal, p.record.seq, INSERTED))
                if not valid and self._authentic(r, r.seq - self._shift - 1):
                    self._shift += 1  # the entries after it were renumbered up
            elif not gap and not self._explains(p, pp):
                self._broken_link(r, valid)
        if not valid and self._shift and self._authentic(r, r.seq - self._shift):
            self.renumbered += 1
            valid = renumbered = True
        if not valid:
            self._pending.append(ChainProblem(self.terminal, r.seq, EDITED))
        self._flush(r.seq)
        self._pp, self._p = p, _Seen(r, valid, moved, self._shift - shift, renumbered)
        self._expected = r.seq + 1

    def _swapped(self, p: _Seen, r: AuditRecord) -> None:
        """p and r exchanged places: each is chained to the other's predecessor."""
        self._drop_pending(p.record.seq)
        self._pending.append(ChainProblem(self.terminal, p.record.seq, REORDERED, r.seq))
        self._shift -= p.shifted  # p looked renumbered; it was moved
        self.renumbered -= p.renumbered
        p.valid = p.moved = True

    def _explains(self, p: _Seen | None, pp: _Seen | None) -> bool:
        """The broken link follows from a problem already found at p (or from a move)."""
        if p is None:
            return False
        if p.moved or (pp is not None and pp.moved):
            return True
        return any(x.seq == p.record.seq and x.kind in (EDITED, INSERTED)
                   for x in self._pending + self.problems[-3:])

    def _broken_link(self, r: AuditRecord, valid: bool) -> None:
        """r no longer follows the entry it was chained to: that entry was removed."""
        if not valid and self._authentic(r, r.seq - self._shift + 1):
            self._shift -= 1  # and the entries after it were renumbered down
        self._pending.append(ChainProblem(self.terminal, r.seq, DELETED))

    def _drop_pending(self, seq: int) -> None:
        self._pending = [x for x in self._pending if x.seq != seq]

    def _flush(self, current: int) -> None:
        """Only a problem of the current entry may still be explained by the next one."""
        self.problems += [x for x in self._pending if x.seq < current]
        self._pending = [x for x in self._pending if x.seq >= current]

    def finish(self) -> list[ChainProblem]:
        self.problems += self._pending
        self._pending = []
        self.problems.sort(key=lambda x: (x.seq, x.kind))
        return self.problems


def check_records(key: bytes, terminal: str, records: Iterable[AuditRecord]) -> ChainChecker:
    checker = ChainChecker(key, terminal)
    for r in records:
        checker.add(r)
    checker.finish()
    return checker
