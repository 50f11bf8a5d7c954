"""Stocktakes: snapshot, blind counts, handheld files, variance with value, approval."""
from __future__ import annotations

import pytest

from app.domain.documents import DocType
from app.domain.permissions import PermissionDenied
from app.services import users
from app.services.inventory import approval_rules, lifecycle
from app.services.inventory.posting import post_document
from app.services.inventory.queries import document, stock
from app.services.records import Actor
from app.services.stock_work.common import UnknownCode
from app.services.stock_work.handheld import UnreadableCountFile, import_counts
from app.services.stock_work.stocktakes import (BadStocktake, NoSuchStocktake, count_item,
                                                counted_lines, discard_stocktake,
                                                open_stocktakes, start_stocktake,
                                                submit_stocktake)
from app.services.stock_work.variance import stocktake_variance
from conftest import ADMIN

CLERK = Actor(None, "clerk", "warehouse_clerk")


def _on_hand(store, sku):
    rows = stock(store, sku=sku, warehouse="MAIN")
    return rows[0]["on_hand"] if rows else "0"


def _sell(store, n, qty):
    post_document(store, ADMIN, {"type": "sale", "id": f"sale-{n}", "lines": [
        {"sku": "COLA", "qty": qty}], "payments": [{"method": "cash", "amount": "100.00"}]})


def test_counts_are_blind_and_the_snapshot_holds_while_selling_goes_on(shop):
    take = start_stocktake(shop, CLERK, "MAIN")
    assert open_stocktakes(shop, CLERK)[0].id == take.id
    _sell(shop, 1, "5")  # after the snapshot: 95 on the shelf now
    seen = count_item(shop, CLERK, take.id, "COLA", 90_000)
    assert (seen.sku, seen.counted_milli) == ("COLA", 90_000)
    assert not any("system" in f for f in seen.__dataclass_fields__)
    count_item(shop, CLERK, take.id, "COLA", 2_000)
    assert [(c.sku, c.counted_milli) for c in counted_lines(shop, CLERK, take.id)] == \
        [("COLA", 92_000)]
    with pytest.raises(PermissionDenied):
        stocktake_variance(shop, CLERK, take.id)  # the counter never sees system quantities
    variance = stocktake_variance(shop, ADMIN, take.id, uncounted_as_zero=False)
    cola = next(r for r in variance.rows if r.sku == "COLA")
    assert (cola.system_milli, cola.counted_milli, cola.diff_milli) == (100_000, 92_000, -8_000)
    assert (cola.unit_cost_fen, cola.diff_fen) == (200, -1600)
    assert variance.loss_fen == 1600 and variance.gain_fen == 0
    result = submit_stocktake(shop, CLERK, take.id, uncounted_as_zero=False)
    assert result.status == "posted" and open_stocktakes(shop, CLERK) == []
    assert _on_hand(shop, "COLA") == "87"  # 92 counted at the snapshot, 5 sold since
    posted = document(shop, take.id)
    assert posted["type"] == "stocktake" and posted["total"] == "-16.00"


def test_uncounted_products_of_the_scope_count_as_zero(shop):
    take = start_stocktake(shop, CLERK, "MAIN")
    count_item(shop, CLERK, take.id, "COLA", 100_000)
    variance = stocktake_variance(shop, ADMIN, take.id)
    milk = next(r for r in variance.rows if r.sku == "MILK")
    assert milk.counted_milli is None and milk.diff_milli == -35_000
    assert variance.uncounted == 1 and variance.loss_fen == 10_500
    submit_stocktake(shop, CLERK, take.id)
    assert _on_hand(shop, "MILK") == "0" and _on_hand(shop, "COLA") == "100"


def test_a_stocktake_waits_for_approval_when_a_rule_says_so(shop):
    approval_rules.add_rule(shop, ADMIN, DocType.STOCKTAKE, "store_manager", 0, None)
    take = start_stocktake(shop, CLERK, "MAIN")
    count_item(shop, CLERK, take.id, "COLA", 99_000)
    result = submit_stocktake(shop, CLERK, take.id, uncounted_as_zero=False)
    assert result.status == "pending" and _on_hand(shop, "COLA") == "100"
    info = users.add_user(shop, ADMIN, "boss", "店长", "store_manager", "Matrix-pass-1")
    manager = Actor(info.id, "boss", "store_manager")
    assert lifecycle.approve(shop, manager, take.id, "ok").status == "posted"
    assert _on_hand(shop, "COLA") == "99"


def test_approved_days_later_it_posts_the_variance_of_the_count_not_the_sales_since(shop):
    approval_rules.add_rule(shop, ADMIN, DocType.STOCKTAKE, "store_manager", 0, None)
    take = start_stocktake(shop, CLERK, "MAIN")
    _sell(shop, 1, "3")  # while counting: carried forward, as before
    count_item(shop, CLERK, take.id, "COLA", 96_000)  # 100 at the snapshot, 4 missing
    result = submit_stocktake(shop, CLERK, take.id, uncounted_as_zero=False)
    assert result.status == "pending" and _on_hand(shop, "COLA") == "97"
    for n in range(2, 5):  # the manager approves the next morning: 12 sold meanwhile
        _sell(shop, n, "4")
    assert _on_hand(shop, "COLA") == "85"
    info = users.add_user(shop, ADMIN, "boss", "店长", "store_manager", "Matrix-pass-1")
    manager = Actor(info.id, "boss", "store_manager")
    assert lifecycle.approve(shop, manager, take.id, "ok").status == "posted"
    posted = document(shop, take.id)
    assert [(l["sku"], l["qty"]) for l in posted["lines"]] == [("COLA", "93")]  # at submission
    assert [(m["sku"], m["qty"]) for m in posted["moves"]] == [("COLA", "-4")]
    assert posted["total"] == "-8.00"  # the 4 missing at ¥2.00, nothing for the 12 sold
    assert _on_hand(shop, "COLA") == "81"  # 85 on the shelf less the 4 never there


def test_a_counted_at_that_is_not_a_time_is_refused(shop):
    from app.domain.doc_request import BadDocument

    with pytest.raises(BadDocument) as caught:
        post_document(shop, ADMIN, {"type": "stocktake", "id": "pd-x", "stocktake": {
            "counted_at": "yesterday"}, "lines": [{"sku": "COLA", "counted": "1"}]})
    assert "counted_at" in caught.value.message("zh_CN")
    assert _on_hand(shop, "COLA") == "100"


def test_category_scope_refuses_products_outside_it(shop):
    from sqlalchemy import text

    from app.persistence.uow import UnitOfWork

    with UnitOfWork(shop.engine) as uow:
        uow.session.execute(text("INSERT INTO categories (id, code, name) VALUES (1, '01', '饮料')"))
        uow.session.execute(text("UPDATE products SET category_id = 1 WHERE sku = 'COLA'"))
        uow.commit()
    take = start_stocktake(shop, CLERK, "MAIN", "category", "01")
    count_item(shop, CLERK, take.id, "COLA", 1_000)
    with pytest.raises(BadStocktake):
        count_item(shop, CLERK, take.id, "MILK", 1_000)
    with pytest.raises(UnknownCode):
        count_item(shop, CLERK, take.id, "NOPE", 1_000)
    rows = stocktake_variance(shop, ADMIN, take.id).rows
    assert [r.sku for r in rows] == ["COLA"]  # MILK is outside the scope
    with pytest.raises(BadStocktake):
        start_stocktake(shop, CLERK, "MAIN", "category", "99")


def test_handheld_file_adds_good_lines_and_keeps_bad_ones(shop, tmp_path):
    take = start_stocktake(shop, CLERK, "MAIN")
    path = tmp_path / "pdj.txt"
    path.write_text("COLA,10\nCOLA 5\nMILK\t2.5\n\nNOPE,1\nCOLA,abc\nCOLA,1,2\nMILK\n",
                    encoding="gbk")
    result = import_counts(shop, CLERK, take.id, path)
    assert (result.lines, result.products) == (4, 2)
    assert [b.line for b in result.bad] == [5, 6, 7]
    assert "NOPE" in result.bad[0].en and "not a number" in result.bad[1].en
    assert result.rejected_file == tmp_path / "pdj.rejected.txt"
    kept = result.rejected_file.read_text(encoding="utf-8-sig")
    assert "NOPE,1" in kept and "COLA,abc" in kept and "COLA,1,2" in kept
    counted = {c.sku: c.counted_milli for c in counted_lines(shop, CLERK, take.id)}
    assert counted == {"COLA": 15_000, "MILK": 3_500}
    binary = tmp_path / "x.dat"
    binary.write_bytes(b"\x00\x01\x02")
    with pytest.raises(UnreadableCountFile):
        import_counts(shop, CLERK, take.id, binary)


def test_discarded_stocktake_is_gone(shop):
    take = start_stocktake(shop, CLERK, "MAIN")
    discard_stocktake(shop, CLERK, take.id)
    with pytest.raises(NoSuchStocktake):
        count_item(shop, CLERK, take.id, "COLA")
