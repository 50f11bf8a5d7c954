"""Product images: copied into the data directory (`images/`), named by their content.

The same picture chosen twice is stored once; a file is never overwritten, so an image a
saved product points to never changes. The product row keeps the path relative to the data
directory, so a restored backup or a moved data directory still finds its images.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .errors import ImageUnusable

IMAGE_DIR = "images"
MAX_IMAGE_BYTES = 5 * 1024 * 1024
SIGNATURES = {b"\x89PNG\r\n\x1a\n": ".png", b"\xff\xd8\xff": ".jpg", b"GIF87a": ".gif",
              b"GIF89a": ".gif", b"BM": ".bmp"}


def _kind(data: bytes) -> str | None:
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ".webp"
    return next((ext for sig, ext in SIGNATURES.items() if data.startswith(sig)), None)


def keep_image(root: Path, source: str) -> str:
    """Copy the image at `source` into the data directory `root`; its path relative to it."""
    path = Path(source)
    try:
        size = path.stat().st_size
        if size > MAX_IMAGE_BYTES:
            raise ImageUnusable(name=path.name, reason_zh=f"文件有 {size // 1024} KB，太大",
                                reason_en=f"the file has {size // 1024} KB, too large")
        data = path.read_bytes()
    except OSError as exc:
        raise ImageUnusable(name=path.name, reason_zh=f"无法读取（{exc.strerror or exc}）",
                            reason_en=f"it cannot be read ({exc.strerror or exc})") from None
    ext = _kind(data)
    if ext is None:
        raise ImageUnusable(name=path.name, reason_zh="不是图片文件",
                            reason_en="it is not an image file")
    relative = f"{IMAGE_DIR}/{hashlib.sha256(data).hexdigest()[:24]}{ext}"
    target = root / relative
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(target.suffix + ".part")
        partial.write_bytes(data)
        os.replace(partial, target)
    return relative


def image_file(root: Path, relative: str | None) -> Path | None:
    """The stored image's file, or None when there is none (or it went missing)."""
    if not relative:
        return None
    path = root / relative
    return path if path.is_file() else None
