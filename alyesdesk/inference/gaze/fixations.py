"""Fixation detection on a gaze stream with I-DT (dispersion threshold, Salvucci & Goldberg 2000).

A fixation is a run of points lasting at least `min_duration_s` whose dispersion
(max(x) - min(x)) + (max(y) - min(y)) stays under `max_dispersion_px`. Streaming: push points as they
come, completed fixations come back; `flush()` closes the one in progress at the end of a session.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable


@dataclass(frozen=True)
class Fixation:
    """One fixation: when it started and how long it lasted (first to last point), and its centroid."""

    start: float  # seconds, timestamp of the first point
    duration: float  # seconds
    x: float  # centroid, screen px
    y: float
    count: int  # points in the fixation


class FixationDetector:
    """Streaming I-DT. Pick `max_dispersion_px` ~ 1-2 degrees of visual angle on the user's screen."""

    def __init__(self, max_dispersion_px: float = 80.0, min_duration_s: float = 0.1, max_gap_s: float = 0.25) -> None:
        if max_dispersion_px <= 0 or min_duration_s <= 0:
            raise ValueError("max_dispersion_px and min_duration_s must be > 0")
        self.max_dispersion_px = max_dispersion_px
        self.min_duration_s = min_duration_s
        self.max_gap_s = max_gap_s  # a longer hole in the stream (blink, lost face) ends a fixation
        self._window: list[tuple[float, float, float]] = []
        self._in_fixation = False

    def push(self, t: float, x: float, y: float) -> list[Fixation]:
        """Add one point; returns the fixations this point completed (zero or one)."""
        done: list[Fixation] = []
        if self._window and t - self._window[-1][0] > self.max_gap_s:
            done += self.flush()
        self._window.append((t, x, y))
        if self._in_fixation:
            if self._dispersion(self._window) > self.max_dispersion_px:
                # The new point leaves the fixation: emit it without that point, restart from the point.
                last = self._window.pop()
                done.append(self._make(self._window))
                self._window = [last]
                self._in_fixation = False
            return done
        # Not in a fixation: shrink from the front until the window is compact, then check its duration.
        while len(self._window) > 1 and self._dispersion(self._window) > self.max_dispersion_px:
            self._window.pop(0)
        if self._window[-1][0] - self._window[0][0] >= self.min_duration_s:
            self._in_fixation = True
        return done

    def flush(self) -> list[Fixation]:
        out = [self._make(self._window)] if self._in_fixation and self._window else []
        self._window = []
        self._in_fixation = False
        return out

    @staticmethod
    def _dispersion(points: list[tuple[float, float, float]]) -> float:
        xs = [p[1] for p in points]
        ys = [p[2] for p in points]
        return (max(xs) - min(xs)) + (max(ys) - min(ys))

    @staticmethod
    def _make(points: list[tuple[float, float, float]]) -> Fixation:
        n = len(points)
        return Fixation(
            start=points[0][0],
            duration=points[-1][0] - points[0][0],
            x=sum(p[1] for p in points) / n,
            y=sum(p[2] for p in points) / n,
            count=n,
        )


def detect_fixations(
    points: Iterable[tuple[float, float, float]], max_dispersion_px: float = 80.0, min_duration_s: float = 0.1
) -> list[Fixation]:
    """All fixations in a finished stream of (t, x, y)."""
    detector = FixationDetector(max_dispersion_px, min_duration_s)
    out: list[Fixation] = []
    for t, x, y in points:
        out += detector.push(t, x, y)
    return out + detector.flush()
