import pytest

from app.domain.approvals import (Approval, ApprovalRefused, ApprovalRule, check_decision,
                                  next_level, required_levels)
from app.domain.documents import DocType

MANAGER, OWNER = frozenset({"store_manager"}), frozenset({"admin", "head_office"})
RULES = [
    ApprovalRule(DocType.PURCHASE_RECEIPT, (MANAGER,), min_total_fen=500_000),
    ApprovalRule(DocType.PURCHASE_RECEIPT, (MANAGER, OWNER), min_total_fen=5_000_000),
    ApprovalRule(DocType.WRITE_OFF, (MANAGER,), min_line_qty_milli=10_000),
]


def test_small_documents_post_directly():
    assert required_levels(RULES, DocType.PURCHASE_RECEIPT, 499_999, 1000) == ()
    assert required_levels(RULES, DocType.SALE, 10**9, 10**9) == ()


def test_the_strictest_matching_rule_wins():
    assert required_levels(RULES, DocType.PURCHASE_RECEIPT, 600_000, 0) == (MANAGER,)
    assert required_levels(RULES, DocType.PURCHASE_RECEIPT, 6_000_000, 0) == (MANAGER, OWNER)
    assert required_levels(RULES, DocType.WRITE_OFF, 0, 10_000) == (MANAGER,)


def test_levels_in_order_by_the_right_roles():
    levels = (MANAGER, OWNER)
    assert check_decision(levels, [], user_id=2, role="store_manager", author_id=1) == 1
    with pytest.raises(ApprovalRefused) as info:
        check_decision(levels, [], user_id=3, role="admin", author_id=1)
    assert "store_manager" in info.value.message("en")
    done = [Approval(1, 2, "store_manager", True)]
    assert next_level(levels, done) == 2
    assert check_decision(levels, done, user_id=3, role="admin", author_id=1) == 2
    assert next_level(levels, done + [Approval(2, 3, "admin", True)]) is None


def test_refusals():
    levels = (MANAGER, frozenset({"store_manager", "admin"}))
    with pytest.raises(ApprovalRefused):  # own document
        check_decision(levels, [], user_id=1, role="store_manager", author_id=1)
    with pytest.raises(ApprovalRefused):  # same person, second level
        check_decision(levels, [Approval(1, 2, "store_manager", True)], 2, "store_manager", 1)
    with pytest.raises(ApprovalRefused):  # already rejected
        check_decision(levels, [Approval(1, 2, "store_manager", False, "价格不对")], 3, "admin", 1)
    with pytest.raises(ApprovalRefused):  # nothing left to approve
        check_decision((MANAGER,), [Approval(1, 2, "store_manager", True)], 3, "store_manager", 1)
