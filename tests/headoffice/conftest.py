"""Fixtures of the head-office tests: a real server per database backend (see hqtest.py)."""
from __future__ import annotations

from hqtest_fixtures import hq, tills  # noqa: F401  (fixtures)
