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
        # A loaded machine can stall the event loop past the 0.5 s watchdog between two points: the click phase
        # must not depend on that, so the lost-tracking limit is long here and short again for the watchdog phase.
        panel.pointer.lost_after_s = 30.0
        with qtbot.waitSignal(panel.clicked, timeout=5_000) as click:
            qtbot.waitUntil(lambda: (panel.on_point(302.0, 199.0), panel.pointer.clicks_made > 0)[1], timeout=5_000)
        assert click.args == [300.0, 200.0]
        panel.pointer.lost_after_s = 0.5
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


# --- system-wide input (pynput, optional) ------------------------------------------------------------


class _FakePynput:
    """Stands in for pynput: records clicks and the hotkeys registered, and lets a test press one."""

    def __init__(self) -> None:
        import types

        fake = self
        self.clicks: list[tuple[tuple[int, int], object]] = []
        self.listeners: list = []
        self.mouse = types.SimpleNamespace(Button=types.SimpleNamespace(left="left"))
        self.keyboard = types.SimpleNamespace()

        class Controller:
            position = (0, 0)

            def click(self, button, count=1) -> None:  # noqa: ANN001
                fake.clicks.append((self.position, button))

        class GlobalHotKeys:
            def __init__(self, hotkeys: dict) -> None:
                self.hotkeys, self.running = hotkeys, False
                fake.listeners.append(self)

            def start(self) -> None:
                self.running = True

            def stop(self) -> None:
                self.running = False

            def join(self, timeout=None) -> None:  # noqa: ANN001
                pass

        self.mouse.Controller = Controller
        self.keyboard.GlobalHotKeys = GlobalHotKeys


@pytest.fixture
def fake_pynput(monkeypatch):  # noqa: ANN001, ANN201
    import sys

    fake = _FakePynput()
    monkeypatch.setitem(sys.modules, "pynput", fake)
    monkeypatch.setitem(sys.modules, "pynput.mouse", fake.mouse)
    monkeypatch.setitem(sys.modules, "pynput.keyboard", fake.keyboard)
    return fake


def _panel(qtbot, db):  # noqa: ANN001, ANN202
    from alyesdesk.ui.context import AppContext
    from alyesdesk.ui.gaze.pointer import PointerPanel

    panel = PointerPanel(AppContext(db), lambda: None, lambda: ScreenGeometry())
    qtbot.addWidget(panel)
    return panel


def test_with_pynput_clicks_reach_other_applications_and_the_hotkey_works_everywhere(qtbot, db, fake_pynput) -> None:  # noqa: ANN001
    from alyesdesk.ui.gaze.system_input import pynput_hotkey

    assert pynput_hotkey("Ctrl+Shift+P") == "<ctrl>+<shift>+p"
    panel = _panel(qtbot, db)
    try:
        assert panel.system_wide and "every application" in panel.note_label.text()
        assert not fake_pynput.listeners  # no keyboard hook while the pointer is off
        panel.enable_check.setChecked(True)
        (listener,) = fake_pynput.listeners
        assert listener.running and set(listener.hotkeys) == {"<ctrl>+<shift>+p"}
        with qtbot.waitSignal(panel.clicked):
            panel._click(1500.0, 900.0)  # no AlyesDesk widget there: another application's window
        assert fake_pynput.clicks == [((1500, 900), "left")]
        with qtbot.waitSignal(panel.released) as released:
            listener.hotkeys["<ctrl>+<shift>+p"]()  # pressed in another application (pynput's thread)
        assert released.args == ["turned off"] and not panel.pointer.engaged and not listener.running
    finally:
        panel.shutdown()


def test_without_pynput_clicks_stay_in_alyesdesk_and_the_page_says_why(qtbot, db, monkeypatch) -> None:  # noqa: ANN001
    import sys

    monkeypatch.setitem(sys.modules, "pynput", None)  # import fails, as when the extra is not installed
    panel = _panel(qtbot, db)
    notices: list[str] = []
    panel.ctx.notify = lambda text, *a, **k: notices.append(text)  # type: ignore[method-assign]
    try:
        assert not panel.system_wide
        assert "AlyesDesk's own windows only" in panel.note_label.text() and "pip install" in panel.note_label.text()
        panel.enable_check.setChecked(True)
        assert not panel.hotkey.running  # Qt's application-wide shortcut still works
        for _ in range(2):
            with qtbot.waitSignal(panel.clicked):
                panel._click(1500.0, 900.0)
        assert len(notices) == 1 and "pynput" in notices[0]  # said once, not at every dwell
    finally:
        panel.shutdown()
