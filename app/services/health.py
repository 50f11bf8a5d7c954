"""Is this till healthy? Run at start and hourly; the UI shows it, head office receives it.

Each check returns a severity (ok, info, warning, error) and a message in Chinese and
English saying what is wrong and what to do. A check that cannot even run is an error, not
a crash: health must report on a broken store, not die with it.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Callable

from sqlalchemy import func, select

from app.domain.permissions import check
from app.persistence.schema import OutboxEvent
from app.persistence.store import LocalStore
from app.services.backup import GOOD, INCOMPLETE, escrow_record, list_backups
from app.services.inventory.verify import verify
from app.services.records import LOCAL_OPERATOR, Actor

OK, INFO, WARNING, ERROR = "ok", "info", "warning", "error"
RANK = {OK: 0, INFO: 1, WARNING: 2, ERROR: 3}
LEDGER_CHECKS = ("stock_equals_ledger", "layers_equal_stock", "inventory_account_equals_layers",
                 "vouchers_balance")
AUDIT_CHECKS = ("audit_chain_intact", "posted_documents_unchanged")
PrinterStatus = Callable[[], "tuple[bool, str]"]  # (working?, what the printer said)


@dataclass(frozen=True)
class HealthLimits:
    backup_warning: timedelta = timedelta(hours=26)  # one nightly backup missed
    backup_error: timedelta = timedelta(hours=50)
    outbox_warning: timedelta = timedelta(hours=1)
    outbox_error: timedelta = timedelta(hours=24)


@dataclass
class HealthCheck:
    name: str
    severity: str
    zh: str
    en: str
    detail: dict = field(default_factory=dict)

    def message(self, lang: str) -> str:
        return self.zh if lang.startswith("zh") else self.en


@dataclass
class HealthReport:
    checked_at: str
    checks: list[HealthCheck]

    @property
    def worst(self) -> str:
        return max((c.severity for c in self.checks), key=RANK.__getitem__, default=OK)

    def as_dict(self) -> dict:
        return {"checked_at": self.checked_at, "worst": self.worst,
                "checks": [asdict(c) for c in self.checks]}


def check_health(store: LocalStore, *, now: datetime | None = None,
                 printer_status: PrinterStatus | None = None,
                 limits: HealthLimits = HealthLimits(),
                 actor: Actor = LOCAL_OPERATOR) -> HealthReport:
    check(actor.role, "health.check_health")
    now = now or datetime.now(timezone.utc)
    checks = [_guard("database", lambda: _database(store))]
    try:
        report = verify(store)
        checks += [_problems("ledger", report, LEDGER_CHECKS, ("库存账与流水", "the ledger and stock"),
                             ("库存账与流水一致。", "The ledger and the stock agree.")),
                   _problems("audit", report, AUDIT_CHECKS, ("审计链", "the audit chain"),
                             ("审计链完整，已过账单据未被改动。",
                              "The audit chain is intact and no posted document changed."))]
    except Exception as exc:  # a damaged database: say so, keep checking the rest
        checks += [_broken("ledger", exc), _broken("audit", exc)]
    checks.append(_guard("outbox", lambda: _outbox(store, now, limits)))
    checks.append(_guard("backup", lambda: _backup(store, now, limits)))
    if printer_status is None:
        printer_status = _configured_printer(store)
    checks.append(_guard("printer", lambda: _printer(printer_status)))
    return HealthReport(now.isoformat(), checks)


_STATES = (("paper_out", "缺纸/paper out"), ("cover_open", "纸仓盖开着/cover open"),
           ("error", "切刀或机械故障/cutter or mechanism failed"), ("offline", "离线/offline"))


def _configured_printer(store: LocalStore) -> PrinterStatus | None:
    """The status check of the till's receipt printer (setting `counter.printer`): asks the
    printer itself (DLE EOT) without printing; None when no printer is set."""
    from app.devices.printer import probe
    from app.devices.transports import open_transport
    from app.domain.errors import JxcError
    from app.persistence.uow import UnitOfWork
    from app.services import settings

    with UnitOfWork(store.engine, write=False) as uow:
        url = settings.read(uow.session, "counter.printer").strip()
    if not url:
        return None

    def ask() -> tuple[bool, str]:
        try:
            status = probe(open_transport(url))
        except JxcError as exc:
            return False, exc.message("zh_CN")
        if status is None:  # a spooler or a file: nothing answers, sending is the test
            return True, f"{url}（不回报状态/reports no status）"
        said = [text for name, text in _STATES if getattr(status, name)]
        if said:
            return False, "、".join(said)
        near = "，纸将用完/paper near end" if status.paper_near_end else ""
        return True, f"就绪/ready{near}"
    return ask


def _guard(name: str, check: Callable[[], HealthCheck]) -> HealthCheck:
    try:
        return check()
    except Exception as exc:
        return _broken(name, exc)


def _broken(name: str, exc: Exception) -> HealthCheck:
    what = f"{type(exc).__name__}: {exc}"[:300]
    return HealthCheck(name, ERROR, f"检查“{name}”无法运行（{what}）。请运行 jxc verify 并联系支持。",
                       f"The {name} check could not run ({what}). Run `jxc verify` and contact support.",
                       {"exception": what})


def _database(store: LocalStore) -> HealthCheck:
    with store.engine.connect() as conn:
        rows = [r[0] for r in conn.exec_driver_sql("PRAGMA quick_check").all()]
        conn.rollback()
    if rows == ["ok"]:
        return HealthCheck("database", OK, "数据库完整性正常。", "Database integrity is fine.")
    return HealthCheck("database", ERROR,
                       f"数据库损坏（{rows[0]}）。请立即停止营业并从最近的好备份恢复（jxc restore）。",
                       f"The database is damaged ({rows[0]}). Stop trading and restore the latest "
                       "good backup (`jxc restore`).", {"problems": rows[:20]})


def _problems(name: str, report, keys: tuple[str, ...], what: tuple[str, str],
              fine: tuple[str, str]) -> HealthCheck:
    problems = [p for k in keys for p in report.checks.get(k, [])]
    zh_what, en_what = what
    if not problems:
        return HealthCheck(name, OK, *fine)
    return HealthCheck(name, ERROR,
                       f"{zh_what}发现 {len(problems)} 个问题，例如：{problems[0]}。请运行 jxc verify 查看并联系总部。",
                       f"{len(problems)} problems in the {en_what}, e.g. {problems[0]}. Run "
                       "`jxc verify` for the list and tell head office.",
                       {"problems": problems[:50], "count": len(problems)})


def _outbox(store: LocalStore, now: datetime, limits: HealthLimits) -> HealthCheck:
    with store.engine.connect() as conn:
        oldest, count = conn.execute(select(func.min(OutboxEvent.created_at), func.count())
                                     .where(OutboxEvent.sent_at.is_(None))).one()
        conn.rollback()
    if not count:
        return HealthCheck("outbox", OK, "没有待上传的事件。", "No events waiting for head office.")
    age = now - oldest.replace(tzinfo=timezone.utc)
    hours = round(age.total_seconds() / 3600, 1)
    severity = ERROR if age > limits.outbox_error else WARNING if age > limits.outbox_warning else OK
    return HealthCheck("outbox", severity,
                       f"{count} 个事件待上传，最早的已等待 {hours} 小时。" +
                       ("请检查网络和总部连接。" if severity != OK else ""),
                       f"{count} events wait for head office; the oldest for {hours} h." +
                       (" Check the network and the head-office connection." if severity != OK else ""),
                       {"unsent": count, "oldest_age_hours": hours})


def _backup(store: LocalStore, now: datetime, limits: HealthLimits) -> HealthCheck:
    listed = list_backups(store.layout.backups)
    good = [m for m in listed if m.status == GOOD]
    latest = listed[-1] if listed else None
    detail = {"last_attempt": latest.status if latest else None,
              "last_attempt_error": latest.error if latest else ""}
    if not good:
        young = now - datetime.fromisoformat(store.identity.created_at) < limits.backup_warning
        return HealthCheck("backup", WARNING if young else ERROR,
                           "还没有任何可用备份。请运行 jxc backup now。",
                           "There is no good backup yet. Run `jxc backup now`.", detail)
    last = good[-1]
    age = now - datetime.fromisoformat(last.created_at)
    hours = round(age.total_seconds() / 3600, 1)
    detail |= {"last_good": last.id, "age_hours": hours,
               "offsite_error": last.offsite.get("s3", {}).get("error", "")}
    severity = ERROR if age > limits.backup_error else WARNING if age > limits.backup_warning else OK
    zh, en = [f"最近的可用备份是 {hours} 小时前。"], [f"The last good backup is {hours} h old."]
    if latest is not last and latest.status in ("failed", INCOMPLETE):
        severity = max(severity, WARNING, key=RANK.__getitem__)
        zh.append(f"之后的一次备份失败：{latest.error or '中断'}。")
        en.append(f"A later backup failed: {latest.error or 'interrupted'}.")
    if detail["offsite_error"]:
        severity = max(severity, WARNING, key=RANK.__getitem__)
        zh.append("异地上传失败，请运行 jxc backup upload。")
        en.append("The off-site upload failed; run `jxc backup upload`.")
    escrowed = escrow_record(store.layout.backups) or {}
    if escrowed.get("key_id") != last.key_id:
        severity = max(severity, WARNING, key=RANK.__getitem__)
        zh.append("备份密钥尚未交总部托管（jxc backup key export）。")
        en.append("The backup key is not escrowed at head office yet (`jxc backup key export`).")
    if severity in (WARNING, ERROR) and age > limits.backup_warning:
        zh.append("请检查夜间备份并运行 jxc backup now。")
        en.append("Check the nightly backup and run `jxc backup now`.")
    return HealthCheck("backup", severity, "".join(zh), " ".join(en), detail)


def _printer(printer_status: PrinterStatus | None) -> HealthCheck:
    if printer_status is None:
        return HealthCheck("printer", INFO, "未配置打印机检查。", "No printer check is configured.")
    working, said = printer_status()
    if working:
        return HealthCheck("printer", OK, f"打印机正常（{said}）。", f"The printer is fine ({said}).")
    return HealthCheck("printer", ERROR, f"打印机有问题：{said}。请检查电源、纸张和连接线。",
                       f"The printer has a problem: {said}. Check power, paper and cable.",
                       {"printer": said})
