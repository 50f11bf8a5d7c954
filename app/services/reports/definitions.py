"""Saved report-builder definitions: kept in `report_definitions`, shared through head office.

Saving one is a user action: one transaction with the audit entry and, when the definition
is shared, an outbox event `report_definition.saved` (or `.deleted`) carrying its uuid,
name and JSON, for head office to pass on to the other stores. A definition that came from
head office (`apply_shared`, called by the change-feed applier) is read-only here.
"""
from __future__ import annotations

import json
import uuid as uuidlib
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import DomainError
from app.domain.permissions import check
from app.persistence.schema import ReportDefinition
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.records import LOCAL_OPERATOR, Actor, utc_now, write_audit, write_outbox
from app.services.report_builder import BuilderSpec, validate

HEAD_OFFICE = "head_office"


class BadDefinitionName(DomainError):
    code = "report_definition_name"
    zh = "报表名称不能为空，且不超过 80 个字符。"
    en = "A report name must not be empty and may have at most 80 characters."


class DefinitionFromHeadOffice(DomainError):
    code = "report_definition_read_only"
    zh = "报表“{name}”由总部下发，不能在门店修改或删除。请另存为新名称后修改。"
    en = "Report '{name}' comes from head office and cannot be changed here. Save it under a new name to change it."


class NoSuchDefinition(DomainError):
    code = "report_definition_missing"
    zh = "没有名为“{name}”的自定义报表。"
    en = "There is no saved report named '{name}'."


@dataclass(frozen=True)
class SavedDefinition:
    uuid: str
    name: str
    spec: BuilderSpec
    shared: bool
    origin: str
    updated_by: str


def save_definition(store: LocalStore, actor: Actor, name: str, spec: BuilderSpec,
                    shared: bool = False) -> SavedDefinition:
    check(actor.role, "reports.definitions.save_definition")
    name = (name or "").strip()
    if not name or len(name) > 80:
        raise BadDefinitionName()
    validate(spec)
    body = json.dumps(spec.to_json(), ensure_ascii=False, sort_keys=True)
    with UnitOfWork(store.engine) as uow:
        s, now = uow.session, utc_now()
        row = s.scalar(select(ReportDefinition).where(ReportDefinition.name == name))
        if row is not None and row.origin == HEAD_OFFICE:
            raise DefinitionFromHeadOffice(name=name)
        if row is None:
            row = ReportDefinition(uuid=str(uuidlib.uuid4()), name=name, origin="local")
            s.add(row)
        was_shared = bool(row.shared)
        row.spec_json, row.shared, row.updated_by, row.updated_at = body, shared, \
            actor.username, now
        write_audit(s, store, actor, now, "report_definition.save", row.uuid,
                    {"name": name, "shared": shared})
        if shared:
            write_outbox(s, store, now, "report_definition.saved",
                         {"uuid": row.uuid, "name": name, "spec": spec.to_json()})
        elif was_shared:
            write_outbox(s, store, now, "report_definition.deleted", {"uuid": row.uuid})
        uow.commit()
        return _saved(row)


def list_definitions(store: LocalStore, *, actor: Actor = LOCAL_OPERATOR) -> list[SavedDefinition]:
    check(actor.role, "reports.definitions.list_definitions")
    with UnitOfWork(store.engine, write=False) as uow:
        rows = uow.session.scalars(select(ReportDefinition).order_by(ReportDefinition.name))
        return [_saved(r) for r in rows]


def delete_definition(store: LocalStore, actor: Actor, name: str) -> None:
    check(actor.role, "reports.definitions.delete_definition")
    with UnitOfWork(store.engine) as uow:
        s, now = uow.session, utc_now()
        row = s.scalar(select(ReportDefinition).where(ReportDefinition.name == name))
        if row is None:
            raise NoSuchDefinition(name=name)
        if row.origin == HEAD_OFFICE:
            raise DefinitionFromHeadOffice(name=name)
        write_audit(s, store, actor, now, "report_definition.delete", row.uuid, {"name": name})
        if row.shared:
            write_outbox(s, store, now, "report_definition.deleted", {"uuid": row.uuid})
        s.delete(row)
        uow.commit()


def apply_shared(s: Session, payload: dict, deleted: bool = False) -> None:
    """A definition head office passed on (inside the feed applier's transaction): kept
    read-only under its uuid; a local one of the same name is renamed, never overwritten."""
    row = s.scalar(select(ReportDefinition).where(ReportDefinition.uuid == payload["uuid"]))
    if row is not None and row.origin != HEAD_OFFICE:
        return  # our own shared definition, passed back to us by the feed
    if deleted:
        if row is not None:
            s.delete(row)
        return
    spec = BuilderSpec.from_json(payload["spec"])  # refuses anything outside the whitelist
    name = str(payload["name"]).strip()[:80]
    clash = s.scalar(select(ReportDefinition).where(ReportDefinition.name == name,
                                                    ReportDefinition.uuid != payload["uuid"]))
    if clash is not None:
        clash.name = f"{clash.name[:70]} (local)"
        s.flush()
    if row is None:
        row = ReportDefinition(uuid=payload["uuid"])
        s.add(row)
    row.name, row.spec_json, row.shared, row.origin = name, json.dumps(
        spec.to_json(), ensure_ascii=False, sort_keys=True), True, HEAD_OFFICE
    row.updated_by, row.updated_at = str(payload.get("by", HEAD_OFFICE))[:64], utc_now()


def _saved(row: ReportDefinition) -> SavedDefinition:
    return SavedDefinition(row.uuid, row.name, BuilderSpec.from_json(json.loads(row.spec_json)),
                           bool(row.shared), row.origin, row.updated_by)
