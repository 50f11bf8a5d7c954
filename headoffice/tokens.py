"""Secrets head office hands out: terminal tokens and one-time enrollment codes.

Both are random (256 and 80 bits), so a SHA-256 hash is all the database keeps: a stolen
database gives no usable token. Codes use Crockford's base32 (no I, L, O, U) so they can
be read over the phone; typing O for 0 or I/L for 1 still works.
"""
from __future__ import annotations

import hashlib
import secrets

CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16  # 80 bits


def hash_secret(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def new_token() -> str:
    return "jxct_" + secrets.token_urlsafe(32)


def new_enrollment_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, CODE_LENGTH, 4))


def normalize_code(typed: str) -> str:
    """The canonical form that is hashed: capitals, no separators, O->0, I/L->1."""
    cleaned = "".join(ch for ch in (typed or "").upper() if ch.isalnum())
    return cleaned.translate(str.maketrans("OIL", "011"))


def hash_code(typed: str) -> str:
    return hash_secret("enroll:" + normalize_code(typed))
