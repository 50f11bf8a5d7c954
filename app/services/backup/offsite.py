"""Off-site copies in an S3-compatible bucket (AWS, MinIO, Aliyun OSS, Tencent COS...).

Only good backups are uploaded: the `.jxcbak` file (already encrypted under the backup key;
the bucket never sees a readable byte) and its manifest, under
`<prefix><store uuid>/<backup id>.jxcbak`. boto3 streams the file in parts, so memory stays
flat. After the upload the object's size and the sha256 kept in its metadata are checked
against the manifest, and the manifest records where the copy lives.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from app.services.backup.catalog import GOOD, MANIFEST_SUFFIX, Manifest, list_backups
from app.services.backup.errors import BackupNotFound, OffsiteFailed
from app.services.backup.settings import S3Target


def s3_client(target: S3Target):
    import boto3
    from botocore.config import Config

    return boto3.client("s3", endpoint_url=target.endpoint_url, region_name=target.region,
                        config=Config(retries={"max_attempts": 3, "mode": "standard"}))


def object_key(target: S3Target, store_uuid: str, backup_id: str, suffix: str) -> str:
    return f"{target.prefix}{store_uuid}/{backup_id}{suffix}"


def find_backup(backups: Path, backup_id: str) -> Manifest:
    for m in list_backups(backups):
        if m.id == backup_id:
            return m
    raise BackupNotFound(backup=backup_id)


def upload_backup(backups: Path, manifest: Manifest, target: S3Target, client=None) -> dict:
    """Copy one good backup to the bucket; records the result (or the error) in its manifest."""
    from boto3.exceptions import Boto3Error
    from botocore.exceptions import BotoCoreError, ClientError

    if manifest.status != GOOD:
        raise BackupNotFound(backup=f"{manifest.id} ({manifest.status})")
    client = client or s3_client(target)
    key = object_key(target, manifest.store_uuid, manifest.id, ".jxcbak")
    try:
        client.upload_file(str(backups / manifest.file), target.bucket, key,
                           ExtraArgs={"Metadata": {"sha256": manifest.sha256,
                                                   "store-code": manifest.store_code}})
        head = client.head_object(Bucket=target.bucket, Key=key)
        client.put_object(Bucket=target.bucket, Body=json.dumps(manifest.as_dict()).encode(),
                          Key=object_key(target, manifest.store_uuid, manifest.id, MANIFEST_SUFFIX))
    except (Boto3Error, BotoCoreError, ClientError, OSError) as exc:
        _failed(backups, manifest, target, f"{type(exc).__name__}: {exc}")
    if head["ContentLength"] != manifest.size or head["Metadata"].get("sha256") != manifest.sha256:
        _failed(backups, manifest, target, "the stored object differs from the local file")
    manifest.offsite = {"s3": {"bucket": target.bucket, "key": key, "etag": head.get("ETag", ""),
                               "uploaded_at": datetime.now(timezone.utc).isoformat()}}
    manifest.save(backups)
    return manifest.offsite["s3"]


def _failed(backups: Path, manifest: Manifest, target: S3Target, detail: str) -> None:
    """Record the failure in the manifest (health reports it), then raise."""
    manifest.offsite = {"s3": {"error": detail[:300],
                               "at": datetime.now(timezone.utc).isoformat()}}
    manifest.save(backups)
    raise OffsiteFailed(backup=manifest.id, target=target.describe(), detail=detail[:200])


def list_remote(target: S3Target, store_uuid: str, client=None) -> list[dict]:
    """The store's backups in the bucket (id, size, time), oldest first."""
    client = client or s3_client(target)
    prefix = f"{target.prefix}{store_uuid}/"
    found = []
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=target.bucket,
                                                                 Prefix=prefix):
        for obj in page.get("Contents", []):
            if obj["Key"].endswith(".jxcbak"):
                found.append({"id": obj["Key"][len(prefix):-len(".jxcbak")], "key": obj["Key"],
                              "size": obj["Size"], "modified": obj["LastModified"].isoformat()})
    return sorted(found, key=lambda o: o["modified"])


def download_backup(target: S3Target, store_uuid: str, backup_id: str, dest: Path,
                    client=None) -> Path:
    """Fetch a backup file for `jxc restore` (on a new PC, say); never overwrites `dest`."""
    from boto3.exceptions import Boto3Error
    from botocore.exceptions import BotoCoreError, ClientError

    client = client or s3_client(target)
    if dest.exists():
        raise OffsiteFailed(backup=backup_id, target=target.describe(),
                            detail=f"{dest} already exists; nothing was overwritten")
    part = dest.with_name(dest.name + ".part")
    try:
        client.download_file(target.bucket, object_key(target, store_uuid, backup_id, ".jxcbak"),
                             str(part))
    except (Boto3Error, BotoCoreError, ClientError, OSError) as exc:
        part.unlink(missing_ok=True)
        raise OffsiteFailed(backup=backup_id, target=target.describe(),
                            detail=type(exc).__name__) from None
    part.replace(dest)
    return dest
