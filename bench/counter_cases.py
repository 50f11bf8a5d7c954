"""Counter benchmarks on the bench dataset (1,000,000 products at --scale full), offscreen:

- `counter_cold_start`: a new process (Python, PySide6, the store, the sale screen) until
  the scan field is ready, measured by the parent from launch; target 1.5 s;
- `counter_scan`: a barcode submitted in the scan field to its line painted in the table
  (lookup on the ops worker, cart, model, a synchronous repaint); target p99 30 ms;
- `counter_search`: each keystroke of pinyin initials and of Chinese name prefixes to the
  results painted in the popup; target p99 30 ms;
- `counter_memory`: resident memory of that process after scans and searches; 250 MB.

The child process (`python -m bench.counter_cases child ROOT KEYS`) prints one JSON line
when the screen is ready to scan and one with its figures at the end. The dataset is only
read (a shift is never opened, so no sale is posted).
"""
from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.report import Result

ROOT = Path(__file__).resolve().parents[1]
COLD_RUNS = 5
SCANS = {"tiny": 200, "small": 400, "full": 400}
TYPED = {"tiny": 60, "small": 120, "full": 120}  # words typed, a keystroke each letter
_CHILD: dict = {}  # the last child run's figures, shared by the four results


def _pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _ms(seconds: list[float]) -> dict:
    ms = [s * 1000 for s in seconds]
    return {"median_ms": round(statistics.median(ms), 2), "p99_ms": round(_pct(ms, 0.99), 2),
            "max_ms": round(max(ms), 2), "n": len(ms)}


# -- the parent: launch, time, collect -----------------------------------------------------

def _launch(ds, scans: int, typed: int) -> tuple[float, dict]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "bench.counter_cases", "child", str(ds.layout.root),
         str(ds.keys.path), str(scans), str(typed)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ready = child.stdout.readline()
    ready_s = time.perf_counter() - started
    out, err = child.communicate(timeout=600)
    lines = [row for row in out.splitlines() if row.startswith("{")]
    if child.returncode != 0 or not ready.startswith("{") or not lines:
        raise RuntimeError(f"counter bench child failed ({child.returncode}): {ready!r} "
                           f"{out[-500:]!r} {err[-2000:]}")
    return ready_s, json.loads(lines[-1])


def _runs(ds) -> dict:
    """Cold starts (the first only warms the OS file cache, and is reported apart), the
    last of which also scans and searches."""
    if _CHILD.get("scale") == ds.scale and _CHILD.get("root") == str(ds.layout.root):
        return _CHILD
    colds = []
    for n in range(COLD_RUNS + 1):
        last = n == COLD_RUNS
        seconds, figures = _launch(ds, SCANS[ds.scale] if last else 0, TYPED[ds.scale] if last else 0)
        colds.append(seconds)
    _CHILD.clear()
    _CHILD.update(scale=ds.scale, root=str(ds.layout.root), colds=colds, **figures)
    return _CHILD


def counter_cold_start(ds) -> Result:
    runs = _runs(ds)
    timed = runs["colds"][1:]
    return Result("counter_cold_start", round(statistics.median(timed), 3), "s median", 1.5,
                  detail={"runs_s": [round(s, 3) for s in timed], "max_s": round(max(timed), 3),
                          "first_run_s": round(runs["colds"][0], 3),
                          "in_child_ready_s": runs["ready_s"]})


def counter_scan(ds) -> Result:
    d = _ms(_runs(ds)["scan_s"])
    return Result("counter_scan", d["p99_ms"], "ms p99", 30.0, detail=d)


def counter_search(ds) -> Result:
    runs = _runs(ds)
    d = _ms(runs["search_s"])
    d["queries"] = runs["queries"]
    return Result("counter_search", d["p99_ms"], "ms p99", 30.0, detail=d)


def counter_memory(ds) -> Result:
    runs = _runs(ds)
    return Result("counter_memory", runs["rss_mb"], "MB", 250.0,
                  detail={"rss_mb_when_ready": runs["rss_ready_mb"],
                          "after": f"{len(runs['scan_s'])} scans, {len(runs['search_s'])} keystrokes"})


COUNTER_BENCHMARKS = {
    "counter_cold_start": (counter_cold_start, "New process to a scan-ready sale screen "
                           "(offscreen), median of 5 after one warm-up"),
    "counter_scan": (counter_scan, "Barcode in the scan field to its line painted"),
    "counter_search": (counter_search, "Search while typing: keystroke to results painted"),
    "counter_memory": (counter_memory, "Resident memory of the till after scans and searches"),
}


# -- the child: the sale screen, offscreen ---------------------------------------------------

def rss_mb() -> float:
    """Resident memory of this process in MB (Linux /proc; else the peak from resource)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for row in status:
                if row.startswith("VmRSS:"):
                    return round(int(row.split()[1]) / 1024, 1)
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def child(root: str, keys: str, scans: int, typed: int) -> None:
    started = time.perf_counter()
    from PySide6.QtWidgets import QApplication

    from app.persistence.layout import DataDir
    from app.persistence.store import open_store
    from app.services.auth import SignedInUser
    from app.ui.counter import CounterPage
    from app.ui.ops import OpsRunner
    from bench.datasets import FileKeyStore

    app = QApplication.instance() or QApplication(["jxc-bench"])
    store = open_store(DataDir(Path(root)), FileKeyStore(Path(keys)))
    admin = _admin(store)
    ops = OpsRunner()
    page = CounterPage(store, ops, SignedInUser(admin, "admin", "admin", "admin"))
    page.resize(1280, 800)
    page.show()
    _wait(app, lambda: page.scan.isEnabled())
    app.processEvents()
    ready_s = time.perf_counter() - started
    print(json.dumps({"ready_s": round(ready_s, 3)}), flush=True)
    figures = {"ready_s": round(ready_s, 3), "rss_ready_mb": rss_mb(), "scan_s": [],
               "search_s": [], "queries": 0}
    if scans or typed:
        codes, words = _samples(store, scans, typed)
        figures["scan_s"] = _scan(app, page, ops, codes)
        figures["search_s"], figures["queries"] = _search(app, page, ops, words)
    figures["rss_mb"] = rss_mb()
    page.shutdown()
    page.close()
    page.deleteLater()  # widgets go before the application object, in Qt's own order
    app.processEvents()
    ops.shutdown()
    store.close()
    print(json.dumps(figures), flush=True)
    del page
    app.processEvents()


def _admin(store) -> int:
    from sqlalchemy import text

    with store.engine.connect() as conn:
        return conn.execute(text("SELECT id FROM users WHERE role = 'admin' ORDER BY id "
                                 "LIMIT 1")).scalar()


def _wait(app, done, timeout: float = 30.0) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.monotonic() + timeout
    guard = QTimer()
    guard.start(20)  # wakes the wait below now and then, so the deadline is seen
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the sale screen did not answer in time")
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    guard.stop()


def _samples(store, scans: int, typed: int) -> tuple[list[str], list[str]]:
    """Barcodes of random active products, and words to type: pinyin initials and the
    first two characters of names, of other random products."""
    from sqlalchemy import text

    with store.engine.connect() as conn:
        top = conn.execute(text("SELECT max(id) FROM products")).scalar()
        rnd = random.Random(7)
        codes = []
        while len(codes) < scans:
            row = conn.execute(text(
                "SELECT b.barcode FROM product_barcodes b JOIN products p ON p.id = b.product_id "
                "JOIN units u ON u.id = p.unit_id WHERE b.product_id >= :p AND p.active = 1 "
                "AND u.is_weighed = 0 ORDER BY b.product_id LIMIT 1"),
                {"p": rnd.randint(1, top)}).first()
            if row:
                codes.append(row[0])
        words = []
        while len(words) < typed:
            row = conn.execute(text("SELECT pinyin, name FROM products WHERE id >= :p "
                                    "AND active = 1 LIMIT 1"), {"p": rnd.randint(1, top)}).first()
            if row:
                words.append(row[0][:4] if len(words) % 2 == 0 and row[0] else row[1][:2])
    return codes, words


def _scan(app, page, ops, codes: list[str]) -> list[float]:
    """Each code as the scanner's Enter submits it, to the new line painted."""
    times = []
    c = page.controller
    for n, code in enumerate(codes):
        if n % 20 == 0:
            c.new_sale()  # a till's sale has tens of lines, not hundreds
            _wait(app, lambda: ops.pending == 0)
        before = _cart_state(c)
        t = time.perf_counter()
        page.submit(code, True)
        _wait(app, lambda: _cart_state(c) != before or ops.pending == 0)
        page.table.viewport().repaint()
        times.append(time.perf_counter() - t)
        if _cart_state(c) == before:
            raise RuntimeError(f"scanning {code} added nothing: {page.message.text()}")
    return times


def _cart_state(c) -> tuple[int, int]:
    return len(c.cart.lines), sum(line.qty_milli for line in c.cart.lines)


def _search(app, page, ops, words: list[str]) -> tuple[list[float], int]:
    """Each keystroke of each word to its results in the popup, painted."""
    times, queries = [], 0
    for word in words:
        for end in range(1, len(word) + 1):
            typed = word[:end]
            page.scan.setText(typed)
            t = time.perf_counter()
            page.controller.search(typed)
            _wait(app, lambda: ops.pending == 0)
            if page.popup.isVisible():
                page.popup.viewport().repaint()
            times.append(time.perf_counter() - t)
            queries += 1
        page.popup.dismiss()
        page.scan.clear()
    return times, queries


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "child":
        child(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    else:
        print("usage: python -m bench.counter_cases child ROOT KEYS SCANS WORDS", file=sys.stderr)
        sys.exit(2)
