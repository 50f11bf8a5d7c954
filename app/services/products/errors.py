"""What the product and master-data screens are refused, each with its message."""
from __future__ import annotations

from app.domain.errors import DomainError


class FormInvalid(DomainError):
    """Some fields of a form are wrong; `fields` maps each to its (zh, en) message, so a
    screen marks every one of them and keeps what the user typed."""

    code = "form_invalid"
    zh = "有 {count} 项需要修改：{summary_zh}"
    en = "{count} field(s) need attention: {summary_en}"

    def __init__(self, fields: dict[str, tuple[str, str]]) -> None:
        self.fields = dict(fields)
        super().__init__(count=len(fields),
                         summary_zh="；".join(zh for zh, _ in fields.values()),
                         summary_en="; ".join(en for _, en in fields.values()))

    def field_message(self, name: str, lang: str) -> str:
        zh, en = self.fields[name]
        return zh if lang.startswith("zh") else en


class RecordNotFound(DomainError):
    code = "record_not_found"
    zh = "找不到{what_zh}（{ref}），可能已被他人修改。请刷新列表后重试。"
    en = "There is no {what_en} '{ref}' any more; someone may have changed it. Refresh the list and try again."


class ImageUnusable(DomainError):
    code = "image_unusable"
    zh = "图片“{name}”不能使用：{reason_zh}。请选择 5 MB 以内的 PNG、JPG、GIF、BMP 或 WEBP 图片。"
    en = ("The image '{name}' cannot be used: {reason_en}. Choose a PNG, JPG, GIF, BMP or WEBP "
          "file of at most 5 MB.")
