"""Helpers for the Gaze tab tests: a calibration fitted on simulated frames, and a camera that dies."""

from __future__ import annotations

import threading
from functools import lru_cache

from alyesdesk.inference.gaze.screen import ScreenGeometry
from alyesdesk.inference.gaze.sources import CameraUnavailable, FrameSource

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
