"""The audit viewer: filters, pages, before/after, export, and a chain check that names
every edited, deleted, reordered or inserted entry with its sequence, over generated
tampering of pure chains and of a real store's audit log."""
from __future__ import annotations

import csv
import dataclasses
import json
import random
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from app.domain.audit import seal
from app.domain.permissions import PermissionDenied
from app.services import users
from app.services.audit_chain import check_records
from app.services.audit_view import (AuditFilter, BadAuditExport, audit_choices, audit_page,
                                     export_audit, verify_audit_chain)
from app.services.records import Actor, local_date, utc_now

ADMIN = Actor(None, "cli:test", "admin")
PW = "Good-pass-1"
KEY = b"k" * 32


@pytest.fixture
def shop(new_store):
    boss = users.add_user(new_store, ADMIN, "boss", "王店长", "store_manager", PW)
    new_store.boss = Actor(boss.id, "boss", "store_manager")
    for n in range(3):
        users.add_user(new_store, new_store.boss, f"cash{n}", f"收银{n}", "cashier", PW)
    users.change_role(new_store, new_store.boss, "cash0", "shift_lead")
    return new_store


def test_filters_pages_and_before_after(shop):
    boss, today = shop.boss, local_date(utc_now())
    everything = audit_page(shop, boss, AuditFilter())
    assert everything.total >= 5 and everything.rows[0].action == "user.role"  # newest first
    by_boss = audit_page(shop, boss, AuditFilter(user="boss", action="user."))
    assert [r.action for r in by_boss.rows] == ["user.role", "user.add", "user.add", "user.add"]
    assert all(r.user == "boss" for r in by_boss.rows)
    role = by_boss.rows[0]
    assert role.target == "cash0" and role.changes() == [("role", "cashier", "shift_lead")]
    assert role.other_detail()["host"]
    assert audit_page(shop, boss, AuditFilter(user="local")).total == 0
    assert audit_page(shop, boss, AuditFilter(user="cli:test")).total == 1  # add boss
    assert audit_page(shop, boss, AuditFilter(day_from=today, day_to=today)).total == \
        everything.total
    assert audit_page(shop, boss, AuditFilter(day_to=today - timedelta(days=1))).total == 0
    assert audit_page(shop, boss, AuditFilter(terminal="elsewhere")).total == 0
    paged = [audit_page(shop, boss, AuditFilter(action="user."), page=p, page_size=2)
             for p in range(3)]
    assert paged[0].pages == 3 and [len(p.rows) for p in paged] == [2, 2, 1]
    assert len({r.id for p in paged for r in p.rows}) == 5
    choices = audit_choices(shop, boss)
    assert {"boss", "cash0", "local"} <= set(choices["users"])
    assert "user.role" in choices["actions"] and choices["terminals"] == [shop.terminal_id]


def test_only_those_who_read_the_books_see_the_trail(shop):
    cashier = Actor(3, "cash1", "cashier")
    for call in (lambda: audit_page(shop, cashier, AuditFilter()),
                 lambda: audit_choices(shop, cashier),
                 lambda: verify_audit_chain(shop, cashier)):
        with pytest.raises(PermissionDenied):
            call()


def test_export_csv_and_xlsx_is_audited(shop, tmp_path):
    f = AuditFilter(action="user.")
    assert export_audit(shop, shop.boss, f, tmp_path / "a.csv") == 5
    with (tmp_path / "a.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    role = rows[0]
    assert role["action"] == "user.role" and json.loads(role["after"]) == {"role": "shift_lead"}
    assert export_audit(shop, shop.boss, f, tmp_path / "a.xlsx") == 5
    sheet = load_workbook(tmp_path / "a.xlsx").active
    values = list(sheet.values)
    assert values[0][:5] == ("terminal", "seq", "at", "user", "action") and len(values) == 6
    with pytest.raises(BadAuditExport) as bad:
        export_audit(shop, shop.boss, f, tmp_path / "a.txt")
    assert ".xlsx" in bad.value.message("en")
    exports = audit_page(shop, shop.boss, AuditFilter(action="audit.export"))
    assert [r.target for r in exports.rows] == ["a.xlsx", "a.csv"]
    assert exports.rows[0].detail["rows"] == 5


def test_a_formula_in_a_target_is_exported_as_text(shop, tmp_path):
    users.add_user(shop, shop.boss, "eq1", "=HYPERLINK(1)", "cashier", PW)
    export_audit(shop, shop.boss, AuditFilter(action="user.add"), tmp_path / "f.xlsx")
    cells = [c for row in load_workbook(tmp_path / "f.xlsx").active.values for c in row]
    assert not any(isinstance(c, str) and c.startswith("=") for c in cells)


# -- the chain check ----------------------------------------------------------------------

def _chain(n: int) -> list:
    out, prev = [], None
    for i in range(n):
        prev = seal(KEY, prev, "T1", f"2026-01-01T00:00:{i % 60:02d}", 1, "a", f"t{i}", {"i": i})
        out.append(prev)
    return out


def _tamper(base: list, kind: str, k: int) -> tuple[list, int, str]:
    """`base` with entry index k tampered; the sequence and kind the check must report."""
    r, rep = list(base), dataclasses.replace
    if kind == "edited":
        r[k] = rep(r[k], target="changed")
    elif kind == "deleted":
        del r[k]
    elif kind == "deleted_renumbered":
        del r[k]
        r = r[:k] + [rep(x, seq=x.seq - 1) for x in r[k:]]
    elif kind == "inserted":
        fake = rep(base[k], target="fake", hash="f" * 64,
                   prev_hash=base[k - 1].hash if k else "0" * 64)
        r = r[:k] + [fake] + [rep(x, seq=x.seq + 1) for x in r[k:]]
    elif kind == "reordered":
        r[k], r[k + 1] = rep(r[k + 1], seq=r[k].seq), rep(r[k], seq=r[k + 1].seq)
    return r, k + 1, kind.split("_")[0]


KINDS = ("edited", "deleted", "deleted_renumbered", "inserted", "reordered")


def test_every_generated_tampering_is_found_with_its_sequence():
    rng = random.Random(6)
    base = _chain(60)
    assert check_records(KEY, "T1", base).problems == []
    for trial in range(300):
        kind = KINDS[trial % len(KINDS)]
        k = rng.randrange(0, len(base) - 1)
        records, seq, want = _tamper(base, kind, k)
        problems = check_records(KEY, "T1", records).problems
        assert [(p.seq, p.kind) for p in problems] == [(seq, want)], (kind, k, problems)


def test_two_tamperings_far_apart_are_both_found():
    base = _chain(40)
    records, *_ = _tamper(base, "edited", 5)
    records, *_ = _tamper(records, "reordered", 20)
    records, *_ = _tamper(records, "deleted", 33)
    found = [(p.seq, p.kind) for p in check_records(KEY, "T1", records).problems]
    assert found == [(6, "edited"), (21, "reordered"), (34, "deleted")]


def _sql(store, *statements: str) -> None:
    with store.engine.begin() as conn:  # a forger with the file and SQLite, not the key
        conn.execute(text("DROP TRIGGER IF EXISTS audit_log_no_update"))
        conn.execute(text("DROP TRIGGER IF EXISTS audit_log_no_delete"))
        for statement in statements:
            conn.execute(text(statement))


SQL = {
    "edited": ["UPDATE audit_log SET target = 'x' WHERE seq = :k"],
    "deleted": ["DELETE FROM audit_log WHERE seq = :k"],
    "deleted_renumbered": ["DELETE FROM audit_log WHERE seq = :k",
                           "UPDATE audit_log SET seq = seq - 1 WHERE seq > :k"],
    "inserted": ["UPDATE audit_log SET seq = seq + 100000 WHERE seq >= :k",
                 "UPDATE audit_log SET seq = seq - 99999 WHERE seq >= 100000",
                 "INSERT INTO audit_log (terminal_id, seq, at, user_id, action, target, detail, "
                 "prev_hash, hash) SELECT terminal_id, :k, at, user_id, 'user.add', 'ghost', "
                 "'{}', hash, '" + "e" * 64 + "' FROM audit_log WHERE seq = :k - 1"],
    "reordered": ["UPDATE audit_log SET seq = -1 WHERE seq = :k",
                  "UPDATE audit_log SET seq = :k WHERE seq = :k + 1",
                  "UPDATE audit_log SET seq = :k + 1 WHERE seq = -1"],
}


@pytest.mark.parametrize("kind", KINDS)
def test_the_button_finds_tampering_in_a_real_store(shop, kind):
    seen: list[tuple[int, int]] = []
    assert verify_audit_chain(shop, shop.boss, lambda d, t: seen.append((d, t))).ok
    assert seen[-1][0] == seen[-1][1] > 0
    k = 3
    _sql(shop, *[s.replace(":k", str(k)) for s in SQL[kind]])
    report = verify_audit_chain(shop, shop.boss)
    want = kind.split("_")[0]
    assert [(p.seq, p.kind) for p in report.problems] == [(k, want)]
    assert str(k) in report.problems[0].text("zh_CN") and report.checked >= 5
    logged = audit_page(shop, shop.boss, AuditFilter(action="audit.verify"))
    assert logged.rows[0].detail["problems"] == 1
