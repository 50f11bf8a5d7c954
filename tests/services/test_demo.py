"""`jxc demo`: a realistic, deterministic catalog with valid, unique barcodes and names."""
from __future__ import annotations

import random
import re
from collections import Counter
from datetime import date, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.barcode import is_valid_ean13
from app.persistence.keystore import KeyringKeyStore
from app.persistence.layout import DataDir
from app.persistence.schema import (Brand, Category, Customer, Product, ProductBarcode,
                                    Supplier, Unit)
from app.services.demo import DemoStoreNotEmpty, generator, populate_demo
from app.services.demo.catalog import (CASE_MARK, SERIES, SERIES_JOIN, all_groups,
                                       compose_name, leaf_items, round_words)
from app.services.demo.pricing import member_price, purchase_price, shelf_price, wholesale_price
from app.services.demo.products import ProductFactory, brand_names, units_needed
from app.services.pinyin import initials, word_initials
from app.services.setup import initialize_store
from helpers import ADMIN_PASSWORD

N = 2000
CHUNK = 700


def _new_store(root):
    return initialize_store(DataDir(root), KeyringKeyStore(), "S001", "测试门店", ADMIN_PASSWORD)


def _rows(store, model, *, order=None, skip=("created_at",)):
    table = model.__table__
    columns = [c for c in table.columns if c.name not in skip]
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(*columns).order_by(
            order if order is not None else table.primary_key.columns.values()[0]))]


def _count(store, model) -> int:
    with store.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(model))


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """One store with N demo products, written in chunks of CHUNK; (store, result, progress)."""
    store = _new_store(tmp_path_factory.mktemp("demo") / "store")
    steps: list[int] = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(generator, "CHUNK", CHUNK)
        result = populate_demo(store, products=N, days=0, seed=7, progress=steps.append)
    yield store, result, steps
    store.close()


@pytest.fixture(scope="module")
def products(demo):
    store, _, _ = demo
    return {p.sku: p for p in _rows_as_objects(store)}


def _rows_as_objects(store):
    with store.engine.connect() as conn:
        return list(conn.execute(select(Product.__table__)))


def test_counts_and_progress(demo):
    store, result, steps = demo
    assert result.products == _count(store, Product) == N
    assert result.barcodes == _count(store, ProductBarcode)
    assert result.categories == _count(store, Category)
    assert result.brands == _count(store, Brand)
    assert result.suppliers == _count(store, Supplier) == 20
    assert result.customers == _count(store, Customer) == 200
    assert steps == [700, 700, 600] and sum(steps) == N
    with Session(store.engine) as session:  # the driver-level rows read back through the ORM
        product = session.scalars(select(Product).where(Product.id == 10)).one()
        member = session.scalars(select(Customer).where(Customer.birthday.is_not(None))).first()
    assert isinstance(product.created_at, datetime) and product.is_stock_tracked is True
    assert isinstance(member.birthday, date) and isinstance(member.created_at, datetime)
    assert result.summary() == (f"{N} products ({result.barcodes} barcodes), "
                                f"{result.categories} categories, {result.brands} brands, "
                                f"20 suppliers, 200 members")


def test_names_and_skus_are_unique_and_well_formed(products):
    rows = list(products.values())
    assert len({p.name for p in rows}) == N
    assert sorted(products) == [f"P{i:07d}" for i in range(1, N + 1)]
    for p in rows:
        words = p.name.split(" ")
        assert all(words) and len(p.name) <= 120 and len(p.spec) <= 40
        if len(words) >= 3:  # brand, product, spec[, series]; service items are shorter
            assert words[2] == p.spec and len(words) <= 4


def test_pinyin_is_the_initials_of_the_name(products):
    for p in products.values():
        assert p.pinyin == initials(p.name), p.name


def test_barcodes_are_valid_unique_chinese_ean13(demo, products):
    store, _, _ = demo
    codes = _rows(store, ProductBarcode, skip=())
    assert len({c for c, _, _ in codes}) == len(codes)
    for code, _, _ in codes:
        assert is_valid_ean13(code) and re.fullmatch(r"69[0-9]{11}", code), code
    per_product = Counter(pid for _, pid, _ in codes)
    primaries = Counter(pid for _, pid, primary in codes if primary)
    assert set(primaries) == set(per_product) and set(primaries.values()) == {1}
    assert set(per_product.values()) <= {1, 2}
    second = sum(1 for n in per_product.values() if n == 2) / len(per_product)
    assert 0.05 < second < 0.15
    units = dict(_rows(store, Unit, skip=("is_weighed",)))
    by_id = {p.id: p for p in products.values()}
    for p in by_id.values():
        weighed = units[p.unit_id] == "kg"
        assert (p.id in per_product) == (p.brand_id is not None and not weighed)


def test_prices_are_integer_fen_in_shop_patterns(products):
    for p in products.values():
        prices = (p.retail_price_fen, p.member_price_fen, p.wholesale_price_fen,
                  p.purchase_price_fen)
        assert all(isinstance(x, int) for x in prices)
        retail, member, wholesale, purchase = prices
        assert 0 < retail and purchase <= wholesale <= member <= retail, p.name
        if 50 <= retail < 10_000:
            assert retail % 100 in (0, 50, 90), (p.name, retail)
        assert p.tax_rate_bp in (600, 900, 1300)
        assert p.costing in ("fifo", "average")
        assert 0 <= p.min_stock_milli <= p.max_stock_milli


def test_categories_form_a_two_level_tree(demo, products):
    store, _, _ = demo
    cats = {c[0]: c for c in _rows(store, Category, skip=())}  # id, parent_id, code, name
    tops = {i for i, (_, parent, code, _) in cats.items() if parent is None}
    assert all(len(cats[i][2]) == 2 for i in tops)
    for i, (_, parent, code, _) in cats.items():
        if parent is not None:
            assert parent in tops and code.startswith(cats[parent][2]) and len(code) == 4
    leaf_ids = set(cats) - tops
    assert {p.category_id for p in products.values()} <= leaf_ids
    names = {c[3] for c in cats.values()}
    assert {"饮料", "碳酸饮料", "方便面", "白酒", "水果", "纸品"} <= names


def test_fresh_produce_is_weighed_without_brand_or_barcode(demo, products):
    store, _, _ = demo
    units = dict(_rows(store, Unit, skip=("is_weighed",)))
    weighed = [p for p in products.values() if units[p.unit_id] == "kg"]
    assert weighed
    for p in weighed:
        assert p.brand_id is None and p.costing == "average" and p.tax_rate_bp == 900
        assert p.shelf_life_days is not None and p.shelf_life_days <= 45


def test_service_items(products):
    by_name = {p.name: p for p in products.values()}
    assert by_name["快递代收服务"].is_stock_tracked is False
    assert by_name["购物袋 大号"].is_stock_tracked is True


def test_suppliers_and_members_look_real(demo, products):
    store, _, _ = demo
    suppliers = _rows(store, Supplier)
    assert all(re.search(r"(有限公司|商行)$", s[2]) for s in suppliers)
    assert all(re.fullmatch(r"1[3-9]\d{9}|0\d{2,3}-\d{8}", s[4]) for s in suppliers)
    supplier_ids = {s[0] for s in suppliers}
    assert {p.supplier_id for p in products.values()} - {None} <= supplier_ids
    members = _rows(store, Customer)
    codes = [m[1] for m in members]
    phones = [m[3] for m in members]
    cards = [m[4] for m in members if m[4] is not None]
    assert codes[:2] == ["M000001", "M000002"]
    assert len(set(phones)) == len(phones) and all(re.fullmatch(r"1[3-9]\d{9}", x) for x in phones)
    assert len(set(cards)) == len(cards)
    assert {m[5] for m in members} <= {"普通会员", "银卡会员", "金卡会员", "钻石会员"}
    assert any(m[8] is None for m in members) and any(m[8] is not None for m in members)


def test_same_seed_same_rows_different_seed_different_rows(tmp_path):
    runs = []
    for seed, name in ((3, "a"), (3, "b"), (4, "c")):
        store = _new_store(tmp_path / name)
        try:
            populate_demo(store, products=300, days=0, seed=seed)
            runs.append([_rows(store, m) for m in (Product, ProductBarcode, Category, Brand,
                                                     Supplier, Customer)])
        finally:
            store.close()
    assert runs[0] == runs[1]
    assert runs[0][0] != runs[2][0] and runs[0][1] != runs[2][1]
    assert runs[0][2] == runs[2][2]  # the category tree is fixed


def test_a_store_with_products_is_refused_and_left_alone(demo):
    store, _, _ = demo
    before = _count(store, Product), _count(store, Customer)
    with pytest.raises(DemoStoreNotEmpty) as caught:
        populate_demo(store, products=10, days=0, seed=1)
    assert f"{N} products" in caught.value.message("en")
    assert "jxc init" in caught.value.message("en") and "jxc init" in caught.value.message("zh")
    assert (_count(store, Product), _count(store, Customer)) == before


def test_bad_sizes_are_refused_before_anything_is_written(new_store):
    for products, days in ((0, 0), (10, -1)):
        with pytest.raises(ValueError):
            populate_demo(new_store, products=products, days=days, seed=1)
    for model in (Product, Category, Brand, Supplier, Customer):
        assert _count(new_store, model) == 0


# ---- the generator without a database -------------------------------------------------

def _factory(seed: int) -> ProductFactory:
    groups = all_groups()
    leaves = [(leaf, i + 1, [1]) for i, leaf in enumerate(x for g in groups for x in g.leaves)]
    brands = brand_names(leaf for leaf, _, _ in leaves)
    units = {u: i for i, u in enumerate(sorted(units_needed(leaf for leaf, _, _ in leaves)))}
    return ProductFactory(random.Random(seed), leaves, list(range(len(brands))), units, "t", 99)


def test_names_stay_unique_past_the_plain_combinations():
    """40,000 products use up every leaf's plain combinations and go into case sizes."""
    names, codes = set(), set()
    for rows, barcodes in _factory(1).chunks(1, 40_000, 10_000):
        names.update(r[2] for r in rows)
        codes.update(b[0] for b in barcodes)
    assert len(names) == 40_000
    assert any(CASE_MARK in n for n in names) and any(n.split(" ")[-1] in SERIES for n in names)
    assert all(is_valid_ean13(c) for c in codes)
    for name in random.Random(0).sample(sorted(names), 500):  # cached initials still match
        assert _initials_of_generated(name) == initials(name)


def _initials_of_generated(name: str) -> str:
    return "".join(word_initials(w) for w in name.split(" "))


def test_rounds_map_one_to_one_onto_case_and_series():
    for cases in ((), (6,), (6, 12, 24)):
        seen = {round_words(r, cases) for r in range(2000)}
        assert len(seen) == 2000
        assert round_words(0, cases) == (1, "")


def test_catalog_words_keep_names_parseable():
    seen: set[tuple[str, str]] = set()
    bases, combos = set(), 0
    for group in all_groups():
        for leaf in group.leaves:
            texts = [s.text for s in leaf.specs]
            assert len(set(texts)) == len(texts), leaf.name
            for item in leaf_items(leaf, seen):
                for spec in leaf.specs:
                    for word in (item.brand, item.product, spec.text):
                        assert word and " " not in word and "{" not in word
                        assert CASE_MARK not in word and SERIES_JOIN not in word
                    bases.add(compose_name(item, spec, 1, "")[0])
                    combos += 1
            for spec in leaf.specs:
                assert spec.unit in units_needed([leaf]) and 0 < spec.lo_fen <= spec.hi_fen
    assert len(bases) == combos > 12_000  # plain names before any case or series suffix


def test_shop_prices():
    assert shelf_price(317) == 300 and shelf_price(340) == 350 and shelf_price(385) == 390
    assert shelf_price(1234) == 1250 and shelf_price(2880) == 2890 and shelf_price(30) == 30
    assert shelf_price(12_600) == 12_800 and shelf_price(13_920) == 13_900
    assert shelf_price(149_500) == 149_900 and shelf_price(149_000) == 148_800
    assert shelf_price(151_000) == 150_000
    assert member_price(250) == 240 and member_price(50) == 50
    assert wholesale_price(1000, 950, 8800) == 880
    assert purchase_price(1000, 7000) == 700
