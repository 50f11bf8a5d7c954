"""Sync settings and state, kept in the store's own `jxc_meta` table (keys `sync.*`).

The head-office URL, the terminal's identity there and the outcome of the last attempt
live beside the data they describe, so a backup restores them together. The token is
never here: it is in the keyring (credentials.py).
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.dialects.sqlite import insert

from app.persistence.schema import Meta
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.sync.errors import NotEnrolled

PREFIX = "sync."
ENROLLMENT_KEYS = ("hq_url", "ca_bundle", "terminal_uuid", "terminal_name", "store_code",
                   "enrolled_at")


@dataclass(frozen=True)
class Enrollment:
    hq_url: str
    ca_bundle: str
    terminal_uuid: str
    terminal_name: str
    store_code: str


def read_all(store: LocalStore, session=None) -> dict[str, str]:
    q = select(Meta.key, Meta.value).where(Meta.key.like(PREFIX + "%"))
    if session is not None:
        rows = session.execute(q)
    else:
        with store.engine.connect() as conn:
            rows = conn.execute(q).all()
    return {k[len(PREFIX):]: v for k, v in rows}


def enrollment(store: LocalStore) -> Enrollment:
    values = read_all(store)
    if not values.get("hq_url") or not values.get("terminal_uuid"):
        raise NotEnrolled()
    return Enrollment(values["hq_url"], values.get("ca_bundle", ""), values["terminal_uuid"],
                      values.get("terminal_name", ""), values.get("store_code", ""))


def write(session, values: dict[str, str | None]) -> None:
    """Set (or, for None, remove) `sync.*` keys inside the caller's transaction."""
    for key, value in values.items():
        if value is None:
            session.execute(delete(Meta).where(Meta.key == PREFIX + key))
            continue
        stmt = insert(Meta).values(key=PREFIX + key, value=str(value))
        session.execute(stmt.on_conflict_do_update(index_elements=["key"],
                                                   set_={"value": stmt.excluded.value}))


def save(store: LocalStore, values: dict[str, str | None]) -> None:
    with UnitOfWork(store.engine) as uow:
        write(uow.session, values)
        uow.commit()
