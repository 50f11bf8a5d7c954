"""The ops runner: work on one background thread, results back on the UI thread."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject, QThread

from app.ui.ops import OpsRunner


def test_result_arrives_on_the_ui_thread(qtbot, ops):
    seen = {}

    def job():
        seen["worker"] = threading.current_thread()
        return 42

    def done(value):
        seen["value"] = value
        seen["ui"] = QThread.currentThread() is ops.thread()

    with qtbot.waitSignal(ops.busy_changed, check_params_cb=lambda busy: not busy):
        ops.run(job, done)
    assert seen["value"] == 42 and seen["ui"]
    assert seen["worker"] is not threading.main_thread()
    assert ops.pending == 0


def test_jobs_run_one_after_another_on_one_thread(qtbot, ops):
    threads, results = set(), []
    for n in range(5):
        ops.run(lambda n=n: threads.add(threading.get_ident()) or n, results.append)
    qtbot.waitUntil(lambda: len(results) == 5)
    assert results == [0, 1, 2, 3, 4] and len(threads) == 1


def test_exception_goes_to_on_failure(qtbot, ops):
    errors = []
    ops.run(lambda: 1 / 0, lambda _: pytest.fail("no result expected"), errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ZeroDivisionError)


def test_exception_without_handler_goes_to_the_default(qtbot):
    failures = []
    runner = OpsRunner(default_failure=failures.append)
    try:
        runner.run(lambda: {}["missing"])
        qtbot.waitUntil(lambda: bool(failures))
        assert isinstance(failures[0], KeyError)
    finally:
        runner.shutdown()


def test_result_for_a_deleted_widget_is_dropped(qtbot, ops):
    gate = threading.Event()
    called = []
    context = QObject()
    ops.run(lambda: gate.wait(5), called.append, called.append, context=context)
    context.deleteLater()
    qtbot.waitUntil(lambda: not _alive(context))
    gate.set()
    qtbot.waitUntil(lambda: ops.pending == 0)
    assert called == []


def test_shutdown_stops_the_thread_and_refuses_new_work(qapp):
    runner = OpsRunner()
    runner.run(lambda: None)
    runner.shutdown()
    runner.shutdown()  # twice is fine
    assert not runner.is_running()
    with pytest.raises(RuntimeError):
        runner.run(lambda: None)


def _alive(obj: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)
