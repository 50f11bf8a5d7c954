"""Logging: a rotating file in the store's data directory, secrets masked.

Code never passes keys, tokens, passwords or PINs to a logger; the filter is the second
line of defence and masks anything that looks like one in every record.
"""
from __future__ import annotations

import logging
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_FILE = "jxc.log"
_SECRET_PATTERNS = [
    re.compile(r"(?i)\b[0-9a-f]{32,}\b"),  # raw keys and tokens in hex
    re.compile(r"(?i)((?:password|passwd|pin|token|secret|key)\s*[=:]\s*)\S+"),
    re.compile(r"(?i)(bearer\s+)\S+"),
]


def mask_secrets(text: str) -> str:
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub(lambda m: (m.group(1) if m.groups() else "") + "***", text)
    return text


class SecretMaskingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = mask_secrets(record.getMessage())
        record.msg, record.args = message, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_secrets(record.exc_text)
        return True


def configure_console(debug: bool) -> None:
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    if not root.handlers:  # otherwise Python's last-resort handler prints warnings to stderr
        root.addHandler(logging.NullHandler())
    if debug and not any(getattr(h, "_jxc_console", False) for h in root.handlers):
        handler = logging.StreamHandler()
        handler._jxc_console = True  # type: ignore[attr-defined]
        handler.addFilter(SecretMaskingFilter())
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)


def attach_file_log(logs_dir: Path) -> Path:
    """Start logging into <data dir>/logs/jxc.log (5 files of 5 MB)."""
    root = logging.getLogger()
    path = logs_dir / LOG_FILE
    for h in root.handlers:
        if isinstance(h, RotatingFileHandler) and Path(h.baseFilename) == path:
            return path
    logs_dir.mkdir(parents=True, exist_ok=True)
    # A log that cannot be written (a full disk) must not print tracebacks over the
    # user's one-line message; the error the action itself meets says what happened.
    logging.raiseExceptions = False
    handler = RotatingFileHandler(path, maxBytes=5 * 1024 * 1024, backupCount=5, encoding="utf-8")
    handler.addFilter(SecretMaskingFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return path
