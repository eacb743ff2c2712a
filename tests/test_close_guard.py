"""Never lose work (issue 22, item 3): closing the window over a running job asks what to do, then the job
is cancelled cleanly, waited for, or goes on with the window in the tray; a job that ends out of sight says so."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from alyesdesk.ui import close_guard
from alyesdesk.ui.app import build_window
from alyesdesk.ui.workers import Worker, WorkerHandle, start_worker


class SlowJob(Worker):
    """Runs until released (finishes normally) or stopped (cancelled)."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    def work(self) -> str:
        while not self.release.is_set():
            if self.stop_requested.wait(0.01):
                return "cancelled"
        return "done"


class JobOwner(QObject):
    """Stands for a tab's export controller: runs the job and says so through `busy_jobs`."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.outcome: Any = None
        self.job = SlowJob()
        self.job.finished.connect(self._on_finished)
        self.handle: WorkerHandle | None = start_worker(self.job, self)

    def busy_jobs(self) -> list[str]:
        return ["exporting a video"] if self.handle is not None else []

    def _on_finished(self, outcome: object) -> None:
        self.outcome = outcome
        self.handle = None

    def shutdown(self) -> None:
        if self.handle is not None:
            self.handle.stop()


@pytest.fixture
def window(qtbot, db):  # noqa: ANN001, ANN201
    win = build_window(db)
    win.show()
    yield win
    # closed here, after the job fixture has let its job end (pytest-qt would close it before that)
    win.close_guard.mode = None
    assert win.close() or win.isHidden()
    win.shutdown()
    win.deleteLater()


@pytest.fixture
def job(qtbot, window):  # noqa: ANN001, ANN201
    tab = window.tab_widgets["streets"]
    owner = JobOwner(tab)
    qtbot.waitUntil(lambda: owner.handle.is_running(), timeout=5000)
    # the tab's shutdown is what stops its work when the window closes: the owner's joins in
    original = tab.shutdown
    tab.shutdown = lambda: (owner.shutdown(), original())
    yield owner
    owner.job.release.set()
    qtbot.waitUntil(lambda: owner.handle is None, timeout=5000)  # idle again: the window may close


def _answer(monkeypatch, choice: str) -> list:  # noqa: ANN001
    asked: list = []

    def fake(parent, jobs, tray):  # noqa: ANN001, ANN202
        asked.append((jobs, tray))
        return choice

    monkeypatch.setattr(close_guard, "ask_close_choice", fake)
    return asked


def test_nothing_running_closes_without_asking(qtbot, window, monkeypatch) -> None:  # noqa: ANN001
    asked = _answer(monkeypatch, close_guard.STAY)
    assert window.close()
    assert asked == []


def test_cancel_stops_the_job_cleanly_and_closes(qtbot, window, job, monkeypatch) -> None:  # noqa: ANN001
    asked = _answer(monkeypatch, close_guard.CANCEL)
    assert window.close()
    assert asked and asked[0][0] == ["Street segmentation: exporting a video"]
    qtbot.waitUntil(lambda: job.outcome == "cancelled", timeout=5000)  # stopped by its flag, not killed


def test_dont_close_keeps_everything(qtbot, window, job, monkeypatch) -> None:  # noqa: ANN001
    _answer(monkeypatch, close_guard.STAY)
    assert not window.close()
    assert window.isVisible() and job.handle is not None and job.handle.is_running()


def test_wait_closes_once_the_job_has_finished(qtbot, window, job, monkeypatch) -> None:  # noqa: ANN001
    _answer(monkeypatch, close_guard.WAIT)
    assert not window.close()
    assert window.isVisible() and not job.job.stop_requested.is_set()
    assert "will close" in window.statusBar().currentMessage()
    job.job.release.set()  # the export ends by itself ...
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)  # ... and then the window closes
    assert job.outcome == "done"


def test_tray_hides_the_window_and_says_when_the_job_is_done(qtbot, window, job, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(close_guard, "tray_available", lambda: True)
    asked = _answer(monkeypatch, close_guard.TRAY)
    messages: list[tuple[str, str]] = []
    monkeypatch.setattr(close_guard.QSystemTrayIcon, "showMessage", lambda self, title, text, *a: messages.append((title, text)))
    assert not window.close()
    assert asked[0][1] is True  # the tray was offered
    assert window.isHidden() and window.close_guard.tray is not None
    notes: list[str] = []
    window.ctx.notified.connect(lambda text, _level: notes.append(text))
    job.job.release.set()
    qtbot.waitUntil(lambda: any("Finished" in text for _title, text in messages), timeout=5000)
    assert job.outcome == "done" and any("exporting a video" in n for n in notes)
    assert window.isHidden()  # still in the tray until opened or quit from there
    window.close_guard._on_show_triggered()
    assert window.isVisible()


def test_dialog_offers_the_tray_only_where_there_is_one(qtbot) -> None:  # noqa: ANN001
    parent = QWidget()
    qtbot.addWidget(parent)
    for tray in (False, True):
        box, choices = close_guard.close_dialog(parent, ["Waste sorting: classifying photos"], tray)
        assert (close_guard.TRAY in choices.values()) is tray
        assert {close_guard.WAIT, close_guard.CANCEL, close_guard.STAY} <= set(choices.values())
        assert "classifying photos" in box.text()
        assert box.escapeButton() is next(b for b, c in choices.items() if c == close_guard.STAY)
        box.deleteLater()


def test_each_tab_names_its_long_jobs(qtbot, window) -> None:  # noqa: ANN001
    """The real owners of long work answer `busy_jobs` (idle now: nothing is listed)."""
    guard = window.close_guard
    assert guard.jobs() == []
    owners = {type(o).__name__ for w in window.tab_widgets.values() for o in (w, *w.findChildren(QObject))
              if callable(getattr(o, "busy_jobs", None))}
    assert {"BatchQueue", "CorrectionStore", "DocumentsTab", "StreetsTab", "VideoExport", "Recorder",
            "SessionsBrowser"} <= owners


def test_a_job_that_ends_out_of_sight_is_announced(qtbot, window, job, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(close_guard, "tray_available", lambda: False)
    alerted: list = []
    monkeypatch.setattr(close_guard.QApplication, "alert", staticmethod(lambda widget, ms=0: alerted.append(widget)))
    monkeypatch.setattr(close_guard.CloseGuard, "_in_front", lambda self: False)
    monkeypatch.setattr(close_guard, "LONG_JOB_S", 0.0)  # short jobs are not announced; this one counts
    window.close_guard._on_tick()  # the guard has seen the job running
    with qtbot.waitSignal(window.ctx.notified, timeout=5000, check_params_cb=lambda text, level: "Finished" in text):
        job.job.release.set()
    assert alerted == [window]


def test_the_real_question_box_is_not_modal_forever(qtbot, monkeypatch) -> None:  # noqa: ANN001
    """ask_close_choice maps the clicked button (Escape: don't close)."""
    parent = QWidget()
    qtbot.addWidget(parent)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda self: None)
    assert close_guard.ask_close_choice(parent, ["x"], False) == close_guard.STAY


def test_a_running_video_export_and_batch_say_what_they_do(qtbot) -> None:  # noqa: ANN001
    from types import SimpleNamespace

    from PySide6.QtWidgets import QProgressBar, QPushButton

    from alyesdesk.ui.streets.exports import VideoExport
    from alyesdesk.ui.streets.workers import VideoExportWorker
    from alyesdesk.ui.waste.batches import BatchQueue

    bar, button = QProgressBar(), QPushButton()
    qtbot.addWidget(bar)
    qtbot.addWidget(button)
    export = VideoExport(bar, button, start=lambda worker: None)
    assert export.busy_jobs() == []
    export.handle = SimpleNamespace(worker=VideoExportWorker("drive.mp4", "/tmp/drive_overlay.mp4", 0.5, []))
    assert export.busy_jobs() == ["exporting the overlaid video drive_overlay.mp4"]
    queue = BatchQueue(lambda items: None)
    assert queue.busy_jobs() == []
    queue._handle = object()  # a batch is running
    assert queue.busy_jobs() == ["classifying photos"]


def test_a_short_job_is_not_announced(qtbot, window, job, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(close_guard.CloseGuard, "_in_front", lambda self: False)
    notes: list[str] = []
    window.ctx.notified.connect(lambda text, _level: notes.append(text))
    window.close_guard._on_tick()  # seen running just now
    job.job.release.set()
    qtbot.waitUntil(lambda: job.handle is None, timeout=5000)
    window.close_guard._on_tick()  # ended well under LONG_JOB_S: no message for a blink of work
    assert not [n for n in notes if "Finished" in n]
