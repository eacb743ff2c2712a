"""Gaze as a pointer: where to move the mouse, when to click by dwelling, and when to let go.

Qt-free: `GazePointer.update(t, point)` is fed every filtered gaze point (None when tracking has nothing)
and returns what the UI should do. The rules, which keep an opt-in pointer safe to use:

- Off by default; `engage()` turns it on (the UI's hotkey or checkbox), `release(reason)` off.
- Moves: the pointer follows the filtered point (screen px), unless the gaze is in the *pause region*
  (e.g. a screen corner: look there to read or rest without moving or clicking anything).
- Dwell click: when the gaze stays within `dwell_radius_px` of where a dwell began for `dwell_s`
  (0.5-2 s), one click at the dwell's centre. `progress` (0..1) drives the shrinking ring. After a click
  the gaze must leave the radius before another dwell can start (no repeated clicks while staring).
- Watchdog: no point for `lost_after_s` (face lost, camera gone) releases control: the pointer stops
  being driven until it is engaged again, so a lost tracker never leaves the mouse stuck or clicking.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MIN_DWELL_S = 0.5
MAX_DWELL_S = 2.0


@dataclass(frozen=True)
class PointerAction:
    """What the UI should do after one `GazePointer.update`; the default does nothing."""

    move: tuple[float, float] | None = None  # move the pointer here (screen px)
    click: tuple[float, float] | None = None  # click here
    ring: tuple[float, float] | None = None  # where the dwell ring is drawn (None: hide it)
    progress: float = 0.0  # dwell progress 0..1 (the ring shrinks as it grows)
    released: str = ""  # non-empty: control was just released, and why
    paused: bool = False  # the gaze is in the pause region


class GazePointer:
    """The pointer rules of the module doc; every point and region is in screen px.

    `pause_region` is (x, y, w, h), half-open like an AOI rectangle. ValueError for a dwell time outside
    MIN_DWELL_S-MAX_DWELL_S or a radius or watchdog time that is not > 0.
    """

    def __init__(self, dwell_s: float = 1.0, dwell_radius_px: float = 60.0, lost_after_s: float = 0.5,
                 pause_region: tuple[float, float, float, float] | None = None, clicks: bool = True) -> None:
        self.dwell_s = dwell_s
        if not dwell_radius_px > 0 or not lost_after_s > 0:
            raise ValueError("dwell_radius_px and lost_after_s must be > 0")
        self.dwell_radius_px = dwell_radius_px
        self.lost_after_s = lost_after_s
        self.pause_region = pause_region
        self.clicks = clicks
        self.engaged = False
        self.clicks_made = 0
        self._anchor: tuple[float, float] | None = None
        self._anchor_t = 0.0
        self._armed = True  # False after a click, until the gaze leaves the dwell radius
        self._last_point_t: float | None = None

    @property
    def dwell_s(self) -> float:
        return self._dwell_s

    @dwell_s.setter
    def dwell_s(self, value: float) -> None:
        if not MIN_DWELL_S <= value <= MAX_DWELL_S:
            raise ValueError(f"the dwell time must be {MIN_DWELL_S}-{MAX_DWELL_S} s, got {value:g}")
        self._dwell_s = float(value)

    def engage(self, t: float | None = None) -> None:
        self.engaged = True
        self._last_point_t = t
        self._reset_dwell()

    def release(self, reason: str = "released") -> PointerAction:
        was = self.engaged
        self.engaged = False
        self._reset_dwell()
        return PointerAction(released=reason if was else "")

    def toggle(self, t: float | None = None) -> bool:
        if self.engaged:
            self.release("turned off")
        else:
            self.engage(t)
        return self.engaged

    def _reset_dwell(self) -> None:
        self._anchor = None
        self._armed = True

    def in_pause_region(self, x: float, y: float) -> bool:
        if self.pause_region is None:
            return False
        rx, ry, rw, rh = self.pause_region
        return rx <= x < rx + rw and ry <= y < ry + rh

    def update(self, t: float, point: tuple[float, float] | None) -> PointerAction:
        if not self.engaged:
            return PointerAction()
        if point is None or not all(math.isfinite(v) for v in point):
            if self._last_point_t is None:
                self._last_point_t = t
            if t - self._last_point_t >= self.lost_after_s:
                return self.release("tracking lost")
            return PointerAction()  # a blink: hold still, keep the dwell
        self._last_point_t = t
        x, y = float(point[0]), float(point[1])
        if self.in_pause_region(x, y):
            self._reset_dwell()
            return PointerAction(paused=True)
        if self._anchor is None or math.hypot(x - self._anchor[0], y - self._anchor[1]) > self.dwell_radius_px:
            self._anchor, self._anchor_t, self._armed = (x, y), t, True
            return PointerAction(move=(x, y), ring=(x, y) if self.clicks else None)
        if not self.clicks or not self._armed:
            return PointerAction(move=(x, y))
        progress = min(1.0, (t - self._anchor_t) / self.dwell_s)
        if progress >= 1.0:
            self._armed = False
            self.clicks_made += 1
            return PointerAction(move=(x, y), click=self._anchor, progress=1.0)
        return PointerAction(move=(x, y), ring=self._anchor, progress=progress)
