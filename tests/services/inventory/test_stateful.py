"""Random sequences of documents through the real posting service, every invariant after
every step (a hypothesis rule-based state machine on a real encrypted store).

The machine keeps a deliberately simple model: the expected on-hand quantity of every
(warehouse, product), TRANSIT included, in integer thousandths; what each sale line can
still take back; which transfers are still in transit. After every step it checks:

- `verify(store).ok` (ledger = balances = layers, 1405/1402 = layer values, vouchers
  balance, the audit chain verifies, posted documents match their audit entries);
- the stock query equals the model, and nothing holds value without quantity;
- one outbox event and one `document.post` audit entry per posted document, no drafts;
- document numbers are gap-free per type and day;
- every quantity and money column holds SQLite integers, never a float;
- the returns of a sale line never refund more than the line's amount, nor put back
  more cost than it took out.

Refused postings (not enough stock, over-returns, over-receipts, unconfirmed purchase
prices far from the last one, conflicting replays...) must raise the right error and
change nothing at all; a replay must return the first result and change nothing either.

The tests at the end of this file are minimal reproductions of the bugs the machine
found, all fixed since: they stay as regression tests.

The long variant is marked slow (deselected by default; run with -m slow);
JXC_STATEFUL_EXAMPLES sets its number of examples (200).
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections import defaultdict
from decimal import Decimal
from itertools import count
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (RuleBasedStateMachine, initialize, invariant, precondition,
                                 rule, run_state_machine_as_test)
from sqlalchemy import text

from app.domain.money import (format_money, format_quantity, line_amount, parse_money,
                              parse_quantity)
from app.persistence.keystore import KeyringKeyStore
from app.persistence.layout import DataDir
from app.services.inventory.handlers import (DEFAULT_PRICE_ANOMALY_BP, LineRuleBroken,
                                             NotEnoughStock, PriceAnomaly)
from app.services.inventory.posting import ConflictingReplay, post_document
from app.services.inventory.queries import stock
from app.services.inventory.resolve import UnknownReference
from app.services.inventory.verify import verify
from app.services.records import Actor
from helpers import add_catalog
from app.services.setup import initialize_store

ADMIN = Actor(None, "test-admin", "admin")

PRODUCTS = ("COLA", "MILK", "RICE")  # FIFO; FEFO with a shelf life; moving average, kg
WAREHOUSES = ("MAIN", "W2")
TRANSIT = "TRANSIT"
EXPIRIES = ("2099-03-31", "2099-09-30", None)  # far away: nothing ever expires
SALE_DATES = ("2026-11-20", "2026-11-21")  # fixed, before every expiry above
REASONS = ("damaged", "expired", "lost")

# Integer columns that hold money or quantities: SQLite must store them as integers.
INTEGER_COLUMNS = {
    "stock_moves": ("qty_milli", "value_fen"),
    "cost_layers": ("qty_left", "value_left"),
    "stock_balances": ("qty_milli", "value_fen"),
    "documents": ("total_fen",),
    "document_lines": ("qty_milli", "unit_price_fen", "unit_cost_fen", "discount_fen",
                       "amount_fen", "landed_fen", "cogs_fen"),
    "document_payments": ("amount_fen",),
    "voucher_lines": ("debit_fen", "credit_fen"),
    "products": ("retail_price_fen", "purchase_price_fen"),
}
NULLABLE_INTEGER_COLUMNS = {"document_lines": ("system_qty_milli",)}


RETAIL_FEN = {"COLA": 350, "MILK": 450, "RICE": 800}


def step(sku: str) -> int:
    """Smallest quantity the machine uses: 0.001 kg of rice, a quarter bottle otherwise."""
    return 1 if sku == "RICE" else 250


def quantities(sku: str) -> st.SearchStrategy[int]:
    if sku == "RICE":
        return st.one_of(st.integers(1, 30), st.integers(1, 20_000))
    return st.one_of(st.integers(1, 20).map(lambda n: n * 1000),
                     st.integers(1, 80).map(lambda n: n * 250))


# "Sometimes": one value in the middle of a range. Hypothesis favours the ends of a range
# and shrinks towards 0, so this stays rare while generating and falls away when shrinking.
sometimes = st.integers(0, 19).map(lambda n: n == 7)


def fitting(fits: st.SearchStrategy[int] | None, sku: str) -> st.SearchStrategy[int]:
    """Mostly a quantity the stock covers (when one exists), sometimes any quantity."""
    if fits is None:
        return quantities(sku)
    return sometimes.flatmap(lambda any_qty: quantities(sku) if any_qty else fits)


def qty_up_to(sku: str, most: int) -> st.SearchStrategy[int] | None:
    """A positive quantity of at most `most`, on the product's step; None if none fits."""
    unit, units = step(sku), most // step(sku)
    if units < 1:
        return None
    # Not too often all of it (where hypothesis likes to be), so later lines find stock too.
    return st.one_of(st.integers(1, max(1, units // 3)), st.integers(1, units)) \
        .map(lambda n: n * unit)


money = st.one_of(st.just(0), st.integers(1, 20), st.integers(1, 1500))


class InventoryMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="jxc-stateful-"))
        self.store = initialize_store(DataDir(self.tmp / "store"), KeyringKeyStore(), "S001",
                                      "测试门店", "secret123")
        add_catalog(self.store)
        self.ids = count(1)
        self.qty: dict[tuple[str, str], int] = defaultdict(int)  # (warehouse, sku) -> milli
        self.last_cost: dict[str, int] = {sku: 0 for sku in PRODUCTS}  # last purchase price
        self.posted: dict[str, dict] = {}  # id -> the raw body that was posted
        self.numbers: dict[str, str] = {}  # id -> document number
        self.totals: dict[str, int] = {}  # id -> total_fen
        self.sales: list[dict] = []
        self.transfers: list[dict] = []

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    # -- helpers -----------------------------------------------------------------------

    def new_id(self, kind: str) -> str:
        return f"{kind}-{next(self.ids)}"

    def post(self, raw: dict):
        return post_document(self.store, ADMIN, raw)

    def accept(self, raw: dict):
        result = self.post(raw)
        assert not result.replayed and result.id == raw["id"]
        self.posted[raw["id"]] = raw
        self.numbers[raw["id"]] = result.number
        self.totals[raw["id"]] = result.total_fen
        event(f"{raw['type']}: posted")
        return result

    def fingerprint(self) -> tuple:
        """Everything a refused or replayed posting must leave exactly as it was."""
        with self.store.engine.connect() as conn:
            counts = tuple(conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in (
                "documents", "document_lines", "document_payments", "stock_moves",
                "vouchers", "voucher_lines", "audit_log", "outbox", "cost_layers",
                "stock_balances", "warehouses"))
            sums = tuple(conn.execute(text(
                "SELECT (SELECT coalesce(sum(qty_left), 0) FROM cost_layers), "
                "(SELECT coalesce(sum(value_left), 0) FROM cost_layers), "
                "(SELECT coalesce(sum(qty_milli), 0) FROM stock_balances), "
                "(SELECT coalesce(sum(value_fen), 0) FROM stock_balances), "
                "(SELECT group_concat(purchase_price_fen) FROM products)")).one())
        return counts, sums, tuple(tuple(sorted(r.items())) for r in stock(self.store))

    def stocked_warehouse(self, data) -> str:
        """Mostly a warehouse that holds something, so that most documents can post."""
        have = [w for w in WAREHOUSES if any(self.qty[(w, p)] >= step(p) for p in PRODUCTS)]
        if have and not data.draw(sometimes, label="any warehouse?"):
            return data.draw(st.sampled_from(have), label="warehouse")
        return data.draw(st.sampled_from(WAREHOUSES), label="warehouse")

    def stocked_product(self, data, warehouse: str, taken: dict[str, int]) -> str:
        """Mostly a product the warehouse still has (beyond `taken` by earlier lines)."""
        have = [p for p in PRODUCTS if self.qty[(warehouse, p)] - taken.get(p, 0) >= step(p)]
        if have and not data.draw(sometimes, label="any product?"):
            return data.draw(st.sampled_from(have), label="sku")
        return data.draw(st.sampled_from(PRODUCTS), label="sku")

    def refused(self, raw: dict, error: type[Exception]) -> None:
        before = self.fingerprint()
        try:
            self.post(raw)
        except error:
            pass
        else:
            raise AssertionError(f"{raw['type']} {raw} should have raised {error.__name__}")
        assert self.fingerprint() == before, "a refused posting changed something"
        event(f"{raw['type']}: refused ({error.__name__})")

    # -- rules: receipts and sales -----------------------------------------------------

    @initialize(data=st.data())
    def stock_up(self, data) -> None:
        """Start with some of everything in MAIN, so that the first steps can sell."""
        lines = []
        for sku in PRODUCTS:
            qty = data.draw(quantities(sku), label=f"{sku} qty")
            cost = data.draw(st.integers(1, 1500), label=f"{sku} cost")
            lines.append({"sku": sku, "qty": format_quantity(qty), "unit_cost": format_money(cost)})
            self.qty[("MAIN", sku)] += qty
            self.last_cost[sku] = cost
        self.accept({"type": "purchase_receipt", "id": self.new_id("receipt"),
                     "supplier": "S01", "lines": lines})

    def unit_cost(self, data, sku: str) -> int:
        """Mostly within the price-anomaly threshold of the last purchase price."""
        last = self.last_cost[sku]
        near = last * DEFAULT_PRICE_ANOMALY_BP // 10_000
        if last and not data.draw(sometimes, label="any cost?"):
            return data.draw(st.integers(last - near, last + near), label="cost")
        return data.draw(money, label="cost")

    @rule(data=st.data())
    def purchase_receipt(self, data) -> None:
        if data.draw(sometimes, label="opening stock instead?"):
            return self.opening_stock(data)
        warehouse = data.draw(st.sampled_from(WAREHOUSES), label="warehouse")
        lines, goods, odd = [], 0, False
        for _ in range(data.draw(st.integers(1, 3), label="lines")):
            sku = data.draw(st.sampled_from(PRODUCTS), label="sku")
            qty, cost = data.draw(quantities(sku), label="qty"), self.unit_cost(data, sku)
            line = {"sku": sku, "qty": format_quantity(qty), "unit_cost": format_money(cost)}
            last = self.last_cost[sku]  # before this receipt, for every line of it
            if last and abs(cost - last) * 10_000 > DEFAULT_PRICE_ANOMALY_BP * last:
                if not data.draw(sometimes, label="leave it unconfirmed?"):
                    line["confirm_price"] = True
                else:
                    odd = True
            if data.draw(st.booleans() if sku == "MILK" else sometimes, label="batch?"):
                line["batch"] = data.draw(st.sampled_from(["B1", "B2", "B3"]), label="batch")
                expiry = data.draw(st.sampled_from(EXPIRIES), label="expiry")
                if expiry:
                    line["expiry"] = expiry
            lines.append((sku, qty, line))
            goods += line_amount(cost, qty)
        raw = {"type": "purchase_receipt", "id": self.new_id("receipt"), "supplier": "S01",
               "warehouse": warehouse, "lines": [l for _, _, l in lines]}
        landed = 0
        for key in ("freight", "packaging"):  # also on goods worth 0.00 (free samples)
            if data.draw(st.booleans(), label=f"{key}?"):
                fen = data.draw(st.integers(1, 2000), label=key)
                raw[key], landed = format_money(fen), landed + fen
        if odd:  # an unconfirmed price far from the last one
            self.refused(raw, PriceAnomaly)
            return
        result = self.accept(raw)
        assert result.total_fen == goods + landed
        for sku, qty, line in lines:
            self.qty[(warehouse, sku)] += qty
            self.last_cost[sku] = parse_money(line["unit_cost"])

    def opening_stock(self, data) -> None:
        warehouse = data.draw(st.sampled_from(WAREHOUSES), label="warehouse")
        sku = data.draw(st.sampled_from(PRODUCTS), label="sku")
        qty, cost = data.draw(quantities(sku), label="qty"), data.draw(money, label="cost")
        raw = {"type": "opening_stock", "id": self.new_id("opening"), "warehouse": warehouse,
               "lines": [{"sku": sku, "qty": format_quantity(qty),
                          "unit_cost": format_money(cost)}]}
        assert self.accept(raw).total_fen == line_amount(cost, qty)
        self.qty[(warehouse, sku)] += qty

    @rule(data=st.data())
    def purchase_return(self, data) -> None:
        warehouse = self.stocked_warehouse(data)
        taken: dict[str, int] = defaultdict(int)
        lines = []
        for _ in range(data.draw(st.integers(1, 2), label="lines")):
            sku = self.stocked_product(data, warehouse, taken)
            qty = data.draw(fitting(qty_up_to(sku, self.qty[(warehouse, sku)] - taken[sku]),
                                    sku), label="qty")
            taken[sku] += qty
            lines.append({"sku": sku, "qty": format_quantity(qty)})
        raw = {"type": "purchase_return", "id": self.new_id("preturn"), "supplier": "S01",
               "warehouse": warehouse, "lines": lines}
        if any(q > self.qty[(warehouse, sku)] for sku, q in taken.items()):
            self.refused(raw, NotEnoughStock)
            return
        self.accept(raw)
        for sku, qty in taken.items():
            self.qty[(warehouse, sku)] -= qty

    @rule(data=st.data())
    def sale(self, data) -> None:
        warehouse = self.stocked_warehouse(data)
        wanted: dict[str, int] = defaultdict(int)
        lines, raw_lines, total = [], [], 0
        for _ in range(data.draw(st.integers(1, 3), label="lines")):
            sku = self.stocked_product(data, warehouse, wanted)
            fits = qty_up_to(sku, self.qty[(warehouse, sku)] - wanted[sku])
            qty = data.draw(fitting(fits, sku), label="qty")
            price = data.draw(st.none() | money, label="unit_price")
            line = {"sku": sku, "qty": format_quantity(qty)}
            if price is not None:
                line["unit_price"] = format_money(price)
            amount = line_amount(RETAIL_FEN[sku] if price is None else price, qty)
            if amount and data.draw(st.integers(0, 4), label="discount?") == 0:
                discount = data.draw(st.integers(1, amount), label="discount")
                line["discount"] = format_money(discount)
                amount -= discount
            wanted[sku] += qty
            lines.append({"sku": sku, "qty": qty, "amount": amount, "returned": 0})
            raw_lines.append(line)
            total += amount
        raw = {"type": "sale", "id": self.new_id("sale"), "warehouse": warehouse,
               "date": data.draw(st.sampled_from(SALE_DATES), label="date"),
               "lines": raw_lines}
        how = data.draw(st.sampled_from(["cash", "card", "credit"]), label="paid by")
        if how == "card" and total:
            raw["payments"] = [{"method": "card", "amount": format_money(total),
                                "reference": "POS-1"}]
        elif how == "credit":
            raw["customer"] = "13800000001"
        else:
            cash = total + data.draw(st.integers(0 if total else 1, 10_000), label="change")
            raw["payments"] = [{"method": "cash", "amount": format_money(cash)}]
        if any(q > self.qty[(warehouse, sku)] for sku, q in wanted.items()):
            self.refused(raw, NotEnoughStock)
            return
        result = self.accept(raw)
        assert result.total_fen == total
        for sku, qty in wanted.items():
            self.qty[(warehouse, sku)] -= qty
        self.sales.append({"id": raw["id"], "number": result.number, "warehouse": warehouse,
                           "lines": lines})

    @rule(data=st.data())
    def counter_sale_beyond_stock(self, data) -> None:
        """At the counter a sale may take a product below zero (the default setting): it
        leaves at an estimated cost and later receipts true the cost up."""
        warehouse = data.draw(st.sampled_from(WAREHOUSES), label="warehouse")
        sku = data.draw(st.sampled_from(PRODUCTS), label="sku")
        have = max(self.qty[(warehouse, sku)], 0)
        qty = have + data.draw(st.integers(1, 5), label="units beyond") * step(sku)
        raw = {"type": "sale", "id": self.new_id("counter"), "warehouse": warehouse,
               "date": data.draw(st.sampled_from(SALE_DATES), label="date"),
               "customer": "M001", "lines": [{"sku": sku, "qty": format_quantity(qty)}]}
        result = post_document(self.store, ADMIN, raw, channel="counter")
        assert not result.replayed
        self.posted[raw["id"]], self.numbers[raw["id"]] = raw, result.number
        self.totals[raw["id"]] = result.total_fen
        self.qty[(warehouse, sku)] -= qty
        amount = line_amount(RETAIL_FEN[sku], qty)
        self.sales.append({"id": raw["id"], "number": result.number, "warehouse": warehouse,
                           "lines": [{"sku": sku, "qty": qty, "amount": amount, "returned": 0}]})
        event("sale: counter, beyond stock")

    # -- customer returns ----------------------------------------------------------------

    @staticmethod
    def _source(sale: dict, sku: str, line_no: int | None) -> int:
        """Index of the sale line a return line draws on (by line, else the product's first)."""
        if line_no is not None:
            return line_no - 1
        return next(i for i, l in enumerate(sale["lines"]) if l["sku"] == sku)

    @precondition(lambda self: self.sales)
    @rule(data=st.data())
    def customer_return(self, data) -> None:
        sale = data.draw(st.sampled_from(self.sales), label="sale")
        open_lines = [i for i, l in enumerate(sale["lines"]) if l["qty"] - l["returned"]
                      >= step(l["sku"])]
        if not open_lines:
            return
        # The same sale line may come twice (by number, or by product): together the
        # lines must still stay within what is left.
        picks = data.draw(st.lists(st.sampled_from(open_lines), min_size=1, max_size=2),
                          label="lines")
        lines, asked = [], defaultdict(int)
        for i in picks:
            sold = sale["lines"][i]
            by_line = data.draw(st.booleans(), label="by line number?")
            source = self._source(sale, sold["sku"], i + 1 if by_line else None)
            left = sale["lines"][source]["qty"] - sale["lines"][source]["returned"]
            if left < step(sold["sku"]):
                continue
            qty = data.draw(qty_up_to(sold["sku"], left), label="qty")
            line = {"sku": sold["sku"], "qty": format_quantity(qty)}
            if by_line:
                line["original_line"] = i + 1
            lines.append((source, qty, line))
            asked[source] += qty
        if not lines:
            return
        raw = {"type": "customer_return", "id": self.new_id("return"),
               "warehouse": sale["warehouse"],
               "original": data.draw(st.sampled_from([sale["id"], sale["number"]]),
                                     label="original by"),
               "lines": [l for _, _, l in lines]}
        if any(q > sale["lines"][s]["qty"] - sale["lines"][s]["returned"]
               for s, q in asked.items()):
            self.refused(raw, LineRuleBroken)
            return
        result = self.accept(raw)
        fair = sum(Decimal(sale["lines"][s]["amount"]) * q / sale["lines"][s]["qty"]
                   for s, q, _ in lines)
        assert abs(result.total_fen - fair) <= len(lines)  # proportional, to the fen per line
        for source, qty, _ in lines:
            sale["lines"][source]["returned"] += qty
            self.qty[(sale["warehouse"], sale["lines"][source]["sku"])] += qty

    @precondition(lambda self: self.sales)
    @rule(data=st.data())
    def over_return(self, data) -> None:
        sale = data.draw(st.sampled_from(self.sales), label="sale")
        i = data.draw(st.integers(0, len(sale["lines"]) - 1), label="line")
        sold = sale["lines"][i]
        extra = data.draw(st.integers(1, 4), label="units too many") * step(sold["sku"])
        raw = {"type": "customer_return", "id": self.new_id("return"),
               "warehouse": sale["warehouse"], "original": sale["number"],
               "lines": [{"sku": sold["sku"], "original_line": i + 1,
                          "qty": format_quantity(sold["qty"] - sold["returned"] + extra)}]}
        self.refused(raw, LineRuleBroken)

    # -- write-offs and stocktakes -------------------------------------------------------

    @rule(data=st.data())
    def write_off(self, data) -> None:
        warehouse = self.stocked_warehouse(data)
        sku = self.stocked_product(data, warehouse, {})
        fits = qty_up_to(sku, self.qty[(warehouse, sku)])
        qty = data.draw(fitting(fits, sku), label="qty")
        reason = "" if data.draw(sometimes, label="no reason?") else \
            data.draw(st.sampled_from(REASONS), label="reason")
        line = {"sku": sku, "qty": format_quantity(qty)}
        if reason:
            line["reason"] = reason
        raw = {"type": "write_off", "id": self.new_id("writeoff"), "warehouse": warehouse,
               "lines": [line]}
        if not reason:
            self.refused(raw, LineRuleBroken)
        elif qty > self.qty[(warehouse, sku)]:
            self.refused(raw, NotEnoughStock)
        else:
            self.accept(raw)
            self.qty[(warehouse, sku)] -= qty

    @rule(data=st.data())
    def stocktake(self, data) -> None:
        warehouse = data.draw(st.sampled_from(WAREHOUSES), label="warehouse")
        skus = data.draw(st.lists(st.sampled_from(PRODUCTS), min_size=1, max_size=3,
                                  unique=True), label="products")
        counted = {}
        for sku in skus:
            now = max(self.qty[(warehouse, sku)], 0)  # counting finds no negative goods
            counted[sku] = data.draw(st.one_of(
                st.just(now), st.just(0),
                st.integers(0, (now + 5000) // step(sku)).map(lambda n, u=step(sku): n * u)),
                label=f"counted {sku}")
        raw = {"type": "stocktake", "id": self.new_id("stocktake"), "warehouse": warehouse,
               "lines": [{"sku": sku, "counted": format_quantity(q)}
                         for sku, q in counted.items()]}
        self.accept(raw)
        for sku, q in counted.items():
            self.qty[(warehouse, sku)] = q

    # -- transfers through TRANSIT --------------------------------------------------------

    @rule(data=st.data())
    def transfer_out(self, data) -> None:
        source = self.stocked_warehouse(data)
        destination = next(w for w in WAREHOUSES if w != source)
        sent: dict[str, int] = defaultdict(int)
        lines = []
        for _ in range(data.draw(st.integers(1, 2), label="lines")):
            sku = self.stocked_product(data, source, sent)
            fits = qty_up_to(sku, self.qty[(source, sku)] - sent[sku])
            qty = data.draw(fitting(fits, sku), label="qty")
            sent[sku] += qty
            lines.append({"sku": sku, "qty": format_quantity(qty)})
        raw = {"type": "transfer_out", "id": self.new_id("transfer"), "warehouse": source,
               "to_warehouse": destination, "lines": lines}
        if any(q > self.qty[(source, sku)] for sku, q in sent.items()):
            self.refused(raw, NotEnoughStock)
            return
        result = self.accept(raw)
        for sku, qty in sent.items():
            self.qty[(source, sku)] -= qty
            self.qty[(TRANSIT, sku)] += qty
        self.transfers.append({"id": raw["id"], "number": result.number, "to": destination,
                               "sent": dict(sent), "received": False})

    @precondition(lambda self: any(not t["received"] for t in self.transfers))
    @rule(data=st.data())
    def transfer_in(self, data) -> None:
        transfer = data.draw(st.sampled_from([t for t in self.transfers if not t["received"]]),
                             label="transfer")
        got = {sku: data.draw(st.integers(0, qty // step(sku)), label=f"got {sku}") * step(sku)
               for sku, qty in transfer["sent"].items()}
        if not any(got.values()):  # a receipt needs a line: at least one product arrived
            sku = data.draw(st.sampled_from(sorted(got)), label="arrived")
            got[sku] = transfer["sent"][sku]
        lines = []
        for sku, qty in got.items():
            if not qty:
                continue  # nothing arrived: the whole quantity is a shortage
            first = qty
            if qty >= 2 * step(sku) and data.draw(st.booleans(), label="split?"):
                first = data.draw(qty_up_to(sku, qty - step(sku)), label="first part")
                lines.append({"sku": sku, "qty": format_quantity(qty - first)})
            lines.append({"sku": sku, "qty": format_quantity(first)})
        raw = {"type": "transfer_in", "id": self.new_id("receive"),
               "original": data.draw(st.sampled_from([transfer["id"], transfer["number"]]),
                                     label="original by"),
               "lines": lines}
        self.accept(raw)
        transfer["received"] = True
        for sku, sent in transfer["sent"].items():
            self.qty[(TRANSIT, sku)] -= sent
            self.qty[(transfer["to"], sku)] += got[sku]

    @precondition(lambda self: self.transfers)
    @rule(data=st.data())
    def bad_transfer_in(self, data) -> None:
        """A second receipt, more than was sent, or a product that was not sent."""
        transfer = data.draw(st.sampled_from(self.transfers), label="transfer")
        sku = data.draw(st.sampled_from(sorted(transfer["sent"])), label="sku")
        if transfer["received"]:
            qty = step(sku)
        else:
            mode = data.draw(st.sampled_from(["too many", "not sent"]), label="mistake")
            if mode == "not sent" and set(PRODUCTS) - set(transfer["sent"]):
                sku = data.draw(st.sampled_from(sorted(set(PRODUCTS) - set(transfer["sent"]))),
                                label="other sku")
                qty = step(sku)
            else:
                extra = data.draw(st.integers(1, 3), label="units too many") * step(sku)
                qty = transfer["sent"][sku] + extra
        raw = {"type": "transfer_in", "id": self.new_id("receive"), "original": transfer["number"],
               "lines": [{"sku": sku, "qty": format_quantity(qty)}]}
        self.refused(raw, LineRuleBroken)

    @precondition(lambda self: self.transfers)  # TRANSIT exists from the first transfer
    @rule(data=st.data())
    def name_the_transit_warehouse(self, data) -> None:
        """TRANSIT is no warehouse a document can name: only transfers move goods there."""
        sku = data.draw(st.sampled_from(PRODUCTS), label="sku")
        qty = format_quantity(step(sku))
        raw = data.draw(st.sampled_from([
            {"type": "purchase_receipt", "supplier": "S01", "warehouse": TRANSIT,
             "lines": [{"sku": sku, "qty": qty, "unit_cost": "0.01", "confirm_price": True}]},
            {"type": "sale", "warehouse": TRANSIT, "customer": "M001",
             "lines": [{"sku": sku, "qty": qty}]},
            {"type": "write_off", "warehouse": TRANSIT,
             "lines": [{"sku": sku, "qty": qty, "reason": "lost"}]},
            {"type": "stocktake", "warehouse": TRANSIT, "lines": [{"sku": sku, "counted": "0"}]},
            {"type": "transfer_out", "warehouse": "MAIN", "to_warehouse": TRANSIT,
             "lines": [{"sku": sku, "qty": qty}]},
        ]), label="document")
        self.refused({**raw, "id": self.new_id("transit")}, UnknownReference)

    # -- replays ----------------------------------------------------------------------------

    @precondition(lambda self: self.posted)
    @rule(data=st.data())
    def replay_same(self, data) -> None:
        doc_id = data.draw(st.sampled_from(sorted(self.posted)), label="replay id")
        raw = self.posted[doc_id]
        if data.draw(st.booleans(), label="keys reordered?"):
            raw = dict(reversed(list(raw.items())))
        before = self.fingerprint()
        result = self.post(raw)
        assert result.replayed
        assert (result.id, result.number, result.total_fen) == \
            (doc_id, self.numbers[doc_id], self.totals[doc_id])
        assert self.fingerprint() == before, "a replay changed something"
        event(f"{raw['type']}: replayed")

    @precondition(lambda self: self.posted)
    @rule(data=st.data())
    def replay_different(self, data) -> None:
        doc_id = data.draw(st.sampled_from(sorted(self.posted)), label="replay id")
        raw = dict(self.posted[doc_id])
        if data.draw(st.booleans(), label="change a line?"):
            line = dict(raw["lines"][0])
            key = "counted" if raw["type"] == "stocktake" else "qty"
            line[key] = format_quantity(parse_quantity(line[key]) + 1000)
            raw["lines"] = [line, *raw["lines"][1:]]
        else:
            raw["note"] = "changed " + raw.get("note", "")
        self.refused(raw, ConflictingReplay)

    # -- invariants ---------------------------------------------------------------------------

    @invariant()
    def verify_passes(self) -> None:
        report = verify(self.store)
        assert report.ok, {k: v for k, v in report.checks.items() if v}

    @invariant()
    def stock_matches_the_model(self) -> None:
        rows = stock(self.store)
        shown = {(r["warehouse"], r["sku"]): parse_quantity(r["on_hand"]) for r in rows}
        expected = {k: v for k, v in self.qty.items() if v}
        assert {k: v for k, v in shown.items() if v} == expected
        for r in rows:  # no value without quantity; negative only where the model is
            negative = self.qty[(r["warehouse"], r["sku"])] < 0
            assert r["value"].startswith("-") == negative or r["value"] == "0.00", r
            assert r["on_hand"].startswith("-") == negative, r
            assert r["on_hand"] != "0", f"value without quantity: {r}"

    @invariant()
    def one_event_and_one_audit_entry_per_posted_document(self) -> None:
        with self.store.engine.connect() as conn:
            outbox, audited, posted, documents = conn.execute(text(
                "SELECT (SELECT count(*) FROM outbox), "
                "(SELECT count(*) FROM audit_log WHERE action = 'document.post'), "
                "(SELECT count(DISTINCT uuid) FROM documents WHERE status = 'posted'), "
                "(SELECT count(*) FROM documents)")).one()
        assert outbox == audited == posted == documents == len(self.posted)

    @invariant()
    def numbers_are_gap_free(self) -> None:
        with self.store.engine.connect() as conn:
            numbers = conn.execute(text("SELECT number FROM documents")).scalars().all()
        by_prefix = defaultdict(list)
        for number in numbers:
            prefix, seq = number.rsplit("-", 1)
            by_prefix[prefix].append(int(seq))
        for prefix, seqs in by_prefix.items():
            assert sorted(seqs) == list(range(1, len(seqs) + 1)), (prefix, sorted(seqs))

    @invariant()
    def money_and_quantities_are_integers(self) -> None:
        with self.store.engine.connect() as conn:
            for table, columns in INTEGER_COLUMNS.items():
                for column in columns:
                    kinds = conn.execute(text(
                        f"SELECT DISTINCT typeof({column}) FROM {table}")).scalars().all()
                    assert set(kinds) <= {"integer"}, (table, column, kinds)
            for table, columns in NULLABLE_INTEGER_COLUMNS.items():
                for column in columns:
                    kinds = conn.execute(text(
                        f"SELECT DISTINCT typeof({column}) FROM {table}")).scalars().all()
                    assert set(kinds) <= {"integer", "null"}, (table, column, kinds)

    @invariant()
    def returns_never_refund_more_than_was_sold(self) -> None:
        with self.store.engine.connect() as conn:
            over = conn.execute(text(
                "SELECT o.id, o.amount_fen, sum(r.amount_fen), o.cogs_fen, sum(r.cogs_fen) "
                "FROM document_lines o JOIN document_lines r ON r.original_line_id = o.id "
                "GROUP BY o.id HAVING sum(r.amount_fen) > o.amount_fen "
                "OR sum(r.cogs_fen) > o.cogs_fen")).all()
        assert not over, over


def _run(max_examples: int, steps: int) -> None:
    run_state_machine_as_test(InventoryMachine, settings=settings(
        max_examples=max_examples, stateful_step_count=steps, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]))


def test_random_document_sequences_keep_every_invariant():
    _run(max_examples=10, steps=30)


@pytest.mark.slow
def test_random_document_sequences_keep_every_invariant_long():
    _run(max_examples=int(os.environ.get("JXC_STATEFUL_EXAMPLES", "200")), steps=50)


# -- bugs the machine found, fixed since: minimal reproductions, kept as regression tests -----

@pytest.fixture
def shop(new_store):
    add_catalog(new_store)
    ids = count(1)

    def _post(kind: str, lines: list[dict], **fields):
        return post_document(new_store, ADMIN, {"type": kind, "id": f"{kind}-{next(ids)}",
                                                "lines": lines, **fields})

    return new_store, _post


def _on_hand(store) -> dict:
    return {(r["warehouse"], r["sku"]): r["on_hand"] for r in stock(store)}


def test_a_receipt_cannot_name_the_transit_warehouse(shop):
    store, post = shop
    post("purchase_receipt", [{"sku": "COLA", "qty": "10", "unit_cost": "1.00"}], supplier="S01")
    post("transfer_out", [{"sku": "COLA", "qty": "4"}], to_warehouse="W2")  # makes TRANSIT
    with pytest.raises(UnknownReference):  # once: 1405 debited for goods left in transit
        post("purchase_receipt", [{"sku": "COLA", "qty": "5", "unit_cost": "1.00"}],
             supplier="S01", warehouse="TRANSIT")
    assert verify(store).ok


def test_a_sale_cannot_take_goods_that_are_in_transit(shop):
    store, post = shop
    post("purchase_receipt", [{"sku": "COLA", "qty": "10", "unit_cost": "1.00"}], supplier="S01")
    sent = post("transfer_out", [{"sku": "COLA", "qty": "4"}], to_warehouse="W2")
    with pytest.raises(UnknownReference):
        post("sale", [{"sku": "COLA", "qty": "2"}], warehouse="TRANSIT",
             payments=[{"method": "cash", "amount": "7.00"}])
    post("transfer_in", [{"sku": "COLA", "qty": "4"}], original=sent.number)  # once refused
    assert _on_hand(store)[("W2", "COLA")] == "4"
    assert verify(store).ok


def test_freight_on_a_zero_cost_receipt_reaches_a_cost_layer(shop):
    store, post = shop
    post("purchase_receipt", [{"sku": "COLA", "qty": "10", "unit_cost": "0.00"}],
         supplier="S01", freight="1.00")
    assert verify(store).ok  # once: 1405 held the 1.00 but no cost layer did
    assert stock(store, sku="COLA")[0]["value"] == "1.00"


def test_one_return_listing_a_sale_line_twice_cannot_take_back_more_than_sold(shop):
    store, post = shop
    post("purchase_receipt", [{"sku": "COLA", "qty": "10", "unit_cost": "1.00"}], supplier="S01")
    sale = post("sale", [{"sku": "COLA", "qty": "4", "unit_price": "3.00"}],
                payments=[{"method": "cash", "amount": "12.00"}])
    with pytest.raises(LineRuleBroken):  # once took back 6 of 4 sold, refunding 18.00
        post("customer_return", [{"sku": "COLA", "qty": "3"}, {"sku": "COLA", "qty": "3"}],
             original=sale.number)
    assert _on_hand(store)[("MAIN", "COLA")] == "6"


def test_two_moving_average_transfers_in_transit_are_received_separately(shop):
    store, post = shop
    post("purchase_receipt", [{"sku": "RICE", "qty": "10", "unit_cost": "5.00"}], supplier="S01")
    first = post("transfer_out", [{"sku": "RICE", "qty": "5"}], to_warehouse="W2")
    second = post("transfer_out", [{"sku": "RICE", "qty": "3"}], to_warehouse="W2")
    post("transfer_in", [{"sku": "RICE", "qty": "5"}], original=first.number)
    # once: the merged TRANSIT layer was drained, the 3 kg booked as a shortage
    assert _on_hand(store).get(("TRANSIT", "RICE")) == "3"
    post("transfer_in", [{"sku": "RICE", "qty": "3"}], original=second.number)
    assert _on_hand(store)[("W2", "RICE")] == "8"
    assert verify(store).ok


def test_partial_returns_refund_no_more_than_the_sale(shop):
    store, post = shop
    post("purchase_receipt", [{"sku": "RICE", "qty": "10", "unit_cost": "5.00"}], supplier="S01")
    sale = post("sale", [{"sku": "RICE", "qty": "0.003"}],
                payments=[{"method": "cash", "amount": "1.00"}])
    assert sale.total_fen == 2
    refunded = sum(post("customer_return", [{"sku": "RICE", "qty": "0.001"}],
                        original=sale.number).total_fen for _ in range(3))
    assert refunded == sale.total_fen  # once 3 fen: each third rounded up on its own
    assert stock(store, sku="RICE")[0]["value"] == "50.00"  # once 50.01
