"""Passwords and PINs: Argon2id hashes (m=19456 KiB, t=2, p=1, the OWASP minimum) and the
rules a new password or PIN must meet.

A hash made with weaker parameters (an older JXC, another Argon2 variant) still verifies,
and `needs_rehash` tells the sign-in to store a new one while the secret is at hand.
"""
from __future__ import annotations

from argon2 import PasswordHasher, Type, extract_parameters
from argon2.exceptions import InvalidHashError, VerificationError

from app.domain.errors import DomainError

MEMORY_KIB = 19456
TIME_COST = 2
PARALLELISM = 1
_HASHER = PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_KIB, parallelism=PARALLELISM,
                         type=Type.ID)

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 256
# Passwords anyone tries first: refused whatever else they satisfy.
COMMON_PASSWORDS = frozenset({
    "12345678", "123456789", "1234567890", "87654321", "11111111", "88888888", "66666666",
    "00000000", "password", "password1", "passw0rd", "qwerty123", "qwertyui", "abc12345",
    "abcd1234", "1qaz2wsx", "iloveyou", "admin123", "admin1234", "woaini1314", "a1234567",
    "aa123456", "123456aa", "qq123456", "12345678a", "1234qwer", "asdf1234", "zxcvbnm1",
})


class PasswordTooWeak(DomainError):
    code = "weak_password"
    zh = "密码太弱：{why_zh}请换一个至少 {min} 位、同时包含字母和数字（或符号）的密码。"
    en = ("The password is too weak: {why_en} Choose at least {min} characters with letters "
          "and digits (or symbols).")


class BadPinFormat(DomainError):
    code = "bad_pin"
    zh = "PIN 必须是 4 到 6 位数字，且不能全是同一个数字或连续数字（如 1234）。"
    en = "A PIN must be 4 to 6 digits, not all the same digit and not a run such as 1234."


def hash_secret(secret: str) -> str:
    return _HASHER.hash(secret)


def verify_secret(stored_hash: str, secret: str) -> bool:
    try:
        return _HASHER.verify(stored_hash, secret)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """Whether `stored_hash` is weaker than what JXC makes now (variant, memory, passes or
    length); a stronger one is kept."""
    try:
        p = extract_parameters(stored_hash)
    except (InvalidHashError, ValueError):
        return True
    h = _HASHER
    return (p.type is not Type.ID or p.memory_cost < h.memory_cost or p.time_cost < h.time_cost
            or p.hash_len < h.hash_len or p.salt_len < h.salt_len)


def check_password_strength(password: str, username: str = "") -> None:
    """A new password: 8-256 characters, letters and digits or symbols, without the user
    name (of 3 characters or more), and not one of the passwords everyone tries first."""
    pw = password or ""
    why = None
    if len(pw) < MIN_PASSWORD_LENGTH:
        why = (f"少于 {MIN_PASSWORD_LENGTH} 位。", f"it has fewer than {MIN_PASSWORD_LENGTH} "
               "characters.")
    elif len(pw) > MAX_PASSWORD_LENGTH:
        why = (f"超过 {MAX_PASSWORD_LENGTH} 位。", f"it is longer than {MAX_PASSWORD_LENGTH} "
               "characters.")
    elif not any(c.isalpha() for c in pw) or all(c.isalpha() for c in pw):
        why = ("只有字母或只有数字。", "it has only letters or only digits.")
    elif pw.lower() in COMMON_PASSWORDS or len(set(pw)) < 4:
        why = ("这是最常被猜到的密码之一。", "it is among the passwords tried first.")
    elif len(username.strip()) >= 3 and username.strip().lower() in pw.lower():
        why = ("包含用户名。", "it contains the user name.")
    if why is not None:
        raise PasswordTooWeak(why_zh=why[0], why_en=why[1], min=MIN_PASSWORD_LENGTH)


def check_pin_format(pin: str) -> None:
    """4-6 ASCII digits, not one digit repeated, not a run up or down (1234, 987654)."""
    if not (isinstance(pin, str) and pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 6):
        raise BadPinFormat()
    steps = {int(b) - int(a) for a, b in zip(pin, pin[1:])}
    if steps in ({0}, {1}, {-1}):
        raise BadPinFormat()
