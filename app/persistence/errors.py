"""Errors of the local store. Each says what to do next; none carries a secret."""
from __future__ import annotations

from app.domain.errors import JxcError


class StoreError(JxcError):
    code = "store"


class NoKeyring(StoreError):
    code = "no_keyring"
    zh = ("这台电脑没有可用的系统钥匙串（{backend}），无法安全保存数据库密钥。"
          "请启用系统钥匙串（Windows 凭据管理器、macOS 钥匙串或 Secret Service）后重试。")
    en = ("No usable OS keyring on this computer ({backend}), so the database key cannot be "
          "kept safely. Enable the OS keyring (Windows Credential Manager, macOS Keychain or "
          "Secret Service) and try again.")


class KeyMissing(StoreError):
    code = "key_missing"
    zh = ("找不到门店 {store_code} 的数据库密钥（钥匙串条目“{entry}”不存在）。"
          "数据库未被改动。请在创建该门店的电脑和用户下运行，或用总部托管的密钥恢复。")
    en = ("The database key of store {store_code} is missing (no keyring entry '{entry}'). "
          "The database was not touched. Run JXC as the user on the PC that created the store, "
          "or restore the key escrowed at head office.")


class WrongKey(StoreError):
    code = "wrong_key"
    zh = ("无法打开 {path}：钥匙串中的密钥与数据库不匹配，或该文件不是 JXC 数据库（也可能已损坏）。"
          "数据库未被改动。请确认数据目录和钥匙串条目，或从备份恢复。")
    en = ("Cannot open {path}: the key in the keyring does not match the database, or the file "
          "is not a JXC database (or is damaged). The database was not touched. Check the data "
          "directory and keyring entry, or restore from a backup.")


class NotJxcDatabase(StoreError):
    code = "not_jxc_database"
    zh = "{path} 不是 JXC 数据库（{reason_zh}）。文件未被改动。请检查数据目录是否选错。"
    en = ("{path} is not a JXC database ({reason_en}). The file was not touched. "
          "Check that the data directory is the right one.")


class NoStore(StoreError):
    code = "no_store"
    zh = "数据目录 {path} 中还没有门店。请先运行 `jxc init --store-code 编码 --store-name 名称`。"
    en = ("There is no store in data directory {path}. Create one first with "
          "`jxc init --store-code CODE --store-name NAME`.")


class StoreExists(StoreError):
    code = "store_exists"
    zh = "数据目录 {path} 中已经有数据（{what}），jxc init 不会覆盖它。请换一个数据目录。"
    en = ("Data directory {path} already holds data ({what}); jxc init never overwrites it. "
          "Choose another data directory.")


class UnsafeSettings(StoreError):
    code = "unsafe_settings"
    zh = ("数据库设置不安全：{pragma} 为 {actual}，应为 {expected}。为避免断电丢失已完成的销售，"
          "JXC 拒绝打开。请检查磁盘和文件系统（例如网络盘不支持 WAL）。")
    en = ("Unsafe database setting: {pragma} is {actual}, expected {expected}. JXC refuses to "
          "open rather than risk losing committed sales on power loss. Check the disk and file "
          "system (network drives, for example, do not support WAL).")


class SchemaTooNew(StoreError):
    code = "schema_too_new"
    zh = "数据库版本 {revision} 比本程序新，请先升级 JXC。数据库未被改动。"
    en = "The database is at version {revision}, newer than this JXC. Upgrade JXC first. The database was not touched."


class MigrationFailed(StoreError):
    code = "migration_failed"
    zh = "数据库升级失败（{detail}）。升级前的安全副本在 {backup}，数据库已回滚到升级前。"
    en = "Upgrading the database failed ({detail}). A safety copy taken before is at {backup}; the database was rolled back."


class DatabaseDamaged(StoreError):
    code = "database_damaged"
    zh = ("数据库 {path} 已损坏（{detail}）。为避免记错账，JXC 暂停销售。数据库未被改动。"
          "请从最近的备份恢复（jxc backup list，然后 jxc restore），或联系支持。")
    en = ("The database {path} is damaged ({detail}). JXC stops selling rather than record "
          "wrong figures. The database was not touched. Restore the latest good backup "
          "(jxc backup list, then jxc restore), or call support.")


class DiskFull(StoreError):
    code = "disk_full"
    zh = ("磁盘空间已满，无法保存（{path}）。本次操作没有保存，之前的数据完好。"
          "请清理磁盘空间后重试。")
    en = ("The disk is full, so nothing could be saved ({path}). This action was not saved; "
          "everything saved before is intact. Free some disk space and try again.")


class DiskError(StoreError):
    code = "disk_error"
    zh = ("读写数据库文件失败（{path}：{detail}）。本次操作没有保存。请检查磁盘、权限和剩余空间后重试。")
    en = ("Reading or writing the database file failed ({path}: {detail}). This action was "
          "not saved. Check the disk, its permissions and free space, and try again.")
