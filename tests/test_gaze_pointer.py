"""Gaze as a pointer: the Qt-free rules (dwell click, pause region, watchdog) and the Pointer page."""

from __future__ import annotations

import pytest

from alyesdesk.inference.gaze.pointer import GazePointer
from alyesdesk.inference.gaze.screen import ScreenGeometry


def test_off_by_default_and_a_dwell_clicks_once_at_its_centre() -> None:
    p = GazePointer(dwell_s=0.5, dwell_radius_px=40)
    assert not p.engaged and p.update(0.0, (100, 100)).move is None
    p.engage(0.0)
    first = p.update(0.0, (100, 100))
    assert first.move == (100, 100) and first.ring == (100, 100) and first.progress == 0.0
    mid = p.update(0.25, (110, 95))  # jitter within the radius keeps the dwell
    assert mid.progress == pytest.approx(0.5) and mid.click is None and mid.move == (110, 95)
    click = p.update(0.5, (105, 100))
    assert click.click == (100, 100) and p.clicks_made == 1
    assert p.update(2.0, (100, 100)).click is None  # still staring: no second click
    p.update(2.1, (400, 400))  # leave, come back: a new dwell
    p.update(2.2, (100, 100))
    assert p.update(2.7, (100, 100)).click == (100, 100) and p.clicks_made == 2


def test_pause_region_blinks_and_the_watchdog() -> None:
    p = GazePointer(dwell_s=0.5, lost_after_s=0.5, pause_region=(0, 0, 100, 100))
    p.engage(0.0)
    paused = p.update(0.0, (50, 50))
    assert paused.paused and paused.move is None and paused.click is None
    p.update(0.1, (500, 500))
    assert p.update(0.3, None).released == ""  # a blink holds
    assert p.update(0.5, (500, 500)).click is None  # the dwell went on through the blink
    assert p.update(0.6, (500, 500)).click == (500, 500)
    assert p.update(0.8, None).released == ""
    assert p.update(1.1, None).released == "tracking lost"
    assert not p.engaged and p.update(1.2, (1, 1)).move is None  # stays released until engaged again
    with pytest.raises(ValueError):
        GazePointer(dwell_s=3.0)


def test_pause_corners(qapp) -> None:  # noqa: ANN001
    from alyesdesk.ui.gaze.pointer import pause_region

    g = ScreenGeometry(1000, 500)
    assert pause_region("none", g) is None
    assert pause_region("top-right", g) == pytest.approx((880.0, 0.0, 120.0, 60.0))
    assert pause_region("bottom-left", g) == pytest.approx((0.0, 440.0, 120.0, 60.0))


def test_the_pointer_page_moves_the_mouse_clicks_and_releases_when_tracking_is_lost(qtbot, db) -> None:  # noqa: ANN001
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QCursor

    from alyesdesk.ui.context import AppContext
    from alyesdesk.ui.gaze.pointer import PointerPanel

    panel = PointerPanel(AppContext(db), lambda: None, lambda: ScreenGeometry())
    qtbot.addWidget(panel)
    try:
        assert not panel.enable_check.isChecked()  # off by default
        panel.dwell_spin.setValue(0.5)
        with qtbot.waitSignal(panel.engaged_changed) as on:
            panel.enable_check.setChecked(True)
        assert on.args == [True]
        panel.on_point(300.0, 200.0)
        assert QCursor.pos() == QPoint(300, 200) or QCursor.pos() == QPoint(0, 0)  # offscreen may ignore setPos
        with qtbot.waitSignal(panel.clicked, timeout=5_000) as click:
            qtbot.waitUntil(lambda: (panel.on_point(302.0, 199.0), panel.pointer.clicks_made > 0)[1], timeout=5_000)
        assert click.args == [300.0, 200.0]
        with qtbot.waitSignal(panel.released, timeout=5_000) as released:
            pass  # no more points: the watchdog releases control
        assert released.args == ["tracking lost"] and not panel.enable_check.isChecked()
        assert not panel.pointer.engaged
        with qtbot.waitSignal(panel.engaged_changed) as hotkey:
            panel.shortcut.activated.emit()  # the hotkey engages it again
        assert hotkey.args == [True] and panel.pointer.engaged
        with qtbot.waitSignal(panel.released) as stopped:
            panel.release("tracking stopped")  # what the tab does when tracking stops
        assert stopped.args == ["tracking stopped"] and not panel.enable_check.isChecked()
    finally:
        panel.shutdown()
