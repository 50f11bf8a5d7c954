"""FIFO / FEFO / moving-average booking: worked examples and invariants."""
from datetime import date

import pytest
from hypothesis import given, strategies as st

from app.domain.costing import Layer, Order, allocate, apply, book_out, merge_average


def layers():
    return [Layer(1, 10_000, 1000, received_seq=1, expiry=date(2027, 6, 30), batch="B1"),
            Layer(2, 5_000, 600, received_seq=2, expiry=date(2027, 1, 31), batch="B2"),
            Layer(3, 3_000, 450, received_seq=3, expiry=None, batch="B3")]


def test_fifo_takes_the_oldest_receipt_first():
    b = book_out(layers(), 12_000, Order.FIFO)
    assert [(d.layer_id, d.qty_milli, d.value_fen) for d in b.draws] == [(1, 10_000, 1000), (2, 2_000, 240)]
    assert b.shortfall_milli == 0 and b.value_fen == 1240


def test_fefo_takes_the_earliest_expiry_first_and_undated_last():
    b = book_out(layers(), 16_000, Order.FEFO)
    assert [d.layer_id for d in b.draws] == [2, 1, 3]
    assert [d.qty_milli for d in b.draws] == [5_000, 10_000, 1_000]


def test_expired_layers_are_skipped_for_selling():
    b = book_out(layers(), 1_000, Order.FEFO, usable_on=date(2027, 2, 1))
    assert b.draws[0].layer_id == 1


def test_batch_restriction():
    b = book_out(layers(), 4_000, batch="B3")
    assert b.draws == (book_out(layers(), 3_000, batch="B3").draws) and b.shortfall_milli == 1_000


def test_shortfall_is_reported_not_raised():
    b = book_out(layers(), 20_000)
    assert b.qty_milli == 18_000 and b.shortfall_milli == 2_000 and b.value_fen == 2050


def test_apply_removes_emptied_layers_and_keeps_value_exact():
    after = apply(layers(), book_out(layers(), 12_000))
    assert [(l.layer_id, l.qty_milli, l.value_fen) for l in after] == [(2, 3_000, 360), (3, 3_000, 450)]


def test_moving_average_is_one_merged_layer():
    avg = merge_average(None, 10_000, 1000, seq=1, layer_id=7)
    avg = merge_average(avg, 10_000, 1400, seq=2, layer_id=7)
    assert avg.unit_cost == 120  # (10 + 14) / 20 units = 1.20 yuan
    assert book_out([avg], 5_000).value_fen == 600


def test_allocate_adds_up_exactly():
    assert allocate(1000, [1, 1, 1]) == [334, 333, 333]
    assert allocate(-100, [1, 2]) == [-33, -67]
    assert allocate(0, [5, 0]) == [0, 0]
    with pytest.raises(ValueError):
        allocate(10, [0, 0])


layer_st = st.builds(lambda i, q, v, e: (i, q, v, e), st.integers(0, 10**6),
                     st.integers(1, 10**7), st.integers(0, 10**8),
                     st.one_of(st.none(), st.dates(date(2026, 1, 1), date(2028, 12, 31))))


@given(st.lists(layer_st, min_size=1, max_size=8), st.integers(1, 10**8),
       st.sampled_from(list(Order)))
def test_booking_conserves_quantity_and_value(raw, qty, order):
    ls = [Layer(i, q, v, received_seq=s, expiry=e) for i, (s, q, v, e) in enumerate(raw)]
    booking = book_out(ls, qty, order)
    after = apply(ls, booking)
    assert booking.qty_milli + booking.shortfall_milli == qty
    assert sum(l.qty_milli for l in after) + booking.qty_milli == sum(l.qty_milli for l in ls)
    assert sum(l.value_fen for l in after) + booking.value_fen == sum(l.value_fen for l in ls)
    assert all(l.qty_milli > 0 for l in after)
    assert booking.shortfall_milli == max(0, qty - sum(l.qty_milli for l in ls))


@given(st.integers(-10**9, 10**9), st.lists(st.integers(0, 10**6), min_size=1, max_size=20)
       .filter(lambda w: sum(w) > 0))
def test_allocation_property(total, weights):
    parts = allocate(total, weights)
    assert sum(parts) == total
    assert all(p == 0 for p, w in zip(parts, weights) if w == 0)
