"""Reading and saving the brief's configuration: the settings of `fields` plus which
secrets are set (never the secrets themselves), one audited transaction per save."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.domain.errors import DomainError
from app.domain.permissions import check
from app.persistence.schema import Meta
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services import settings
from app.services.brief.fields import ROWS
from app.services.brief.secrets import BriefSecrets
from app.services.records import LOCAL_OPERATOR, Actor, utc_now, write_audit

KEYS = tuple(row[0] for row in ROWS)


@dataclass(frozen=True)
class BriefConfig:
    time: str = "09:00"
    email: bool = False
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_security: str = "starttls"
    smtp_user: str = ""
    mail_from: str = ""
    mail_to: tuple[str, ...] = ()
    webhook: str = "off"  # off | wecom | dingtalk
    has_password: bool = False  # secrets: whether set, never their value
    has_webhook_url: bool = False
    has_webhook_secret: bool = False
    store_name: str = field(default="", compare=False)

    def channels(self) -> list[str]:
        found = ["email"] if self.email else []
        return found + ([self.webhook] if self.webhook != "off" else [])


class BriefNotConfigured(DomainError):
    code = "brief_not_configured"
    zh = "晨报的{what_zh}未设置：请在“报表 → 晨报”或用 jxc brief config 设置。"
    en = "The morning brief's {what_en} is not set: set it in Reports → Morning brief or with jxc brief config."


def read_config(s: Session, store: LocalStore) -> BriefConfig:
    values = {k: settings.read(s, k) for k in KEYS}
    secrets = BriefSecrets(store.identity.store_uuid)
    return BriefConfig(
        time=values["brief.time"], email=values["brief.email"] == "on",
        smtp_host=values["brief.smtp_host"], smtp_port=int(values["brief.smtp_port"]),
        smtp_security=values["brief.smtp_security"], smtp_user=values["brief.smtp_user"],
        mail_from=values["brief.mail_from"],
        mail_to=tuple(x for x in values["brief.mail_to"].split(",") if x),
        webhook=values["brief.webhook"], has_password=secrets.has("smtp-password"),
        has_webhook_url=secrets.has("webhook-url"),
        has_webhook_secret=secrets.has("webhook-secret"),
        store_name=store.identity.store_name)


def load_brief_config(store: LocalStore, *, actor: Actor = LOCAL_OPERATOR) -> BriefConfig:
    check(actor.role, "brief.config.load_brief_config")
    with UnitOfWork(store.engine, write=False) as uow:
        return read_config(uow.session, store)


def save_brief_config(store: LocalStore, actor: Actor, values: dict[str, str],
                      secrets: dict[str, str] | None = None) -> BriefConfig:
    """`values`: setting keys (brief.*) to text, each checked by its parser; `secrets`:
    smtp-password, webhook-url, webhook-secret to store in the keyring ("" removes)."""
    check(actor.role, "brief.config.save_brief_config")
    parsed = {}
    for key, value in values.items():
        setting = settings.SETTINGS.get(key)
        if key not in KEYS or setting is None:
            raise settings.UnknownSetting(key=key, known=", ".join(KEYS))
        try:
            parsed[key] = setting.parse(value)
        except ValueError as exc:
            zh, en = exc.args
            raise settings.BadSetting(key=key, value=value, why_zh=zh, why_en=en) from None
    _check_url((secrets or {}).get("webhook-url", ""))
    with UnitOfWork(store.engine) as uow:
        s, now = uow.session, utc_now()
        changed = {}
        for key, value in parsed.items():
            before = settings.read(s, key)
            row = s.get(Meta, key)
            if row is None:
                s.add(Meta(key=key, value=value))
            else:
                row.value = value
            if before != value:
                changed[key] = {"before": before, "after": value}
        for kind, secret in (secrets or {}).items():
            BriefSecrets(store.identity.store_uuid).put(kind, secret)
            changed[kind] = {"set": bool(secret)}  # never the secret itself
        write_audit(s, store, actor, now, "brief.config", "brief", changed)
        uow.commit()
        return read_config(s, store)


class BadWebhookUrl(DomainError):
    code = "brief_bad_webhook"
    zh = "机器人地址应以 https:// 开头（企业微信或钉钉群机器人的 Webhook 地址）。"
    en = "The robot address must start with https:// (the WeCom or DingTalk group robot's webhook)."


def _check_url(url: str) -> None:
    """https only, except a local test server (http://127.0.0.1 / localhost)."""
    if url and not (url.startswith("https://") or url.startswith("http://127.0.0.1")
                    or url.startswith("http://localhost")):
        raise BadWebhookUrl()

