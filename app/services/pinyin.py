"""Pinyin initials for product search (可口可乐 -> kkkl), the value kept in `products.pinyin`.

The rule, applied to the whole text:

1. NFKC-normalise, so full-width letters and digits (ＡＢＣ１２３) count as ASCII;
2. each run of Chinese characters becomes the lowercase first letters of its pinyin, read
   with pypinyin's phrase dictionary so polyphones follow the word (可乐 -> kl, 音乐 -> yy,
   银行 -> yh, 重庆 -> cq); a character without a known reading is dropped;
3. ASCII letters and digits are kept, lowercased (500ml stays 500ml, Ｃ -> c);
4. everything else (spaces, punctuation, ×, %, +, Greek, emoji) is dropped.

"可口可乐 零度可乐 500ml" -> "kkklldkl500ml". Runs of Chinese never reach across a space or
another non-Chinese character, so the initials of a text are the concatenation of the initials
of its space-separated words: callers may cache per word (the demo generator does).
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from pypinyin import Style, lazy_pinyin


def _keep_ascii_alnum(chunk: str) -> str:
    return "".join(ch for ch in chunk if ch.isascii() and ch.isalnum()).lower()


def initials(text: str) -> str:
    """Lowercase pinyin initials of the Chinese characters plus the ASCII letters/digits."""
    if not text:
        return ""
    normalised = unicodedata.normalize("NFKC", text)
    pieces = lazy_pinyin(normalised, style=Style.FIRST_LETTER, errors=_keep_ascii_alnum)
    return _keep_ascii_alnum("".join(pieces))


@lru_cache(maxsize=65536)
def word_initials(word: str) -> str:
    """`initials` with a cache, for the many repeated words of a generated catalog."""
    return initials(word)
