"""The Street segmentation viewer: zoom and pan, the video timeline (play/pause, seek), the area-over-time
plot, batch exports with progress and cancel, what the Input field names, and workers ending cleanly.

Videos are fake in-memory sources (`tab.video_factory`), so nothing depends on a codec; no sleeps.
"""

from __future__ import annotations

import csv
from pathlib import Path

import cv2
import numpy as np
import pytest

pytest.importorskip("onnx")

from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QWheelEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from alyesdesk.inference import catalog  # noqa: E402
from alyesdesk.inference.streets.video import EndOfVideo, VideoFrame, VideoInfo  # noqa: E402
from alyesdesk.training.streets.tiny import write_tiny_segmenter  # noqa: E402
from alyesdesk.ui.context import AppContext  # noqa: E402
from alyesdesk.ui.streets.tab import StreetsTab  # noqa: E402
from alyesdesk.ui.streets.view import ImageView  # noqa: E402


def _scene(h: int = 48, w: int = 64) -> np.ndarray:
    image = np.zeros((h, w, 3), np.uint8)
    image[: h // 2] = (255, 0, 0)  # the tiny model calls this sky
    image[h // 2 :] = (0, 0, 255)  # and this flat
    return image


class FakeVideo:
    """A seekable in-memory video with the `SeekableVideo` interface; `opened` counts the sources made."""

    opened = 0

    def __init__(self, path: Path, frames: int = 60, fps: float = 50.0) -> None:
        self.path, self.frames, self.fps = Path(path), frames, fps
        self.info = VideoInfo(64, 48, fps, frames)
        self._index = 0
        FakeVideo.opened += 1

    def __enter__(self) -> "FakeVideo":
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def describe(self) -> str:
        return f"video {self.path.name}"

    def seek(self, index: int) -> None:
        self._index = min(max(0, index), self.frames - 1)

    def read(self, timeout_s: float = 2.0) -> VideoFrame:
        if self._index >= self.frames:
            raise EndOfVideo("end")
        frame = VideoFrame(_scene(), self._index / self.fps, self._index)
        self._index += 1
        return frame


@pytest.fixture
def tab(qtbot, db, isolated_home):  # noqa: ANN001, ANN201
    from alyesdesk import paths

    write_tiny_segmenter(paths.user_models_dir(), stem="tiny_streets")
    info = next(m for m in catalog.models_for("segment") if m.spec.name == "tiny_street_test")
    catalog.set_active("segment", info)
    widget = StreetsTab(AppContext(db))
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.video_factory = FakeVideo
    started = []
    original = widget._start

    def recording_start(worker):  # noqa: ANN001, ANN202 - every worker must end with exactly one signal
        ends = []
        worker.finished.connect(lambda *_: ends.append("finished"))
        worker.failed.connect(lambda *_: ends.append("failed"))
        handle = original(worker)
        started.append((handle, ends))
        return handle

    widget._start = recording_start
    widget.started_workers = started
    yield widget
    widget.shutdown()
    qtbot.waitUntil(lambda: all(len(ends) == 1 for _, ends in started), timeout=10_000)
    assert all(len(ends) == 1 for _, ends in started), [(type(h.worker).__name__, e) for h, e in started]
    assert not any(h.thread.isRunning() for h, _ in started)


# --- zoom and pan -----------------------------------------------------------------------------------


def test_zoom_pan_and_fit(qtbot) -> None:  # noqa: ANN001
    view = ImageView()
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.set_frame(_scene(60, 80))  # fits exactly: 5 widget px per image px
    anchor = QPointF(100, 75)
    assert view.source_pixel(anchor) == pytest.approx((20, 15))
    with qtbot.waitSignal(view.zoom_changed) as zoomed:
        view.zoom_by(2.0, anchor)
    assert zoomed.args == [2.0] and view._target().width() == pytest.approx(800)
    assert view.source_pixel(anchor) == pytest.approx((20, 15))  # the point under the mouse stays put
    view.pan_by(-50, 0)
    assert view.source_pixel(anchor) == pytest.approx((25, 15))  # 50 widget px = 5 image px at x10
    # the wheel zooms about the pointer, a drag pans, a double click fits
    wheel = QWheelEvent(QPointF(200, 150), QPointF(200, 150), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    before = view.source_pixel(QPointF(200, 150))
    QApplication.sendEvent(view, wheel)
    assert view.zoom == pytest.approx(2.5)
    assert view.source_pixel(QPointF(200, 150)) == pytest.approx(before)
    at = view.source_pixel(QPointF(200, 150))
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(200, 150))
    qtbot.mouseMove(view, QPoint(225, 150))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(225, 150))
    assert view.source_pixel(QPointF(225, 150)) == pytest.approx(at, abs=0.01)  # the picture moved with the mouse
    qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert view.zoom == 1.0 and view.source_pixel(anchor) == pytest.approx((20, 15))
    view.zoom_by(0.1)
    assert view.zoom == 1.0  # never smaller than the fitted picture
    view.zoom_by(3.0)
    view.set_frame(_scene(60, 80))
    assert view.zoom == 3.0  # the next video frame keeps the zoom
    view.set_frame(_scene(30, 40))
    assert view.zoom == 1.0  # another picture is fitted


# --- timeline, seek, area plot, Input field -----------------------------------------------------------


def test_timeline_pause_seek_play_and_area_plot(qtbot, tab) -> None:  # noqa: ANN001
    with qtbot.waitSignal(tab.frame_shown, timeout=15_000):
        tab.open_paths([Path("drive.mp4")])
    assert tab.inputs.currentText() == "drive.mp4 · playing"  # the Input field names what is playing
    assert tab.timeline.isVisibleTo(tab) and tab.timeline.slider.maximum() == 59
    assert tab.area_plot.isVisibleTo(tab) and "void" not in tab.area_plot.curves
    tab.timeline.play_button.click()  # pause (if the video has not already ended)
    assert not tab.timeline.play_button.isChecked()
    assert tab.inputs.currentText() in ("drive.mp4 · paused", "drive.mp4 · stopped")  # never "playing" now
    with qtbot.waitSignal(tab.frame_shown, timeout=15_000, check_params_cb=lambda index: index == 40):
        tab.timeline.slider.setValue(40)  # a user's seek
    assert tab.current.index == 40 and tab.timeline.position == 40
    assert "frame 41/60" in tab.timeline.position_label.text()
    assert 40 in tab.area_plot.frames()
    assert tab.area_plot.series("sky")[tab.area_plot.frames().index(40)] == pytest.approx(50.0)
    with qtbot.waitSignal(tab.live_stopped, timeout=20_000):
        tab.timeline.play_button.click()  # play on to the end
    assert tab.current.index > 40 and not tab.timeline.play_button.isChecked()
    assert tab.inputs.currentText() == "drive.mp4 · stopped"  # ended: the field says so
    shown = tab.area_plot.frames()
    assert shown == sorted(set(shown)) and shown[-1] == tab.current.index
    # seeking after the end reopens the video, paused on the frame asked for
    with qtbot.waitSignal(tab.frame_shown, timeout=15_000, check_params_cb=lambda index: index == 10):
        tab.seek(10)
    assert tab._live is not None and tab.pause_button.isChecked() and tab.current.index == 10
    with qtbot.waitSignal(tab.live_stopped, timeout=10_000):
        tab.stop_live()


def test_input_field_names_the_webcam_then_images(qtbot, tab, tmp_path) -> None:  # noqa: ANN001
    from alyesdesk.inference.gaze.sources import Frame, FrameSource

    class FakeCamera(FrameSource):
        kind = "fake webcam"

        def _read(self, timeout_s: float) -> Frame:
            return Frame(_scene(), 0.0, 0)

    tab.webcam_factory = FakeCamera
    with qtbot.waitSignal(tab.frame_shown, timeout=10_000):
        tab.webcam_button.setChecked(True)
    assert tab.inputs.currentText() == "Webcam · playing" and tab.timeline.isHidden()
    image = tmp_path / "corner.png"
    cv2.imwrite(str(image), _scene())
    with qtbot.waitSignal(tab.segmentation_finished, timeout=15_000):
        tab.open_paths([image])
    assert [tab.inputs.itemText(i) for i in range(tab.inputs.count())] == ["corner.png"]
    assert tab._live is None
    with qtbot.waitSignal(tab.frame_shown, timeout=15_000):
        tab.open_paths([Path("drive.mp4")])
    tab.stop_live()
    assert [tab.inputs.itemText(i) for i in range(tab.inputs.count())] == ["corner.png", "drive.mp4 · stopped"]
    tab.inputs.setCurrentIndex(0)  # back to the image: the stopped video's entry goes
    assert [tab.inputs.itemText(i) for i in range(tab.inputs.count())] == ["corner.png"]
    assert Path(tab.current.source) == image and tab.timeline.isVisibleTo(tab) is False


# --- batch exports ------------------------------------------------------------------------------------


def test_batch_export_of_a_folder_of_images(qtbot, tab, tmp_path) -> None:  # noqa: ANN001
    folder = tmp_path / "photos"
    folder.mkdir()
    for name in ("a.png", "b.png", "c.jpg"):
        cv2.imwrite(str(folder / name), _scene(36, 48))
    (folder / "broken.png").write_bytes(b"not a png")
    from alyesdesk.ui.streets.exports import media_files

    images = [Path(p) for p in media_files([folder], images_only=True)]
    assert [p.name for p in images] == ["a.png", "b.png", "broken.png", "c.jpg"]
    out = tmp_path / "out"
    progress: list[tuple[int, int]] = []
    with qtbot.waitSignal(tab.export_finished, timeout=30_000) as blocker:
        tab.export_batch(out, images=images)
        tab.video_export.handle.worker.progressed.connect(lambda d, t: progress.append((d, t)))
    result = blocker.args[0]
    assert result == out / "photos_segmentation" and result.is_dir()
    rows = list(csv.DictReader(open(result / "areas.csv", encoding="utf-8")))
    assert [r["file"] for r in rows] == ["a.png", "b.png", "c.jpg"]
    assert float(rows[0]["sky"]) == pytest.approx(0.5)
    assert (result / "a_labels.png").is_file() and (result / "c_overlay.png").is_file() and (result / "b_color.png").is_file()
    assert "broken.png" in (result / "failed.csv").read_text(encoding="utf-8")
    assert "Exported to" in tab.status.text() and "3 images" in tab.status.text() and "1 could not be read" in tab.status.text()
    assert tab.progress.isHidden() and not list(out.glob(".*.part"))


def test_batch_export_of_every_frame_fills_the_area_plot(qtbot, tab, tmp_path) -> None:  # noqa: ANN001
    with qtbot.waitSignal(tab.live_stopped, timeout=20_000):
        tab.open_paths([Path("drive.mp4")])  # plays to the end (frames the GUI skipped are not plotted)
    out = tmp_path / "out"
    with qtbot.waitSignal(tab.export_finished, timeout=60_000) as blocker:
        tab.export_batch(out)
    folder = blocker.args[0]
    assert folder == out / "drive_segmentation"
    rows = list(csv.DictReader(open(folder / "drive_areas.csv", encoding="utf-8")))
    assert [int(r["frame"]) for r in rows] == list(range(60))
    assert float(rows[30]["time_s"]) == pytest.approx(0.6) and float(rows[30]["flat"]) == pytest.approx(0.5)
    assert len(list((folder / "frames").glob("*_labels.png"))) == 60
    assert len(list((folder / "frames").glob("*_overlay.png"))) == 60
    assert tab.area_plot.frames() == list(range(60))  # the whole video, not only the frames played


def test_batch_export_cancelled_leaves_nothing(qtbot, tab, tmp_path) -> None:  # noqa: ANN001
    tab.video_factory = lambda path: FakeVideo(path, frames=5000, fps=25.0)
    with qtbot.waitSignal(tab.frame_shown, timeout=15_000):
        tab.open_paths([Path("long.mp4")])
    tab.stop_live()
    tab.progress.valueChanged.connect(lambda value: tab.cancel_export() if value >= 3 else None)
    out = tmp_path / "out"
    with qtbot.waitSignal(tab.export_finished, timeout=60_000) as blocker:
        tab.export_batch(out)
    assert blocker.args[0] is None and "cancelled" in tab.status.text()
    assert not list(out.iterdir()) and tab.progress.isHidden()


# --- workers end cleanly --------------------------------------------------------------------------------


def test_shutdown_with_queued_images_starts_nothing_more(qtbot, tab, tmp_path) -> None:  # noqa: ANN001
    paths = []
    for i in range(8):
        path = tmp_path / f"q{i}.png"
        cv2.imwrite(str(path), _scene())
        paths.append(path)
    tab.open_paths(paths)
    assert len(tab.started_workers) == 1  # one image at a time
    tab.shutdown()  # the fixture then checks: every worker ended with exactly one signal, no thread runs
    qtbot.waitUntil(lambda: all(len(ends) == 1 for _, ends in tab.started_workers), timeout=10_000)
    assert len(tab.started_workers) == 1 and not tab._queue
