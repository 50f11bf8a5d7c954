"""The till's settings are store settings: set through `settings.change` (audited, managers
only), checked when set, and read by the sale screen's configuration."""
from __future__ import annotations

import pytest

from app.services import settings
from app.services.counter.config import load_config
from app.services.records import Actor
from app.services.settings import BadSetting

ADMIN = Actor(None, "t", "admin")


def test_counter_settings_reach_the_till_configuration(new_store):
    settings.change(new_store, ADMIN, "counter.rounding", "JIAO")
    settings.change(new_store, ADMIN, "counter.receipt_width", "58")
    settings.change(new_store, ADMIN, "counter.printer", "tcp://127.0.0.1:9100")
    settings.change(new_store, ADMIN, "counter.wallet_gateway", "test")
    settings.change(new_store, ADMIN, "counter.discount_limit.cashier", "15%")
    settings.change(new_store, ADMIN, "counter.scale_formats",
                    '[{"pattern": "2PPPPPPVVVVVC", "kind": "price", "decimals": 2}]')
    config = load_config(new_store)
    assert (config.rounding, config.receipt_width, config.printer, config.wallet_gateway) \
        == ("jiao", 58, "tcp://127.0.0.1:9100", "test")
    assert config.rounding_step_fen == 10
    assert config.limit_bp("cashier") == 1500 and config.limit_bp("shift_lead") == 2000
    assert [f.pattern for f in config.scale_formats] == ["2PPPPPPVVVVVC"]


@pytest.mark.parametrize("key, value, said", [
    ("counter.rounding", "fen", "none"),
    ("counter.receipt_width", "76", "58"),
    ("counter.printer", "lpt://1", "lpt"),
    ("counter.printer", "tcp://:9100", "host"),
    ("counter.wallet_gateway", "alipay-live", "record"),
    ("counter.discount_limit.cashier", "101", "0 to 100"),
    ("counter.scale_formats", "[{\"kind\": \"price\"}]", "JSON list"),
])
def test_nonsense_is_refused_naming_the_key_and_nothing_changes(new_store, key, value, said):
    before = load_config(new_store)
    with pytest.raises(BadSetting) as bad:
        settings.change(new_store, ADMIN, key, value)
    assert key in bad.value.message("en") and said in bad.value.message("en")
    assert load_config(new_store) == before


def test_the_settings_list_shows_counter_defaults(new_store):
    listed = {s["key"]: s["value"] for s in settings.all_settings(new_store)}
    assert listed["counter.rounding"] == "none" and listed["counter.receipt_width"] == "80"
    assert listed["counter.discount_limit.cashier"] == "10"


def test_the_shift_limits_are_read_in_yuan_and_nonsense_is_refused():
    from app.services.counter.config import parse_config
    from app.services.counter.errors import BadCounterSetting

    assert (parse_config({}).cash_out_limit_fen, parse_config({}).over_short_limit_fen) \
        == (500_00, 10_00)
    config = parse_config({"counter.cash_out_limit": "300", "counter.over_short_limit": "5.50"})
    assert (config.cash_out_limit_fen, config.over_short_limit_fen) == (300_00, 5_50)
    for value in ("-1", "lots", "1.234"):
        with pytest.raises(BadCounterSetting) as bad:
            parse_config({"counter.over_short_limit": value})
        assert "counter.over_short_limit" in bad.value.message("en")
