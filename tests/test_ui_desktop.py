"""Issue 24: the idle lock, the notification records, run_call/WorkerGroup, the action registry."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QObject, QThread, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from alyesdesk.inference.errors import ModelError
from alyesdesk.storage import open_database
from alyesdesk.ui import actions as A
from alyesdesk.ui.app import clear_foreign_qt_paths, platform_message
from alyesdesk.ui.context import ERROR, AppContext
from alyesdesk.ui.errors import Notification
from alyesdesk.ui.workers import Worker, WorkerFailure, WorkerGroup, run_call, start_worker

PASSPHRASE = "a long test passphrase"


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def locked_db(no_keyring):  # noqa: ANN001, ANN201
    database = open_database(passphrase=PASSPHRASE)
    yield database
    database.close()


def _window(qtbot, db, clock=None):  # noqa: ANN001, ANN202
    from alyesdesk.ui.errors import connect_error_dialog, error_bridge
    from alyesdesk.ui.main_window import MainWindow

    kwargs = {"now": clock} if clock is not None else {}
    win = MainWindow(AppContext(db), **kwargs)
    connect_error_dialog(error_bridge(), win)
    qtbot.addWidget(win)
    return win


# --- idle lock -----------------------------------------------------------------------------------

def test_idle_lock_hides_the_content_and_asks_the_passphrase(qtbot, locked_db) -> None:
    clock = FakeClock()
    win = _window(qtbot, locked_db, clock)
    win.ctx.settings.idle_lock_minutes = 3
    assert not win.idle.check() and not win.is_locked()
    clock.t += 2 * 60
    assert not win.idle.check()
    win.idle.touch()  # activity restarts the count
    clock.t += 179
    assert not win.idle.check()
    clock.t += 1
    with qtbot.waitSignal(win.idle.idle_reached, timeout=1000):
        assert win.idle.check()
    assert win.is_locked() and win.pages.currentWidget() is win.lock_screen
    assert not win.tabs.isVisibleTo(win.pages) or win.pages.currentWidget() is not win.tabs.parent()
    assert not win.actions_registry["backup"].isEnabled() and win.actions_registry["quit"].isEnabled()
    win.lock_screen.passphrase.setText("wrong passphrase")
    assert not win.lock_screen.try_unlock() and "Wrong" in win.lock_screen.error.text()
    assert win.is_locked()
    win.lock_screen.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(win.lock_screen.unlocked, timeout=1000):
        win.lock_screen.unlock_button.click()
    assert not win.is_locked() and win.actions_registry["backup"].isEnabled()
    win.shutdown()


def test_no_idle_lock_without_a_passphrase(qtbot, db) -> None:
    clock = FakeClock()
    keyring_win = _window(qtbot, db, clock)
    clock.t += 3600
    assert not keyring_win.idle.check() and not keyring_win.lock()
    assert not keyring_win.actions_registry["lock_now"].isEnabled()
    keyring_win.shutdown()


def test_no_idle_lock_when_off_but_lock_now_works(qtbot, locked_db) -> None:
    clock = FakeClock()
    off = _window(qtbot, locked_db, clock)
    off.ctx.settings.idle_lock_minutes = 0
    clock.t += 3600
    assert not off.idle.check() and not off.is_locked()
    off.actions_registry["lock_now"].trigger()  # File > Lock now still locks at once
    assert off.is_locked()
    off.shutdown()


def test_running_work_goes_on_while_locked(qtbot, locked_db) -> None:
    win = _window(qtbot, locked_db, FakeClock())
    gate = threading.Event()
    results: list[int] = []
    win.workers.call(lambda: gate.wait(5) and 7, on_done=results.append)
    assert win.lock()
    gate.set()
    qtbot.waitUntil(lambda: results == [7], timeout=5000)
    assert win.is_locked()
    win.shutdown()


# --- notifications -------------------------------------------------------------------------------

def test_notifications_are_kept_merged_and_shown_in_one_dialog(qtbot, db) -> None:
    win = _window(qtbot, db)
    ctx = win.ctx
    with qtbot.waitSignal(ctx.notified, timeout=1000) as old_style:
        ctx.notify("Saved")
    assert old_style.args == ["Saved", "info"]  # the old signal keeps its signature
    ctx.notify("Model missing: import one with File > Import model", ERROR, exception=ModelError("no model"))
    ctx.notify("Model missing: import one with File > Import model", ERROR, exception=ModelError("no model"))
    records = ctx.notifications.records
    assert [r.message for r in records] == ["Saved", "Model missing: import one with File > Import model"]
    assert records[1].count == 2 and records[1].expected
    dialogs = [b for b in win.findChildren(QMessageBox) if b.isVisible()]
    assert len(dialogs) == 1 and dialogs[0] is win.error_dialog
    assert "×2" in win.error_dialog.text() and win.error_dialog.copy_button.isHidden()
    try:
        raise KeyError("surprise")
    except KeyError as exc:
        ctx.notify("Something odd", ERROR, exception=exc)
    assert [b for b in win.findChildren(QMessageBox) if b.isVisible()] == [win.error_dialog]
    record = win.error_dialog.record
    assert not record.expected and "KeyError" in record.details and "Traceback" in record.details
    assert not win.error_dialog.copy_button.isHidden()
    win.error_dialog.copy_button.click()
    assert "Something odd" in QApplication.clipboard().text() and win.error_dialog.isVisible()
    assert win.bell.unseen == 3
    win.show_messages()
    assert win.bell.unseen == 0 and win.messages_dock.isVisibleTo(win)
    assert win.messages.records_shown()[0] is record and len(win.messages.records_shown()) == 3
    win.shutdown()


def test_record_actions_become_buttons(qtbot, db) -> None:
    win = _window(qtbot, db)
    clicked: list[str] = []
    win.ctx.notify("Camera busy", ERROR, actions=(("Retry", lambda: clicked.append("retry")),))
    buttons = [b for b in win.error_dialog.buttons() if b.text() == "Retry"]
    assert len(buttons) == 1
    buttons[0].click()
    assert clicked == ["retry"]
    win.shutdown()


class _Boom(Worker):
    def work(self) -> None:
        raise ModelError("the model file is damaged: import it again")


class _Receiver(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.threads: list[QThread] = []
        self.messages: list[str] = []

    @Slot(str)
    def on_failed(self, message: str) -> None:  # an old-style slot written for failed(str)
        self.threads.append(QThread.currentThread())
        self.messages.append(message)


def test_failed_carries_the_exception_and_old_slots_still_get_a_string(qtbot) -> None:
    receiver = _Receiver()
    handle = start_worker(_Boom())
    handle.worker.failed.connect(receiver.on_failed)
    with qtbot.waitSignal(handle.worker.failed, timeout=5000) as blocker:
        pass
    failure = blocker.args[0]
    assert isinstance(failure, WorkerFailure) and isinstance(failure, str)
    assert failure == "the model file is damaged: import it again"
    assert isinstance(failure.exception, ModelError) and "Traceback" in failure.details
    qtbot.waitUntil(lambda: receiver.messages == [failure], timeout=2000)
    assert receiver.threads == [QApplication.instance().thread()]
    ctx = AppContext(None)
    record = ctx.notify_failure("Model not loaded", failure)
    assert record.expected and isinstance(record.exception, ModelError)


def test_the_import_failure_is_reported_on_the_gui_thread(qtbot, db, monkeypatch) -> None:
    import alyesdesk.ui.dialogs.import_model as import_model

    win = _window(qtbot, db)
    threads: list[QThread] = []
    real_notify = win.ctx.notify

    def notify(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        threads.append(QThread.currentThread())
        return real_notify(*args, **kwargs)

    monkeypatch.setattr(win.ctx, "notify", notify)
    monkeypatch.setattr(import_model, "choose_model", lambda parent: (Path("x.onnx"), None))
    monkeypatch.setattr(import_model, "ImportWorker", lambda *a: _Boom())
    win._on_import_model_triggered()
    qtbot.waitUntil(lambda: bool(threads), timeout=5000)
    assert threads == [QApplication.instance().thread()]
    assert "damaged" in win.ctx.notifications.records[-1].message
    win.shutdown()


# --- run_call and WorkerGroup --------------------------------------------------------------------

def test_run_call_delivers_on_the_owners_thread(qtbot) -> None:
    owner = QObject()
    got: list[tuple[object, QThread]] = []
    run_call(lambda a, b: a + b, 2, 3, on_done=lambda r: got.append((r, QThread.currentThread())), owner=owner)
    qtbot.waitUntil(lambda: bool(got), timeout=5000)
    assert got == [(5, QApplication.instance().thread())]
    errors: list[WorkerFailure] = []
    run_call(lambda: 1 / 0, on_done=got.append, on_error=errors.append, owner=owner)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0].exception, ZeroDivisionError) and len(got) == 1


def test_run_call_says_nothing_once_cancelled_or_the_owner_is_gone(qtbot) -> None:
    group = WorkerGroup()
    gate = threading.Event()
    got: list[object] = []
    handle = group.call(lambda: gate.wait(5), on_done=got.append)
    assert group.running() == 1
    group.stop_all()
    gate.set()
    qtbot.waitUntil(lambda: not handle.is_running(), timeout=5000)
    QApplication.processEvents()
    assert got == []
    owner = QObject()
    gate2 = threading.Event()
    run_call(lambda: gate2.wait(5), on_done=got.append, owner=owner)
    shiboken6.delete(owner)  # the owner (and the relay, its child) is gone before the result
    gate2.set()
    from alyesdesk.ui.workers import call_pool

    assert call_pool().waitForDone(5000)
    QApplication.processEvents()
    assert got == []


class _Waits(Worker):
    def work(self) -> str:
        while not self.stop_requested.wait(0.01):
            pass
        return "stopped"


def test_worker_group_stops_its_threads(qtbot) -> None:
    group = WorkerGroup()
    handles = [group.start(_Waits()) for _ in range(2)]
    qtbot.waitUntil(lambda: all(h.is_running() for h in handles), timeout=5000)
    group.stop_all()
    assert not any(h.is_running() for h in handles) and group.running() == 0


def test_a_worker_is_running_from_its_start_until_its_end_is_known(qtbot) -> None:
    """Its thread starts on the next turn of the event loop: a job asked for but not begun is still work in
    progress (before, `is_running()` said False there, so a second drop started a second checker and
    closing right after a drop did not ask)."""
    handle = start_worker(_Waits())
    assert handle.is_running() and not handle.thread.isRunning()
    qtbot.waitUntil(handle.thread.isRunning, timeout=5000)
    assert handle.is_running()
    handle.worker.stop_requested.set()
    qtbot.waitUntil(lambda: not handle.is_running(), timeout=5000)
    assert handle.thread.isFinished()


def test_a_worker_stopped_before_it_began_is_not_running(qtbot) -> None:
    handle = start_worker(_Waits())
    assert handle.stop() and not handle.is_running()
    with qtbot.waitSignal(handle.worker.finished, timeout=5000) as blocker:
        pass
    assert blocker.args == [None] and not handle.is_running()


def test_diagnostics_are_collected_off_the_gui_thread(qtbot, db, monkeypatch) -> None:
    import alyesdesk.diagnostics as diagnostics

    threads: list[QThread] = []

    def fake_report(cameras: bool = True) -> dict:
        threads.append(QThread.currentThread())
        return {"cameras": ["fake camera"]}

    monkeypatch.setattr(diagnostics, "report", fake_report)
    win = _window(qtbot, db)
    win.actions_registry["diagnostics"].trigger()
    qtbot.waitUntil(lambda: getattr(win, "diagnostics_dialog", None) is not None, timeout=5000)
    assert threads and threads[0] is not QApplication.instance().thread()
    assert "fake camera" in win.diagnostics_dialog.text
    win.diagnostics_dialog.close()
    win.shutdown()


# --- actions -------------------------------------------------------------------------------------

def test_no_two_shortcuts_collide(qtbot, db) -> None:
    from PySide6.QtGui import QShortcut

    keys = [A.shortcut_text(a.shortcut) for a in A.ACTIONS if a.shortcut is not None]
    keys += [QKeySequence(k).toString(QKeySequence.SequenceFormat.PortableText) for _t, k, _w in A.TAB_SHORTCUTS]
    assert len(keys) == len(set(keys)), keys
    win = _window(qtbot, db)
    registry_keys = {a.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
                     for a in win.actions_registry.actions.values() if not a.shortcut().isEmpty()}
    tab_keys = [s.key().toString(QKeySequence.SequenceFormat.PortableText) for s in win.findChildren(QShortcut)]
    assert not registry_keys & set(tab_keys), registry_keys & set(tab_keys)
    listed = {QKeySequence(k).toString(QKeySequence.SequenceFormat.PortableText) for _t, k, _w in A.TAB_SHORTCUTS}
    assert set(tab_keys) - {"Alt+A", "Alt+X", "Alt+D", "Alt+0", "Alt+1", "Alt+2", "Alt+3"} <= listed
    win.shutdown()


def test_every_action_triggers(qtbot, db, monkeypatch) -> None:
    import alyesdesk.diagnostics as diagnostics
    import alyesdesk.ui.dialogs.import_model as import_model
    import alyesdesk.ui.main_window as main_window

    opened: list[object] = []
    monkeypatch.setattr(QDialog, "exec", lambda self: 0)
    monkeypatch.setattr(import_model, "choose_model", lambda parent: None)
    monkeypatch.setattr(main_window.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    monkeypatch.setattr(diagnostics, "report", lambda cameras=True: {"ok": True})
    win = _window(qtbot, db)
    win.show()
    for spec in A.ACTIONS:
        action = win.actions_registry[spec.key]
        if spec.key == "quit":
            continue
        if action.isEnabled():
            action.trigger()
    assert opened and win.messages_dock.isVisible()
    qtbot.waitUntil(lambda: getattr(win, "diagnostics_dialog", None) is not None, timeout=5000)
    assert "Backup written" in win.ctx.notifications.records[-1].message or any(
        "Backup written" in r.message for r in win.ctx.notifications.records)
    assert win.shortcuts_dialog is not None and "Ctrl+Shift+G" in win.shortcuts_dialog.findChild(
        __import__("PySide6.QtWidgets", fromlist=["QLabel"]).QLabel).text()
    win.actions_registry["quit"].trigger()
    assert not win.isVisible()


def test_shortcut_help_lists_every_shortcut() -> None:
    html = A.shortcut_html()
    for spec in A.ACTIONS:
        if spec.shortcut is not None:
            assert A.shortcut_text(spec.shortcut) in html
    assert "Ctrl+Shift+G" in html


# --- start-up on a minimal Linux -----------------------------------------------------------------

def test_opencv_plugin_paths_are_cleared_but_a_users_own_stays() -> None:
    env = {"QT_QPA_PLATFORM_PLUGIN_PATH": "/venv/lib/site-packages/cv2/qt/plugins",
           "QT_QPA_FONTDIR": "/venv/lib/site-packages/cv2/qt/fonts", "QT_PLUGIN_PATH": "/opt/myqt/plugins"}
    assert clear_foreign_qt_paths(env) == ["QT_QPA_PLATFORM_PLUGIN_PATH", "QT_QPA_FONTDIR"]
    assert env == {"QT_PLUGIN_PATH": "/opt/myqt/plugins"}


def test_the_platform_message_names_the_packages_not_opencv() -> None:
    text = platform_message("libxcb-cursor.so.0: cannot open shared object file")
    assert "libxcb-cursor0" in text and "apt-get install" in text and "cv2" not in text


def test_the_unexpected_error_presenter_uses_the_same_dialog(qtbot, db) -> None:
    from alyesdesk.ui import errors

    win = _window(qtbot, db)
    win.ctx.notify("first", ERROR)
    errors.error_bridge().error_raised.emit("RuntimeError: boom", "Traceback: boom")
    qtbot.waitUntil(lambda: win.error_dialog.record is not None and win.error_dialog.record.message
                    == "RuntimeError: boom", timeout=5000)
    assert [b for b in win.findChildren(QMessageBox) if b.isVisible()] == [win.error_dialog]
    assert isinstance(win.ctx.notifications.records[-1], Notification)
    win.shutdown()


def test_the_context_bridges_changes_to_a_qt_signal(qtbot) -> None:
    from alyesdesk.ui.context import AppContext

    ctx = AppContext(None, __import__('alyesdesk.settings', fromlist=['Settings']).Settings())
    with qtbot.waitSignal(ctx.settings_changed, timeout=2000) as blocker:
        ctx.settings.gaze_cursor_size = 33
    assert blocker.args == ["gaze_cursor_size", 33]
    from alyesdesk import settings as S

    assert S.current() is ctx.settings


def test_a_missing_xcb_library_is_said_in_plain_words(monkeypatch) -> None:
    import ctypes

    from alyesdesk.ui import app

    def fail(path):  # noqa: ANN001, ANN202
        raise OSError("libxcb-cursor.so.0: cannot open shared object file: No such file or directory")

    monkeypatch.setattr(app.sys, "platform", "linux")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(ctypes, "CDLL", fail)
    problem = app.platform_problem()
    assert problem is not None and "libxcb-cursor.so.0" in problem and "libxcb-cursor0" in problem
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert app.platform_problem() is None
