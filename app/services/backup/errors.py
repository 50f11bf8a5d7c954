"""What can go wrong with a backup or a restore, said so the user knows what to do next.

No message carries a key; key ids (a short fingerprint) are safe to show.
"""
from __future__ import annotations

from app.domain.errors import JxcError


class BackupError(JxcError):
    code = "backup"


class BackupBusy(BackupError):
    code = "backup_busy"
    zh = "另一个备份正在进行（{path} 已被锁定）。请等它完成后再试。"
    en = "Another backup is running ({path} is locked). Wait for it to finish and try again."


class BackupKeyMissing(BackupError):
    code = "backup_key_missing"
    zh = ("这台电脑的钥匙串里没有门店 {store_code} 的备份密钥（密钥指纹 {key_id}）。"
          "请用总部托管的备份密钥文件恢复：--backup-key-file 文件。没有写入任何文件。")
    en = ("This PC's keyring has no backup key for store {store_code} (key id {key_id}). "
          "Restore with the backup key escrowed at head office: --backup-key-file FILE. "
          "Nothing was written.")


class WrongBackupKey(BackupError):
    code = "wrong_backup_key"
    zh = ("备份密钥不对：该备份用指纹为 {expected} 的密钥加密，提供的密钥指纹是 {given}。"
          "请使用门店 {store_code} 的正确备份密钥。没有写入任何文件。")
    en = ("Wrong backup key: this backup was encrypted with key id {expected}, the key given "
          "has id {given}. Use store {store_code}'s backup key. Nothing was written.")


class BadKeyFile(BackupError):
    code = "bad_backup_key_file"
    zh = "{path} 不是有效的 JXC 备份密钥文件（{reason}）。没有写入任何文件。"
    en = "{path} is not a valid JXC backup key file ({reason}). Nothing was written."


class NotABackup(BackupError):
    code = "not_a_backup"
    zh = "{path} 不是 JXC 备份文件（{reason}）。没有写入任何文件。"
    en = "{path} is not a JXC backup file ({reason}). Nothing was written."


class BackupCorrupt(BackupError):
    code = "backup_corrupt"
    zh = ("备份文件 {path} 已损坏或被改动（{reason}），无法恢复。已删除恢复了一半的文件。"
          "请换用另一份备份（例如云端副本）。")
    en = ("Backup file {path} is damaged or was altered ({reason}) and cannot be restored. "
          "Anything partly restored was removed. Use another backup (the off-site copy, say).")


class BackupTooNew(BackupError):
    code = "backup_too_new"
    zh = "该备份的数据库版本 {revision} 比本程序新，请先升级 JXC 再恢复。没有写入任何文件。"
    en = "This backup's database is at version {revision}, newer than this JXC. Upgrade JXC, then restore. Nothing was written."


class VerificationFailed(BackupError):
    code = "backup_verification_failed"
    zh = "试恢复校验未通过（{problems}）。该备份未标记为可用。请运行 jxc health 并联系支持。"
    en = ("The trial restore failed its checks ({problems}); the backup is not marked good. "
          "Run `jxc health` and contact support.")


class RestoreTargetNotEmpty(BackupError):
    code = "restore_target_not_empty"
    zh = "目标数据目录 {path} 中已经有门店数据（{what}），恢复不会覆盖它。请指定一个新的空目录。"
    en = ("Target data directory {path} already holds a store ({what}); restore never overwrites. "
          "Give a new, empty directory.")


class RestoreKeyConflict(BackupError):
    code = "restore_key_conflict"
    zh = ("这台电脑的钥匙串中已有门店 {store_code} 的另一把数据库密钥（条目“{entry}”）。"
          "为免锁死现有门店，恢复已停止，没有写入任何文件。请在另一个系统用户下恢复或联系支持。")
    en = ("This PC's keyring already holds a different database key for store {store_code} "
          "(entry '{entry}'). Restore stopped so as not to lock out that store; nothing was "
          "written. Restore under another OS user or contact support.")


class BackupNotFound(BackupError):
    code = "backup_not_found"
    zh = "找不到备份 {backup}。用 jxc backup list 查看已有备份。"
    en = "No backup {backup}. See `jxc backup list` for the backups there are."


class OffsiteFailed(BackupError):
    code = "offsite_failed"
    zh = "备份 {backup} 上传到 {target} 失败（{detail}）。本地备份完好；请检查网络和存储桶设置后运行 jxc backup upload {backup}。"
    en = ("Uploading backup {backup} to {target} failed ({detail}). The local backup is fine; "
          "check the network and bucket settings, then run `jxc backup upload {backup}`.")


class BadBackupSettings(BackupError):
    code = "bad_backup_settings"
    zh = "备份设置 {source} 有误：{detail}。"
    en = "Backup settings in {source} are wrong: {detail}."


class OutputExists(BackupError):
    code = "output_exists"
    zh = "文件 {path} 已存在，不会覆盖它。请换一个文件名。"
    en = "{path} already exists and is never overwritten. Choose another file name."


class BackupDiskError(BackupError):
    code = "backup_disk_error"
    zh = "读写 {path} 失败（{detail}）。请检查磁盘空间和权限后重试。没有留下不完整的文件。"
    en = ("Reading or writing {path} failed ({detail}). Check free disk space and permissions, "
          "then try again. No partial file was left behind.")
