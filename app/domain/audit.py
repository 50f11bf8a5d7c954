"""The audit chain: each entry's hash covers the previous hash and the entry itself.

hash_n = HMAC-SHA256(key, hash_{n-1} || canonical(entry_n)), with a gap-free sequence per
terminal. Editing, deleting, reordering or inserting an entry breaks every later hash, and
without the key nobody can forge a consistent chain. `verify_chain` reports each problem
as data.
"""
from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditRecord:
    terminal_id: str
    seq: int
    at: str  # ISO timestamp, UTC
    user_id: int | None
    action: str
    target: str
    detail: str  # canonical JSON text
    prev_hash: str
    hash: str


def canonical_json(value: object) -> str:
    """One text per value: sorted keys, no spaces, UTF-8 kept (Chinese stays readable)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=str)


def entry_bytes(terminal_id: str, seq: int, at: str, user_id: int | None, action: str,
                target: str, detail: str) -> bytes:
    return canonical_json([terminal_id, seq, at, user_id, action, target, detail]).encode()


def chain_hash(key: bytes, prev_hash: str, entry: bytes) -> str:
    return hmac.new(key, prev_hash.encode() + entry, hashlib.sha256).hexdigest()


def seal(key: bytes, prev: AuditRecord | None, terminal_id: str, at: str, user_id: int | None,
         action: str, target: str, detail: object) -> AuditRecord:
    """The next record after `prev` (None for the first one of the terminal)."""
    seq = 1 if prev is None else prev.seq + 1
    prev_hash = GENESIS if prev is None else prev.hash
    text = canonical_json(detail)
    digest = chain_hash(key, prev_hash,
                        entry_bytes(terminal_id, seq, at, user_id, action, target, text))
    return AuditRecord(terminal_id, seq, at, user_id, action, target, text, prev_hash, digest)


def verify_chain(key: bytes, records: list[AuditRecord]) -> list[str]:
    """Problems found in one terminal's records, in seq order; empty when intact."""
    problems, prev_hash, expected_seq = [], GENESIS, 1
    for r in records:
        if r.seq != expected_seq:
            problems.append(f"seq {r.seq}: expected {expected_seq} (entry missing or moved)")
        if r.prev_hash != prev_hash:
            problems.append(f"seq {r.seq}: does not follow the previous entry")
        entry = entry_bytes(r.terminal_id, r.seq, r.at, r.user_id, r.action, r.target, r.detail)
        if not hmac.compare_digest(chain_hash(key, r.prev_hash, entry), r.hash):
            problems.append(f"seq {r.seq}: content does not match its hash (edited)")
        prev_hash, expected_seq = r.hash, r.seq + 1
    return problems
