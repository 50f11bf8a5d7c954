"""A store's own document numbers (issue 11 item 2): set as a setting, used at posting,
gap-free per prefix, restarting when the date part of the pattern changes."""
from __future__ import annotations

from datetime import datetime

import pytest

from app.services import settings
from app.services.settings import BadSetting
from conftest import ADMIN

OPEN = {"type": "opening_stock", "lines": [{"sku": "COLA", "qty": "100", "unit_cost": "1.00"}]}


def sale(post_id: str, when: datetime):
    return {"type": "sale", "id": post_id, "lines": [{"sku": "COLA", "qty": "1",
                                                      "unit_price": "3.50"}],
            "payments": [{"method": "cash", "amount": "3.50"}]}, when


def test_a_monthly_pattern_with_the_till_code_numbers_sales_and_restarts_each_month(store):
    from app.services.inventory.posting import post_document

    post_document(store, ADMIN, {**OPEN, "id": "open"})
    settings.change(store, ADMIN, "numbering.sale", "XS{terminal}-{yyyy}{mm}-{seq:5}")
    settings.change(store, ADMIN, "numbering.terminal", "t2")
    days = [datetime(2026, 11, 3, 4), datetime(2026, 11, 30, 4), datetime(2026, 12, 1, 4),
            datetime(2026, 12, 1, 5)]
    numbers = [post_document(store, ADMIN, raw, clock=lambda w=when: w).number
               for raw, when in (sale(f"s{i}", day) for i, day in enumerate(days))]
    assert numbers == ["XST2-202611-00001", "XST2-202611-00002", "XST2-202612-00001",
                       "XST2-202612-00002"]
    again = post_document(store, ADMIN, sale("s1", days[1])[0])  # a replay keeps its number
    assert again.replayed and again.number == "XST2-202611-00002"


def test_other_types_keep_the_default_pattern(store):
    from app.services.inventory.posting import post_document

    settings.change(store, ADMIN, "numbering.sale", "{type}{seq:6}")
    opened = post_document(store, ADMIN, {**OPEN, "id": "open"},
                           clock=lambda: datetime(2026, 11, 22, 4))
    assert opened.number.startswith("QC-") and opened.number.endswith("-20261122-0001")


@pytest.mark.parametrize("key, value, why", [
    ("numbering.sale", "{type}-{yyyy}", "{seq}"),
    ("numbering.sale", "{type}{nope}{seq}", "{nope}"),
    ("numbering.terminal", "T-01", "1 to 4 letters or digits"),
    ("numbering.terminal", "", "1 to 4 letters or digits"),
])
def test_bad_patterns_and_codes_are_refused_and_nothing_changes(store, key, value, why):
    before = {s["key"]: s["value"] for s in settings.all_settings(store)}
    with pytest.raises(BadSetting) as info:
        settings.change(store, ADMIN, key, value)
    assert why in info.value.message("en")
    assert {s["key"]: s["value"] for s in settings.all_settings(store)} == before
