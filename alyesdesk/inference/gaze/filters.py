"""Smoothing of the gaze point: a One Euro filter (Casiez et al. 2012) and blink gating.

The One Euro filter is a low-pass filter whose cut-off rises with speed: at a fixation the point moves
slowly, the cut-off stays low and jitter is removed; during a saccade speed is high, the cut-off rises and
the lag stays small. A Kalman filter tuned for low jitter lags at every saccade, which users notice.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


def _alpha(cutoff_hz: float, dt: float) -> float:
    tau = 1.0 / (2.0 * math.pi * cutoff_hz)
    return 1.0 / (1.0 + tau / dt)


class OneEuroFilter:
    """One scalar signal. `min_cutoff` (Hz) sets jitter at rest, `beta` how fast the cut-off follows speed."""

    def __init__(self, min_cutoff: float = 1.0, beta: float = 0.01, d_cutoff: float = 1.0) -> None:
        if min_cutoff <= 0 or d_cutoff <= 0 or beta < 0:
            raise ValueError("min_cutoff and d_cutoff must be > 0 and beta >= 0")
        self.min_cutoff = min_cutoff
        self.beta = beta
        self.d_cutoff = d_cutoff
        self.reset()

    def reset(self) -> None:
        self._x: float | None = None
        self._dx = 0.0
        self._t: float | None = None

    def __call__(self, t: float, x: float) -> float:
        if self._x is None or self._t is None:
            self._x, self._t = float(x), t
            return self._x
        if t <= self._t:
            # A clock that did not advance (duplicate timestamp): no rate can be estimated; keep the state.
            return self._x
        dt = t - self._t
        dx = (x - self._x) / dt
        a_d = _alpha(self.d_cutoff, dt)
        self._dx = a_d * dx + (1 - a_d) * self._dx
        cutoff = self.min_cutoff + self.beta * abs(self._dx)
        a = _alpha(cutoff, dt)
        self._x = a * x + (1 - a) * self._x
        self._t = t
        return self._x


class PointFilter:
    """A 2-D point through two One Euro filters (x and y), in screen pixels."""

    def __init__(self, min_cutoff: float = 0.8, beta: float = 0.02, d_cutoff: float = 1.0) -> None:
        self._fx = OneEuroFilter(min_cutoff, beta, d_cutoff)
        self._fy = OneEuroFilter(min_cutoff, beta, d_cutoff)

    def __call__(self, t: float, x: float, y: float) -> tuple[float, float]:
        return self._fx(t, x), self._fy(t, y)

    def reset(self) -> None:
        self._fx.reset()
        self._fy.reset()


class NullFilter:
    """The no-op filter (same interface): use it to switch smoothing off without if-statements."""

    def __call__(self, t: float, x: float, y: float) -> tuple[float, float]:
        return x, y

    def reset(self) -> None:
        pass


@dataclass
class GatedPoint:
    """A point from `BlinkGate.update`, in the units of the points fed in (screen px in the app)."""

    x: float
    y: float
    held: bool  # True: the point is the last good one, repeated through a blink or a lost frame


class BlinkGate:
    """Holds the last filtered point through blinks and short losses, resets after a long gap.

    Blink frames carry no gaze information (the lid covers the iris): feeding them to the filter would
    pull the point down. After `reset_after_s` without a good frame the filter restarts, so the first
    point after a long absence is not smeared with a stale one.
    """

    def __init__(self, point_filter: PointFilter | NullFilter | None = None, reset_after_s: float = 0.5) -> None:
        self.filter = point_filter if point_filter is not None else PointFilter()
        self.reset_after_s = reset_after_s
        self._last: tuple[float, float] | None = None
        self._last_t: float | None = None

    def update(self, t: float, point: tuple[float, float] | None) -> GatedPoint | None:
        """`point` is None for a frame that is not usable (blink, no face, low confidence)."""
        if point is None:
            if self._last is None or self._last_t is None:
                return None
            if t - self._last_t > self.reset_after_s:
                self.filter.reset()
                self._last = None
                return None
            return GatedPoint(self._last[0], self._last[1], True)
        if self._last_t is not None and t - self._last_t > self.reset_after_s:
            self.filter.reset()
        x, y = self.filter(t, point[0], point[1])
        self._last, self._last_t = (x, y), t
        return GatedPoint(x, y, False)

    def reset(self) -> None:
        self.filter.reset()
        self._last = None
        self._last_t = None
