"""Off-site copies through a real S3 protocol: moto's server on 127.0.0.1."""
from __future__ import annotations

import socket

import boto3
import pytest

from app.services.backup import (S3Target, download_backup, list_backups, list_remote,
                                 restore_backup, run_backup, upload_backup)
from app.services.backup.errors import OffsiteFailed
from app.services.health import WARNING, check_health
from backup_helpers import FAST, MemoryKeys


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def target(s3_endpoint, monkeypatch, request):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    bucket = f"jxc-{request.node.name[:20].replace('_', '-').lower()}"
    boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1").create_bucket(Bucket=bucket)
    return S3Target(bucket=bucket, prefix="stores/", endpoint_url=s3_endpoint)


def test_upload_list_download_and_restore_round_trip(store, keys, backup_keys, target, tmp_path):
    manifest = run_backup(store, keys, backup_keys, FAST)
    placed = upload_backup(store.layout.backups, manifest, target)
    assert placed["key"] == f"stores/{store.identity.store_uuid}/{manifest.id}.jxcbak"
    assert list_backups(store.layout.backups)[0].offsite["s3"]["key"] == placed["key"]
    remote = list_remote(target, store.identity.store_uuid)
    assert [(r["id"], r["size"]) for r in remote] == [(manifest.id, manifest.size)]

    fetched = download_backup(target, store.identity.store_uuid, manifest.id,
                              tmp_path / "fetched.jxcbak")
    assert fetched.read_bytes() == (store.layout.backups / manifest.file).read_bytes()
    with pytest.raises(OffsiteFailed):  # never overwrites
        download_backup(target, store.identity.store_uuid, manifest.id, fetched)
    result = restore_backup(fetched, type(store.layout)(tmp_path / "from-s3"), MemoryKeys(),
                            backup_keys)
    assert result.row_counts == manifest.row_counts


def test_a_failed_upload_is_recorded_and_reported(store, keys, backup_keys, target):
    manifest = run_backup(store, keys, backup_keys, FAST)
    missing = S3Target(bucket="no-such-bucket", endpoint_url=target.endpoint_url)
    with pytest.raises(OffsiteFailed) as info:
        upload_backup(store.layout.backups, manifest, missing)
    assert "jxc backup upload" in info.value.message("en")
    [saved] = list_backups(store.layout.backups)
    assert saved.status == "good" and "NoSuchBucket" in saved.offsite["s3"]["error"]
    backup_check = next(c for c in check_health(store).checks if c.name == "backup")
    assert backup_check.severity == WARNING and "off-site upload failed" in backup_check.en


def test_the_commands_upload_list_and_fetch(store, cli, target, tmp_path):
    from click.testing import CliRunner

    env = {"JXC_LANG": "en", "JXC_S3_BUCKET": target.bucket, "JXC_S3_PREFIX": target.prefix,
           "JXC_S3_ENDPOINT_URL": target.endpoint_url}

    def jxc(*args):
        return CliRunner().invoke(cli, ["--data-dir", str(store.layout.root), *args], env=env)

    made = jxc("backup", "now")
    assert made.exit_code == 0, made.output
    assert f"Uploaded to s3://{target.bucket}/{target.prefix}" in made.output
    [manifest] = list_backups(store.layout.backups)
    listed = jxc("backup", "fetch")
    assert listed.exit_code == 0 and manifest.id in listed.output
    dest = tmp_path / "copy.jxcbak"
    fetched = jxc("backup", "fetch", manifest.id, "--output", str(dest))
    assert fetched.exit_code == 0, fetched.output
    assert dest.read_bytes() == (store.layout.backups / manifest.file).read_bytes()
    again = jxc("backup", "upload", manifest.id)
    assert again.exit_code == 0 and "Uploaded" in again.output
    missing = jxc("backup", "upload", "S001-nope")
    assert missing.exit_code == 1 and "No backup S001-nope" in missing.output
