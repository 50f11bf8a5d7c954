"""The audit viewer: filtered pages of the audit log, CSV/XLSX export, and the chain check
that names every edited, deleted, reordered or inserted entry (app/services/audit_chain.py).

The log is append-only and hash-chained per terminal (docs/security.md); nothing here
changes an entry. Exporting and verifying are themselves audited (`audit.export`,
`audit.verify`), so who looked at the trail is part of the trail.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.audit import AuditRecord
from app.domain.errors import DomainError
from app.domain.permissions import check
from app.persistence.schema import AuditEntry, User
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.audit_chain import ChainChecker, ChainProblem
from app.services.records import Actor, utc_now, utc_start_of, write_audit

PAGE_SIZE = 100
CHUNK = 2000  # entries read per query by the chain check
Progress = Callable[[int, int], None]  # (entries checked, entries in all)
EXPORT_COLUMNS = ("terminal", "seq", "at", "user", "action", "target", "before", "after",
                  "detail")


class BadAuditExport(DomainError):
    code = "bad_audit_export"
    zh = "无法导出审计日志到“{path}”：{why_zh}"
    en = "Cannot export the audit log to '{path}': {why_en}"


@dataclass(frozen=True)
class AuditFilter:
    day_from: date | None = None  # local business days, inclusive
    day_to: date | None = None
    user: str = ""  # user name ("local": the command line)
    action: str = ""  # exact, or a prefix ending in "." (auth.)
    terminal: str = ""


@dataclass(frozen=True)
class AuditRow:
    id: int
    terminal: str
    seq: int
    at: datetime  # naive UTC
    user: str
    action: str
    target: str
    detail: dict

    @property
    def before(self) -> dict:
        value = self.detail.get("before")
        return value if isinstance(value, dict) else {}

    @property
    def after(self) -> dict:
        value = self.detail.get("after")
        return value if isinstance(value, dict) else {}

    def changes(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for each field an entry records as changed."""
        keys = sorted(set(self.before) | set(self.after))
        return [(k, self.before.get(k), self.after.get(k)) for k in keys]

    def other_detail(self) -> dict:
        return {k: v for k, v in self.detail.items() if k not in ("before", "after")}


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


@dataclass
class ChainReport:
    checked: int = 0
    terminals: int = 0
    problems: list[ChainProblem] = field(default_factory=list)
    renumbered: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def audit_choices(store: LocalStore, actor: Actor) -> dict[str, list[str]]:
    """The users, actions and terminals the log holds, for the viewer's filters."""
    check(actor.role, "audit_view.audit_choices")
    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        users = sorted(s.scalars(select(User.username)))
        actions = sorted(s.scalars(select(AuditEntry.action).distinct()))
        terminals = sorted(s.scalars(select(AuditEntry.terminal_id).distinct()))
    return {"users": ["local", *users], "actions": actions, "terminals": terminals}


def audit_page(store: LocalStore, actor: Actor, f: AuditFilter, page: int = 0,
               page_size: int = PAGE_SIZE) -> AuditPage:
    """One page of the entries that match, newest first."""
    check(actor.role, "audit_view.audit_page")
    page, page_size = max(0, page), max(1, min(page_size, 1000))
    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        where = _where(s, f)
        total = s.scalar(select(func.count()).select_from(AuditEntry).where(*where))
        rows = s.execute(_rows_query(where).offset(page * page_size).limit(page_size)).all()
        return AuditPage([_row(r) for r in rows], total, page, page_size)


def export_audit(store: LocalStore, actor: Actor, f: AuditFilter, path: Path) -> int:
    """Write every matching entry to `path` (.csv or .xlsx); returns the count."""
    check(actor.role, "audit_view.export_audit")
    path = Path(path)
    kind = path.suffix.lower()
    if kind not in (".csv", ".xlsx"):
        raise BadAuditExport(path=str(path), why_zh="文件名须以 .csv 或 .xlsx 结尾。",
                             why_en="the file name must end in .csv or .xlsx.")
    with UnitOfWork(store.engine, write=False) as uow:
        rows = [_row(r) for r in uow.session.execute(_rows_query(_where(uow.session, f)))]
    try:
        (_write_csv if kind == ".csv" else _write_xlsx)(path, [_export_line(r) for r in rows])
    except OSError as exc:
        raise BadAuditExport(path=str(path), why_zh=f"无法写入（{exc.strerror or exc}）。",
                             why_en=f"it cannot be written ({exc.strerror or exc}).") from None
    with UnitOfWork(store.engine) as uow:
        write_audit(uow.session, store, actor, utc_now(), "audit.export", path.name,
                    {"rows": len(rows), "filter": _filter_dict(f)})
        uow.commit()
    return len(rows)


def verify_audit_chain(store: LocalStore, actor: Actor,
                       progress: Progress | None = None) -> ChainReport:
    """Check every terminal's chain, reporting each problem with its sequence number.
    Reads CHUNK entries per query; memory stays flat whatever the log's size."""
    check(actor.role, "audit_view.verify_audit_chain")
    report = ChainReport()
    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        total = s.scalar(select(func.count()).select_from(AuditEntry)) or 0
        terminals = sorted(s.scalars(select(AuditEntry.terminal_id).distinct()))
        for terminal in terminals:
            checker = ChainChecker(store.audit_key, terminal)
            for record in _records(s, terminal):
                checker.add(record)
                report.checked += 1
                if progress and (report.checked % CHUNK == 0 or report.checked == total):
                    progress(report.checked, total)
            report.problems += checker.finish()
            report.renumbered += checker.renumbered
        report.terminals = len(terminals)
    if progress:
        progress(total, total)
    with UnitOfWork(store.engine) as uow:
        write_audit(uow.session, store, actor, utc_now(), "audit.verify", "audit_log",
                    {"checked": report.checked, "problems": len(report.problems),
                     "first": [p.text("en") for p in report.problems[:5]]})
        uow.commit()
    return report


def _records(s: Session, terminal: str):
    last = 0
    while True:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.terminal_id == terminal,
                                                  AuditEntry.seq > last)
                         .order_by(AuditEntry.seq).limit(CHUNK)).all()
        if not rows:
            return
        for r in rows:
            yield AuditRecord(r.terminal_id, r.seq, r.at.isoformat(), r.user_id, r.action,
                              r.target, r.detail, r.prev_hash, r.hash)
        last = rows[-1].seq
        s.expunge_all()


def _where(s: Session, f: AuditFilter) -> list:
    where = []
    if f.day_from:
        where.append(AuditEntry.at >= utc_start_of(f.day_from))
    if f.day_to:
        where.append(AuditEntry.at < utc_start_of(f.day_to + timedelta(days=1)))
    if f.terminal:
        where.append(AuditEntry.terminal_id == f.terminal)
    if f.action:
        where.append(AuditEntry.action.startswith(f.action, autoescape=True)
                     if f.action.endswith(".") else AuditEntry.action == f.action)
    if f.user:
        uid = s.scalar(select(User.id).where(User.username == f.user))
        where.append(AuditEntry.user_id == uid if uid is not None else
                     func.json_extract(AuditEntry.detail, "$.by") == f.user)
    return where


def _rows_query(where: list):
    return (select(AuditEntry.id, AuditEntry.terminal_id, AuditEntry.seq, AuditEntry.at,
                   AuditEntry.action, AuditEntry.target, AuditEntry.detail)
            .where(*where).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()))


def _row(r) -> AuditRow:
    try:
        detail = json.loads(r.detail)
    except ValueError:
        detail = {"text": r.detail}
    if not isinstance(detail, dict):
        detail = {"value": detail}
    return AuditRow(r.id, r.terminal_id, r.seq, r.at, str(detail.get("by", "")), r.action,
                    r.target, detail)


def local_text(at: datetime) -> str:
    return at.replace(tzinfo=timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else ""


def _export_line(r: AuditRow) -> list:
    return [r.terminal, r.seq, local_text(r.at), *map(_cell, (
        r.user, r.action, r.target, _json(r.before), _json(r.after), _json(r.other_detail())))]


def _cell(text: str) -> str:
    """Text a spreadsheet must not take for a formula (a target may be a product name)."""
    return "'" + text if text[:1] in ("=", "+", "@") else text


def _write_csv(path: Path, lines: list[list]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as out:  # Excel reads the BOM
        writer = csv.writer(out)
        writer.writerow(EXPORT_COLUMNS)
        writer.writerows(lines)


def _write_xlsx(path: Path, lines: list[list]) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("audit")
    sheet.append(list(EXPORT_COLUMNS))
    for line in lines:
        sheet.append(line)
    with path.open("wb") as out:
        book.save(out)


def _filter_dict(f: AuditFilter) -> dict:
    return {k: (v.isoformat() if isinstance(v, date) else v)
            for k, v in vars(f).items() if v}
