"""Counts from a handheld data collector (盘点机) file: one "barcode,qty", "barcode qty" or
"barcode<TAB>qty" per line (a line with only a barcode counts one).

Every good line is added to the stocktake's counts in one transaction; each bad line (no
barcode, a quantity that is not a number, an unknown barcode, a product outside the
stocktake's scope) is reported with its line number and text, and all of them are written
to `<file>.rejected.txt` beside the file, so nothing the collector recorded is lost: fix
that file and import it again.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from app.domain.errors import DomainError
from app.domain.money import parse_quantity
from app.domain.permissions import check
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.records import Actor, Clock, utc_now, write_audit

from .stocktakes import add_counts, resolve_in_scope

MAX_BYTES = 20 * 1024 * 1024
_SPLIT = re.compile(r"[,\t;，；]|\s+")


class UnreadableCountFile(DomainError):
    code = "count_file_unreadable"
    zh = "无法读取盘点机文件 {name}：{why_zh}。没有导入任何数量。"
    en = "Cannot read the data collector file {name}: {why_en}. No counts were imported."


@dataclass(frozen=True)
class BadLine:
    line: int
    text: str
    zh: str
    en: str


@dataclass(frozen=True)
class HandheldResult:
    lines: int          # good lines added
    products: int       # distinct products they counted
    bad: tuple[BadLine, ...]
    rejected_file: Path | None


def import_counts(store: LocalStore, actor: Actor, ref: str, path: Path, *,
                  clock: Clock = utc_now) -> HandheldResult:
    check(actor.role, "stock_work.handheld.import_counts")
    path = Path(path)
    text = _read(path)
    good, bad = [], []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parsed = _parse(line)
        if isinstance(parsed, tuple) and len(parsed) == 2 and isinstance(parsed[1], int):
            good.append((number, raw, *parsed))
        else:
            bad.append(BadLine(number, raw, *parsed))
    counts: dict[str, int] = {}
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        for number, raw, code, qty in good:
            try:
                item = resolve_in_scope(s, ref, code)
            except DomainError as exc:
                if exc.code == "no_such_stocktake":
                    raise
                bad.append(BadLine(number, raw, exc.message("zh_CN"), exc.message("en")))
                continue
            counts[item.sku] = counts.get(item.sku, 0) + qty
        if counts:
            add_counts(s, ref, counts)
            write_audit(s, store, actor, clock(), "stocktake.import_counts", ref,
                        {"file": path.name[:80], "lines": len(good) - _bad_of(bad, good),
                         "rejected": len(bad)})
        uow.commit()
    bad.sort(key=lambda b: b.line)
    rejected = _write_rejected(path, bad) if bad else None
    return HandheldResult(len(good) - _bad_of(bad, good), len(counts), tuple(bad), rejected)


def _bad_of(bad: list[BadLine], good: list) -> int:
    lines = {g[0] for g in good}
    return sum(1 for b in bad if b.line in lines)


def _parse(line: str):
    parts = [p for p in _SPLIT.split(line) if p]
    if len(parts) > 2:
        return ("一行应为“条码,数量”", "a line must be 'barcode,qty'")
    code = parts[0]
    if len(code) > 40:
        return ("条码太长", "the barcode is too long")
    if len(parts) == 1:
        return code, 1000
    try:
        qty = parse_quantity(parts[1])
    except DomainError:
        return (f"数量“{parts[1]}”不是数字", f"the quantity '{parts[1]}' is not a number")
    if qty <= 0:
        return ("数量必须大于 0", "the quantity must be above 0")
    return code, qty


def _read(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableCountFile(name=path.name, why_zh="文件超过 20 MB",
                                      why_en="it is over 20 MB")
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableCountFile(name=path.name, why_zh=f"打不开（{exc.strerror}）",
                                  why_en=f"it cannot be opened ({exc.strerror})") from None
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableCountFile(name=path.name, why_zh="不是文本文件", why_en="it is not a text file")
    for encoding in ("utf-16", ) if data.startswith((b"\xff\xfe", b"\xfe\xff")) \
            else ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableCountFile(name=path.name, why_zh="编码既不是 UTF-8 也不是 GBK",
                              why_en="its encoding is neither UTF-8 nor GBK")


def _write_rejected(path: Path, bad: list[BadLine]) -> Path | None:
    target = path.with_name(f"{path.stem}.rejected.txt")
    lines = [f"# {b.line}: {b.zh} / {b.en}\n{b.text}" for b in bad]
    try:
        target.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    except OSError:
        return None
    return target
