"""Screen geometry and the conversion of errors in pixels to degrees of visual angle."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np

DEFAULT_DISTANCE_CM = 60.0


@dataclass(frozen=True)
class ScreenGeometry:
    """A screen in pixels and millimetres, and the viewer's distance from it.

    The physical size comes from the OS (Qt's QScreen.physicalSize in the UI); the default is a 24-inch
    16:9 1920x1080 monitor, where 1 degree at 60 cm is about 38 px.
    """

    width_px: int = 1920
    height_px: int = 1080
    width_mm: float = 531.0
    height_mm: float = 299.0
    distance_cm: float = DEFAULT_DISTANCE_CM

    def __post_init__(self) -> None:
        for name in ("width_px", "height_px", "width_mm", "height_mm", "distance_cm"):
            if not getattr(self, name) > 0:
                raise ValueError(f"screen {name} must be > 0, got {getattr(self, name)!r}")

    @property
    def mm_per_px(self) -> float:
        # Square pixels assumed; average the two axes so a slightly wrong OS value is not amplified.
        return 0.5 * (self.width_mm / self.width_px + self.height_mm / self.height_px)

    def px_to_deg(self, error_px: float | np.ndarray) -> float | np.ndarray:
        """Theta = atan(error_cm / distance_cm), the field's usual definition."""
        error_cm = np.asarray(error_px, dtype=np.float64) * self.mm_per_px / 10.0
        out = np.degrees(np.arctan(error_cm / self.distance_cm))
        return float(out) if out.ndim == 0 else out

    def deg_to_px(self, degrees: float) -> float:
        return math.tan(math.radians(degrees)) * self.distance_cm * 10.0 / self.mm_per_px

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> ScreenGeometry:
        return cls(
            width_px=int(data.get("width_px", data.get("screen_w_px", 1920))),
            height_px=int(data.get("height_px", data.get("screen_h_px", 1080))),
            width_mm=float(data.get("width_mm", data.get("screen_w_mm", 531.0))),
            height_mm=float(data.get("height_mm", data.get("screen_h_mm", 299.0))),
            distance_cm=float(data.get("distance_cm", DEFAULT_DISTANCE_CM)),
        )
