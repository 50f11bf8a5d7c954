"""Write-offs (报损) with a reason code per line and an optional photo.

The photo is copied into the data directory (`photos/write_offs/<document id>.<ext>`)
before the document posts, and removed again if posting refuses it; the document's note
names the file, so the photo is found from the document. The photo is a plain file beside
the database: it is not encrypted and not part of JXC's database backups. The document
itself is an ordinary `write_off` posted by `post_document`.
"""
from __future__ import annotations

import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from app.domain.errors import DomainError
from app.domain.money import format_quantity
from app.domain.permissions import check
from app.persistence.store import LocalStore
from app.services.inventory.posting import PostResult, post_document
from app.services.records import Actor

from .common import NothingToPost

# code -> (中文, English): what the line's `reason` holds is the code.
REASONS = {"damaged": ("破损", "Damaged"), "expired": ("过期", "Expired"),
           "spoiled": ("变质", "Spoiled"), "lost": ("丢失", "Lost"),
           "sample": ("试吃/赠送", "Tasting or gift"), "recall": ("召回", "Recall"),
           "other": ("其他", "Other")}
PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".bmp"}
MAX_PHOTO_BYTES = 15 * 1024 * 1024
PHOTO_DIR = Path("photos") / "write_offs"


class BadPhoto(DomainError):
    code = "bad_photo"
    zh = "照片 {name} 不能使用：{why_zh}。报损单没有过账。"
    en = "The photo {name} cannot be used: {why_en}. The write-off was not posted."


class UnknownReason(DomainError):
    code = "unknown_reason"
    zh = "报损原因“{reason}”无效，可用：{known}。"
    en = "The write-off reason '{reason}' is not one of {known}."


@dataclass(frozen=True)
class WriteOffLine:
    sku: str
    qty_milli: int
    reason: str
    batch: str = ""


@dataclass(frozen=True)
class WriteOffResult:
    result: PostResult
    photo: Path | None  # where the photo is kept (absolute)


def write_off(store: LocalStore, actor: Actor, warehouse: str, lines: list[WriteOffLine], *,
              photo: Path | None = None, note: str = "", doc_id: str | None = None
              ) -> WriteOffResult:
    check(actor.role, "stock_work.write_offs.write_off")
    if not lines:
        raise NothingToPost(what_zh="报损单", what_en="write-off")
    for line in lines:
        if line.reason not in REASONS:
            raise UnknownReason(reason=line.reason, known=", ".join(REASONS))
    doc_id = doc_id or f"bs-{uuid.uuid4()}"
    kept = _keep_photo(store, photo, doc_id) if photo else None
    text = note.strip()
    if kept is not None:
        text = f"{text} [photo: {kept.relative_to(store.layout.root).as_posix()}]".strip()
    raw = {"type": "write_off", "id": doc_id, "warehouse": warehouse, "note": text[:500],
           "lines": [{"sku": l.sku, "qty": format_quantity(l.qty_milli), "reason": l.reason,
                      **({"batch": l.batch} if l.batch else {})} for l in lines]}
    try:
        result = post_document(store, actor, raw)
    except Exception:
        if kept is not None and not _exists(store, doc_id):
            kept.unlink(missing_ok=True)
        raise
    return WriteOffResult(result, kept)


def _exists(store: LocalStore, doc_id: str) -> bool:
    from app.persistence.ledger import run
    from app.persistence.uow import UnitOfWork

    with UnitOfWork(store.engine, write=False) as uow:
        return run(uow.session, "SELECT 1 FROM documents WHERE uuid = ?", (doc_id,)).first() \
            is not None


def _keep_photo(store: LocalStore, photo: Path, doc_id: str) -> Path:
    photo = Path(photo)
    suffix = photo.suffix.lower()
    if suffix not in PHOTO_SUFFIXES:
        raise BadPhoto(name=photo.name, why_zh="只接受 JPG、PNG、WEBP 或 BMP 图片",
                       why_en="only JPG, PNG, WEBP or BMP pictures are accepted")
    try:
        size = photo.stat().st_size
    except OSError as exc:
        raise BadPhoto(name=photo.name, why_zh=f"文件打不开（{exc.strerror}）",
                       why_en=f"it cannot be opened ({exc.strerror})") from None
    if size > MAX_PHOTO_BYTES:
        raise BadPhoto(name=photo.name, why_zh="超过 15 MB", why_en="it is over 15 MB")
    target_dir = store.layout.root / PHOTO_DIR
    target_dir.mkdir(parents=True, exist_ok=True)
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in doc_id)[:80]
    target = target_dir / f"{safe}{suffix}"
    shutil.copyfile(photo, target)
    return target
