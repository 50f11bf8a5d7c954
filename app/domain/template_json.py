"""How the store keeps its print templates (receipt, label, document PDF): a dataclass as
sorted JSON, read back over the defaults, refusing keys it does not know."""
from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any, Callable

Refusal = Callable[[str, str], Exception]  # (zh, en) -> the template's own error


def template_json(template: Any) -> str:
    return json.dumps(asdict(template), ensure_ascii=False, sort_keys=True)


def stored_values(raw: object, default: Any, bad: Refusal) -> dict:
    """The settings of a template from its JSON text or dict; missing keys take the
    default's, unknown ones are refused. The caller checks the values' types."""
    if isinstance(raw, str):
        try:
            raw = json.loads(raw) if raw.strip() else {}
        except ValueError:
            raise bad("不是有效的 JSON。", "it is not valid JSON.") from None
    if not isinstance(raw, dict):
        raise bad("应为一个对象。", "it must be an object.")
    values = asdict(default)
    unknown = [k for k in raw if k not in values]
    if unknown:
        raise bad(f"不认识的设置：{'、'.join(map(str, unknown))}。",
                  f"unknown settings: {', '.join(map(str, unknown))}.")
    values.update(raw)
    return values
