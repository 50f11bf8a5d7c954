"""Masking for head office's logs: no token or code ever reaches a log line.

The API takes tokens only in the Authorization header (never logged), but a misconfigured
client may still put one in a URL, and uvicorn's access log prints URLs: this filter masks
token-shaped strings and secret-named query values in every record of the loggers it is on.
"""
from __future__ import annotations

import logging
import re

_PATTERNS = [
    (re.compile(r"jxct_[A-Za-z0-9_\-]+"), "jxct_***"),
    (re.compile(r"(?i)\b((?:token|code|key|secret|password|authorization)=)[^&\s\"]*"), r"\1***"),
    (re.compile(r"(?i)(bearer\s+)\S+"), r"\1***"),
]


def mask(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class MaskSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(mask(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.msg, str) and not record.args:
            record.msg = mask(record.msg)
        return True


def install() -> None:
    for name in ("uvicorn.access", "uvicorn.error", "headoffice", "sqlalchemy"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, MaskSecrets) for f in logger.filters):
            logger.addFilter(MaskSecrets())
