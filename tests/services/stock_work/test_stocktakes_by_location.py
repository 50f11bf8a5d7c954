"""Stocktakes by shelf location (货位): a prefix, case-insensitive; counting, the variance,
the uncounted-as-zero and the document keep to it; bodies from before locations still work."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select, text

from app.persistence.schema import Document, Meta
from app.persistence.uow import UnitOfWork
from app.services.inventory.posting import post_document
from app.services.inventory.queries import stock
from app.services.records import Actor
from app.services.stock_work.stocktakes import (PREFIX, BadStocktake, count_item,
                                                counted_lines, open_stocktakes, start_stocktake,
                                                submit_stocktake)
from app.services.stock_work.variance import stocktake_variance
from conftest import ADMIN

CLERK = Actor(None, "clerk", "warehouse_clerk")


@pytest.fixture
def shelves(shop):
    """COLA at A-03-1 and MILK at a-03-2 (aisle A, shelf 03), RICE (10 kg) at B-01-1."""
    with UnitOfWork(shop.engine) as uow:
        for sku, where in (("COLA", "A-03-1"), ("MILK", "a-03-2"), ("RICE", "B-01-1")):
            uow.session.execute(text("UPDATE products SET location = :w WHERE sku = :s"),
                                {"w": where, "s": sku})
        uow.commit()
    post_document(shop, ADMIN, {"type": "purchase_receipt", "id": "in-rice", "supplier": "S01",
                                "lines": [{"sku": "RICE", "qty": "10", "unit_cost": "5.00"}]})
    return shop


def _on_hand(store, sku):
    rows = stock(store, sku=sku, warehouse="MAIN")
    return rows[0]["on_hand"] if rows else "0"


def test_a_location_stocktake_counts_only_that_location(shelves):
    take = start_stocktake(shelves, CLERK, "MAIN", "location", location=" a-03 ")
    assert (take.scope, take.location, take.category) == ("location", "a-03", "")
    assert open_stocktakes(shelves, CLERK)[0].location == "a-03"
    count_item(shelves, CLERK, take.id, "COLA", 98_000)
    with pytest.raises(BadStocktake) as refused:
        count_item(shelves, CLERK, take.id, "RICE", 1_000)
    assert "B-01-1" in refused.value.message("en") and "a-03" in refused.value.message("zh_CN")
    assert [c.sku for c in counted_lines(shelves, CLERK, take.id)] == ["COLA"]
    variance = stocktake_variance(shelves, ADMIN, take.id)
    assert [(r.sku, r.counted_milli, r.diff_milli) for r in variance.rows] == [
        ("COLA", 98_000, -2_000), ("MILK", None, -35_000)]  # RICE is on another shelf
    submit_stocktake(shelves, CLERK, take.id)
    assert (_on_hand(shelves, "COLA"), _on_hand(shelves, "MILK"), _on_hand(shelves, "RICE")) \
        == ("98", "0", "10")  # uncounted as zero only within the location
    with shelves.engine.connect() as conn:
        doc = conn.execute(select(Document.note, Document.body_json)
                           .where(Document.uuid == take.id)).one()
    assert doc.note == "盘点 stocktake location a-03"
    assert json.loads(doc.body_json)["stocktake"]["location"] == "a-03"


def test_a_prefix_takes_every_location_it_begins(shelves):
    with UnitOfWork(shelves.engine) as uow:
        uow.session.execute(text("UPDATE products SET location = 'A-030-1' WHERE sku = 'RICE'"))
        uow.commit()
    take = start_stocktake(shelves, CLERK, "MAIN", "location", location="A-03")
    count_item(shelves, CLERK, take.id, "RICE", 10_000)
    assert {r.sku for r in stocktake_variance(shelves, ADMIN, take.id).rows} == \
        {"COLA", "MILK", "RICE"}
    narrow = start_stocktake(shelves, CLERK, "MAIN", "location", location="A-03-")
    with pytest.raises(BadStocktake):
        count_item(shelves, CLERK, narrow.id, "RICE", 1_000)


def test_a_data_collector_file_keeps_the_lines_of_other_locations(shelves, tmp_path):
    from app.services.stock_work.handheld import import_counts

    take = start_stocktake(shelves, CLERK, "MAIN", "location", location="A-03")
    path = tmp_path / "pdj.txt"
    path.write_text("COLA,99\nRICE,10\nMILK,35\n", encoding="utf-8")
    result = import_counts(shelves, CLERK, take.id, path)
    assert (result.lines, result.products) == (2, 2)
    assert [b.line for b in result.bad] == [2] and "B-01-1" in result.bad[0].en
    assert {c.sku for c in counted_lines(shelves, CLERK, take.id)} == {"COLA", "MILK"}


@pytest.mark.parametrize("prefix, words", [("", "give the shelf location"),
                                           ("   ", "give the shelf location"),
                                           ("C-", "no product has a shelf location"),
                                           ("A%", "no product has a shelf location"),
                                           ("A" * 33, "at most 32")])
def test_an_empty_or_unknown_prefix_is_refused(shelves, prefix, words):
    with pytest.raises(BadStocktake) as refused:
        start_stocktake(shelves, CLERK, "MAIN", "location", location=prefix)
    assert words in refused.value.message("en") and refused.value.message("zh_CN")
    assert open_stocktakes(shelves, CLERK) == []


def test_a_stocktake_started_before_locations_still_works(shelves):
    """Bodies written by the previous version have no "location" key."""
    take = start_stocktake(shelves, CLERK, "MAIN")
    with UnitOfWork(shelves.engine) as uow:
        row = uow.session.get(Meta, PREFIX + take.id)
        body = json.loads(row.value)
        del body["location"]
        row.value = json.dumps(body, ensure_ascii=False)
        uow.commit()
    assert open_stocktakes(shelves, CLERK)[0].location == ""
    count_item(shelves, CLERK, take.id, "RICE", 9_000)  # a full stocktake takes any shelf
    assert {r.sku for r in stocktake_variance(shelves, ADMIN, take.id).rows} == \
        {"COLA", "MILK", "RICE"}
    submit_stocktake(shelves, CLERK, take.id, uncounted_as_zero=False)
    assert _on_hand(shelves, "RICE") == "9" and _on_hand(shelves, "COLA") == "100"
    with shelves.engine.connect() as conn:
        doc = conn.execute(select(Document.note, Document.body_json)
                           .where(Document.uuid == take.id)).one()
    assert doc.note == "盘点 stocktake full"
    assert "location" not in json.loads(doc.body_json)["stocktake"]
