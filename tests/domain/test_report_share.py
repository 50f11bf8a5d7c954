"""The definition rules head office and the stores share: what `validate` refuses and how a
shared definition's record is read back."""
from __future__ import annotations

import pytest

from app.domain.report_share import SharedDefinition, shared_from_record
from app.domain.report_spec import BadDefinition, BuilderSpec, validate

GOOD = {"dimensions": ["month", "custom:product:origin"], "measures": ["sales", "margin"],
        "chart": "line", "filters": {"store": "S001", "category": None},
        "period": "last_month"}


def test_a_record_reads_back_to_the_same_definition():
    shared = shared_from_record({"name": " 月度产地 ", "spec": GOOD, "zh": "月度产地毛利",
                                 "title_en": "Margin by origin"})
    assert shared.name == "月度产地" and shared.spec == BuilderSpec.from_json(GOOD)
    assert shared_from_record(shared.record()) == shared
    assert (shared.title("zh_CN"), shared.title("en")) == ("月度产地毛利", "Margin by origin")
    assert SharedDefinition("x", shared.spec).title("en") == "x"
    gone = shared_from_record({"name": "月度产地", "active": False})
    assert gone.record() == {"name": "月度产地", "active": False} and gone.spec is None


@pytest.mark.parametrize("spec, words", [
    ({**GOOD, "period": "next_year"}, "the period is one of"),
    ({**GOOD, "filters": {"store": 7}}, "the filter 'store' is a code"),
    ({**GOOD, "filters": {"start": "2026-01-01"}}, "unknown filter start"),
    ({**GOOD, "filters": "store=S001"}, "malformed field"),
    ({**GOOD, "dimensions": "month"}, "malformed field"),
    ({**GOOD, "dimensions": [["month"]]}, "given by their names"),
    ({**GOOD, "dimensions": ["custom:warehouse:zone"]}, "no dimension 'custom:warehouse:zone'"),
    ({**GOOD, "measures": ["sales; DROP TABLE x"]}, "no measure 'sales; DROP TABLE x'"),
    ({**GOOD, "chart": "radar"}, "the chart is one of"),
    ({**GOOD, "dimension": ["date"]}, "unknown item dimension in spec"),
    ({k: v for k, v in GOOD.items() if k != "measures"}, "malformed field 'measures'"),
])
def test_nonsense_in_the_spec_is_named(spec, words):
    with pytest.raises(BadDefinition) as refused:
        shared_from_record({"name": "x", "spec": spec})
    assert words in refused.value.message("en")
    assert refused.value.message("zh_CN") != refused.value.message("en")


@pytest.mark.parametrize("record, words", [
    ({"spec": GOOD}, "needs a name"),
    ({"name": "x" * 61, "spec": GOOD}, "at most 60 characters"),
    ({"name": "a\nb", "spec": GOOD}, "one line"),
    ({"name": "x"}, "needs its spec"),
    ({"name": "x", "spec": GOOD, "active": "no"}, "active is true or false"),
    ({"name": "x", "spec": GOOD, "title": "t"}, "unknown item title"),
    ({"name": "x", "spec": GOOD, "title_en": 5}, "English title is one line"),
    ("x", "expected a JSON object"),
])
def test_a_bad_record_is_named(record, words):
    with pytest.raises(BadDefinition) as refused:
        shared_from_record(record)
    assert words in refused.value.message("en")


def test_validate_still_takes_what_the_screen_makes():
    validate(BuilderSpec(("payment_method", "custom:document:channel"), ("sales",),
                         "table", {"store": "S001"}, "today"))
