"""The Waste tab's camera: steady-frame detection, Take photo and continuous mode with a fake frame source,
the prediction pre-selected then confirmed or corrected (both stored, with the photo), and a clear
message (never a freeze) without a camera. No sleeps: pytest-qt's waitSignal."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("PySide6")

from alyesdesk.inference.gaze.sources import CameraUnavailable, Frame, FrameSource  # noqa: E402
from alyesdesk.ui.waste.camera import NO_CAMERA, SteadyDetector  # noqa: E402
from waste_testkit import tiny_classifier  # noqa: E402


class FakeSource(FrameSource):
    """`moving` noisy frames, then the same red frame forever (about 100 fps)."""

    kind = "fake"

    def __init__(self, moving: int = 5) -> None:
        super().__init__()
        self.moving = moving
        self.count = 0
        self.closed = threading.Event()
        self.rng = np.random.default_rng(0)
        self.still = np.zeros((48, 64, 3), np.uint8)
        self.still[:] = (0, 0, 230)  # red: the tiny model says cardboard

    def _read(self, timeout_s: float) -> Frame:
        time.sleep(0.01)  # a camera's pace (the source side, not the test)
        self.count += 1
        image = (self.rng.integers(0, 255, self.still.shape, np.uint8) if self.count <= self.moving
                 else self.still.copy())
        return Frame(image, time.monotonic(), self.count)

    def _close(self) -> None:
        self.closed.set()


class NoCamera(FrameSource):
    def _open(self) -> None:
        raise CameraUnavailable("camera 0 cannot be opened: it may be unplugged")


def test_steady_detector_fires_once_per_still_scene() -> None:
    detector = SteadyDetector(threshold=4.0, hold_s=0.5)
    still = np.full((48, 64, 3), 100, np.uint8)
    noisy = lambda seed: np.random.default_rng(seed).integers(0, 255, (48, 64, 3), np.uint8)  # noqa: E731
    assert not detector.feed(noisy(1), 0.0)
    assert not detector.feed(noisy(2), 0.1)  # moving
    fired = [detector.feed(still, t) for t in (0.2, 0.3, 0.5, 0.75, 0.8, 1.5)]
    assert fired == [False, False, False, False, True, False]  # still from 0.3 (first small difference): 0.8; once
    assert detector.difference(still) == 0.0
    assert not detector.feed(noisy(3), 1.6)  # movement re-arms it
    assert [detector.feed(still, t) for t in (1.7, 1.8, 2.4)] == [False, False, True]


@pytest.fixture
def panel(qtbot, tmp_path: Path, db):  # noqa: ANN001, ANN201
    from alyesdesk.inference import catalog
    from alyesdesk.ui.context import AppContext
    from alyesdesk.ui.waste.camera import CameraPanel

    path = tiny_classifier(tmp_path / "model")
    info = catalog.ModelInfo(catalog.load_sidecar(path.with_suffix(".json")), path, path.with_suffix(".json"), False)
    ctx = AppContext(db)
    sources: list[FakeSource] = []

    def factory() -> FakeSource:
        sources.append(FakeSource())
        return sources[-1]

    widget = CameraPanel(ctx, lambda: info, factory)
    qtbot.addWidget(widget)
    widget.sources = sources
    yield widget
    widget.shutdown()


def test_continuous_mode_classifies_a_steady_frame_and_stores_the_confirmation(qtbot, panel, db) -> None:  # noqa: ANN001
    panel.continuous.setChecked(True)
    panel.keep_confirmed.setChecked(True)
    with qtbot.waitSignal(panel.captured, timeout=10_000) as captured:
        panel.start()
    assert captured.args[0].label == "cardboard"
    assert panel.answer.currentText() == "cardboard"  # pre-selected
    assert panel.confirm_button.isEnabled()
    with qtbot.waitSignal(panel.stored, timeout=10_000) as stored:
        panel.confirm_button.click()
    rid = stored.args[0]
    row = db.result(rid)
    assert row["capability"] == "waste" and row["input"].startswith("camera ")
    assert [(r["label"], r["correction"]) for r in db.labelled_images()] == [("cardboard", "cardboard")]
    assert db.training_image(rid)[1] == "jpeg"
    panel.stop()  # waits for the worker, which closes the camera
    assert panel.sources[0].closed.is_set() and panel.start_button.text() == "Start camera"


def test_take_photo_then_correct_it(qtbot, panel, db) -> None:  # noqa: ANN001
    with qtbot.waitSignal(panel.captured, timeout=10_000):
        panel.start()
        panel.take_photo()  # continuous mode is off: only the button captures
    assert panel.pending is not None
    with qtbot.waitSignal(panel.stored, timeout=10_000) as stored:
        panel.confirm("plastic")  # the person changes the answer
    rid = stored.args[0]
    assert [(r["label"], r["correction"]) for r in db.labelled_images()][0][1] == "plastic"
    assert db.training_image(rid) is not None  # a correction always keeps its photo


def test_no_camera_gives_a_clear_message_without_freezing(qtbot, db) -> None:  # noqa: ANN001
    from alyesdesk.ui.context import AppContext
    from alyesdesk.ui.waste.camera import CameraPanel

    widget = CameraPanel(AppContext(db), lambda: None, NoCamera)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.camera_failed, timeout=10_000) as failed:
        widget.start()  # returns at once: the camera is opened in the worker
        assert widget.message.text() == "Opening the camera…"
    assert failed.args[0].startswith(NO_CAMERA)
    assert NO_CAMERA in widget.message.text() and "unplugged" in widget.message.text()
    assert widget.start_button.text() == "Start camera" and not widget.take_button.isEnabled()
    widget.shutdown()
