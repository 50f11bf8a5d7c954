"""The product list: every filter and sort, paged through to the end, equals a plain Python
filter of the whole catalog; costs only for cost viewers; pages stay small and bounded."""
from __future__ import annotations

import random
from datetime import datetime

import pytest
from sqlalchemy import select

from app.domain.permissions import PermissionDenied
from app.persistence.schema import (Brand, Category, Product, ProductBarcode, StockBalance,
                                    Supplier, Unit, Warehouse)
from app.persistence.uow import UnitOfWork
from app.services.pinyin import initials
from app.services.products import ProductFilter, list_products
from app.services.products import listing
from app.services.records import Actor

ADMIN = Actor(1, "admin", "admin")
WORDS = ["可口可乐", "雪碧", "农夫山泉", "康师傅", "红烧牛肉面", "酱油", "大米", "Coke", "牛奶"]


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    from app.persistence.keystore import KeyringKeyStore
    from app.persistence.layout import DataDir
    from app.services.setup import initialize_store

    store = initialize_store(DataDir(tmp_path_factory.mktemp("plist") / "s"), KeyringKeyStore(),
                             "S001", "列表店", "secret123")
    rnd = random.Random(7)
    catalog = []
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        unit = s.scalars(select(Unit)).first()
        top = Category(code="01", name="饮料")
        s.add(top)
        s.flush()
        sub = Category(code="0101", name="碳酸饮料", parent_id=top.id)
        other = Category(code="02", name="粮油")
        brands = [Brand(name=f"品牌{i}", pinyin=f"pp{i}") for i in range(4)]
        sups = [Supplier(code=f"S{i}", name=f"供应商{i}") for i in range(3)]
        s.add_all([sub, other, *brands, *sups])
        s.flush()
        wh = s.scalars(select(Warehouse)).first()
        transit = Warehouse(store_id=wh.store_id, code="TR", name="在途", is_in_transit=True)
        s.add(transit)
        s.flush()
        for i in range(300):
            name = f"{rnd.choice(WORDS)} {rnd.choice(WORDS)} {i % 7}号"
            p = Product(sku=f"SKU{i:04d}", name=name, pinyin=initials(name), unit_id=unit.id,
                        category_id=rnd.choice([top.id, sub.id, other.id, None]),
                        brand_id=rnd.choice([b.id for b in brands] + [None]),
                        supplier_id=rnd.choice([x.id for x in sups] + [None]),
                        retail_price_fen=rnd.randint(100, 5000), min_stock_milli=rnd.choice([0, 5000]),
                        is_stock_tracked=rnd.random() > 0.1, active=rnd.random() > 0.1,
                        purchase_price_fen=80, freight_fen=5, packaging_fen=3,
                        created_at=datetime(2026, 1, 1))
            s.add(p)
            s.flush()
            if i % 3:
                s.add(ProductBarcode(barcode=f"X{i:05d}",
                                     product_id=p.id, is_primary=True))
            qty = rnd.choice([None, 0, 3000, 9000, -2000])
            if qty is not None:
                s.add(StockBalance(warehouse_id=wh.id, product_id=p.id, qty_milli=qty, value_fen=0))
            if i % 11 == 0:  # goods in transit never count
                s.add(StockBalance(warehouse_id=transit.id, product_id=p.id, qty_milli=50_000,
                                   value_fen=0))
            catalog.append({"id": p.id, "sku": p.sku, "name": name, "pinyin": p.pinyin,
                            "cat": p.category_id, "brand": p.brand_id, "sup": p.supplier_id,
                            "stock": qty or 0, "min": p.min_stock_milli,
                            "tracked": p.is_stock_tracked, "active": p.active,
                            "codes": [f"X{i:05d}"] if i % 3 else []})
        uow.commit()
    yield store, catalog, {"top": top.id, "sub": sub.id, "other": other.id,
                           "brand": brands[1].id, "sup": sups[2].id}
    store.close()


def _word_ok(p: dict, word: str) -> bool:
    if not word.isascii():
        return word in p["name"]
    low = word.lower()
    return (low in p["pinyin"] or low in p["name"].lower() or p["sku"].startswith(word)
            or p["sku"].startswith(word.upper()) or any(c.startswith(word) for c in p["codes"]))


def _oracle(catalog: list[dict], f: ProductFilter, ids: dict) -> list[int]:
    cats = {ids["top"], ids["sub"]} if f.category_id == ids["top"] else {f.category_id}
    states = {"in_stock": lambda p: p["stock"] > 0,
              "low": lambda p: p["min"] > 0 and p["stock"] < p["min"],
              "out": lambda p: p["tracked"] and p["stock"] == 0,
              "negative": lambda p: p["stock"] < 0}
    out = [p for p in catalog
           if (f.category_id is None or p["cat"] in cats)
           and (f.brand_id is None or p["brand"] == f.brand_id)
           and (f.supplier_id is None or p["sup"] == f.supplier_id)
           and (not f.stock_state or states[f.stock_state](p))
           and (f.include_inactive or p["active"])
           and all(_word_ok(p, w) for w in f.search.split())]
    key = (lambda p: (p["sku"], p["id"])) if f.sort == "sku" else (lambda p: (p["name"], p["id"]))
    return [p["id"] for p in sorted(out, key=key, reverse=f.descending)]


def _all_pages(store, f: ProductFilter, limit: int, actor=ADMIN) -> tuple[list[int], set[str]]:
    got, cursor, plans = [], None, set()
    for _ in range(1000):
        page = list_products(store, f, cursor, limit, actor=actor)
        got += [r.id for r in page.rows]
        plans.add(page.plan)
        if page.done:
            return got, plans
        cursor = page.cursor
    raise AssertionError("the list never ended")


FILTERS = [
    {}, {"sort": "sku"}, {"descending": True}, {"sort": "sku", "descending": True},
    {"search": "可乐"}, {"search": "kkkl"}, {"search": "KKKL"}, {"search": "nn"},
    {"search": "SKU00"}, {"search": "sku01"}, {"search": "X0001"}, {"search": "可乐 3号"},
    {"search": "coke"}, {"search": "没有这个"}, {"search": "SKU0042"},
    {"category": "top"}, {"category": "sub"}, {"brand": True}, {"supplier": True},
    {"stock_state": "in_stock"}, {"stock_state": "low"}, {"stock_state": "out"},
    {"stock_state": "negative"}, {"include_inactive": False},
    {"category": "top", "stock_state": "in_stock", "search": "k", "descending": True},
]


@pytest.mark.parametrize("spec", FILTERS, ids=str)
@pytest.mark.parametrize("small_chunks", [False, True])
def test_paging_through_equals_the_plain_filter(shop, spec, small_chunks, monkeypatch):
    store, catalog, ids = shop
    if small_chunks:  # force the scanned plan's chunk edges inside the pages
        monkeypatch.setattr(listing, "FIRST_CHUNK", 7)
        monkeypatch.setattr(listing, "MAX_CHUNK", 20)
        monkeypatch.setattr(listing, "DRIVE_LIMIT", 0)
    spec = dict(spec)
    kw = {k: v for k, v in spec.items() if k in ("search", "sort", "descending", "stock_state",
                                                 "include_inactive")}
    if "category" in spec:
        kw["category_id"] = ids[spec["category"]]
    if spec.get("brand"):
        kw["brand_id"] = ids["brand"]
    if spec.get("supplier"):
        kw["supplier_id"] = ids["sup"]
    f = ProductFilter(**kw)
    expected = _oracle(catalog, f, ids)
    got, plans = _all_pages(store, f, limit=13)
    assert got == expected
    if small_chunks and not spec.get("search", "").startswith("SKU0042"):
        assert plans == {"scanned"}


def test_a_whole_code_and_a_small_brand_are_read_through_their_index(shop):
    store, _, ids = shop
    assert list_products(store, ProductFilter(search="X00001"), actor=ADMIN).plan == "driven"
    assert list_products(store, ProductFilter(search="SKU0042"), actor=ADMIN).plan == "driven"
    assert list_products(store, ProductFilter(brand_id=ids["brand"]), actor=ADMIN).plan == "driven"
    assert list_products(store, ProductFilter(search="可乐"), actor=ADMIN).plan == "scanned"


def test_rows_carry_the_columns_and_stock_without_transit(shop):
    store, catalog, _ = shop
    page = list_products(store, ProductFilter(search="SKU0033"), actor=ADMIN)
    (row,) = page.rows
    p = next(x for x in catalog if x["sku"] == "SKU0033")
    assert (row.sku, row.name, row.barcode, row.stock_milli) == ("SKU0033", p["name"], "", p["stock"])
    assert row.unit and row.purchase_price_fen == 80 and row.landed_cost_fen == 88
    page = list_products(store, ProductFilter(search="SKU0034"), actor=ADMIN)
    assert page.rows[0].barcode == "X00034"


def test_costs_only_for_cost_viewers_and_cashiers_are_refused(shop):
    store, _, _ = shop
    lead = list_products(store, ProductFilter(), actor=Actor(2, "lead", "shift_lead"))
    assert lead.rows and not lead.with_costs
    assert all(r.purchase_price_fen is None and r.landed_cost_fen is None for r in lead.rows)
    clerk = list_products(store, ProductFilter(), actor=Actor(3, "wh", "warehouse_clerk"))
    assert clerk.with_costs and clerk.rows[0].purchase_price_fen == 80
    with pytest.raises(PermissionDenied):
        list_products(store, ProductFilter(), actor=Actor(4, "c", "cashier"))


def test_a_rare_filter_stops_at_the_time_budget_and_goes_on_from_there(shop, monkeypatch):
    store, catalog, ids = shop
    monkeypatch.setattr(listing, "FIRST_CHUNK", 5)
    monkeypatch.setattr(listing, "MAX_CHUNK", 5)
    f = ProductFilter(search="没有这个")
    page = list_products(store, f, actor=ADMIN, budget_s=0.0)
    assert page.rows == [] and not page.done and page.scanned == 5
    page2 = list_products(store, f, page.cursor, actor=ADMIN, budget_s=0.0)
    assert page2.scanned == 5 and page2.cursor != page.cursor


def test_unknown_sort_is_a_programming_error(shop):
    store, _, _ = shop
    with pytest.raises(ValueError):
        list_products(store, ProductFilter(sort="price"), actor=ADMIN)


def test_a_whole_code_names_its_product_and_a_part_of_one_searches(shop):
    store, _, _ = shop
    whole = list_products(store, ProductFilter(search="X00034"), actor=ADMIN)
    assert [r.sku for r in whole.rows] == ["SKU0034"] and whole.done
    part = list_products(store, ProductFilter(search="SKU004", sort="sku"), actor=ADMIN)
    assert [r.sku for r in part.rows] == [f"SKU{i:04d}" for i in range(40, 50)]
