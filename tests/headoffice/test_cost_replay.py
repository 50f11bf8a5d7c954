"""Head office's costing authority, the pure replay (headoffice/cost_replay.py): the
canonical order and the costs of a hand-built sequence, figures worked out by hand."""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from headoffice.cost import wanted
from headoffice.cost_replay import FINAL, RECEIPT, DocIn, LineIn, canonical, replay

T0 = datetime(2026, 12, 1, 9, 0)
DAY = date(2026, 12, 1)


def doc(doc_id, kind, minute, terminal, seq, *lines):
    return DocIn(doc_id, kind, T0 + timedelta(minutes=minute), terminal, seq, tuple(lines))


def line(n, qty, *, cogs=0, value=0, sku="A", method="fifo", wh="MAIN", batch="",
         expiry=None, original=None, original_line=None):
    return LineIn(n, sku, wh, qty * 1000, method, cogs, value, batch, expiry, DAY, original,
                  original_line)


def test_order_is_time_then_terminal_then_sequence_whatever_the_arrival():
    docs = [doc("a", "sale", 5, "T2", 1, line(1, 1)), doc("b", "sale", 5, "T1", 9, line(1, 1)),
            doc("c", "sale", 5, "T1", 3, line(1, 1)), doc("d", "sale", 1, "T9", 1, line(1, 1))]
    expected = ["d", "c", "b", "a"]
    for _ in range(10):
        random.shuffle(docs)
        assert [d.doc_id for d in canonical(docs)] == expected


def test_a_return_stamped_before_its_sale_follows_it():
    sale = doc("s", "sale", 10, "T1", 5, line(1, 1))
    back = doc("r", "customer_return", 2, "T2", 1, line(1, 1, original="s", original_line=1))
    other = doc("x", "sale", 3, "T2", 2, line(1, 1))
    assert [d.doc_id for d in canonical([back, other, sale])] == ["x", "s", "r"]


def test_fifo_in_canonical_order_with_returns_and_freight():
    docs = [
        doc("in1", "purchase_receipt", 0, "T1", 1, line(1, 10, value=1050)),  # 1.00 + freight
        doc("in2", "purchase_receipt", 1, "T1", 2, line(1, 10, value=2000)),
        # T2 sold 8 before hearing of T1's sale: both booked 8 at 1.05 provisionally
        doc("t2", "sale", 3, "T2", 1, line(1, 8, cogs=840)),
        doc("t1", "sale", 2, "T1", 3, line(1, 8, cogs=840)),
        doc("ret", "customer_return", 4, "T2", 2, line(1, 3, cogs=0, original="t2",
                                                        original_line=1)),
    ]
    result = replay(docs)
    assert result.order == ["in1", "in2", "t1", "t2", "ret"]
    assert result.costs[("t1", 1)] == (840, FINAL)
    # t2: the last 2 of in1 (210) and 6 of in2 (1200)
    assert result.costs[("t2", 1)] == (1410, FINAL)
    # back at 3/8 of t2's final cost, rounded half up: 528.75 -> 529
    assert result.costs[("ret", 1)] == (529, FINAL)
    assert result.costs[("in1", 1)] == (None, RECEIPT)
    assert result.remaining_fen("A") == 3050 - 840 - 1410 + 529


def test_fefo_average_and_transfers():
    docs = [
        doc("o", "opening_stock", 0, "T1", 1,
            line(1, 5, value=500, method="fefo", batch="B2", expiry=date(2027, 3, 1)),
            line(2, 5, value=700, method="fefo", batch="B1", expiry=date(2027, 1, 1)),
            line(3, 2, value=200, sku="M", method="average")),
        doc("p", "purchase_receipt", 1, "T1", 2, line(1, 2, value=600, sku="M", method="average")),
        doc("s", "sale", 2, "T1", 3, line(1, 6, method="fefo"),  # B1 first (expires sooner)
            line(2, 2, sku="M", method="average")),
        doc("to", "transfer_out", 3, "T1", 4, line(1, 2, method="fefo")),
        doc("ti", "transfer_in", 4, "T1", 5,
            line(1, 1, method="fefo", wh="BACK", original="to")),
    ]
    result = replay(docs)
    assert result.costs[("s", 1)] == (700 + 100, FINAL)
    assert result.costs[("s", 2)] == (400, FINAL)  # average of 800 over 4 units
    assert result.costs[("to", 1)] == (200, FINAL)
    assert result.costs[("ti", 1)] == (200, FINAL)  # the whole sent value
    assert result.layers[("BACK", "A")][0].value_fen == 100


def test_a_transfer_settled_to_another_store_leaves_the_store():
    docs = [
        doc("o", "opening_stock", 0, "T1", 1, line(1, 3, value=300), line(2, 3, value=450)),
        doc("to", "transfer_out", 1, "T1", 2, line(1, 4)),  # 3 at 1.00, 1 at 1.50
        doc("ts", "transfer_settle", 2, "T1", 3, line(1, 3, wh="TO-S002", original="to")),
        doc("s", "sale", 3, "T1", 4, line(1, 2)),  # the shelf: 2 at 1.50
    ]
    result = replay(docs)
    assert result.costs[("ts", 1)] == (450, FINAL)  # the whole sent value, 1 short included
    assert result.costs[("s", 1)] == (300, FINAL)
    assert ("TO-S002", "A") not in result.layers and result.layers[("MAIN", "A")] == []
    too_many = docs[:2] + [doc("ts", "transfer_settle", 2, "T1", 3,
                               line(1, 5, wh="TO-S002", original="to"))]
    assert replay(too_many).costs[("ts", 1)][1] != FINAL


def test_unmodelled_documents_and_shortfalls_stay_provisional():
    docs = [
        doc("o", "opening_stock", 0, "T1", 1, line(1, 1, value=100), line(2, 1, sku="B", value=1)),
        doc("s", "sale", 1, "T1", 2, line(1, 2, cogs=200), line(2, 1, sku="B", cogs=1)),
        doc("k", "stocktake", 2, "T1", 3, line(1, 3, sku="C")),
        doc("n", "sale", 3, "T1", 4, line(1, 1, sku="C", cogs=5),
            line(2, 1, sku="Z", method="none")),
    ]
    costs = replay(docs).costs
    assert costs[("s", 1)][0] is None and "short" in costs[("s", 1)][1]
    assert costs[("s", 2)] == (1, FINAL)  # the other product is still final
    assert costs[("n", 1)][0] is None and "stocktake" in costs[("n", 1)][1]
    assert costs[("n", 2)] == (None, "not_stock")


def test_what_a_line_publishes():
    assert wanted(100, 120, FINAL, None) == 120  # a correction
    assert wanted(100, 120, FINAL, 120) is None  # never the same twice
    assert wanted(100, 130, FINAL, 120) == 130  # a newer recompute supersedes
    assert wanted(100, 100, FINAL, None) is None  # nothing to correct
    assert wanted(100, 100, FINAL, 120) == 100  # back to the provisional cost
    assert wanted(100, None, "provisional: x", 120) == 100
    assert wanted(100, None, "provisional: x", None) is None
