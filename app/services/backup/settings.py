"""Backup settings: `<data dir>/backup.json` (optional), then JXC_BACKUP_*/JXC_S3_* variables.

Nothing secret lives here: S3 credentials come from boto3's usual chain (AWS_ACCESS_KEY_ID
and AWS_SECRET_ACCESS_KEY, a profile, or the machine's role), never from a JXC file.

    {"time": "02:30", "keep_daily": 7, "keep_weekly": 4, "keep_monthly": 12,
     "compression": "zlib", "s3": {"bucket": "jxc-backups", "prefix": "stores/",
     "endpoint_url": "https://s3.example.com", "region": "cn-north-1"}}
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from datetime import time
from pathlib import Path

from app.services.backup.errors import BadBackupSettings

SETTINGS_FILE = "backup.json"


@dataclass(frozen=True)
class S3Target:
    bucket: str
    prefix: str = "jxc/"
    endpoint_url: str | None = None
    region: str = "us-east-1"

    def describe(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}" + (f" ({self.endpoint_url})" if self.endpoint_url else "")


@dataclass(frozen=True)
class BackupSettings:
    at: time = time(2, 30)  # nightly, local time
    keep_daily: int = 7
    keep_weekly: int = 4
    keep_monthly: int = 12
    compression: str = "zlib"
    pages_per_step: int = 256  # online-backup step: 1 MiB of pages between progress reports
    s3: S3Target | None = field(default=None)


def load_settings(root: Path, env: dict[str, str] | None = None) -> BackupSettings:
    env = os.environ if env is None else env
    path = root / SETTINGS_FILE
    data: dict = {}
    if path.exists():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise BadBackupSettings(source=str(path), detail=type(exc).__name__) from None
        if not isinstance(data, dict):
            raise BadBackupSettings(source=str(path), detail="not a JSON object")
    settings = _from_dict(data, str(path))
    bucket = env.get("JXC_S3_BUCKET")
    if bucket:
        base = settings.s3 or S3Target(bucket)
        settings = replace(settings, s3=S3Target(
            bucket, env.get("JXC_S3_PREFIX", base.prefix),
            env.get("JXC_S3_ENDPOINT_URL", base.endpoint_url), env.get("JXC_S3_REGION", base.region)))
    if env.get("JXC_BACKUP_TIME"):
        settings = replace(settings, at=_time(env["JXC_BACKUP_TIME"], "JXC_BACKUP_TIME"))
    return settings


def _from_dict(data: dict, source: str) -> BackupSettings:
    s = BackupSettings()
    try:
        counts = {k: int(data.get(k, getattr(s, k))) for k in ("keep_daily", "keep_weekly",
                                                                "keep_monthly")}
    except (TypeError, ValueError):
        raise BadBackupSettings(source=source, detail="keep_* must be whole numbers") from None
    if any(v < 0 for v in counts.values()):
        raise BadBackupSettings(source=source, detail="keep_* must not be negative")
    compression = data.get("compression", s.compression)
    if compression not in ("zlib", "lzma"):
        raise BadBackupSettings(source=source, detail="compression is zlib or lzma")
    s3 = data.get("s3")
    if s3 is not None and (not isinstance(s3, dict) or not s3.get("bucket")):
        raise BadBackupSettings(source=source, detail="s3 needs at least a bucket")
    target = S3Target(s3["bucket"], s3.get("prefix", "jxc/"), s3.get("endpoint_url"),
                      s3.get("region", "us-east-1")) if s3 else None
    at = _time(data["time"], source) if "time" in data else s.at
    return replace(s, at=at, compression=compression, s3=target, **counts)


def _time(text: str, source: str) -> time:
    try:
        hh, mm = str(text).split(":")
        return time(int(hh), int(mm))
    except ValueError:
        raise BadBackupSettings(source=source, detail=f"time {text!r} is not HH:MM") from None
