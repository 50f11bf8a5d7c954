"""Which language the user reads: zh_CN first, English second.

`JXC_LANG` wins (zh_CN or en); otherwise an English system locale picks English and
everything else gets Chinese.
"""
from __future__ import annotations

import os

SUPPORTED = ("zh_CN", "en")


def user_language(env: dict[str, str] | None = None) -> str:
    env = os.environ if env is None else env
    chosen = env.get("JXC_LANG", "").strip()
    if chosen:
        return "en" if chosen.lower().startswith("en") else "zh_CN"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh_CN"
    return "zh_CN"
