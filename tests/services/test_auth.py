import json
import statistics
import time
from datetime import datetime

import pytest
from argon2 import PasswordHasher, Type, extract_parameters
from sqlalchemy import select, text, update

from app.domain.errors import AuthError
from app.persistence.schema import AuditEntry, User
from app.persistence.uow import UnitOfWork
from app.services import auth, passwords, records
from app.services.auth import PasswordChangeRequired, check_pin, sign_in
from app.services.inventory.verify import verify
from app.services.records import Actor, terminal_address, terminal_host, write_audit
from app.services.users import add_user, change_password, reset_password, set_pin
from helpers import ADMIN_PASSWORD

ADMIN = Actor(None, "cli:test", "admin")


@pytest.fixture(autouse=True)
def _fresh_ghosts():
    auth.GHOSTS.clear()
    yield
    auth.GHOSTS.clear()


def audit(store, prefix=""):
    with store.engine.connect() as conn:
        rows = conn.execute(select(AuditEntry.action, AuditEntry.target, AuditEntry.detail)
                            .where(AuditEntry.action.like(prefix + "%"))
                            .order_by(AuditEntry.seq)).all()
    return [(a, t, json.loads(d)) for a, t, d in rows]


def stored(store, username, column="password_hash"):
    with store.engine.connect() as conn:
        return conn.execute(select(getattr(User, column)).where(User.username == username)).scalar()


def test_admin_signs_in(new_store):
    user = sign_in(new_store, "admin", ADMIN_PASSWORD)
    assert (user.username, user.role) == ("admin", "admin")


@pytest.mark.parametrize("name, password", [("admin", "wrong-password"), ("nobody", ADMIN_PASSWORD),
                                            ("", ""), ("admin", "")])
def test_wrong_credentials_are_one_error(new_store, name, password):
    with pytest.raises(AuthError) as info:
        sign_in(new_store, name, password)
    assert type(info.value) is AuthError and "密码" in info.value.message("zh_CN")


def test_inactive_user_cannot_sign_in(new_store):
    with new_store.engine.begin() as conn:
        conn.execute(update(User).values(active=False))
    with pytest.raises(AuthError) as info:
        sign_in(new_store, "admin", ADMIN_PASSWORD)
    assert type(info.value) is AuthError


def test_passwords_and_pins_are_argon2id_with_at_least_the_owasp_parameters(new_store):
    add_user(new_store, ADMIN, "lead", "组长", "shift_lead", "Grp-pass-11", pin="2580")
    for value in (stored(new_store, "admin"), stored(new_store, "lead", "pin_hash")):
        params = extract_parameters(value)
        assert params.type is Type.ID
        assert (params.memory_cost, params.time_cost, params.parallelism) >= (19456, 2, 1)
        assert params.memory_cost >= 19456 and params.time_cost >= 2 and params.parallelism >= 1
        assert ADMIN_PASSWORD not in value and "2580" not in value


def test_a_weaker_hash_is_replaced_at_sign_in_and_a_pin_at_its_check(new_store):
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1, type=Type.I)
    add_user(new_store, ADMIN, "lead", "组长", "shift_lead", "Grp-pass-11")
    with new_store.engine.begin() as conn:
        conn.execute(update(User).where(User.username == "admin")
                     .values(password_hash=weak.hash(ADMIN_PASSWORD)))
        conn.execute(update(User).where(User.username == "lead").values(pin_hash=weak.hash("2580")))
    sign_in(new_store, "admin", ADMIN_PASSWORD)
    assert check_pin(new_store, "lead", "2580") == ("lead", "shift_lead")
    for name, column in (("admin", "password_hash"), ("lead", "pin_hash")):
        params = extract_parameters(stored(new_store, name, column))
        assert (params.type, params.memory_cost, params.time_cost) == (Type.ID, 19456, 2)
        assert not passwords.needs_rehash(stored(new_store, name, column))
    assert [d.get("rehashed") for _, _, d in audit(new_store, "auth.")] == [True, True]
    sign_in(new_store, "admin", ADMIN_PASSWORD)  # the new hash verifies; nothing to redo
    assert audit(new_store, "auth.")[-1][2].get("rehashed") is None
    stronger = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=2).hash("x")
    assert not passwords.needs_rehash(stronger) and passwords.needs_rehash("not a hash")


def test_unknown_names_cost_the_same_work_and_read_the_same(new_store, monkeypatch):
    calls = []
    real = auth.verify_secret
    monkeypatch.setattr(auth, "verify_secret", lambda h, s: calls.append(h) or real(h, s))
    messages = []
    for name in ("admin", "nobody"):
        with pytest.raises(AuthError) as info:
            sign_in(new_store, name, "wrong-password")
        messages.append((type(info.value), info.value.message("zh_CN"), info.value.message("en")))
    assert messages[0] == messages[1] and len(calls) == 2
    entries = audit(new_store, "auth.")
    assert [(a, t) for a, t, _ in entries] == [("auth.failed", "admin"), ("auth.failed", "")]
    assert entries[1][2]["known"] is False and "nobody" not in json.dumps(entries[1][2])


def test_unknown_names_take_about_as_long_as_wrong_passwords(new_store):
    def timed(name):
        started = time.perf_counter()
        with pytest.raises(AuthError):
            sign_in(new_store, name, "wrong")
        return time.perf_counter() - started
    known, unknown = [], []
    for i in range(4):  # interleaved, four each: stays under the lockout threshold
        known.append(timed("admin"))
        unknown.append(timed(f"ghost{i}"))
    k, u = statistics.median(known), statistics.median(unknown)
    assert 0.5 < k / u < 2.0, (known, unknown)


def test_sign_ins_are_audited_with_host_and_address_and_verify_still_passes(new_store):
    sign_in(new_store, "admin", ADMIN_PASSWORD)
    action, target, detail = audit(new_store, "auth.")[-1]
    assert (action, target, detail["by"]) == ("auth.sign_in", "admin", "admin")
    assert detail["host"] == terminal_host() and detail["address"] == terminal_address()
    assert detail["address"] and detail["host"]
    assert verify(new_store).ok


def test_host_and_address_are_read_once_and_reserved(new_store):
    terminal_host.cache_clear()
    terminal_address.cache_clear()
    for _ in range(3):
        sign_in(new_store, "admin", ADMIN_PASSWORD)
    assert terminal_host.cache_info().misses == 1 and terminal_address.cache_info().misses == 1
    with UnitOfWork(new_store.engine) as uow, pytest.raises(ValueError):
        write_audit(uow.session, new_store, ADMIN, datetime(2026, 1, 1), "x", "y",
                    {"host": "forged"})


def test_host_and_address_are_in_the_hmac_chain(new_store):
    sign_in(new_store, "admin", ADMIN_PASSWORD)
    with new_store.engine.begin() as conn:
        row = conn.execute(select(AuditEntry.id, AuditEntry.detail)).first()
    forged = row.detail.replace(terminal_host(), "elsewhere", 1)
    assert forged != row.detail
    with new_store.engine.begin() as conn:  # what only someone with the key could do
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(update(AuditEntry).where(AuditEntry.id == row.id).values(detail=forged))
    assert not verify(new_store).ok


def test_a_reset_password_must_be_changed_before_signing_in(new_store):
    add_user(new_store, ADMIN, "clerk", "库管", "warehouse_clerk", "Stock-pw-11")
    reset_password(new_store, ADMIN, "clerk", "Temp-pass-22")
    with pytest.raises(PasswordChangeRequired) as info:
        sign_in(new_store, "clerk", "Temp-pass-22")
    assert "新密码" in info.value.message("zh_CN") and "new password" in info.value.message("en")
    with pytest.raises(AuthError):
        change_password(new_store, "clerk", "wrong-one", "Fresh-pass-33")
    change_password(new_store, "clerk", "Temp-pass-22", "Fresh-pass-33")
    assert sign_in(new_store, "clerk", "Fresh-pass-33").role == "warehouse_clerk"
    entries = [(a, d) for a, t, d in audit(new_store) if t == "clerk"]
    assert [a for a, _ in entries][-4:] == ["auth.sign_in", "auth.failed",
                                            "user.password_change", "auth.sign_in"]
    assert entries[-4][1]["refused"] == "must_change_password"
    assert "refused" not in entries[-1][1]


def test_set_own_pin_is_checked_under_the_lockout_and_audited_once(new_store):
    info = add_user(new_store, ADMIN, "lead", "组长", "shift_lead", "Grp-pass-11")
    lead = Actor(info.id, "lead", "shift_lead")
    with pytest.raises(AuthError):
        set_pin(new_store, lead, "lead", "2580", password="nope")
    set_pin(new_store, lead, "lead", "2580", password="Grp-pass-11")
    assert check_pin(new_store, "lead", "2580") == ("lead", "shift_lead")
    assert check_pin(new_store, "lead", "0000") is None
    pin_entries = [(a, d) for a, t, d in audit(new_store) if a == "user.set_pin"]
    assert len(pin_entries) == 1
    assert pin_entries[0][1]["after"]["has_pin"] is True
    assert "$argon2" not in json.dumps(audit(new_store))


def test_records_keeps_the_terminal_facts_cheap():
    records.terminal_address.cache_clear()
    started = time.perf_counter()
    for _ in range(1000):
        records.terminal_address()
        records.terminal_host()
    assert time.perf_counter() - started < 0.05
