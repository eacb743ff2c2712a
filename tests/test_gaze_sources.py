"""Camera sources (typed errors, timeouts, context managers) and both dataset formats."""

from __future__ import annotations

import threading
import time

import cv2
import numpy as np
import pytest

from alyesdesk.inference.gaze.dataset import DatasetError, DatasetWriter, load_dataset
from alyesdesk.inference.gaze.screen import ScreenGeometry
from alyesdesk.inference.gaze.sources import (
    CameraError,
    CameraTimeout,
    CameraUnavailable,
    ImageFolderSource,
    SimulatedWebcamSource,
    SourceExhausted,
    VideoFileSource,
    WebcamSource,
    default_backend,
)


class FakeCapture:
    """Stands in for cv2.VideoCapture: scripted frames, then failures or a hang."""

    def __init__(self, frames: int = 3, opened: bool = True, then: str = "fail", delay: float = 0.0) -> None:
        self.frames, self.opened, self.then, self.delay = frames, opened, then, delay
        self.released = False
        self.settings: dict[int, float] = {}
        self._gate = threading.Event()

    def isOpened(self) -> bool:  # noqa: N802 - OpenCV's name
        return self.opened

    def set(self, prop: int, value: float) -> bool:
        self.settings[prop] = value
        return True

    def read(self):  # noqa: ANN201
        if self.frames > 0:
            self.frames -= 1
            time.sleep(self.delay)
            return True, np.full((48, 64, 3), 100, np.uint8)
        if self.then == "hang":
            self._gate.wait(0.05)  # a frozen driver: returns nothing useful, slowly
            return False, None
        return False, None

    def release(self) -> None:
        self.released = True


def test_webcam_that_cannot_open_raises_camera_unavailable() -> None:
    cam = WebcamSource(3, capture_factory=lambda i, b: FakeCapture(opened=False))
    with pytest.raises(CameraUnavailable, match="camera 3 cannot be opened"):
        cam.open()


def test_webcam_delivers_frames_then_reports_unplugging() -> None:
    fake = FakeCapture(frames=2, then="fail")
    with WebcamSource(0, 320, 240, capture_factory=lambda i, b: fake) as cam:
        frame = cam.read(timeout_s=2.0)
        assert frame.image.shape == (48, 64, 3)
        assert fake.settings[cv2.CAP_PROP_FRAME_WIDTH] == 320
        with pytest.raises(CameraError):  # unavailable once the driver keeps failing
            for _ in range(10):
                cam.read(timeout_s=2.0)
    assert fake.released


def test_webcam_read_times_out_instead_of_blocking() -> None:
    fake = FakeCapture(frames=0, then="hang")
    cam = WebcamSource(0, capture_factory=lambda i, b: fake)
    cam.open()
    try:
        start = time.monotonic()
        with pytest.raises((CameraTimeout, CameraUnavailable)):
            cam.read(timeout_s=0.2)
        assert time.monotonic() - start < 2.0
    finally:
        cam.close()


class StuckCapture(FakeCapture):
    """A driver whose read blocks until the test lets it return; release() under a read is a crash."""

    def __init__(self) -> None:
        super().__init__(frames=0)
        self.reading, self.unblock = threading.Event(), threading.Event()
        self.released_during_read = False
        self.released_event = threading.Event()

    def read(self):  # noqa: ANN201
        self.reading.set()
        self.unblock.wait(10)
        self.reading.clear()
        return False, None

    def release(self) -> None:
        self.released_during_read = self.reading.is_set()
        super().release()
        self.released_event.set()


def test_a_stuck_read_is_never_released_under_it() -> None:
    fake = StuckCapture()
    cam = WebcamSource(0, capture_factory=lambda i, b: fake)
    cam.open()
    assert fake.reading.wait(5)
    cam.close()  # the reader does not stop within its 2 s: the capture is handed to it
    assert not fake.released
    fake.unblock.set()
    assert fake.released_event.wait(5) and not fake.released_during_read


def test_default_backend_is_an_opencv_constant() -> None:
    assert default_backend() in (cv2.CAP_DSHOW, cv2.CAP_AVFOUNDATION, cv2.CAP_V4L2)


def test_image_folder_skips_bad_files_and_ends(tmp_path) -> None:
    for i in range(2):
        cv2.imwrite(str(tmp_path / f"{i}.png"), np.full((40, 40, 3), 50 * i, np.uint8))
    (tmp_path / "2.png").write_bytes(b"not an image")
    with ImageFolderSource(tmp_path) as src:
        names = [f.name for f in src]
        assert names == ["0.png", "1.png"]
        assert src.skipped and src.skipped[0][0] == "2.png"
        with pytest.raises(SourceExhausted):
            src.read()


def test_missing_sources_raise_camera_unavailable(tmp_path) -> None:
    with pytest.raises(CameraUnavailable):
        ImageFolderSource(tmp_path / "nope").open()
    with pytest.raises(CameraUnavailable):
        ImageFolderSource(tmp_path).open()  # empty folder
    with pytest.raises(CameraUnavailable):
        VideoFileSource(tmp_path / "nope.avi").open()
    bad = tmp_path / "bad.avi"
    bad.write_bytes(b"garbage")
    with pytest.raises(CameraUnavailable):
        VideoFileSource(bad).open()


def test_video_file_frames_then_exhausted(tmp_path) -> None:
    path = tmp_path / "clip.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10, (64, 48))
    for i in range(5):
        writer.write(np.full((48, 64, 3), 40 * i, np.uint8))
    writer.release()
    with VideoFileSource(path) as src:
        frames = list(src)
    assert len(frames) == 5
    assert frames[1].timestamp == pytest.approx(0.1)


def test_simulated_webcam_follows_the_callback() -> None:
    class FakeSim:
        def render(self, x, y, t):  # noqa: ANN001, ANN201
            from alyesdesk.inference.gaze.simulator import RenderedFrame

            return RenderedFrame(np.zeros((48, 64, 3), np.uint8), {"target": [x, y], "t": t})

    points = iter([(1.0, 2.0), (3.0, 4.0)])
    with SimulatedWebcamSource(FakeSim(), lambda: next(points), realtime=False) as src:
        assert src.read().truth["target"] == [1.0, 2.0]
        assert src.read().truth["target"] == [3.0, 4.0]
        with pytest.raises(CameraError, match="target callback failed"):
            src.read()


def test_alyesdesk_dataset_round_trip_and_bad_rows(tmp_path) -> None:
    screen = ScreenGeometry(1280, 800, 300, 190, 55)
    with DatasetWriter(tmp_path / "ds", screen, camera="test cam", sequential=True) as w:
        for i in range(3):
            w.add(np.full((30, 40, 3), 80, np.uint8), 100 * i, 50 * i, truth={"blink": False})
    with (tmp_path / "ds" / "targets.csv").open("a") as f:
        f.write("missing.png,1,2\n000000.png,not-a-number,3\n")
    data = load_dataset(tmp_path / "ds")
    assert data.format == "alyesdesk" and len(data) == 3
    assert data.screen == screen and data.camera == "test cam" and data.sequential
    assert data.targets()[2].tolist() == [200.0, 100.0]
    assert data.items[0].truth == {"frame": "000000.png", "blink": False}
    assert len(data.problems) == 2


def test_original_format_is_read_from_file_names(tmp_path) -> None:
    for ident, x, y in ((2, 640, 360), (10, 10, 1000), (1, 1919, 0)):
        cv2.imwrite(str(tmp_path / f"opencv_frame_{ident}-{x}-{y}.png"), np.zeros((20, 20, 3), np.uint8))
    (tmp_path / "notes.txt").write_text("ignored")
    data = load_dataset(tmp_path)
    assert data.format == "original"
    assert data.targets().tolist() == [[1919, 0], [640, 360], [10, 1000]]  # sorted by frame id
    assert data.screen_assumed and data.problems  # no meta.json: assumed screen, said so


def test_not_a_dataset(tmp_path) -> None:
    with pytest.raises(DatasetError):
        load_dataset(tmp_path)
    with pytest.raises(DatasetError):
        load_dataset(tmp_path / "absent")
    (tmp_path / "targets.csv").write_text("a,b\n1,2\n")
    with pytest.raises(DatasetError, match="header"):
        load_dataset(tmp_path)
