"""The gaze simulator's settings: camera, screen, eye and head-motion parameters, and the one error it raises."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from alyesdesk.inference.gaze.screen import ScreenGeometry


class SimulatorError(ValueError):
    """The face photo cannot be used (no face found, face too small, unreadable)."""


@dataclass
class SimConfig:
    """How the simulator renders: camera (frame size in px, horizontal field of view), screen, eyes and head.

    Lengths are in the unit each name ends with (cm, mm, deg, s); `head_motion` is checked by `with_motion`,
    not here.
    """

    frame_w: int = 640
    frame_h: int = 480
    hfov_deg: float = 60.0
    screen: ScreenGeometry = field(default_factory=ScreenGeometry)
    camera_gap_cm: float = 1.0  # camera lens above the top edge of the screen's picture
    iod_cm: float = 6.3  # inter-pupillary distance
    eyeball_mm: float = 12.0
    kappa_deg: tuple[float, float] = (2.0, 1.0)  # visual axis vs optical axis, fixed per person
    eye_level: float = 0.2  # eye height as a fraction of the screen height below its top edge
    head_motion: str = "still"  # "still" (small sway) or "moving"
    # Motion amplitudes for "moving": position (x, y, z) in cm and rotation (yaw, pitch, roll) in degrees.
    moving_position_cm: tuple[float, float, float] = (3.0, 2.0, 5.0)
    moving_rotation_deg: tuple[float, float, float] = (8.0, 6.0, 4.0)
    fixation_noise_deg: float = 0.25  # drift/tremor of the eye during a fixation
    noise_sigma: float = 3.0  # sensor noise, grey levels
    blur_sigma: tuple[float, float] = (0.3, 0.9)
    lighting: bool = True
    jpeg_quality: int | None = 85
    blink_every_s: float = 4.0  # mean interval between blinks; 0 disables blinks
    blink_s: float = 0.25  # whole blink: closing, closed, reopening

    @property
    def focal_px(self) -> float:
        return (self.frame_w / 2.0) / math.tan(math.radians(self.hfov_deg / 2.0))


def with_motion(config: SimConfig, head_motion: str) -> SimConfig:
    """A copy of `config` with `head_motion` set; ValueError unless it is "still" or "moving"."""
    if head_motion not in ("still", "moving"):
        raise ValueError("head_motion must be 'still' or 'moving'")
    return replace(config, head_motion=head_motion)
