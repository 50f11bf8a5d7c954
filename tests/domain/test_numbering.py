"""Numbering patterns (issue 11 item 2): what a store may write, and what numbers come out."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.numbering import DEFAULT_PATTERN, BadNumberPattern, parse_pattern

DAY = date(2026, 11, 22)


@pytest.mark.parametrize("text, number", [
    (DEFAULT_PATTERN, "XS-S001-20261122-0001"),
    ("{type}{yyyy}{mm}{dd}{seq:6}", "XS20261122000001"),
    ("{store}-{terminal}-{yy}{mm}-{seq:5}", "S001-02-2611-00001"),
    ("销售/{yyyy}/{seq}", "销售/2026/0001"),
    ("#{seq:3}", "#001"),
])
def test_patterns_render_the_first_number(text, number):
    pattern = parse_pattern(text)
    prefix = pattern.prefix("XS", "S001", "02", DAY)
    assert pattern.number(prefix, 1) == number
    assert pattern.sequence_of(number, prefix) == 1


@pytest.mark.parametrize("text, why", [
    ("", "empty"),
    ("{seq}{type}", "end with exactly one {seq}"),
    ("{type}-{yyyy}", "end with exactly one {seq}"),
    ("{seq}-{seq}", "end with exactly one {seq}"),
    ("X{foo}{seq}", "unknown field {foo}"),
    ("X{store:3}{seq}", "takes no width"),
    ("A{seq:2}", "width of {seq} must be 3 to 8"),
    ("A{seq:9}", "width of {seq} must be 3 to 8"),
    ("A B{seq}", "use only letters"),
    ("A'; DROP{seq}", "use only letters"),
    ("X" * 40 + "{seq}", "at most 40"),
])
def test_bad_patterns_say_what_is_wrong_in_both_languages(text, why):
    with pytest.raises(BadNumberPattern) as info:
        parse_pattern(text)
    assert why in info.value.message("en")
    assert "编号规则" in info.value.message("zh_CN")


def test_the_sequence_grows_a_digit_instead_of_wrapping():
    pattern = parse_pattern("{type}-{seq:3}")
    assert pattern.number("XS-", 1000) == "XS-1000"
    assert pattern.sequence_of("XS-1000", "XS-") == 1000
    assert pattern.sequence_of("XT-0001", "XS-") is None


@given(st.text(max_size=60))
def test_any_text_is_a_pattern_or_a_clear_refusal(text):
    try:
        pattern = parse_pattern(text)
    except BadNumberPattern as exc:
        assert exc.message("en").startswith("The numbering pattern")
        return
    prefix = pattern.prefix("XS", "S001", "01", DAY)
    assert "{" not in prefix and pattern.number(prefix, 7).startswith(prefix)
