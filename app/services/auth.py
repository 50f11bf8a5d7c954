"""Who is at the keyboard: password sign-in."""
from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import select

from app.domain.errors import AuthError
from app.persistence.schema import User
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.passwords import hash_secret, verify_secret

log = logging.getLogger(__name__)
# Verifying against this when the user is unknown keeps both failures equally slow.
_DUMMY_HASH = hash_secret("not-a-real-password")


@dataclass(frozen=True)
class SignedInUser:
    user_id: int
    username: str
    display_name: str
    role: str


def sign_in(store: LocalStore, username: str, password: str) -> SignedInUser:
    with UnitOfWork(store.engine, write=False) as uow:  # read inside: rollback expires rows
        user = uow.session.scalars(
            select(User).where(User.username == (username or "").strip())).first()
        active = user is not None and user.active
        stored = user.password_hash if active else _DUMMY_HASH
        found = SignedInUser(user.id, user.username, user.display_name, user.role) \
            if active else None
    if not verify_secret(stored, password or "") or found is None:
        log.info("sign-in refused for user name of length %d", len(username or ""))
        raise AuthError()
    log.info("user %s signed in", found.username)
    return found
