"""Helpers for the Gaze tab tests: a calibration fitted on simulated frames, and a camera that dies."""

from __future__ import annotations

import threading
from functools import lru_cache

from alyesdesk.inference.gaze.screen import ScreenGeometry
from alyesdesk.inference.gaze.sources import CameraUnavailable, Frame, FrameSource, SourceExhausted

def engine_target_deg() -> float:
    """The engine's accuracy bar for a 9-point calibration on simulated frames (still head)."""
    from alyesdesk.inference.gaze import calibration

    return calibration.TARGET_MEAN_DEG


@lru_cache(maxsize=4)
def _fit(screen_key: tuple) -> tuple[bytes, dict, dict]:
    from alyesdesk.inference.gaze import targets as T
    from alyesdesk.inference.gaze.fit import fit_calibrated
    from alyesdesk.inference.gaze.frontends import make_frontend
    from alyesdesk.inference.gaze.simdata import record
    from alyesdesk.inference.gaze.simconfig import SimConfig
    from alyesdesk.inference.gaze.simulator import make_simulator

    screen = ScreenGeometry(*screen_key)
    sim = make_simulator(config=SimConfig(screen=screen), seed=0)
    samples, targets = [], []
    with make_frontend("mediapipe") as frontend:  # type: ignore[attr-defined]
        for f in record(sim, T.nine_point(screen), frames_per_point=4, settle_frames=0):
            samples.append(frontend.process(f.image, f.t))
            targets.append((f.x, f.y))
    model = fit_calibrated(samples, targets, screen, "mediapipe")
    cv = model.info["metrics"]
    return model.to_onnx(), model.sidecar(), {"mean_px": cv["cv_mean_px"], "mean_deg": cv["cv_mean_deg"]}


def store_calibration(db, tab) -> int:  # noqa: ANN001
    """Fit (once per screen) and store a calibration for the tab's screen, then let the tab load it."""
    s = tab.current_geometry()
    onnx, sidecar, accuracy = _fit((s.width_px, s.height_px, s.width_mm, s.height_mm, s.distance_cm))
    cid = db.save_calibration(tab.current_screen_key(), s.to_dict(), "mediapipe", onnx, sidecar, accuracy)
    tab.load_calibration()
    return cid


class DyingSource(FrameSource):
    """Wraps a source and raises CameraUnavailable (as an unplugged webcam does) once `unplug` is set."""

    kind = "webcam"

    def __init__(self, inner: FrameSource) -> None:
        super().__init__()
        self.inner = inner
        self.unplug = threading.Event()

    def _open(self) -> None:
        self.inner.open()

    def _read(self, timeout_s: float):  # noqa: ANN202
        if self.unplug.is_set():
            raise CameraUnavailable("camera 0 stopped delivering frames (test unplug)")
        return self.inner.read(timeout_s)

    def _close(self) -> None:
        self.inner.close()


class PacedSource(FrameSource):
    """Wraps a source and hands out the next frame only once the consumer took the previous one.

    The live worker runs free and the GUI pulls the newest frame from a one-slot buffer at display rate,
    so on its own how many frames the wizard sees depends on the machine's speed. Paced, every frame is
    shown exactly once, in order, whatever the speed: connect `consumed` to the tab's `frame_shown`.
    `stop_with(event)` (the worker's stop flag) ends a wait when tracking stops.
    """

    kind = "simulator"
    POLL_S = 0.02  # how often a waiting read looks at the stop flag

    def __init__(self, inner: FrameSource) -> None:
        super().__init__()
        self.inner = inner
        self.served = 0
        self._consumed = threading.Event()
        self._consumed.set()  # the first frame needs no consumer
        self._stop: threading.Event | None = None

    def consumed(self, *_args: object) -> None:
        self._consumed.set()

    def stop_with(self, event: threading.Event) -> None:
        self._stop = event

    def describe(self) -> str:
        return self.inner.describe()

    def _open(self) -> None:
        self.inner.open()

    def _read(self, timeout_s: float) -> Frame:
        while not self._consumed.wait(self.POLL_S):
            if self._stop is not None and self._stop.is_set():
                raise SourceExhausted("tracking stopped while the paced source waited")
        self._consumed.clear()
        frame = self.inner.read(timeout_s)
        self.served += 1
        return frame

    def _close(self) -> None:
        self.inner.close()


def start_paced_simulation(tab) -> PacedSource:  # noqa: ANN001 - a GazeTab
    """Start the tab's tracking on the simulated webcam (frames as fast as made), paced to the display."""
    from alyesdesk.inference.gaze import sources
    from alyesdesk.inference.gaze.simconfig import SimConfig
    from alyesdesk.inference.gaze.simulator import make_simulator
    from alyesdesk.ui.gaze.worker import SourceChoice

    screen = tab.current_geometry()
    sim = make_simulator(config=SimConfig(screen=screen), seed=0)
    paced = PacedSource(sources.SimulatedWebcamSource(sim, tab.sim_target, realtime=False))
    tab.frame_shown.connect(paced.consumed)
    assert tab.start_tracking(SourceChoice("simulated", realtime=False), source_factory=lambda: paced)
    paced.stop_with(tab.live_worker.stop_requested)
    return paced
