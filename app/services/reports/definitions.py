"""Saved report-builder definitions: kept in `report_definitions`, shared through head office.

Saving one is a user action: one transaction with the audit entry and, when the definition
is shared, an outbox event `report_definition.saved` (or `.deleted`) carrying its uuid,
name and JSON. Head office shares definitions with the stores through its change feed
(kind `report`): `apply_published`, called by the feed applier, keeps each one read-only
under its own namespace (stored name "hq:<name>", origin `head_office`), so a store's own
definition of the same name is never touched, and a store user cannot name a definition
"hq:…", change or delete a head-office one; "save as" under another name makes a copy.
`export_definition` writes a store's definition as the file `jxc hq publish report` takes.
"""
from __future__ import annotations

import json
import uuid as uuidlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import DomainError
from app.domain.permissions import check
from app.domain.report_share import SharedDefinition, shared_from_record
from app.domain.report_spec import is_custom
from app.persistence.schema import ReportDefinition
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.records import LOCAL_OPERATOR, Actor, utc_now, write_audit, write_outbox
from app.services.report_builder import BuilderSpec, validate
from app.services.reports import custom_dims

HEAD_OFFICE = "head_office"
HQ_PREFIX = "hq:"  # the stored name of a head-office definition: "hq:<its name>"


class BadDefinitionName(DomainError):
    code = "report_definition_name"
    zh = "报表名称不能为空，不超过 80 个字符，且不能以“hq:”开头（总部下发的报表使用）。"
    en = ("A report name must not be empty, may have at most 80 characters and may not "
          "start with 'hq:' (used by head office's reports).")


class DefinitionFromHeadOffice(DomainError):
    code = "report_definition_read_only"
    zh = "报表“{name}”由总部下发，不能在门店修改或删除。请另存为新名称后修改。"
    en = ("Report '{name}' comes from head office and cannot be changed here. Save it under "
          "a new name to change it.")


class NoSuchDefinition(DomainError):
    code = "report_definition_missing"
    zh = "没有名为“{name}”的自定义报表。"
    en = "There is no saved report named '{name}'."


class NameTakenLocally(DomainError):
    code = "report_definition_name_taken"
    zh = "本店自己的报表已使用名称“{name}”，总部的报表无法保存。"
    en = "This store's own report is named '{name}', so head office's report cannot be kept."


@dataclass(frozen=True)
class SavedDefinition:
    uuid: str
    name: str  # as shown (a head-office definition's without "hq:")
    spec: BuilderSpec
    shared: bool
    origin: str
    updated_by: str
    key: str = ""  # the stored, unique name
    title_zh: str = ""
    title_en: str = ""

    @property
    def from_head_office(self) -> bool:
        return self.origin == HEAD_OFFICE

    def title(self, language: str) -> str:
        return SharedDefinition(self.name, self.spec, self.title_zh, self.title_en).title(
            language)


def save_definition(store: LocalStore, actor: Actor, name: str, spec: BuilderSpec,
                    shared: bool = False) -> SavedDefinition:
    check(actor.role, "reports.definitions.save_definition")
    name = (name or "").strip()
    if not name or len(name) > 80 or name.lower().startswith(HQ_PREFIX):
        raise BadDefinitionName()
    validate(spec)
    body = json.dumps(spec.to_json(), ensure_ascii=False, sort_keys=True)
    with UnitOfWork(store.engine) as uow:
        s, now = uow.session, utc_now()
        row = _own(s, name)
        if row is None and _from_head_office(s, name) is not None:
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
    """The store's own definitions and head office's, by name (head office's after the
    store's one of the same name)."""
    check(actor.role, "reports.definitions.list_definitions")
    with UnitOfWork(store.engine, write=False) as uow:
        found = [_saved(r) for r in uow.session.scalars(select(ReportDefinition))]
    return sorted(found, key=lambda d: (d.name, d.from_head_office))


def delete_definition(store: LocalStore, actor: Actor, name: str) -> None:
    """Delete the store's own definition NAME (head office's cannot be deleted here)."""
    check(actor.role, "reports.definitions.delete_definition")
    with UnitOfWork(store.engine) as uow:
        s, now = uow.session, utc_now()
        row = _own(s, name)
        if row is None:
            if _from_head_office(s, name.removeprefix(HQ_PREFIX)) is not None:
                raise DefinitionFromHeadOffice(name=name.removeprefix(HQ_PREFIX))
            raise NoSuchDefinition(name=name)
        write_audit(s, store, actor, now, "report_definition.delete", row.uuid, {"name": name})
        if row.shared:
            write_outbox(s, store, now, "report_definition.deleted", {"uuid": row.uuid})
        s.delete(row)
        uow.commit()


def export_definition(store: LocalStore, name: str, *,
                      actor: Actor = LOCAL_OPERATOR) -> dict:
    """Definition NAME (the store's own, else head office's) as `jxc hq publish report`
    reads it: {"name", "spec"} plus the titles a head-office one has."""
    check(actor.role, "reports.definitions.export_definition")
    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        row = _own(s, name) or _from_head_office(s, name)
        if row is None:
            raise NoSuchDefinition(name=name)
        found = _saved(row)
    data = {"name": found.name, "spec": found.spec.to_json()}
    if found.title_zh or found.title_en:
        data.update(title_zh=found.title_zh, title_en=found.title_en)
    return data


def apply_published(s: Session, data: dict, now: datetime) -> str:
    """A definition head office published (kind `report`), in the feed applier's
    transaction: checked again (`report_share.shared_from_record`), kept as "hq:<name>",
    replacing its earlier version, or removed when withdrawn. Returns what the feed's audit
    entry lists; raises the `DomainError` that sets it aside."""
    shared = shared_from_record(data)
    key = HQ_PREFIX + shared.name
    row = s.scalar(select(ReportDefinition).where(ReportDefinition.name == key))
    if row is not None and row.origin != HEAD_OFFICE:
        raise NameTakenLocally(name=key)
    if not shared.active:
        if row is not None:
            s.delete(row)
        return f"{shared.name} (withdrawn)"
    if row is None:
        made = uuidlib.uuid5(uuidlib.NAMESPACE_URL, f"jxc:report:{key}")
        row = ReportDefinition(uuid=str(made), name=key, origin=HEAD_OFFICE)
        s.add(row)
    row.spec_json = json.dumps({**shared.spec.to_json(), "title_zh": shared.title_zh,
                                "title_en": shared.title_en}, ensure_ascii=False, sort_keys=True)
    row.shared, row.updated_by, row.updated_at = False, "head-office", now
    s.flush()
    missing = _unavailable(s, shared.spec)
    return shared.name + (f" (custom fields not here: {', '.join(missing)})" if missing else "")


def _own(s: Session, name: str) -> ReportDefinition | None:
    return s.scalar(select(ReportDefinition).where(ReportDefinition.name == name,
                                                   ReportDefinition.origin != HEAD_OFFICE))


def _from_head_office(s: Session, name: str) -> ReportDefinition | None:
    return s.scalar(select(ReportDefinition).where(ReportDefinition.name == HQ_PREFIX + name,
                                                   ReportDefinition.origin == HEAD_OFFICE))


def _unavailable(s: Session, spec: BuilderSpec) -> list[str]:
    """The custom field dimensions this store has not (or has hidden): running the report
    says so (`CustomDimensionUnavailable`)."""
    missing = []
    for name in filter(is_custom, spec.dimensions):
        try:
            custom_dims.resolve(s, [name])
        except custom_dims.CustomDimensionUnavailable:
            missing.append(name)
    return missing


def _saved(row: ReportDefinition) -> SavedDefinition:
    data = json.loads(row.spec_json)
    titles = data.pop("title_zh", "") or "", data.pop("title_en", "") or ""
    hq = row.origin == HEAD_OFFICE
    name = row.name.removeprefix(HQ_PREFIX) if hq else row.name
    return SavedDefinition(row.uuid, name, BuilderSpec.from_json(data), bool(row.shared),
                           row.origin, row.updated_by, row.name, *titles)
