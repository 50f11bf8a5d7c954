"""Password and PIN hashes for the users head office publishes.

The same Argon2id parameters as the terminal (`app/services/passwords.py`: m=19456 KiB, t=2,
p=1), so a terminal verifies a published hash exactly like one it made itself. Head office
may not import the terminal's services (the layer contract), hence argon2-cffi directly; a
test checks that both sides produce hashes with the same parameters and verify each other's.
"""
from __future__ import annotations

from argon2 import PasswordHasher

_HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


def hash_secret(secret: str) -> str:
    return _HASHER.hash(secret)
