"""The log's second line of defence masks anything that looks like a secret."""
from __future__ import annotations

import logging

from app.logsetup import attach_file_log, mask_secrets


def test_mask_secrets():
    key = "ab" * 32
    assert key not in mask_secrets(f"opened with {key}")
    assert "hunter22" not in mask_secrets("password=hunter22 user=admin")
    assert "tok123" not in mask_secrets("Authorization: Bearer tok123")
    assert "user=admin" in mask_secrets("password=hunter22 user=admin")


def test_file_log_masks_records(tmp_path):
    path = attach_file_log(tmp_path)
    try:
        logging.getLogger("test").warning("pin: %s token=%s", "4321", "cd" * 20)
        for h in logging.getLogger().handlers:
            h.flush()
        text = path.read_text(encoding="utf-8")
        assert "4321" not in text and "cd" * 20 not in text and "***" in text
    finally:
        root = logging.getLogger()
        for h in [h for h in root.handlers if getattr(h, "baseFilename", "") == str(path)]:
            root.removeHandler(h)
            h.close()
