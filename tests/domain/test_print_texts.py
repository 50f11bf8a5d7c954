"""The table of printed texts: complete in both languages, and short enough for the receipt's
columns."""
from __future__ import annotations

from app.domain import print_texts as pt
from app.domain import text_columns as tc
from app.domain.documents import DocType
from app.domain.finance_layouts import DOC_TYPE_ZH
from app.domain.vouchers import ACCOUNTS


def test_every_text_has_both_languages_and_english_has_no_chinese():
    tables = [pt.TEXTS, pt.TENDERS, pt.PAYMENTS, pt.DOC_TYPES, pt.STATUSES]
    for table in tables:
        for key, (zh, en) in table.items():
            assert zh and en, key
            assert en.isascii() or key == "receipt.copy", key
    assert set(pt.ACCOUNTS_EN) == set(ACCOUNTS)
    assert all(name.isascii() for name in pt.ACCOUNTS_EN.values())


def test_every_document_type_has_a_printed_title_as_before():
    assert set(pt.DOC_TYPES) == {kind.value for kind in DocType}
    for kind, (zh, _) in pt.DOC_TYPES.items():  # the titles printed before the table
        old = DOC_TYPE_ZH[kind]
        assert zh == (old if old.endswith("单") else old + "单")


def test_language_choice():
    assert pt.text("receipt.total", "zh_CN") == "合计" and pt.text("receipt.total", "en") == "Total"
    assert pt.text("page", "en", n=3) == "Page 3" and pt.text("page", "zh_CN", n=3) == "第 3 页"
    assert pt.is_zh("") and pt.is_zh("zh_CN") and not pt.is_zh("en") and not pt.is_zh("en_US")
    assert pt.pick(pt.TENDERS, "wechat", "en") == "WeChat Pay"
    assert pt.pick(pt.TENDERS, "voucher", "en") == "voucher"  # unknown: the method itself
    assert pt.colon("zh_CN") == "：" and pt.colon("en") == ": "


def test_receipt_column_heads_fit_their_columns():
    for lang in pt.LANGUAGES:
        for key, room in (("qty", 7), ("price", 9), ("amount", 10)):  # 80 mm, the narrowest
            assert tc.width(pt.text(f"receipt.{key}", lang)) < room, (lang, key)
        assert tc.width(pt.text("receipt.item", lang)) < 48 - 26
        assert tc.width(pt.text("receipt.total", lang)) + 1 + len("99999.99") <= 32 // 2
