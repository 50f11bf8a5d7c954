"""Item 6: barcodes and JSON documents from a fuzzer (hypothesis, derandomized).

Every input either succeeds or raises a `JxcError` subclass with a message in both
languages, and a refused document changes nothing (row counts, balances, layers, products).
The fuzzers include strings with lone surrogates (valid JSON: "\\ud800") and amounts with
six-digit exponents ("1e999999"), which once escaped as raw errors; each also has its own
test below. JXC_FUZZ_EXAMPLES raises the number of examples (default 100 per fuzzer; the
slow variant runs 1,500).
"""
from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import harness
import invariants
from app.domain.barcode import validate_barcode
from app.domain.errors import InvalidBarcode, JxcError

EXAMPLES = int(os.environ.get("JXC_FUZZ_EXAMPLES", "100"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])

# --- barcodes --------------------------------------------------------------------------------

CODES = st.one_of(
    st.text(max_size=40),
    st.from_regex(r"\s{0,2}[0-9]{6,14}[\r\n\t ]{0,2}", fullmatch=True),  # scanner output
    st.text(alphabet="0123456789０１２３ \u3000\t\r\nAZaz-_/.", max_size=36),
    st.text(st.characters(categories=["Cs", "Co", "Cn", "Cc"]), max_size=8),  # surrogates too
)


@FUZZ
@given(code=CODES)
def test_a_barcode_is_accepted_as_a_clean_code_or_refused_with_a_reason(code):
    try:
        value = validate_barcode(code)
    except InvalidBarcode as exc:
        assert exc.message("en") and exc.message("zh_CN")
        return
    assert value == code.strip() and value.isascii() and value.isalnum()
    assert 4 <= len(value) <= 32


# --- JSON documents --------------------------------------------------------------------------

TEXT = st.one_of(st.text(max_size=12),  # hypothesis leaves out surrogates unless asked
                 st.text(st.characters(categories=["Cs", "Lo"]), max_size=4))
AMOUNTS = st.one_of(st.from_regex(r"[-+]?[0-9]{0,6}(\.[0-9]{0,4})?([eE][-+]?[0-9]{1,9})?",
                                  fullmatch=True),
                    st.sampled_from(["", " ", "NaN", "Infinity", "¥3.50", "3,50", "三元", "0x10"]))
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), TEXT, AMOUNTS)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(TEXT, inner, max_size=3), max_leaves=8)
KEYS = ["id", "type", "lines", "payments", "warehouse", "customer", "date", "note", "original",
        "to_warehouse", "supplier", "freight", "packaging"]
LINE_KEYS = ["sku", "barcode", "qty", "unit_price", "discount", "batch", "expiry",
             "original_line", "confirm_price"]


@st.composite
def mutated_sales(draw):
    """A valid sale with a few of its fields replaced, removed or added."""
    raw = harness.sale(0, draw(st.integers(0, 10_000)), 3)
    raw["id"] = f"fuzz-{draw(st.integers(0, 10**9))}"
    wheres = draw(st.lists(st.sampled_from(["line", "payment", "doc"]), min_size=1, max_size=4))
    for where in sorted(wheres, key=["line", "payment", "doc"].index):  # the document last
        target = (raw if where == "doc" else raw["lines"][0] if where == "line"
                  else raw["payments"][0])
        keys = KEYS if where == "doc" else LINE_KEYS if where == "line" else ["method", "amount",
                                                                               "reference"]
        key = draw(st.sampled_from(keys + ["extra"]))
        if draw(st.booleans()) and key in target:
            del target[key]
        else:
            target[key] = draw(st.one_of(VALUES, AMOUNTS))
    return raw


DOCUMENTS = st.one_of(mutated_sales(), VALUES,
                      st.fixed_dictionaries({k: VALUES for k in ("id", "type", "lines")}))


def post_and_check(store, admin, raw) -> None:
    from app.services.inventory.posting import post_document

    before = invariants.fingerprint(store)
    try:
        post_document(store, admin, raw)
    except JxcError as exc:
        assert exc.message("en") and exc.message("zh_CN")
        assert invariants.fingerprint(store) == before, f"refused {raw!r} but wrote something"
        return
    assert invariants.documents_complete(store) == []


@FUZZ
@given(raw=DOCUMENTS)
def test_a_malformed_document_is_refused_cleanly(open_shop, admin, raw):
    post_and_check(open_shop, admin, raw)


@pytest.mark.slow
@settings(FUZZ, max_examples=1500)
@given(raw=DOCUMENTS)
def test_a_malformed_document_is_refused_cleanly_many(open_shop, admin, raw):
    post_and_check(open_shop, admin, raw)


# --- once bugs, now refused cleanly ------------------------------------------------------------------------------

def refused_without_a_trace(store, admin, raw) -> None:
    from app.services.inventory.posting import post_document

    before = invariants.fingerprint(store)
    with pytest.raises(JxcError):
        post_document(store, admin, raw)
    assert invariants.fingerprint(store) == before


@pytest.mark.parametrize("field", ["note", "id", "customer"])
def test_a_lone_surrogate_is_refused_as_a_bad_document(open_shop, admin, field):
    raw = harness.sale(0, 1, 3)
    raw[field] = "ab\ud800"
    refused_without_a_trace(open_shop, admin, raw)


@pytest.mark.parametrize("amount", ["1e999999", "1e-999999999"])
def test_an_amount_with_a_huge_exponent_is_refused(amount):
    from app.domain.doc_request import parse_document

    raw = harness.sale(0, 1, 3)
    raw["lines"][0]["unit_price"] = amount
    with pytest.raises(JxcError):
        parse_document(raw)


def test_a_deeply_nested_json_file_is_one_clear_error(tmp_path):
    from reliability_support import run_cli

    path = tmp_path / "deep.json"
    path.write_text('{"type": "sale", "id": "deep", "lines": ' + "[" * 5000 + "]" * 5000 + "}")
    code, out, err = run_cli("--data-dir", str(tmp_path / "store"), "doc", "post", str(path))
    assert code == 1 and out == ""
    assert "not valid JSON" in err and "internal error" not in err


def test_every_accepted_date_gives_a_well_formed_number(open_shop, admin):
    import re

    from app.services.inventory.posting import post_document

    raw = harness.sale(0, 1, 3)
    raw["date"] = "0001-01-01"
    try:
        number = post_document(open_shop, admin, raw).number
    except JxcError:
        return  # refusing such a date is fine too
    assert re.fullmatch(r"XS-S001-\d{8}-\d{4,}", number), number
