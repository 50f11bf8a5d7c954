"""Benchmark results: printed beside their targets, saved as JSON and in docs/performance.md."""
from __future__ import annotations

import json
import os
import platform
import re
import sys
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path


@dataclass
class Result:
    name: str
    figure: float
    unit: str
    target: float
    lower_is_better: bool = True
    detail: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.figure <= self.target if self.lower_is_better else self.figure >= self.target


def machine() -> dict:
    cpu = platform.processor() or ""
    mem = ""
    try:
        info = Path("/proc/cpuinfo").read_text()
        cpu = re.search(r"model name\s*:\s*(.*)", info).group(1)
        kb = int(re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text()).group(1))
        mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, AttributeError):
        pass
    from sqlcipher3 import dbapi2

    return {"cpu": cpu, "cores": os.cpu_count(), "memory": mem, "os": platform.platform(),
            "python": sys.version.split()[0], "sqlite": dbapi2.sqlite_version}


def line(r: Result) -> str:
    mark = "ok  " if r.ok else "MISS"
    cmp = "<=" if r.lower_is_better else ">="
    return f"{mark} {r.name:16} {r.figure:>10} {r.unit:10} target {cmp} {r.target}"


def to_json(results: list[Result], scale: str, command: str) -> dict:
    return {"scale": scale, "command": command, "when": _now(), "machine": machine(),
            "results": [asdict(r) | {"ok": r.ok} for r in results]}


def write_doc(doc: Path, data: dict, descriptions: dict[str, str]) -> None:
    """Replace this scale's section of docs/performance.md, keeping the others."""
    scale = data["scale"]
    m = data["machine"]
    rows = "\n".join(
        f"| {r['name']} | {descriptions.get(r['name'], '')} | {r['figure']} {r['unit']} | "
        f"{'≤' if r['lower_is_better'] else '≥'} {r['target']} | {'ok' if r['ok'] else '**missed**'} |"
        for r in data["results"])
    section = (f"<!-- bench:{scale} -->\n## Scale `{scale}`\n\n"
               f"Command: `{data['command']}`  \nRun: {data['when']}  \n"
               f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory']}, {m['os']}, "
               f"Python {m['python']}, SQLite {m['sqlite']} (SQLCipher 4)\n\n"
               f"| benchmark | what | figure | target | |\n|---|---|---|---|---|\n{rows}\n"
               f"<!-- /bench:{scale} -->")
    text = doc.read_text(encoding="utf-8") if doc.exists() else HEADER
    pattern = re.compile(rf"<!-- bench:{scale} -->.*?<!-- /bench:{scale} -->", re.S)
    text = pattern.sub(lambda _: section, text) if pattern.search(text) else \
        text.rstrip("\n") + "\n\n" + section + "\n"
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(text, encoding="utf-8")


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


HEADER = """# Performance

Written by `jxc bench` (see `bench/`); do not edit the sections by hand. Each section is
the last run at that scale: `tiny` = 1,000 products (used by the tests), `small` =
20,000, `full` = 1,000,000. Datasets are built by the demo generator and cached in
`.bench-cache/`. Targets come from the issues and `docs/architecture.md`.
"""
