"""Errors of the head office: each has a stable code, a message in Chinese and English,
and the HTTP status the API answers with. None ever carries a token or a code."""
from __future__ import annotations

from app.domain.errors import JxcError


class HqError(JxcError):
    code = "hq_error"
    status = 400


class UnsupportedDatabase(HqError):
    code = "unsupported_database"
    zh = "不支持的数据库地址“{scheme}”：请使用 postgresql://… 或 sqlite:///路径。"
    en = "Unsupported database URL scheme '{scheme}': use postgresql://… or sqlite:///path."


class DatabaseUnavailable(HqError):
    code = "database_unavailable"
    status = 503
    zh = "总部数据库无法连接（{detail}）。请检查数据库地址和服务是否在运行。"
    en = "The head-office database cannot be reached ({detail}). Check the URL and that it is running."


class SchemaNotReady(HqError):
    code = "schema_not_ready"
    status = 503
    zh = "总部数据库版本为 {current}，需要 {head}。请先运行 `jxc hq init --db 地址`。"
    en = "The head-office database is at version {current}, {head} is needed. Run `jxc hq init --db URL` first."


class SchemaTooNew(HqError):
    code = "hq_schema_too_new"
    zh = "总部数据库版本 {current} 比本程序新，请先升级 JXC。数据库未被改动。"
    en = "The head-office database is at version {current}, newer than this JXC. Upgrade JXC first; nothing was changed."


class StoreNotFound(HqError):
    code = "hq_store_not_found"
    status = 404
    zh = "总部没有编码为 {code} 的门店。请先运行 `jxc hq store add {code} --name 名称`。"
    en = "Head office has no store {code}. Add it first with `jxc hq store add {code} --name NAME`."


class HqStoreExists(HqError):
    code = "hq_store_exists"
    status = 409
    zh = "门店 {code} 已经存在。"
    en = "Store {code} already exists."


class TerminalNotFound(HqError):
    code = "terminal_not_found"
    status = 404
    zh = "门店 {store} 没有名为“{name}”的终端。"
    en = "Store {store} has no terminal named '{name}'."


class TerminalExists(HqError):
    code = "terminal_exists"
    status = 409
    zh = "门店 {store} 已有名为“{name}”的终端，请换一个名称。"
    en = "Store {store} already has a terminal named '{name}'; choose another name."


class InvalidName(HqError):
    code = "invalid_terminal_name"
    zh = "终端名称不能为空，且不超过 64 个字符。"
    en = "A terminal name must not be empty and at most 64 characters long."


class EnrollmentCodeInvalid(HqError):
    code = "enrollment_code_invalid"
    status = 403
    zh = "注册码无效、已使用或已过期。请在总部重新生成：`jxc hq terminal add 门店 名称`。"
    en = ("The enrollment code is unknown, already used or expired. Ask head office for a new "
          "one (`jxc hq terminal add STORE NAME`).")


class StoreMismatch(HqError):
    code = "store_mismatch"
    status = 409
    zh = "注册码属于门店 {hq_store}，但本机数据是门店 {local_store}。注册码未被使用。"
    en = ("The enrollment code belongs to store {hq_store}, but this data directory is store "
          "{local_store}. The code was not used.")


class Unauthorized(HqError):
    code = "unauthorized"
    status = 401
    zh = "终端凭据缺失或无效。请重新注册本终端（jxc enroll）。"
    en = "The terminal's credentials are missing or not valid. Enroll this terminal again (jxc enroll)."


class TerminalRevoked(HqError):
    code = "terminal_revoked"
    status = 403
    zh = "总部已停用本终端的同步权限。本机仍可离线销售；请联系总部重新注册。"
    en = ("Head office revoked this terminal's sync access. Selling continues offline; ask "
          "head office for a new enrollment code.")


class WrongStore(HqError):
    code = "wrong_store"
    status = 403
    zh = "本终端属于门店 {own}，不能写入门店 {other} 的数据。"
    en = "This terminal belongs to store {own} and may not write data of store {other}."


class BadBody(HqError):
    code = "bad_body"
    zh = "请求内容无法读取：{detail}。"
    en = "The request body cannot be read: {detail}."


class PublishRefused(HqError):
    code = "publish_refused"
    status = 422
    zh = "没有发布任何内容：{count} 处问题，例如 {first_zh}"
    en = "Nothing was published: {count} problem(s), e.g. {first_en}"


class ValueOutOfRange(HqError):
    code = "value_out_of_range"
    status = 422
    zh = "本批数据会使总部的库存或销售合计超出可记录的范围（64 位整数）；整批未入账。请检查终端数据。"
    en = ("This batch would take a stock or sales total at head office beyond what it can "
          "record (a 64-bit integer); nothing of it was applied. Check the terminal's data.")
