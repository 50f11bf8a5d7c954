"""Crash-loop harness: sales posted by a process that the test kills with SIGKILL.

The child opens the store the way the CLI does (`open_local_store`: keyring, probe, checked
settings, log file), then posts generated sales through `post_document` as fast as it can,
writing one line to a journal file before and after each posting:

    begin <id>          the sale is about to be posted (the till sent it)
    end <id> <number>   post_document returned (the till got its answer)

Each line is one unbuffered `write` on an O_APPEND descriptor, so whatever the kernel
accepted before the SIGKILL is in the file. A `begin` without its `end` is a sale the till
"maybe sent": after the restart it must be there once or not at all, and posting it again
must never count it twice.

Two ways to start a child, both real processes killed with a real SIGKILL:

    python harness.py child DATA_DIR GEN SEED JOURNAL   a fresh interpreter (~0.6 s to start)
    python harness.py once DATA_DIR                     one sale, then "ACK" on stdout
    python harness.py serve DATA_DIR                    a fork server: imports once, then
        stdin "run GEN SEED JOURNAL" -> stdout "pid N"  forks one child per kill point, so a
        stdin "reap N"               -> stdout "status S"  kill point costs milliseconds.

The server never opens the store, so no SQLite handle crosses a fork. Sales are a pure
function of (GEN, index, SEED): the test regenerates any of them to post it again.
"""
from __future__ import annotations

import os
import random
import sys
import traceback
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.domain.money import format_money, line_amount, parse_money, parse_quantity  # noqa: E402

# sku -> (unit price as text, quantities a sale takes); RICE is sold by weight.
PRICES = {"COLA": "3.50", "MILK": "4.50", "RICE": "8.00"}
QTYS = {"COLA": ("1", "2", "3", "6"), "MILK": ("1", "2"), "RICE": ("0.5", "1.25", "2")}
OPENING_QTY = "1000000"
BASE_DAY = date(2026, 11, 22)
SALES_PER_DAY_BLOCK = 40  # generations per business day: keeps each day's count small
MAX_SALES_PER_CHILD = 50_000


def opening_stock() -> dict:
    """Enough of every product that no sale of the loop is ever short."""
    return {"type": "opening_stock", "id": "crashloop-opening", "date": "2026-11-01",
            "lines": [{"sku": sku, "qty": OPENING_QTY, "unit_cost": "1.00",
                       **({"batch": "B1", "expiry": "2099-12-31"} if sku == "MILK" else {})}
                      for sku in PRICES]}


def sale_id(gen: int, index: int) -> str:
    return f"g{gen:05d}-s{index:05d}"


def sale(gen: int, index: int, seed: int) -> dict:
    """The index-th sale of generation gen: 1-5 lines, paid exactly or with change."""
    rng = random.Random(f"{seed}/{gen}/{index}")
    lines = []
    for _ in range(rng.randint(1, 5)):
        sku = rng.choice(sorted(PRICES))
        lines.append({"sku": sku, "qty": rng.choice(QTYS[sku]), "unit_price": PRICES[sku]})
    total = total_fen(lines)
    if rng.random() < 0.5:
        payments = [{"method": "wechat", "amount": format_money(total), "reference": f"wx{index}"}]
    else:  # cash, rounded up to the next 10 yuan: the rest is change
        payments = [{"method": "cash", "amount": format_money(-(-total // 1000) * 1000)}]
    day = BASE_DAY + timedelta(days=gen // SALES_PER_DAY_BLOCK)
    return {"type": "sale", "id": sale_id(gen, index), "date": day.isoformat(),
            "lines": lines, "payments": payments, "note": f"crash loop {gen}/{index}"}


def total_fen(lines: list[dict]) -> int:
    return sum(line_amount(parse_money(l["unit_price"]), parse_quantity(l["qty"])) for l in lines)


def sold_milli(doc: dict) -> dict[str, int]:
    """Quantity of each sku a sale takes, in thousandths."""
    out: dict[str, int] = {}
    for l in doc["lines"]:
        out[l["sku"]] = out.get(l["sku"], 0) + parse_quantity(l["qty"])
    return out


def run_child(data_dir: str, gen: int, seed: int, journal: str) -> None:
    """Post sales until killed (or MAX_SALES_PER_CHILD, which a test treats as an error)."""
    from app.bootstrap import open_local_store
    from app.persistence.layout import DataDir
    from app.services.inventory.posting import post_document
    from app.services.records import Actor

    fd = os.open(journal, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        store = open_local_store(DataDir(Path(data_dir)))
        os.write(fd, b"open\n")
        actor = Actor(None, "crashloop", "admin")
        for index in range(MAX_SALES_PER_CHILD):
            raw = sale(gen, index, seed)
            os.write(fd, f"begin {raw['id']}\n".encode())
            result = post_document(store, actor, raw)
            os.write(fd, f"end {raw['id']} {result.number}\n".encode())
        os.write(fd, b"exhausted\n")
    except BaseException:
        os.write(fd, ("error " + traceback.format_exc().replace("\n", " | ") + "\n").encode())
        raise


def serve(data_dir: str) -> None:
    """Fork one child per `run` line; report its pid; reap it on `reap`."""
    # Pay once, before any fork, for what every start pays that is not the store itself:
    # imports, the keyring backend, the migration scripts. No database is opened here.
    import app.services.inventory.posting  # noqa: F401
    from app.persistence import migrate
    from app.persistence.keystore import KeyringKeyStore

    KeyringKeyStore()
    migrate.head_revision()

    for line in sys.stdin:
        cmd, *args = line.split()
        if cmd == "run":
            gen, seed, journal = int(args[0]), int(args[1]), args[2]
            pid = os.fork()
            if pid == 0:
                code = 0
                try:
                    os.close(0)
                    os.close(1)
                    run_child(data_dir, gen, seed, journal)
                except BaseException:
                    code = 3
                os._exit(code)
            print(f"pid {pid}", flush=True)
        elif cmd == "reap":
            _, status = os.waitpid(int(args[0]), 0)
            print(f"status {status}", flush=True)
        elif cmd == "quit":
            return


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(sys.argv[2])
    elif sys.argv[1] == "once":  # one sale, then "ACK" on stdout (the durability test)
        from app.bootstrap import open_local_store
        from app.persistence.layout import DataDir
        from app.services.inventory.posting import post_document
        from app.services.records import Actor

        shop = open_local_store(DataDir(Path(sys.argv[2])))
        post_document(shop, Actor(None, "once", "admin"), sale(0, 0, 1))
        os.write(1, b"ACK\n")
    elif sys.argv[1] == "child":
        run_child(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
    else:
        raise SystemExit(f"unknown mode {sys.argv[1]!r}")
