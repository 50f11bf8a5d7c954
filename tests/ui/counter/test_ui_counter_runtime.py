"""The Qt binding the till runs on must not wear away Python's reference to None.

PySide6 6.12.0 on CPython 3.11 returns None from every void method (setText, clear, every
Python override of keyPressEvent...) without taking a reference. CPython 3.12+ makes None
immortal, so it does not matter there; on 3.11 the count falls by one per call and the
process dies with "Fatal Python error: none_dealloc" once it reaches zero. The sale screen
makes a few hundred such calls per scan, so a till died after about a hundred scans in
our measurement. PySide6 6.11.2 on 3.11 keeps the count (checked). Fix: PySide6 < 6.12 on
Python 3.11, or Python >= 3.12.
"""
from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel, QLineEdit


def test_void_qt_calls_keep_the_reference_to_none(qapp):
    label, edit = QLabel(), QLineEdit()
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("x")
        edit.clear()
    assert sys.getrefcount(None) - before > -100, (
        "this PySide6 build drops a reference to None on every void call: the app will "
        "crash with 'none_dealloc'. Use PySide6<6.12 on Python 3.11 (see module docstring)")
