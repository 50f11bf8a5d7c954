"""Errors of the sync uplink. Each says what happened and what to do; none carries a token."""
from __future__ import annotations

from app.domain.errors import JxcError


class SyncError(JxcError):
    code = "sync"


class NotEnrolled(SyncError):
    code = "not_enrolled"
    zh = "本终端尚未在总部注册，同步未启用。请运行 `jxc enroll 总部地址 注册码`。"
    en = "This terminal is not enrolled with head office, so sync is off. Run `jxc enroll HQ_URL CODE`."


class TokenMissing(SyncError):
    code = "sync_token_missing"
    zh = "钥匙串中找不到本终端的总部凭据（条目“{entry}”），同步已停用。请重新注册：`jxc enroll 总部地址 注册码`。"
    en = ("The head-office token of this terminal is not in the keyring (entry '{entry}'), so "
          "sync is disabled. Enroll again: `jxc enroll HQ_URL CODE`.")


class SyncDisabled(SyncError):
    code = "sync_disabled"
    zh = ("同步已停用：{reason_zh}。本机照常离线销售，{pending} 条记录保留在本机，"
          "重新注册后会发送。")
    en = ("Sync disabled: {reason_en}. Selling continues offline; {pending} events are kept "
          "here and will be sent after enrolling again.")


class HqUnreachable(SyncError):
    code = "hq_unreachable"
    zh = "无法连接总部 {url}（{reason}），已重试 {attempts} 次。{pending} 条记录保留在本机，恢复后自动发送。"
    en = ("Head office at {url} cannot be reached ({reason}) after {attempts} attempts. "
          "{pending} events are kept here and will be sent when it is back.")


class TlsFailed(SyncError):
    code = "hq_tls_failed"
    zh = ("总部 {url} 的证书校验失败（{reason}）。没有发送任何数据。请检查地址，"
          "或用 `jxc enroll … --ca-bundle 文件` 指定私有 CA。")
    en = ("The certificate of head office {url} could not be verified ({reason}). Nothing was "
          "sent. Check the address, or give a private CA with `jxc enroll … --ca-bundle FILE`.")


class HqRefused(SyncError):
    """Head office answered with an error: its message, in both languages, is shown."""

    code = "hq_refused"
    zh = "总部拒绝了请求（{code}）：{message_zh}"
    en = "Head office refused the request ({code}): {message_en}"


class SyncBusy(SyncError):
    code = "sync_busy"
    zh = "本数据目录已有一个同步进程在运行（进程 {pid}）。请等它结束。"
    en = "Another sync is already running for this data directory (process {pid}). Let it finish."


class EventsRefused(SyncError):
    code = "events_refused"
    zh = ("总部拒绝了 {count} 条记录（例如 {example}：{reason}）。这些记录保留在本机并标为失败，"
          "`jxc sync status` 可查看；请联系总部核对。")
    en = ("Head office refused {count} events (e.g. {example}: {reason}). They are kept here, "
          "marked failed and listed by `jxc sync status`; check them with head office.")


class NoAcknowledgement(SyncError):
    code = "no_acknowledgement"
    zh = "总部的答复没有确认已发送的 {count} 条记录；它们仍待发送。请检查总部版本。"
    en = ("Head office's answer did not acknowledge {count} of the events sent; they stay "
          "pending. Check the head-office version.")


class BadFeed(SyncError):
    code = "bad_change_feed"
    zh = "总部的变更数据顺序不对（游标 {after} 之后收到 {got}），本页未应用。请检查总部版本。"
    en = ("Head office's change feed is out of order (got {got} after cursor {after}); the "
          "page was not applied. Check the head-office version.")
