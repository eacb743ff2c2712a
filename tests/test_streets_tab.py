"""The Street segmentation tab: images, toggles, opacity, views, hover, exports, video playback and export."""

from __future__ import annotations

import csv
from pathlib import Path

import cv2
import numpy as np
import pytest

pytest.importorskip("onnx")

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QDragEnterEvent, QDropEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from alyesdesk.inference import catalog  # noqa: E402
from alyesdesk.training.streets.tiny import write_tiny_segmenter  # noqa: E402
from alyesdesk.ui.context import AppContext  # noqa: E402
from alyesdesk.ui.streets.tab import StreetsTab  # noqa: E402

SKY, FLAT = 6, 0


def _scene(h: int = 60, w: int = 80) -> np.ndarray:
    image = np.zeros((h, w, 3), np.uint8)
    image[: h // 2] = (255, 0, 0)
    image[h // 2 :] = (0, 0, 255)
    return image


@pytest.fixture
def tiny_active(isolated_home: Path) -> catalog.ModelInfo:
    from alyesdesk import paths

    write_tiny_segmenter(paths.user_models_dir(), stem="tiny_streets")
    info = next(m for m in catalog.models_for("segment") if m.spec.name == "tiny_street_test")
    catalog.set_active("segment", info)
    return info


@pytest.fixture
def tab(qtbot, db, tiny_active):  # noqa: ANN001, ANN201
    widget = StreetsTab(AppContext(db))
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    yield widget
    widget.shutdown()


@pytest.fixture
def street(tmp_path: Path) -> Path:
    path = tmp_path / "street.png"
    cv2.imwrite(str(path), _scene())
    return path


def _open(qtbot, tab, paths):  # noqa: ANN001, ANN202
    with qtbot.waitSignal(tab.segmentation_finished, timeout=15_000) as blocker:
        tab.open_paths(paths)
    return blocker.args[0]


def test_image_is_segmented_stored_and_listed(qtbot, tab, street, db) -> None:  # noqa: ANN001
    result = _open(qtbot, tab, [street])
    assert result.seg.labels.shape == (60, 80)
    assert result.seg.labels[5, 5] == SKY and result.seg.labels[55, 5] == FLAT
    names = tab.legend.names
    assert tab.legend.areas[names.index("sky")].text() == "50.0 %"
    assert not tab.legend.checks[names.index("void")].isChecked()  # void starts hidden
    assert [r["input"] for r in db.history("streets")] == [str(street.resolve())]
    assert tab.inputs.count() == 1


def test_toggles_opacity_and_views(qtbot, tab, street) -> None:  # noqa: ANN001
    _open(qtbot, tab, [street])
    original = tab.current.image
    tab.opacity.setValue(0)
    image, _, panels = tab.display_image()
    assert panels == 1 and np.array_equal(image, original)
    tab.opacity.setValue(100)
    image, _, _ = tab.display_image()
    assert tuple(image[5, 5]) == (0xB4, 0x82, 0x46)  # sky colour #4682b4 as BGR
    tab.legend.checks[tab.legend.names.index("sky")].setChecked(False)
    image, _, _ = tab.display_image()
    assert np.array_equal(image[5, 5], original[5, 5])  # sky switched off: the photo shows through
    tab.view_mode.setCurrentText("Side by side")
    image, _, panels = tab.display_image()
    assert panels == 2 and image.shape[1] == 80 * 2 + 6
    tab.view_mode.setCurrentText("Colour mask")
    image, _, _ = tab.display_image()
    assert tuple(image[55, 5]) == (0x80, 0x40, 0x80)


def test_hover_reports_the_category(qtbot, tab, street) -> None:  # noqa: ANN001
    _open(qtbot, tab, [street])
    tab.show()
    qtbot.waitExposed(tab)
    tab.view_mode.setCurrentText("Side by side")
    view = tab.view
    target = view._target()
    # the right panel's top-left area is sky, its bottom is flat (both panels map to the same pixels)
    right_top = QPointF(target.left() + target.width() * 0.8, target.top() + target.height() * 0.1)
    x, y = view.source_pixel(right_top)
    assert 0 <= x < 80 and y < 30
    with qtbot.waitSignal(view.hovered, timeout=2000):
        view.hovered.emit(x, y)
    assert "sky" in tab.hover_label.text()
    tab._on_hovered(5, 55)
    assert "flat" in tab.hover_label.text()


def test_exports(qtbot, tab, street, tmp_path) -> None:  # noqa: ANN001
    _open(qtbot, tab, [street])
    out = tmp_path / "exports"
    labels = tab.export("labels", out / "l.png")
    assert np.array_equal(cv2.imread(str(labels), cv2.IMREAD_UNCHANGED), tab.current.seg.labels)
    assert cv2.imread(str(tab.export("overlay", out / "o.png"))).shape == (60, 80, 3)
    assert tuple(cv2.imread(str(tab.export("color", out / "c.png")))[5, 5]) == (0xB4, 0x82, 0x46)
    rows = list(csv.reader(open(tab.export("csv", out / "a.csv"), encoding="utf-8")))
    assert rows[0] == ["category", "colour", "fraction", "percent"]
    assert dict((r[0], float(r[3])) for r in rows[1:])["sky"] == pytest.approx(50.0)


def test_drop_and_bad_image(qtbot, tab, street, tmp_path) -> None:  # noqa: ANN001
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"nope")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(bad)), QUrl.fromLocalFile(str(street))])
    notes: list = []
    tab.ctx.notified.connect(lambda text, level: notes.append((text, level)))
    with qtbot.waitSignal(tab.segmentation_finished, timeout=15_000):
        pos = QPoint(10, 10)
        enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(tab, enter)
        drop = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(tab, drop)
    # the bad file is listed inline, its name once; no error notification (that would open the dialog)
    assert len(tab.problems.lines) == 1 and tab.problems.lines[0].count("bad.jpg") == 1
    assert not [n for n in notes if "bad.jpg" in n[0]]
    assert tab.current is not None and Path(tab.current.source) == street


@pytest.fixture
def clip(tmp_path: Path) -> Path:
    path = tmp_path / "drive.mp4"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), 25, (80, 60))
    if not writer.isOpened():
        pytest.skip("this OpenCV build cannot write mp4v")
    for _ in range(40):
        writer.write(_scene())
    writer.release()
    return path


def test_video_plays_live_then_exports(qtbot, tab, clip, tmp_path, db) -> None:  # noqa: ANN001
    shown: list[int] = []
    tab.frame_shown.connect(shown.append)
    with qtbot.waitSignal(tab.live_stopped, timeout=20_000):
        tab.open_paths([clip])
    assert shown and shown == sorted(shown)  # newest frame wins: never an older frame after a newer one
    assert tab._live is None and not tab.stop_button.isEnabled()
    assert tab.current.seg.labels.shape == (60, 80)
    target = tmp_path / "out.mp4"
    with qtbot.waitSignal(tab.export_finished, timeout=30_000) as blocker:
        tab.export_video(target)
    assert blocker.args[0] == target and target.is_file()
    cap = cv2.VideoCapture(str(target))
    assert int(cap.get(cv2.CAP_PROP_FRAME_COUNT)) == 40
    cap.release()
    assert len(db.history("streets")) == 1


def test_video_export_cancel_writes_nothing(qtbot, tab, clip, tmp_path) -> None:  # noqa: ANN001
    with qtbot.waitSignal(tab.live_stopped, timeout=20_000):
        tab.open_paths([clip])
    target = tmp_path / "cancelled.mp4"
    with qtbot.waitSignal(tab.export_finished, timeout=30_000) as blocker:
        tab.export_video(target)
        tab.cancel_export()
    assert blocker.args[0] is None
    assert not target.exists() and not list(tmp_path.glob(".cancelled*"))


def test_unreadable_video_is_reported(qtbot, tab, tmp_path) -> None:  # noqa: ANN001
    bad = tmp_path / "broken.mp4"
    bad.write_bytes(b"\x00" * 100)
    tab.open_paths([bad])
    assert len(tab.problems.lines) == 1 and tab.problems.lines[0].startswith("broken.mp4: ")
    assert tab._live is None


def test_webcam_shows_live_frames_until_stopped(qtbot, tab) -> None:  # noqa: ANN001
    from alyesdesk.inference.gaze.sources import Frame, FrameSource

    class FakeCamera(FrameSource):
        kind = "fake webcam"

        def __init__(self) -> None:
            super().__init__()
            self.count = 0

        def _read(self, timeout_s: float) -> Frame:
            self.count += 1
            return Frame(_scene(48, 64), float(self.count), self.count)

    tab.webcam_factory = FakeCamera
    with qtbot.waitSignal(tab.frame_shown, timeout=10_000):
        tab.webcam_button.setChecked(True)
    assert tab.current.seg.labels.shape == (48, 64)
    with qtbot.waitSignal(tab.live_stopped, timeout=10_000):
        tab.webcam_button.setChecked(False)
    assert tab._live is None and not tab.webcam_button.isChecked()


def test_webcam_failure_is_reported(qtbot, tab) -> None:  # noqa: ANN001
    from alyesdesk.inference.gaze.sources import CameraUnavailable, FrameSource

    class Unplugged(FrameSource):
        def _open(self) -> None:
            raise CameraUnavailable("camera 0 cannot be opened: it may be unplugged")

    tab.webcam_factory = Unplugged
    with qtbot.waitSignal(tab.ctx.notified, timeout=10_000) as note:
        tab.webcam_button.setChecked(True)
    assert "unplugged" in note.args[0] and note.args[1] == "error"
    assert not tab.webcam_button.isChecked()


def test_large_photo_is_shown_downsized_but_exported_full_size(qtbot, tab, tmp_path) -> None:  # noqa: ANN001
    big = tmp_path / "big.png"
    cv2.imwrite(str(big), _scene(1500, 2000))
    _open(qtbot, tab, [big])
    image, scale, _ = tab.display_image()
    assert scale < 1 and image.shape[0] * image.shape[1] <= 2_000_000
    assert cv2.imread(str(tab.export("labels", tmp_path / "l.png")), cv2.IMREAD_UNCHANGED).shape == (1500, 2000)
    tab.show()
    qtbot.waitExposed(tab)
    target = tab.view._target()
    x, y = tab.view.source_pixel(QPointF(target.right() - 1, target.bottom() - 1))
    assert 1990 <= x < 2000 and 1490 <= y < 1500  # hover coordinates are in full-size pixels


def test_video_export_cancelled_midway(qtbot, tab, tmp_path) -> None:  # noqa: ANN001
    clip = tmp_path / "long.mp4"
    writer = cv2.VideoWriter(str(clip), cv2.VideoWriter_fourcc(*"mp4v"), 25, (320, 240))
    if not writer.isOpened():
        pytest.skip("this OpenCV build cannot write mp4v")
    for _ in range(400):
        writer.write(_scene(240, 320))
    writer.release()
    tab.open_paths([clip])
    tab.stop_live()
    tab.progress.valueChanged.connect(lambda value: tab.cancel_export() if value >= 2 else None)
    target = tmp_path / "partial.mp4"
    with qtbot.waitSignal(tab.export_finished, timeout=60_000) as blocker:
        tab.export_video(target)
    assert blocker.args[0] is None and "cancelled" in tab.status.text()
    assert not target.exists() and not list(tmp_path.glob(".partial*"))
    assert tab.progress.isHidden()
