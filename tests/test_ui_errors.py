"""The error hooks: installed only while the event loop runs, so exceptions still fail tests (issue 23.1)."""

from __future__ import annotations

import sys
import threading

from alyesdesk.ui.app import build_window
from alyesdesk.ui.errors import excepthooks_installed


def test_building_the_window_leaves_the_hooks_alone(qtbot, db) -> None:
    before = sys.excepthook, threading.excepthook
    window = build_window(db)
    qtbot.addWidget(window)
    assert (sys.excepthook, threading.excepthook) == before
    window.shutdown()


def test_the_hooks_report_a_thread_error_and_are_restored(qtbot) -> None:
    before = sys.excepthook, threading.excepthook
    with excepthooks_installed() as bridge:
        assert sys.excepthook is not before[0] and threading.excepthook is not before[1]
        with qtbot.waitSignal(bridge.error_raised, timeout=5000) as blocker:
            worker = threading.Thread(target=lambda: 1 / 0, name="failing-worker")
            worker.start()
            worker.join()
    assert blocker.args[0].startswith("ZeroDivisionError")
    assert "failing-worker" not in blocker.args[0] and "1 / 0" in blocker.args[1]
    assert (sys.excepthook, threading.excepthook) == before
