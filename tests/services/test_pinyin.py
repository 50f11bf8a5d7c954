"""Pinyin initials for product search."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.services.pinyin import initials, word_initials


@pytest.mark.parametrize("text, expected", [
    ("可口可乐", "kkkl"),
    ("可口可乐 零度可乐 500ml", "kkklldkl500ml"),
    ("康师傅 红烧牛肉面 五连包", "ksfhsnrmwlb"),
    ("农夫山泉 饮用天然水 550ml", "nfsqyytrs550ml"),
    ("音乐", "yy"),            # 乐 read yue in 音乐, le in 可乐
    ("快乐", "kl"),
    ("银行", "yh"),            # 行 read hang
    ("行走", "xz"),            # 行 read xing
    ("重庆 火锅底料", "cqhgdl"),  # 重 read chong
    ("元气森林", "yqsl"),
    ("二锅头", "egt"),
    ("M&M's 牛奶巧克力豆", "mmsnnqkld"),
    ("Ｃ１２３ 可乐", "c123kl"),   # full-width letters and digits count as ASCII
    ("330ml×24", "330ml24"),
    ("纤维+可乐", "xwkl"),
    ("100%橙汁", "100cz"),
    ("臻选·家庭装 (2代)", "zxjtz2d"),
    ("", ""),
])
def test_initials(text, expected):
    assert initials(text) == expected
    assert word_initials(text) == expected


han_words = st.text(alphabet="可口乐音行银重庆长城和平发展中国人民天地水火山东北京牛奶面包",
                    min_size=1, max_size=6)
words = st.one_of(han_words, st.from_regex(r"[0-9a-zA-Z]{1,5}", fullmatch=True))


@settings(max_examples=200)
@given(st.lists(words, min_size=1, max_size=5))
def test_initials_of_a_text_are_the_initials_of_its_words(parts):
    """What lets the demo generator cache initials per word."""
    assert initials(" ".join(parts)) == "".join(initials(p) for p in parts)


@given(st.text(max_size=30))
def test_initials_are_lowercase_ascii_letters_and_digits(text):
    assert re.fullmatch(r"[a-z0-9]*", initials(text))
