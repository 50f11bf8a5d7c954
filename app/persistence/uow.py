"""Unit of work: one user action, one transaction, rolled back unless committed.

Writers take SQLite's write lock at BEGIN (`BEGIN IMMEDIATE`), so two processes (the app
and a CLI command, say) never deadlock upgrading a read lock; the busy timeout makes the
second one wait instead of failing.
"""
from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session


class UnitOfWork:
    def __init__(self, engine: Engine, *, write: bool = True) -> None:
        mode = "IMMEDIATE" if write else "DEFERRED"
        self._bind = engine.execution_options(sqlite_begin=mode)
        self.session: Session | None = None

    def __enter__(self) -> "UnitOfWork":
        self.session = Session(self._bind, expire_on_commit=False)
        self.session.begin()
        return self

    def commit(self) -> None:
        assert self.session is not None
        self.session.commit()

    def __exit__(self, *exc) -> None:
        assert self.session is not None
        if self.session.in_transaction():
            self.session.rollback()
        self.session.close()
