"""The Admin section as users meet it: accounts managed and refusals shown, the audit
viewer with its chain check, backups with progress, and health in colour."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from app.persistence.keystore import KeyringKeyStore
from app.persistence.layout import DataDir
from app.services import users
from app.services.auth import SignedInUser
from app.services.records import Actor
from app.services.setup import initialize_store
from app.ui.admin import background
from app.ui.admin.page import AdminPage

PW = "Good-pass-1"
ADMIN = SignedInUser(1, "admin", "管理员", "admin")


class MemoryKeys:
    def __init__(self) -> None:
        self.keys: dict[str, str] = {}

    def get(self, uuid):
        return self.keys.get(uuid)

    def put(self, uuid, key):
        self.keys[uuid] = key


@pytest.fixture
def shop(tmp_path, monkeypatch):
    monkeypatch.delenv("JXC_S3_BUCKET", raising=False)
    store = initialize_store(DataDir(tmp_path / "s"), KeyringKeyStore(), "S001", "测试门店",
                             "secret123")
    admin = Actor(1, "admin", "admin")
    boss = users.add_user(store, admin, "boss", "王店长", "store_manager", PW)
    cash = users.add_user(store, admin, "cash1", "收银一", "cashier", PW)
    store.boss = SignedInUser(boss.id, "boss", "王店长", "store_manager")
    store.cashier = SignedInUser(cash.id, "cash1", "收银一", "cashier")
    background.start(store, schedule=False, db_keys=KeyringKeyStore(), backup_keys=MemoryKeys())
    yield store
    background.stop()
    store.close()


def page_for(qtbot, store, ops, user) -> AdminPage:
    page = AdminPage(store, ops, user)
    qtbot.addWidget(page)
    page.resize(1100, 720)
    page.show()
    return page


def test_an_administrator_adds_a_user_and_a_wrong_entry_loses_nothing(qtbot, shop, ops):
    page = page_for(qtbot, shop, ops, ADMIN)
    tab = page.users_tab
    qtbot.waitUntil(lambda: len(tab.accounts) == 3)
    tab.add()
    dialog = tab.dialog
    dialog.username_edit.setText("cash2")
    dialog.name_edit.setText("收银二")
    dialog.password_edit.setText(PW)
    dialog.repeat_edit.setText(PW + "x")
    dialog.buttons.accepted.emit()
    assert "differ" in dialog.error_label.text() and dialog.isVisible()
    dialog.repeat_edit.setText(PW)
    dialog.password_edit.setText("123")  # too weak: refused by the service, kept in the box
    dialog.repeat_edit.setText("123")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible() and "8" in dialog.error_label.text())
    assert dialog.username_edit.text() == "cash2" and dialog.isVisible()
    dialog.password_edit.setText(PW)
    dialog.repeat_edit.setText(PW)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: len(tab.accounts) == 4)
    assert not dialog.isVisible() and "cash2" in tab.message.text()
    assert tab.selected().username == "cash2"
    page.grab().save("/tmp/admin_users.png")


def test_a_store_manager_is_refused_an_administrator_account_and_told_why(qtbot, shop, ops):
    page = page_for(qtbot, shop, ops, shop.boss)
    tab = page.users_tab
    qtbot.waitUntil(lambda: len(tab.accounts) == 3)
    assert tab.assignable_roles() == ("cashier", "shift_lead")
    tab.select("admin")
    tab.toggle_active()
    qtbot.waitUntil(lambda: tab.message.is_error)
    assert "收银员和值班主管" in tab.message.text() or "cashier" in tab.message.text()
    tab.select("cash1")
    tab.toggle_active()
    qtbot.waitUntil(lambda: not tab.message.is_error and bool(tab.message.text()))
    qtbot.waitUntil(lambda: not next(a for a in tab.accounts if a.username == "cash1").active)


def test_a_cashier_sees_the_refusals_in_the_tabs(qtbot, shop, ops):
    page = page_for(qtbot, shop, ops, shop.cashier)
    qtbot.waitUntil(lambda: page.users_tab.message.is_error)
    page.tabs.setCurrentWidget(page.audit_tab)
    qtbot.waitUntil(lambda: page.audit_tab.message.is_error)
    assert page.audit_tab.table.rowCount() == 0
    page.tabs.setCurrentWidget(page.backups_tab)
    qtbot.waitUntil(lambda: page.backups_tab.table.rowCount() == 0
                    and page.backups_tab.plan_labels["next"].text() != "")
    page.backups_tab.back_up_now()
    qtbot.waitUntil(lambda: page.backups_tab.message.is_error, timeout=10_000)


def test_audit_viewer_filters_shows_before_after_exports_and_verifies(qtbot, shop, ops,
                                                                       tmp_path):
    users.change_role(shop, Actor(1, "admin", "admin"), "cash1", "shift_lead")
    page = page_for(qtbot, shop, ops, ADMIN)
    tab = page.audit_tab
    page.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.page is not None and tab.user_box.count() > 1)
    assert tab.page.rows[0].action == "user.role"
    assert [tab.changes.item(0, c).text() for c in range(3)] == ["role", "cashier",
                                                                  "shift_lead"]
    tab.action_box.setEditText("user.add")
    tab.search(0)
    qtbot.waitUntil(lambda: tab.page.total == 2)
    assert tab.changes.rowCount() == 8 and tab.changes.item(0, 0).text() == "active"
    tab.export_to(str(tmp_path / "audit.csv"))
    qtbot.waitUntil(lambda: (tmp_path / "audit.csv").exists() and bool(tab.message.text()))
    assert "2" in tab.message.text()
    tab.verify_chain()
    qtbot.waitUntil(lambda: tab.verify_button.isEnabled(), timeout=10_000)
    assert not tab.problem_list.isVisible() and tab.chain_bar.isHidden()
    with shop.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("UPDATE audit_log SET target = 'x' WHERE seq = 2"))
    tab.verify_chain()
    qtbot.waitUntil(lambda: tab.verify_button.isEnabled(), timeout=10_000)
    assert tab.problem_list.count() == 1 and "2" in tab.problem_list.item(0).text()
    page.grab().save("/tmp/admin_audit.png")


def test_back_up_now_with_progress_and_health_in_colour(qtbot, shop, ops):
    page = page_for(qtbot, shop, ops, ADMIN)
    tab = page.backups_tab
    page.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.plan_labels["next"].text() != "")
    phases = []
    page.maintenance.backup_progress.connect(lambda p, d, t: phases.append(p))
    with qtbot.waitSignal(page.maintenance.backup_done, timeout=30_000):
        tab.back_up_now()
        assert not tab.now_button.isEnabled() and tab.bar.isVisible()
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1)
    assert {"snapshot", "pack", "verify"} <= set(phases)
    assert tab.now_button.isEnabled() and tab.bar.isHidden()
    assert tab.table.item(0, 1).foreground().color().name() == "#2e7d32"
    page.grab().save("/tmp/admin_backups.png")
    health = page.health_tab
    page.tabs.setCurrentWidget(health)
    health.check_now()
    qtbot.waitUntil(lambda: health.report is not None and health.check_button.isEnabled(),
                    timeout=10_000)
    names = [health.table.item(r, 0).text() for r in range(health.table.rowCount())]
    assert len(names) == 6
    colours = {health.table.item(r, 1).foreground().color().name()
               for r in range(health.table.rowCount())}
    assert "#2e7d32" in colours
    page.grab().save("/tmp/admin_health.png")


def test_a_page_without_the_apps_maintenance_runs_its_own_and_stops_it(qtbot, tmp_path, ops):
    background.stop()
    store = initialize_store(DataDir(tmp_path / "own"), KeyringKeyStore(), "S002", "门店二",
                             "secret123")
    try:
        page = page_for(qtbot, store, ops, ADMIN)
        assert page.maintenance is not background.current() and page._owns_maintenance
        page.close()
        assert not page.maintenance.runner.is_running()
    finally:
        store.close()


def test_the_schedule_backs_up_when_due_then_stays_quiet_and_checks_health(qtbot, shop):
    maintenance = background.current()
    running = []
    maintenance.backup_running.connect(running.append)
    with qtbot.waitSignals([maintenance.backup_done, maintenance.health_checked],
                           timeout=30_000):
        maintenance.tick()  # a new store: due at once (the catch-up at start)
    qtbot.waitUntil(lambda: not maintenance.backing_up)
    assert running == [True, False]
    maintenance.tick()  # backed up since the last 02:30: nothing to do
    qtbot.wait(500)
    assert running == [True, False] and not maintenance.backing_up


def test_the_status_bar_says_backing_up_failed_and_health(qtbot, shop):
    from app.services.backup.errors import BackupBusy
    from app.services.health import HealthCheck, HealthReport
    from app.ui.admin.status import MaintenanceStatus

    maintenance = background.current()
    label = MaintenanceStatus(maintenance)
    qtbot.addWidget(label)
    maintenance.backup_running.emit(True)
    assert label.text() == "Backing up..."
    maintenance.backup_failed.emit(BackupBusy(path="/x/.backup.lock"))
    report = HealthReport("2026-12-05T10:00:00+00:00", [
        HealthCheck("database", "ok", "好", "fine"),
        HealthCheck("backup", "error", "没有备份", "no backup")])
    maintenance.health_checked.emit(report)
    assert label.text() == "Backup failed · Health: Error"
    assert "#c62828" in label.styleSheet() and "Backups" in label.toolTip()


def test_a_stopped_maintenance_never_ticks_again(qtbot, tmp_path):
    """Signing out used to leave the first round's single shot queued: 20 s later it ran
    on a shut-down worker, inside whatever the process did next (seen under pytest-xdist)."""
    store = initialize_store(DataDir(tmp_path / "s"), KeyringKeyStore(), "S009", "停", "pw-123456")
    maintenance = background.Maintenance(store, db_keys=KeyringKeyStore(),
                                         backup_keys=MemoryKeys())
    try:
        ticks = []
        maintenance.health_checked.connect(ticks.append)
        maintenance.health_failed.connect(ticks.append)
        maintenance.start(first_ms=50)
        maintenance.stop()
        qtbot.wait(300)  # past the first tick's time
        assert ticks == [] and not maintenance.first_tick.isActive()
        maintenance.tick()  # even asked directly: nothing runs on the stopped worker
        qtbot.wait(100)
        assert ticks == [] and not maintenance.runner.is_running()
    finally:
        maintenance.deleteLater()
        store.close()
