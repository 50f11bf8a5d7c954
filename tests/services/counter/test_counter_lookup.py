"""Product and member lookup at the till, on a real encrypted store."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import update

from app.domain.errors import InvalidBarcode
from app.domain.scale_barcode import InvalidScaleBarcode, ScaleFormat, build
from app.persistence.schema import Product
from app.persistence.uow import UnitOfWork
from app.services.counter import find_code, find_member, load_config, resolve_entry, search
from app.services.counter.errors import (BadCounterSetting, MemberNotFound, ProductInactive,
                                         ProductNotFound)
from counter_shop import COLA_CODE, set_meta

PRICE_LABEL = ScaleFormat("2PPPPPPVVVVVC", "price", 2)
WEIGHT_LABEL = ScaleFormat("20PPPPPVVVVVC", "weight", 3)


def test_a_barcode_or_sku_names_one_product(shop):
    by_code = find_code(shop, COLA_CODE)
    assert (by_code.product.sku, by_code.product.barcode, by_code.qty_milli) == ("COLA", COLA_CODE, None)
    assert by_code.product.unit == "瓶" and not by_code.product.weighed
    assert find_code(shop, "rice").product.weighed  # SKUs are found case-blind
    assert find_code(shop, "可口可乐") is None  # not a code: the caller searches


def test_a_damaged_barcode_says_which_digit_is_wrong(shop):
    with pytest.raises(InvalidBarcode) as caught:
        find_code(shop, "6901234567893")
    assert "check digit" in caught.value.message("en") and "校验位" in caught.value.message("zh_CN")


def test_an_unknown_number_and_a_deactivated_product_are_refused(shop):
    with pytest.raises(ProductNotFound, match="6901234567809"):
        find_code(shop, "6901234567809")  # a valid EAN-13 this shop does not carry
    with pytest.raises(ProductInactive):
        find_code(shop, "OLD")


def test_typing_pinyin_initials_finds_the_chinese_name(shop):
    assert [p.sku for p in search(shop, "kkkl")] == ["COLA"]
    assert [p.sku for p in search(shop, "KKKL")] == ["COLA"]
    assert [p.sku for p in search(shop, "可口")] == ["COLA"]  # name prefix
    assert [p.sku for p in search(shop, "大米")] == ["RICE"]  # inside the name
    assert [p.sku for p in search(shop, "dm")] == ["RICE"]  # inside the initials (wcdmsz)
    assert [p.sku for p in search(shop, "69012")] == ["COLA"]  # barcode prefix
    assert search(shop, "停用") == []  # deactivated products are not offered
    assert search(shop, "  ") == []


def test_enter_adds_a_code_or_the_only_match_and_offers_a_choice_otherwise(shop):
    assert resolve_entry(shop, COLA_CODE).hit.product.sku == "COLA"
    assert resolve_entry(shop, "kkkl").hit.product.sku == "COLA"
    several = resolve_entry(shop, "ml")  # 500ml, 250ml: both in the initials
    assert several.hit is None and {p.sku for p in several.choices} == {"COLA", "MILK"}
    with pytest.raises(ProductNotFound):
        resolve_entry(shop, "zzzz")


def test_scale_labels_carry_a_price_or_a_weight(shop):
    with UnitOfWork(shop.engine) as uow:  # weighed goods carry their PLU as the SKU
        uow.session.execute(update(Product).where(Product.sku == "RICE").values(sku="1234"))
        uow.commit()
    by_price = find_code(shop, build(PRICE_LABEL, 1234, 1003), (PRICE_LABEL,))
    assert (by_price.product.name, by_price.label_fen, by_price.qty_milli) == ("五常大米 散装", 1003, None)
    by_weight = find_code(shop, build(WEIGHT_LABEL, 1234, 1255), (WEIGHT_LABEL,))
    assert (by_weight.qty_milli, by_weight.label_fen) == (1255, None)
    good = build(PRICE_LABEL, 1234, 1003)
    with pytest.raises(InvalidScaleBarcode):
        find_code(shop, good[:12] + str((int(good[12]) + 1) % 10), (PRICE_LABEL,))
    with pytest.raises(ProductNotFound, match="PLU 009999"):
        find_code(shop, build(PRICE_LABEL, 9999, 500), (PRICE_LABEL,))


def test_members_are_found_by_phone_card_or_code(shop):
    assert find_member(shop, "13800000001").name == "张三"
    assert find_member(shop, " M001 ").code == "M001"
    with pytest.raises(MemberNotFound, match="139"):
        find_member(shop, "13900000000")


def test_counter_settings_are_read_from_the_store_and_nonsense_is_named(shop):
    assert load_config(shop).rounding_step_fen == 1
    set_meta(shop, "counter.rounding", "jiao")
    set_meta(shop, "counter.scale_formats", json.dumps([{"pattern": "2PPPPPPVVVVVC"}]))
    set_meta(shop, "counter.discount_limit.cashier", "5%")
    config = load_config(shop)
    assert (config.rounding_step_fen, config.limit_bp("cashier"), config.limit_bp("admin")) \
        == (10, 500, 10_000)
    assert config.scale_formats == (PRICE_LABEL,)
    set_meta(shop, "counter.rounding", "fen-ish")
    with pytest.raises(BadCounterSetting, match="counter.rounding"):
        load_config(shop)
