"""Frame in -> filtered screen point out: front end, model, One Euro filter and blink gating together.

The Gaze tab's worker owns one `GazePipeline` and calls `process(frame, t)` per frame. The model can be a
`CalibratedGazeModel` (numpy, right after calibration) or a `GazeModel` backend (ONNX from disk or DB);
both expose `predict(right, left, features)` returning normalised points.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Protocol, TYPE_CHECKING

import numpy as np

from alyesdesk.inference.gaze import sample as S
from alyesdesk.inference.gaze.filters import BlinkGate, NullFilter, PointFilter
from alyesdesk.inference.gaze.fixations import Fixation, FixationDetector

if TYPE_CHECKING:
    from alyesdesk.inference.gaze.screen import ScreenGeometry
    from alyesdesk.inference.gaze.frontends import Frontend


class Predictor(Protocol):
    """Any gaze model: `predict(right, left, features)` gives normalised screen points (N, 2)."""

    def predict(self, right: np.ndarray, left: np.ndarray, features: np.ndarray) -> np.ndarray: ...


@dataclass
class GazeResult:
    """What one frame gave: the front end's sample, raw and filtered points (screen px), fixations, timings.

    `timings_ms` holds the "frontend", "model", "filter" and "total" stage times of this frame.
    """

    sample: S.GazeSample
    raw: tuple[float, float] | None  # unfiltered prediction, screen px (None if the frame was unusable)
    point: tuple[float, float] | None  # filtered and gated, screen px
    held: bool  # True when `point` is the last good point held through a blink or lost frame
    fixations: list[Fixation]  # fixations completed by this frame
    timings_ms: dict[str, float]


class GazePipeline:
    """Front end, model, blink gate (with the One Euro filter unless `smoothing` is off) and fixations.

    Not thread-safe: one owner calls `process` per frame. `reset` forgets the filter, tracking and the
    fixation in progress (without reporting it).
    """

    def __init__(
        self,
        frontend: Frontend,
        model: Predictor,
        screen: ScreenGeometry,
        smoothing: bool = True,
        fixation_dispersion_deg: float = 1.5,
    ) -> None:
        self.frontend = frontend
        self.model = model
        self.screen = screen
        self.gate = BlinkGate(PointFilter() if smoothing else NullFilter())
        self.fixations = FixationDetector(max_dispersion_px=screen.deg_to_px(fixation_dispersion_deg) * 2)
        self._scale = np.array([screen.width_px, screen.height_px], np.float64)

    def process(self, frame: np.ndarray, timestamp: float | None = None) -> GazeResult:
        t = time.monotonic() if timestamp is None else timestamp
        c0 = time.perf_counter()
        sample = self.frontend.process(frame, t)
        c1 = time.perf_counter()
        raw = None
        if sample.ok:
            out = self.model.predict(*S.stack([sample]))
            raw = tuple(float(v) for v in np.asarray(out[0], np.float64) * self._scale)
        c2 = time.perf_counter()
        gated = self.gate.update(t, raw)  # type: ignore[arg-type]
        done: list[Fixation] = []
        if gated is not None and not gated.held:
            done = self.fixations.push(t, gated.x, gated.y)
        c3 = time.perf_counter()
        return GazeResult(
            sample=sample,
            raw=raw,  # type: ignore[arg-type]
            point=(gated.x, gated.y) if gated else None,
            held=bool(gated and gated.held),
            fixations=done,
            timings_ms={"frontend": (c1 - c0) * 1e3, "model": (c2 - c1) * 1e3, "filter": (c3 - c2) * 1e3,
                        "total": (c3 - c0) * 1e3},
        )

    def reset(self) -> None:
        self.gate.reset()
        self.fixations.flush()
        self.frontend.reset()
