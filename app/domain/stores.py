"""Rules for store identity and accounts that every entry point shares."""
from __future__ import annotations

import re

from app.domain.errors import DomainError

STORE_CODE = re.compile(r"[A-Z0-9][A-Z0-9_-]{0,15}")
MIN_PASSWORD_LENGTH = 8
DEFAULT_WAREHOUSE_CODE = "MAIN"
ADMIN_ROLE = "admin"


class InvalidStoreCode(DomainError):
    code = "invalid_store_code"
    zh = "门店编码“{value}”无效：只能用大写字母、数字、- 和 _，最多 16 位，例如 S001。"
    en = "Store code '{value}' is not valid: use up to 16 capital letters, digits, - and _, e.g. S001."


class InvalidStoreName(DomainError):
    code = "invalid_store_name"
    zh = "门店名称不能为空，且不超过 100 个字符。"
    en = "The store name must not be empty and at most 100 characters long."


class WeakPassword(DomainError):
    code = "weak_password"
    zh = "密码至少需要 {min} 个字符。"
    en = "The password needs at least {min} characters."


def normalize_store_code(value: str) -> str:
    code = (value or "").strip().upper()
    if not STORE_CODE.fullmatch(code):
        raise InvalidStoreCode(value=value)
    return code


def normalize_store_name(value: str) -> str:
    name = (value or "").strip()
    if not name or len(name) > 100:
        raise InvalidStoreName()
    return name


def check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise WeakPassword(min=MIN_PASSWORD_LENGTH)
