"""The parent side of the crash loop: start a child, SIGKILL it after a seeded random delay,
then check the store the way a restarted till would find it (see harness.py for the child).

After every kill: the WAL the kill left is not flagged by walscan (no false alarm); every
acknowledged sale is there with its number; every sale is whole or
absent; numbers and sequences are gap-free; stock on hand equals the opening stock minus
the sales present; `jxc verify` passes (the CLI, in-process every time and as a real
subprocess every `cli_every` kills); the sales the till "maybe sent" are posted again and
are never counted twice, and an acknowledged sale posted again returns its first number.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from random import Random

import harness
import invariants
from app.persistence import walscan
from helpers import ROOT
from reliability_support import run_cli

HARNESS = str(Path(harness.__file__).resolve())


@dataclass
class Outcome:
    kills: int = 0
    killed_before_open: int = 0
    acknowledged: int = 0
    maybe_sent: int = 0
    maybe_sent_committed: int = 0
    sales_in_store: int = 0
    cli_subprocess_runs: int = 0
    wal_frames_scanned: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.kills} kills in {self.seconds:.1f} s ({self.killed_before_open} before "
                f"the store was open); {self.acknowledged} sales acknowledged, "
                f"{self.maybe_sent} maybe sent ({self.maybe_sent_committed} of them had "
                f"committed), {self.sales_in_store} sales in the store; "
                f"{self.cli_subprocess_runs} `jxc verify` subprocess runs; walscan read "
                f"{self.wal_frames_scanned} WAL frames left by the kills, no false alarm")


EARLY_KILLS = 0.15  # share of kills aimed at the start (imports, keyring, probe, migrations)
AFTER_OPEN = (0.0, 0.15)  # seconds after the store is open: inside some sale, nearly always


class ForkStarter:
    """Children forked by one `harness.py serve` process: a kill point costs milliseconds."""

    early = (0.0, 0.02)

    def __init__(self, data_dir: Path) -> None:
        self.proc = subprocess.Popen([sys.executable, HARNESS, "serve", str(data_dir)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                     cwd=ROOT)

    def _ask(self, line: str) -> str:
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline().split()[1]

    def start(self, gen: int, seed: int, journal: Path) -> int:
        return int(self._ask(f"run {gen} {seed} {journal}"))

    def reap(self, pid: int) -> int | None:
        """The signal that ended the child, or None if it exited by itself."""
        status = int(self._ask(f"reap {pid}"))
        return os.WTERMSIG(status) if os.WIFSIGNALED(status) else None

    def close(self) -> None:
        self.proc.communicate("quit\n", timeout=30)


class SpawnStarter:
    """A fresh interpreter per kill point, as a real restart would be (~0.6 s each)."""

    early = (0.1, 0.8)

    def __init__(self, data_dir: Path) -> None:
        self.data_dir, self.children = data_dir, {}

    def start(self, gen: int, seed: int, journal: Path) -> int:
        proc = subprocess.Popen([sys.executable, HARNESS, "child", str(self.data_dir), str(gen),
                                 str(seed), str(journal)], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.children[proc.pid] = proc
        return proc.pid

    def reap(self, pid: int) -> int | None:
        code = self.children.pop(pid).wait(timeout=30)
        return -code if code < 0 else None

    def close(self) -> None:
        pass


def wait_for(path: Path, marker: bytes, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and marker in path.read_bytes():
            return
        time.sleep(0.002)


def read_journal(path: Path) -> tuple[bool, list[str], dict[str, str], list[str]]:
    """(store opened, ids begun, id -> number acknowledged, error lines)."""
    opened, begun, ended, errors = False, [], {}, []
    lines = path.read_text().splitlines() if path.exists() else []
    for line in lines:
        word, _, rest = line.partition(" ")
        if word == "open":
            opened = True
        elif word == "begin":
            begun.append(rest)
        elif word == "end":
            sid, number = rest.split()
            ended[sid] = number
        elif word in ("error", "exhausted"):
            errors.append(line[:2000])
    return opened, begun, ended, errors


class CrashLoop:
    def __init__(self, layout, keys, workdir: Path, seed: int, *, spawn: bool = False,
                 cli_every: int = 25) -> None:
        self.layout, self.keys, self.workdir, self.seed = layout, keys, workdir, seed
        # Two streams, so that the kill schedule depends on the seed alone, not on how many
        # sales a loaded machine happened to finish.
        self.rng, self.retry_rng, self.cli_every = Random(seed), Random(seed + 1), cli_every
        self.starter = (SpawnStarter if spawn else ForkStarter)(layout.root)
        self.outcome = Outcome()
        self.acknowledged: dict[str, str] = {}
        self.counted: set[str] = set()
        self.sold: dict[str, int] = {}

    def run(self, kills: int) -> Outcome:
        started = time.perf_counter()
        try:
            for gen in range(kills):
                self._one_kill(gen)
        finally:
            self.starter.close()
        self.outcome.seconds = time.perf_counter() - started
        return self.outcome

    def _one_kill(self, gen: int) -> None:
        journal = self.workdir / f"journal-{gen:05d}"
        early, pause = self.rng.random() < EARLY_KILLS, self.rng.uniform(*AFTER_OPEN)
        early_pause = self.rng.uniform(*self.starter.early)
        pid = self.starter.start(gen, self.seed, journal)
        if early:
            time.sleep(early_pause)
        else:  # wait for the child to open the store, however loaded the machine is
            wait_for(journal, b"open\n", timeout=30)
            time.sleep(pause)
        os.kill(pid, signal.SIGKILL)
        died_of = self.starter.reap(pid)
        opened, begun, ended, errors = read_journal(journal)
        if died_of != signal.SIGKILL or errors:
            raise AssertionError(f"child {gen} was not killed mid-work (signal {died_of}): "
                                 f"{errors}")
        self.outcome.kills += 1
        self.outcome.killed_before_open += not opened
        self.outcome.acknowledged += len(ended)
        self.acknowledged.update(ended)
        maybe = [sid for sid in begun if sid not in ended]
        self.outcome.maybe_sent += len(maybe)
        problems = self._check_restart(gen, maybe)
        self.outcome.problems += [f"after kill {gen}: {p}" for p in problems]
        if problems:
            raise AssertionError("\n".join(self.outcome.problems[:40]))

    def _check_restart(self, gen: int, maybe: list[str]) -> list[str]:
        from app.persistence.store import open_store

        scan = walscan.scan(self.layout.root / "jxc.db-wal")  # the proposed check: no false alarm
        self.outcome.wal_frames_scanned += scan.frames
        problems = [f"walscan calls a WAL left by a kill damaged: {scan.reason}"] * scan.damaged
        store = open_store(self.layout, self.keys)
        try:
            problems += self._check_store(store)
            problems += self._post_again(store, gen, maybe)
            problems += self._check_store(store)
            self.outcome.sales_in_store = len(invariants.posted_ids(store))
        finally:
            store.close()
        problems += cli_verify(self.layout.root, in_process=True)
        if (gen + 1) % self.cli_every == 0:
            problems += cli_verify(self.layout.root, in_process=False)
            self.outcome.cli_subprocess_runs += 1
        return problems

    def _check_store(self, store) -> list[str]:
        posted = invariants.posted_ids(store)
        problems = [f"acknowledged sale {sid} {number} is {posted.get(sid)} after the restart"
                    for sid, number in self.acknowledged.items() if posted.get(sid) != number]
        for sid in posted.keys() - self.counted:
            gen, index = (int(part[1:]) for part in sid.split("-"))
            for sku, milli in harness.sold_milli(harness.sale(gen, index, self.seed)).items():
                self.sold[sku] = self.sold.get(sku, 0) + milli
            self.counted.add(sid)
        opening = int(harness.OPENING_QTY) * 1000
        expected = {sku: opening - self.sold.get(sku, 0) for sku in harness.PRICES}
        if (on_hand := invariants.on_hand_milli(store)) != expected:
            problems.append(f"stock on hand {on_hand}, expected {expected}")
        return problems + invariants.documents_complete(store) + invariants.gap_free(store)

    def _post_again(self, store, gen: int, maybe: list[str]) -> list[str]:
        """The till retries what it maybe sent; and one acknowledged sale, at random."""
        from app.services.inventory.posting import post_document
        from app.services.records import Actor

        actor, problems = Actor(None, "crashloop-retry", "admin"), []
        before = invariants.posted_ids(store)
        retry = [(sid, False) for sid in maybe]
        if self.acknowledged:
            retry.append((self.retry_rng.choice(sorted(self.acknowledged)), True))
        for sid, acked in retry:
            g, index = (int(part[1:]) for part in sid.split("-"))
            result = post_document(store, actor, harness.sale(g, index, self.seed))
            if result.replayed != (sid in before):
                problems.append(f"re-posting {sid}: replayed={result.replayed} but it was "
                                f"{'present' if sid in before else 'absent'}")
            if sid in before and result.number != before[sid]:
                problems.append(f"re-posting {sid} returned {result.number}, not {before[sid]}")
            self.outcome.maybe_sent_committed += (not acked) and sid in before
            self.acknowledged[sid] = result.number
        return problems


def cli_verify(data_dir: Path, *, in_process: bool) -> list[str]:
    """`jxc verify --format json`: through click in this process, or as a subprocess."""
    import json

    code, out, err = run_cli("--data-dir", str(data_dir), "verify", "--format", "json",
                             in_process=in_process)
    if code != 0 or not json.loads(out).get("ok"):
        return [f"jxc verify ({'in-process' if in_process else 'subprocess'}) failed: "
                f"exit {code}: {(out + err)[:1500]}"]
    return []
