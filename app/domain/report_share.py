"""A report-builder definition head office shares with the stores (change kind `report`).

The payload is {"name", "spec": the `BuilderSpec` as JSON, "title_zh", "title_en",
"active": true}, or {"name", "active": false} to withdraw it; the change's key is the
name. Head office reads what an administrator gives with `shared_from_record` before it
publishes anything (`headoffice/feed_reports.py`), a store reads the payload again with it
before applying (`app.services.reports.definitions.apply_published`): one set of rules,
those of `report_spec.validate`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.report_spec import SPEC_FIELDS, BadDefinition, BuilderSpec

NAME_MAX = 60
TITLE_MAX = 80
RECORD_FIELDS = ("name", "spec", "title_zh", "title_en", "active")
ALIASES = {"zh": "title_zh", "en": "title_en"}  # as an administrator may write them
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class SharedDefinition:
    name: str
    spec: BuilderSpec | None  # None when withdrawn
    title_zh: str = ""
    title_en: str = ""
    active: bool = True

    def record(self) -> dict:
        if not self.active:
            return {"name": self.name, "active": False}
        return {"name": self.name, "spec": self.spec.to_json(), "title_zh": self.title_zh,
                "title_en": self.title_en, "active": True}

    def title(self, language: str) -> str:
        """The title in the language (the other one, else the name, when it has none)."""
        first, second = (self.title_zh, self.title_en) if language.startswith("zh") else \
            (self.title_en, self.title_zh)
        return first or second or self.name


def _bad(zh: str, en: str) -> BadDefinition:
    return BadDefinition(why_zh=zh, why_en=en)


def _line(value: object, limit: int, what_zh: str, what_en: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or len(value.strip()) > limit or _CONTROL.search(value):
        raise _bad(f"{what_zh}应为一行文字，最长 {limit} 个字。",
                   f"the {what_en} is one line of at most {limit} characters.")
    return value.strip()


def shared_from_record(data: object) -> SharedDefinition:
    """The definition a record describes, or `BadDefinition` naming the problem."""
    if not isinstance(data, dict):
        raise _bad("应为 JSON 对象。", "expected a JSON object.")
    data = {ALIASES.get(k, k): v for k, v in data.items()}
    unknown = sorted(str(k)[:20] for k in data if k not in RECORD_FIELDS)
    if unknown:
        raise _bad(f"不认识的项 {', '.join(unknown)}（可用：{', '.join(RECORD_FIELDS)}）。",
                   f"unknown item {', '.join(unknown)} (known: {', '.join(RECORD_FIELDS)}).")
    name = _line(data.get("name"), NAME_MAX, "报表名称", "report name")
    if not name:
        raise _bad("需要报表名称。", "the report needs a name.")
    active = data.get("active", True)
    if not isinstance(active, bool):
        raise _bad("active 应为 true 或 false。", "active is true or false.")
    if not active:
        return SharedDefinition(name, None, active=False)
    spec = data.get("spec")
    if not isinstance(spec, dict):
        raise _bad("需要报表定义 spec（维度、指标等）。",
                   "the report needs its spec (dimensions, measures…).")
    extra = sorted(str(k)[:20] for k in spec if k not in SPEC_FIELDS)
    if extra:
        raise _bad(f"spec 中不认识的项 {', '.join(extra)}（可用：{', '.join(SPEC_FIELDS)}）。",
                   f"unknown item {', '.join(extra)} in spec (known: {', '.join(SPEC_FIELDS)}).")
    return SharedDefinition(name, BuilderSpec.from_json(spec),
                            _line(data.get("title_zh"), TITLE_MAX, "中文标题", "Chinese title"),
                            _line(data.get("title_en"), TITLE_MAX, "英文标题", "English title"))
