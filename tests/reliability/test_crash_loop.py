"""Item 1: sales posted by a process killed with SIGKILL at seeded random moments.

Default run: `DEFAULT_KILLS` kill points with forked children plus a few with fresh
interpreters; with env CI=true the forked loop runs `CI_KILLS` (>= 100); the slow variant
(`-m slow`) runs `SLOW_KILLS`. JXC_CRASH_KILLS and JXC_CRASH_SEED override count and seed.
What is checked after each kill: see crashloop.py.
"""
from __future__ import annotations

import os

import pytest

from crashloop import CrashLoop, cli_verify

DEFAULT_KILLS = 40
CI_KILLS = 120
SLOW_KILLS = 1000
SPAWN_KILLS = 4
SEED = int(os.environ.get("JXC_CRASH_SEED", "20261122"))


def _kills(default: int) -> int:
    if "JXC_CRASH_KILLS" in os.environ:
        return int(os.environ["JXC_CRASH_KILLS"])
    return CI_KILLS if os.environ.get("CI") == "true" and default < CI_KILLS else default


def _run(shop, keys, tmp_path, kills: int, **options):
    loop = CrashLoop(shop, keys, tmp_path, SEED, **options)
    outcome = loop.run(kills)
    print(f"\ncrash loop ({'spawn' if options.get('spawn') else 'fork'}, seed {SEED}): "
          f"{outcome.summary()}")
    assert outcome.kills == kills and not outcome.problems
    assert cli_verify(shop.root, in_process=False) == []
    return outcome


def test_crash_loop_forked_children(shop, keys, tmp_path):
    outcome = _run(shop, keys, tmp_path, _kills(DEFAULT_KILLS))
    # The loop must have hit the interesting moments, not just idle children: kills inside
    # a sale (a "maybe sent" for each), and kills before the store was even open.
    assert outcome.maybe_sent >= outcome.kills // 2 and outcome.killed_before_open >= 1
    assert outcome.sales_in_store >= outcome.maybe_sent


def test_crash_loop_fresh_interpreters(shop, keys, tmp_path):
    """Same loop, each child a new `python harness.py child` process (a real restart)."""
    outcome = _run(shop, keys, tmp_path, SPAWN_KILLS, spawn=True)
    assert outcome.acknowledged + outcome.maybe_sent > 0


@pytest.mark.slow
def test_crash_loop_thousand_kills(shop, keys, tmp_path):
    outcome = _run(shop, keys, tmp_path, _kills(SLOW_KILLS))
    assert outcome.maybe_sent >= outcome.kills // 2
