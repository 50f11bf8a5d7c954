import pytest
from hypothesis import given, strategies as st

from app.domain.documents import (STOCK_DIRECTION, DocType, InvalidTransition, Status,
                                  UnknownDocType, check_transition, doc_type)
from app.domain.vouchers import (ACCOUNTS, DEFAULT_RULES, UnbalancedVoucher, VoucherLine,
                                 build_voucher, check_balanced, split_vat)


def test_lifecycle():
    check_transition("XS-1", Status.DRAFT, Status.PENDING)
    check_transition("XS-1", Status.PENDING, Status.POSTED)
    for target in Status:
        with pytest.raises(InvalidTransition) as info:
            check_transition("XS-1", Status.POSTED, target)
    assert "冲销" in info.value.message("zh_CN")


def test_doc_type_parsing():
    assert doc_type(" Sale ") is DocType.SALE
    with pytest.raises(UnknownDocType) as info:
        doc_type("invoice")
    assert "purchase_receipt" in info.value.message("en")


def test_every_type_has_rules_and_a_direction():
    assert set(DEFAULT_RULES) == set(DocType) == set(STOCK_DIRECTION)
    assert all(e.account in ACCOUNTS for rules in DEFAULT_RULES.values() for e in rules)


def test_sale_voucher_worked_example():
    # 2 x 可乐 at 3.50, paid in cash; 13% VAT; FIFO cost 4.20
    net, vat = split_vat(700, 1300)
    lines = build_voucher(DEFAULT_RULES[DocType.SALE],
                          {"tender_cash": 700, "revenue_net": net, "output_vat": vat, "cogs": 420})
    assert (net, vat) == (619, 81)
    assert VoucherLine("1001", 700, 0) in lines and VoucherLine("5001", 0, 619) in lines
    assert VoucherLine("5401", 420, 0) in lines and VoucherLine("1405", 0, 420) in lines


def test_return_mirrors_the_sale():
    amounts = {"tender_cash": 700, "revenue_net": 619, "output_vat": 81, "cogs": 420}
    sale = build_voucher(DEFAULT_RULES[DocType.SALE], amounts)
    back = build_voucher(DEFAULT_RULES[DocType.CUSTOMER_RETURN], amounts)
    assert {(l.account, l.debit_fen, l.credit_fen) for l in back} == \
        {(l.account, l.credit_fen, l.debit_fen) for l in sale}


def test_unbalanced_amounts_are_refused():
    with pytest.raises(UnbalancedVoucher):
        build_voucher(DEFAULT_RULES[DocType.SALE], {"tender_cash": 700, "revenue_net": 600})
    with pytest.raises(TypeError):
        build_voucher(DEFAULT_RULES[DocType.WRITE_OFF], {"value": 1.5})


def test_negative_amount_changes_side():
    lines = build_voucher(DEFAULT_RULES[DocType.STOCKTAKE], {"gain_value": -100})
    assert lines == (VoucherLine("1405", 0, 100), VoucherLine("1901", 100, 0))


@given(st.integers(0, 10**10), st.sampled_from([0, 300, 600, 900, 1300]))
def test_vat_split_adds_up(gross, rate):
    net, vat = split_vat(gross, rate)
    assert net + vat == gross and 0 <= vat <= gross


@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)), max_size=10))
def test_check_balanced_matches_sums(pairs):
    lines = [VoucherLine("1405", d, c) for d, c in pairs]
    if sum(d for d, _ in pairs) == sum(c for _, c in pairs):
        check_balanced(lines)
    else:
        with pytest.raises(UnbalancedVoucher):
            check_balanced(lines)
