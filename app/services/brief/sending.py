"""Send the brief of a business day on its channels and record each one sent.

A channel already recorded for the day is skipped (the `brief_log` row is unique per day
and channel), so the scheduler, a restart and `jxc brief send` never send one twice. The
row is written right after the channel accepted the brief: a crash between the two could
send it again at the next start (at least once, never lost); a failed channel records
nothing and is tried again later.
"""
from __future__ import annotations

import logging
import ssl
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.domain.permissions import check
from app.i18n import user_language
from app.persistence.schema import BriefLog
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.brief import channels as send
from app.services.brief.config import BriefConfig, BriefNotConfigured, read_config
from app.services.brief.content import build_brief, to_markdown, to_pdf
from app.services.brief.secrets import BriefSecrets
from app.services.records import LOCAL_OPERATOR, Actor, local_date, utc_now, write_audit

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    channel: str
    status: str  # sent | already_sent | failed
    error: Exception | None = None


def send_brief(store: LocalStore, actor: Actor, day: date | None = None,
               channels: list[str] | None = None, *,
               ssl_context: ssl.SSLContext | None = None) -> list[Outcome]:
    """Send the brief of `day` (default: yesterday) on `channels` (default: the configured
    ones). Raises BriefNotConfigured when there is nothing to send it with."""
    check(actor.role, "brief.sending.send_brief")
    return _deliver(store, actor, day or local_date(utc_now()) - timedelta(days=1), channels,
                    ssl_context)


def _deliver(store: LocalStore, actor: Actor, day: date, channels: list[str] | None,
             ssl_context=None) -> list[Outcome]:
    with UnitOfWork(store.engine, write=False) as uow:
        config = read_config(uow.session, store)
        done = set(uow.session.scalars(select(BriefLog.channel)
                                       .where(BriefLog.business_date == day)))
    chosen = list(channels) if channels else config.channels()
    if not chosen:
        raise BriefNotConfigured(what_zh="发送方式（邮件或群机器人）",
                                 what_en="channel (e-mail or group robot)")
    todo = [c for c in chosen if c not in done]
    outcomes = [Outcome(c, "already_sent") for c in chosen if c in done]
    if not todo:
        return outcomes
    lang = user_language()
    brief = build_brief(store, day)
    for channel in todo:
        try:
            _one(store, config, channel, brief, lang, ssl_context)
        except send.BriefSendFailed as exc:
            log.warning("morning brief of %s not sent by %s: %s", day, channel, exc.code)
            outcomes.append(Outcome(channel, "failed", exc))
            continue
        outcomes.append(Outcome(channel, _record(store, actor, day, channel)))
    return outcomes


def _one(store, config: BriefConfig, channel: str, brief, lang: str, ssl_context) -> None:
    secrets = BriefSecrets(store.identity.store_uuid)
    if channel == "email":
        if not (config.smtp_host and config.mail_from and config.mail_to):
            raise BriefNotConfigured(what_zh="邮件服务器、发件人或收件人",
                                     what_en="mail server, sender or recipients")
        send.send_email(config, secrets.get("smtp-password"), brief.subject(lang),
                        to_markdown(brief, lang), to_pdf(brief, lang),
                        f"brief-{brief.day.isoformat()}.pdf", ssl_context)
        return
    if channel not in ("wecom", "dingtalk"):
        raise BriefNotConfigured(what_zh=f"发送方式 {channel}", what_en=f"channel {channel}")
    url = secrets.get("webhook-url")
    if not url:
        raise BriefNotConfigured(what_zh="群机器人地址", what_en="robot webhook address")
    send.send_robot(channel, url, secrets.get("webhook-secret"), brief.subject(lang),
                    to_markdown(brief, lang))


def _record(store: LocalStore, actor: Actor, day: date, channel: str) -> str:
    try:
        with UnitOfWork(store.engine) as uow:
            s, now = uow.session, utc_now()
            s.add(BriefLog(business_date=day, channel=channel, sent_at=now, detail=""))
            write_audit(s, store, actor, now, "brief.sent", day.isoformat(), {"channel": channel})
            uow.commit()
    except IntegrityError:  # another process sent the same brief at the same moment
        return "already_sent"
    log.info("morning brief of %s sent by %s", day, channel)
    return "sent"


def brief_history(store: LocalStore, *, actor: Actor = LOCAL_OPERATOR,
                  limit: int = 60) -> list[tuple[date, str, object]]:
    check(actor.role, "brief.sending.brief_history")
    with UnitOfWork(store.engine, write=False) as uow:
        rows = uow.session.execute(select(BriefLog.business_date, BriefLog.channel,
                                          BriefLog.sent_at)
                                   .order_by(BriefLog.business_date.desc(), BriefLog.channel)
                                   .limit(limit)).all()
    return [tuple(r) for r in rows]
