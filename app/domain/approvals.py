"""Approval rules: which documents wait for whom before they may touch stock.

A rule names a document type, a threshold (total amount in fen, or the largest line
quantity in thousandths) and the levels of approval it then needs, each level approved by
one of a set of roles, in order. A document that meets no rule posts directly. Approving
or rejecting is recorded with a comment; one person never approves two levels of the same
document, and nobody approves their own document.
"""
from __future__ import annotations

from dataclasses import dataclass

from app.domain.documents import DocType
from app.domain.errors import DomainError


@dataclass(frozen=True)
class ApprovalRule:
    doc_type: DocType
    levels: tuple[frozenset[str], ...]  # roles allowed at level 1, 2, ...
    min_total_fen: int | None = None
    min_line_qty_milli: int | None = None

    def applies(self, kind: DocType, total_fen: int, max_line_qty_milli: int) -> bool:
        if kind is not self.doc_type:
            return False
        by_total = self.min_total_fen is not None and abs(total_fen) >= self.min_total_fen
        by_qty = self.min_line_qty_milli is not None and max_line_qty_milli >= self.min_line_qty_milli
        return by_total or by_qty


@dataclass(frozen=True)
class Approval:
    level: int
    user_id: int
    role: str
    approved: bool
    comment: str = ""


class ApprovalRefused(DomainError):
    code = "approval_refused"
    zh = "不能审批：{why_zh}"
    en = "Cannot approve: {why_en}"


def required_levels(rules: list[ApprovalRule], kind: DocType, total_fen: int,
                    max_line_qty_milli: int) -> tuple[frozenset[str], ...]:
    """The strictest matching rule wins (the one with the most levels)."""
    matching = [r for r in rules if r.applies(kind, total_fen, max_line_qty_milli)]
    return max((r.levels for r in matching), key=len, default=())


def next_level(levels: tuple[frozenset[str], ...], done: list[Approval]) -> int | None:
    """The level waiting for a decision, or None when every level has approved."""
    approved = [a for a in done if a.approved]
    return len(approved) + 1 if len(approved) < len(levels) else None


def check_decision(levels: tuple[frozenset[str], ...], done: list[Approval], user_id: int,
                   role: str, author_id: int | None) -> int:
    """The level this user may decide now; raises ApprovalRefused otherwise."""
    if any(not a.approved for a in done):
        raise _refused("单据已被驳回。", "the document was rejected.")
    level = next_level(levels, done)
    if level is None:
        raise _refused("所有审批级别都已通过。", "every level has already approved.")
    if author_id is not None and user_id == author_id:
        raise _refused("不能审批自己提交的单据。", "nobody approves their own document.")
    if any(a.user_id == user_id for a in done):
        raise _refused("同一人不能审批两个级别。", "one person cannot approve two levels.")
    if role not in levels[level - 1]:
        allowed = "、".join(sorted(levels[level - 1]))
        raise ApprovalRefused(why_zh=f"第 {level} 级需要以下角色之一：{allowed}。",
                              why_en=f"level {level} needs one of the roles: {allowed}.")
    return level


def _refused(zh: str, en: str) -> ApprovalRefused:
    return ApprovalRefused(why_zh=zh, why_en=en)
