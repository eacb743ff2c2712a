"""A real X11 window under Xvfb (no compositing manager): the app, the gaze cursor, each tab with a file.

Run by `.ci/run` as::

    xvfb-run -a -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb python -m pytest -m xvfb tests/test_xvfb_smoke.py

Deselected by default (pyproject addopts), so the README's test command needs no X server; skipped when
Xvfb is not installed or when the tests are not running on the xcb platform.

Set ALYESDESK_SMOKE_SHOT=docs/gaze-cursor-xvfb.png to save the root window with the cursor on.
"""

from __future__ import annotations

import os
import shutil

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QWidget

pytestmark = pytest.mark.xvfb

DESKTOP = QColor("#2f6f8f")  # the known desktop: a plain fullscreen window of this colour


@pytest.fixture(autouse=True)
def on_x11(qapp):  # noqa: ANN001
    if shutil.which("xvfb-run") is None and shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (apt-get install xvfb xauth); the real-window smoke test is skipped")
    if QGuiApplication.platformName() != "xcb":
        pytest.skip("not on an X11 display: run under `xvfb-run -a` with QT_QPA_PLATFORM=xcb (.ci/run does)")


def _settle(qtbot, ms: int = 150) -> None:  # noqa: ANN001
    # A real X server answers asynchronously: let the map/move/paint requests round-trip.
    qtbot.wait(ms)


def _grab() -> np.ndarray:
    image = QGuiApplication.primaryScreen().grabWindow(0).toImage().convertToFormat(QImage.Format.Format_RGB888)
    w, h, stride = image.width(), image.height(), image.bytesPerLine()
    return np.frombuffer(image.constBits(), np.uint8, stride * h).reshape(h, stride)[:, : w * 3].reshape(h, w, 3).copy()


@pytest.fixture
def desktop(qtbot):  # noqa: ANN001, ANN201
    """A plain-coloured window over the whole screen: the background every grab is compared against."""
    screen = QGuiApplication.primaryScreen()
    background = QWidget(None, Qt.WindowType.FramelessWindowHint)
    palette = background.palette()
    palette.setColor(QPalette.ColorRole.Window, DESKTOP)
    background.setPalette(palette)
    background.setAutoFillBackground(True)
    background.setGeometry(screen.geometry())
    qtbot.addWidget(background)
    background.show()
    background.raise_()
    qtbot.waitExposed(background)
    _settle(qtbot, 300)
    yield background
    background.close()


def test_the_gaze_cursor_covers_only_its_ring_without_a_compositor(qtbot, desktop) -> None:  # noqa: ANN001
    from alyesdesk.ui.gaze.overlay import GazeCursorWindow

    screen = QGuiApplication.primaryScreen()
    before = _grab()
    assert (before == np.array([DESKTOP.red(), DESKTOP.green(), DESKTOP.blue()])).all(axis=2).mean() > 0.99
    overlay = GazeCursorWindow(40, "#ff3b30")
    qtbot.addWidget(overlay)
    overlay.place_on(screen)
    overlay.set_point((400.0, 300.0))
    overlay.show()
    overlay.raise_()
    qtbot.waitExposed(overlay)
    _settle(qtbot, 400)
    after = _grab()
    if os.environ.get("ALYESDESK_SMOKE_SHOT"):
        QGuiApplication.primaryScreen().grabWindow(0).save(os.environ["ALYESDESK_SMOKE_SHOT"], "PNG")
    changed = (before != after).any(axis=2)
    ys, xs = np.nonzero(changed)
    assert len(xs) > 50, "the ring was not drawn"
    # Everything that changed lies on the ring around (400, 300): the rest of the screen is untouched.
    distance = np.hypot(xs - 400, ys - 300)
    assert distance.max() <= 40 / 2 + 8, f"pixels changed {distance.max():.0f} px from the cursor"
    assert changed.sum() < 0.002 * changed.size
    # It follows the point (and the tracked screen's geometry).
    overlay.set_point((900.0, 600.0), held=True)
    _settle(qtbot, 300)
    moved = _grab()
    ys, xs = np.nonzero((before != moved).any(axis=2))
    assert len(xs) > 20 and np.hypot(xs - 900, ys - 600).max() <= 28
    overlay.set_point(None)
    _settle(qtbot, 300)
    assert ((before != _grab()).any(axis=2)).sum() == 0  # parked: nothing of it is on the screen
    overlay.close()


def _tiny_png(path, colour) -> str:  # noqa: ANN001
    image = QImage(64, 48, QImage.Format.Format_RGB888)
    image.fill(QColor(*colour))
    assert image.save(str(path), "PNG")
    return str(path)


def test_the_app_runs_in_a_real_window(qtbot, db, tmp_path) -> None:  # noqa: ANN001
    from alyesdesk.inference.gaze.calibration import CalibrationConfig
    from alyesdesk.ui.app import build_window
    from alyesdesk.ui.gaze.worker import SourceChoice

    window = build_window(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        # Gaze: track the simulated webcam, calibrate with the simulated face looking at the targets.
        window.select_tab("gaze")
        gaze = window.tab_widgets["gaze"]
        with qtbot.waitSignal(gaze.tracking_started, timeout=60_000):
            gaze.start_tracking(SourceChoice("simulated", realtime=False))
        for _ in range(5):  # a few seconds of tracking in a real window
            with qtbot.waitSignal(gaze.frame_shown, timeout=30_000):
                pass
        quick = CalibrationConfig(pattern="9", settle_s=0.2, collect_s=0.3, validation_points=9, min_samples=3)
        wizard = gaze.open_wizard(quick, frame_time=True)
        with qtbot.waitSignal(wizard.result_ready, timeout=300_000):
            pass
        with qtbot.waitSignal(gaze.calibration_saved, timeout=30_000):
            qtbot.mouseClick(wizard.accept_button, Qt.MouseButton.LeftButton)
        with qtbot.waitSignal(gaze.point_shown, timeout=30_000):
            pass
        assert gaze.wizard is None and gaze.model is not None
        # The on-screen cursor: on and off with the app-wide switch.
        gaze.controls.overlay_check.setChecked(True)
        qtbot.waitUntil(lambda: gaze.overlay.isVisible(), timeout=5000)
        qtbot.waitUntil(lambda: gaze.overlay.point is not None, timeout=30_000)
        assert gaze.overlay.width() < 200 and gaze.overlay.height() < 200  # never a fullscreen window
        gaze.controls.overlay_check.setChecked(False)
        assert not gaze.overlay.isVisible()
        gaze.stop_tracking()
        # Each tab with a real (tiny) file.
        window.select_tab("waste")
        waste = window.tab_widgets["waste"]
        with qtbot.waitSignal(waste.batch_finished, timeout=120_000):
            waste.add_paths([_tiny_png(tmp_path / "bottle.png", (40, 160, 60))])
        window.select_tab("documents")
        documents = window.tab_widgets["documents"]
        documents.check_paths([_tiny_png(tmp_path / "page.png", (250, 250, 250))])
        qtbot.waitUntil(lambda: not documents.is_busy(), timeout=120_000)
        window.select_tab("streets")
        streets = window.tab_widgets["streets"]
        with qtbot.waitSignal(streets.segmentation_finished, timeout=120_000):
            streets.open_paths([_tiny_png(tmp_path / "street.png", (120, 120, 130))])
        window.select_tab("history")
        window.tab_widgets["history"].refresh()
        assert window.tab_widgets["history"].model.rowCount() >= 2
    finally:
        window.close()
    assert not window.isVisible()
