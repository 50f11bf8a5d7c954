"""Errors every layer raises, each with a message in the user's language.

A message says what happened and what to do next. Subclasses set `code` (stable, for
tests and logs) and the `zh`/`en` templates, formatted with the keyword arguments given
at raise time. Secrets are never passed as parameters.
"""
from __future__ import annotations


class JxcError(Exception):
    code = "error"
    zh = "出现错误：{detail}"
    en = "Something went wrong: {detail}"

    def __init__(self, **params: object) -> None:
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "zh_CN") -> str:
        template = self.zh if lang.startswith("zh") else self.en
        try:
            return template.format(**self.params)
        except (KeyError, IndexError):
            return template


class DomainError(JxcError):
    """A business rule refused the request."""

    code = "domain"


class InvalidBarcode(DomainError):
    code = "invalid_barcode"
    zh = "条码“{barcode}”无效：{reason_zh}。请重新扫描或手工输入正确的条码。"
    en = "Barcode '{barcode}' is not valid: {reason_en}. Scan it again or type the correct code."


class AuthError(DomainError):
    code = "auth_failed"
    zh = "用户名或密码不正确，请重新输入。"
    en = "Wrong user name or password. Please try again."
