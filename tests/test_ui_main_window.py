"""Main window: five tabs, menus, screenshot, remembered state, History list, one error path."""

from __future__ import annotations

import subprocess
import sys
import threading


from alyesdesk.storage import ModelRef
from alyesdesk.ui.app import build_window, render_screenshot
from alyesdesk.ui.tabs import TABS
from alyesdesk.ui.workers import Worker, start_worker

MODEL = ModelRef("waste", "1.0", "cd" * 32)


def test_window_has_the_five_tabs(window) -> None:
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["Gaze", "Waste sorting", "Documents", "Street segmentation", "History"]
    for i in range(window.tabs.count()):
        widget = window.tabs.widget(i)
        assert widget.children(), f"tab {titles[i]} is an empty widget"


def test_menus(window) -> None:
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    assert set(menus) == {"File", "Edit", "View", "Help"}
    assert [a.text().replace("&", "") for a in menus["Edit"].actions()] == ["Find…"]
    file_items = [a.text().replace("&", "") for a in menus["File"].actions() if a.text()]
    help_items = [a.text().replace("&", "") for a in menus["Help"].actions()]
    recent = file_items.index("Open Recent")  # a desktop app's place for it: after Open…, else first (issue 22)
    assert recent == 0 or file_items[recent - 1] == "Open…"
    file_items.remove("Open Recent")
    assert file_items[:2] == ["Open…", "Export…"]  # the standard Ctrl+O and Ctrl+E (ui/tab_commands.py)
    assert file_items[2:6] == ["Import model…", "Open data folder", "App lock…", "Lock now"] and "Quit" in file_items
    assert help_items == ["User guide", "Keyboard shortcuts…", "Diagnostics…", "About AlyesDesk…"]


def test_screenshot_writes_png(window, tmp_path) -> None:
    out = tmp_path / "shot.png"
    assert render_screenshot(window, str(out))
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_screenshot_command_line(tmp_path) -> None:
    out = tmp_path / "cli-shot.png"
    proc = subprocess.run(
        [sys.executable, "-m", "alyesdesk", "--screenshot", str(out), "--tab", "history"],
        capture_output=True, text=True, timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    assert out.is_file() and out.stat().st_size > 5000


def test_unknown_tab_is_a_usage_error(tmp_path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "alyesdesk", "--screenshot", str(tmp_path / "x.png"), "--tab", "nope"],
        capture_output=True, text=True, timeout=180,
    )
    assert proc.returncode == 2 and "choose one of" in proc.stderr


def test_last_tab_and_geometry_remembered(qtbot, db) -> None:
    from alyesdesk.ui.main_window import ui_settings

    first = build_window(db)
    qtbot.addWidget(first)
    first.show()
    first.select_tab("history")
    first.close()
    saved = ui_settings().value("geometry")
    assert saved is not None and bytes(saved) == bytes(first.saveGeometry())
    second = build_window(db)
    qtbot.addWidget(second)
    assert second.current_tab_key() == "history"
    second.shutdown()


def test_history_lists_filters_and_exports(window, db, qtbot, tmp_path) -> None:
    db.save_classification("/photos/bottle.jpg", "s1", "glass", 0.93, {"glass": 0.93}, MODEL)
    db.save_segmentation("/streets/a.png", "s2", 4, 4, {"sky": 0.5, "flat": 0.5}, None)
    window.ctx.results_changed.emit("waste")
    history = window.tab_widgets["history"]
    assert history.model.rowCount() == 2
    history.capability.setCurrentIndex(history.capability.findData("waste"))
    assert history.model.rowCount() == 1
    # The Input column shows the file's name (long folders hid every name); the full path is its tooltip.
    assert history.model.item(0, 2).text() == "bottle.jpg"
    assert history.model.item(0, 2).toolTip() == "/photos/bottle.jpg"
    history.capability.setCurrentIndex(0)
    history.search.setText("street")
    history.refresh()
    assert history.model.rowCount() == 1
    out = tmp_path / "history.csv"
    history.export_csv(str(out))
    lines = out.read_text().splitlines()
    assert lines[0].startswith("id,time,capability") and "/streets/a.png" in lines[1]


def test_history_input_column_names_files_but_keeps_session_names_whole() -> None:
    from alyesdesk.ui.history.table import shown_input

    assert shown_input("documents", "/home/me/contracts/2024/lease.pdf") == "lease.pdf"
    assert shown_input("waste", "bottle.jpg") == "bottle.jpg"
    assert shown_input("gaze", "A/B test, P07") == "A/B test, P07"  # a session's name, not a path


def test_history_delete_is_undoable_then_real(window, db) -> None:
    # Issue 22: no "cannot be undone" question; the row goes at once, Undo brings it back, and the rows
    # are deleted for real when the undo time runs out (or the app closes).
    db.save_classification("/a.jpg", "s1", "glass", 0.9, {"glass": 0.9}, MODEL)
    history = window.tab_widgets["history"]
    history.refresh()
    history.table.selectRow(0)
    history._on_delete_clicked()
    assert history.model.rowCount() == 0 and len(db.history()) == 1 and history.undo_bar.isVisibleTo(history)
    assert history.undo_delete() and history.model.rowCount() == 1
    history.table.selectRow(0)
    history._on_delete_clicked()
    history.pending.timer.timeout.emit()
    assert db.history() == [] and history.model.rowCount() == 0


def test_locked_database_is_said_not_hidden(qtbot) -> None:
    win = build_window(None)
    qtbot.addWidget(win)
    assert "not stored" in win._storage_label.text()
    assert "locked" in win.tab_widgets["history"].empty_label.text()
    win.shutdown()


class _Boom(Worker):
    def work(self) -> None:
        raise ValueError("disk on fire")


class _Count(Worker):
    def work(self) -> int:
        for i in range(3):
            self.progressed.emit(i + 1, 3)
        return 3


def test_worker_ends_with_exactly_one_signal(qtbot) -> None:
    ok = start_worker(_Count())
    with qtbot.waitSignal(ok.worker.finished, timeout=5000) as blocker:
        pass
    assert blocker.args == [3]
    # the thread's quit is queued to this (GUI) thread: spin the event loop while waiting, never block it
    qtbot.waitUntil(ok.thread.isFinished, timeout=10_000)
    bad = start_worker(_Boom())
    failures: list[str] = []
    finishes: list[object] = []
    bad.worker.finished.connect(finishes.append)
    with qtbot.waitSignal(bad.worker.failed, timeout=5000) as blocker:
        bad.worker.failed.connect(failures.append)
    assert blocker.args == ["disk on fire"] and finishes == []
    qtbot.waitUntil(bad.thread.isFinished, timeout=10_000)


def test_worker_stopped_before_start_still_finishes(qtbot) -> None:
    handle = start_worker(_Count())
    handle.stop()
    with qtbot.waitSignal(handle.worker.finished, timeout=5000) as blocker:
        pass
    assert blocker.args == [None]
    assert not handle.thread.isRunning()


def test_uncaught_thread_exception_reaches_the_error_path(window, qtbot) -> None:
    from alyesdesk.ui import errors

    def explode() -> None:
        raise RuntimeError("worker exploded")

    from PySide6.QtWidgets import QMessageBox

    # The hooks are installed around the event loop (run_gui), as here.
    with errors.excepthooks_installed() as bridge, qtbot.waitSignal(bridge.error_raised, timeout=5000) as blocker:
        thread = threading.Thread(target=explode, name="test-thread")
        thread.start()
        thread.join()
    assert "worker exploded" in blocker.args[0]
    assert "Traceback" in blocker.args[1]
    # The window's presenter shows it (queued to the GUI thread).
    qtbot.waitUntil(lambda: any(b.isVisible() and "worker exploded" in b.informativeText()
                                for b in window.findChildren(QMessageBox)), timeout=5000)


def test_every_tab_spec_is_unique() -> None:
    assert len({t.key for t in TABS}) == len(TABS) == 5
