"""Store settings that change how posting behaves, kept in `jxc_meta`, each change audited.

Only the keys declared here exist; each has a default, a parser that refuses nonsense with a
clear message, and a description in both languages.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import DomainError
from app.domain.permissions import MANAGERS, require
from app.persistence.schema import Meta
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.records import Actor, utc_now, write_audit


class BadSetting(DomainError):
    code = "bad_setting"
    zh = "设置“{key}”的值“{value}”无效：{why_zh}"
    en = "'{value}' is not a valid value for '{key}': {why_en}"


class UnknownSetting(DomainError):
    code = "unknown_setting"
    zh = "没有名为“{key}”的设置。可用的设置：{known}。"
    en = "There is no setting '{key}'. Known settings: {known}."


def _choice(*allowed: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        value = value.strip().lower()
        if value not in allowed:
            raise ValueError("、".join(allowed), ", ".join(allowed))
        return value
    return parse


def _percent(value: str) -> str:
    text = value.strip().rstrip("%")
    if not text.isdigit() or not 1 <= int(text) <= 1000:
        raise ValueError("1 到 1000 之间的整数百分比", "a whole percentage from 1 to 1000")
    return text


@dataclass(frozen=True)
class Setting:
    key: str
    default: str
    parse: Callable[[str], str]
    zh: str
    en: str


SETTINGS = {s.key: s for s in (
    Setting("negative_stock.counter", "allow", _choice("allow", "refuse"),
            "收银台销售在库存不足时：allow 允许（按估计成本出库、标记该行，到货后调整成本）或 refuse 拒绝。",
            "Counter sales beyond stock: allow (out at an estimated cost, line flagged, cost "
            "trued up when goods arrive) or refuse."),
    Setting("negative_stock.back_office", "refuse", _choice("allow", "refuse"),
            "后台单据（批发销售、报损、调拨、组装）在库存不足时：allow 允许或 refuse 拒绝。",
            "Back-office documents (wholesale, write-off, transfer, assembly) beyond stock: "
            "allow or refuse."),
    Setting("price_anomaly_percent", "20", _percent,
            "进价与上次进价相差超过此百分比时需要确认。",
            "A purchase price this many percent away from the last one needs a confirmation."),
)}


def read(session: Session, key: str) -> str:
    value = session.scalar(select(Meta.value).where(Meta.key == key))
    return SETTINGS[key].default if value is None else value


def all_settings(store: LocalStore) -> list[dict]:
    with UnitOfWork(store.engine, write=False) as uow:
        return [{"key": k, "value": read(uow.session, k), "default": s.default,
                 "zh": s.zh, "en": s.en} for k, s in SETTINGS.items()]


def change(store: LocalStore, actor: Actor, key: str, value: str) -> str:
    require(actor.role, MANAGERS, "change settings")
    setting = SETTINGS.get(key)
    if setting is None:
        raise UnknownSetting(key=key, known=", ".join(SETTINGS))
    try:
        value = setting.parse(value)
    except ValueError as exc:
        zh, en = exc.args
        raise BadSetting(key=key, value=value, why_zh=f"应为 {zh}。", why_en=f"expected {en}.") from None
    with UnitOfWork(store.engine) as uow:
        s, now = uow.session, utc_now()
        before = read(s, key)
        row = s.get(Meta, key)
        if row is None:
            s.add(Meta(key=key, value=value))
        else:
            row.value = value
        write_audit(s, store, actor, now, "setting.change", key, {"before": before, "after": value})
        uow.commit()
    return value
