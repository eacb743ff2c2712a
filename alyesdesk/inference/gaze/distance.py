"""The calibrated gaze model's distance correction, and the camera geometry it (and the head prior) assume.

An eye turned by a given angle lands twice as far off-centre on the screen from twice as far away, which a
linear model of eye features cannot express. The fit (`fit.fit_calibrated`) maps each calibration target to
where it would land from the calibration's distance; predictions are mapped back per frame with the
distance ratio read from the eyes' spacing in the frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from alyesdesk.inference.gaze.onnxproto import Node

if TYPE_CHECKING:
    from alyesdesk.inference.gaze.screen import ScreenGeometry

CAMERA_HFOV_DEG = 60.0  # assumed webcam field of view for converting head position to centimetres
FRAME_ASPECT = 0.75  # 640x480

def position_gain(screen: ScreenGeometry) -> np.ndarray:
    """(2,): change of the normalised screen point per unit of eye position in the frame (x, y fractions).

    The frame's width at the viewer's distance comes from the assumed field of view; x is mirrored (the
    camera faces the user). Shared by the head-movement prior (`fit.head_prior`) and the distance correction.
    """
    frame_w_cm = 2.0 * screen.distance_cm * np.tan(np.radians(CAMERA_HFOV_DEG / 2.0))
    return np.array([-frame_w_cm / (screen.width_mm / 10.0), frame_w_cm * FRAME_ASPECT / (screen.height_mm / 10.0)])


# Only the MediaPipe front end has the features it needs.
DISTANCE_FEATURES = {"mediapipe": (7, 8, 9)}  # head_x, head_y (frame fractions), head_scale (eye spacing)
CAMERA_GAP_CM = 1.0  # webcam lens above the picture's top edge; a few cm off moves only the scaling centre
MAX_DISTANCE_RATIO = 2.0  # a frame whose eye spacing says "twice as near/far" is clipped there


@dataclass
class DistanceCorrection:
    """Scales a predicted point about the point straight ahead of the eyes by the viewer's distance ratio.

    r = scale_ref / head_scale (the calibration's median eye spacing over this frame's: 1.1 = 10% farther).
    The point straight ahead of the eyes ("foot") is gain * (head_x, head_y) * r + origin in normalised
    screen units (gain: `position_gain`, at the calibration's distance, hence the factor r).
    """

    features: tuple[int, int, int]
    scale_ref: float
    gain: np.ndarray  # (2,)
    origin: np.ndarray  # (2,)
    max_ratio: float = MAX_DISTANCE_RATIO

    @classmethod
    def for_session(cls, frontend: str, feats: np.ndarray, screen: ScreenGeometry) -> DistanceCorrection | None:
        """The correction for a calibration's features; None for front ends without a distance cue."""
        idx = DISTANCE_FEATURES.get(frontend)
        if idx is None:
            return None
        ref = float(np.median(feats[:, idx[2]]))
        if not ref > 0:
            return None
        origin = np.array([0.5, -CAMERA_GAP_CM / (screen.height_mm / 10.0)])
        return cls(features=idx, scale_ref=ref, gain=position_gain(screen), origin=origin)

    def _ratio_and_foot(self, features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        f = np.asarray(features, np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            r = self.scale_ref / f[:, self.features[2]]
        r = np.clip(np.nan_to_num(r, nan=1.0, posinf=self.max_ratio), 1.0 / self.max_ratio, self.max_ratio)[:, None]
        foot = f[:, list(self.features[:2])] * r * self.gain + self.origin
        return r, foot

    def apply(self, points: np.ndarray, features: np.ndarray) -> np.ndarray:
        """Points predicted for the reference distance -> points at each frame's distance."""
        r, foot = self._ratio_and_foot(features)
        return foot + (points - foot) * r

    def invert(self, points: np.ndarray, features: np.ndarray) -> np.ndarray:
        """Observed points -> where they would land from the reference distance (for fitting)."""
        r, foot = self._ratio_and_foot(features)
        return foot + (points - foot) / r

    def graph(self, features: str, points: str, out: str) -> tuple[dict[str, np.ndarray], list[Node]]:
        """ONNX initializers and nodes computing `apply` from the graph's `features` and `points` into `out`."""
        inits: dict[str, np.ndarray] = {
            "d_pos_idx": np.array(self.features[:2], np.int64), "d_scale_idx": np.array(self.features[2:], np.int64),
            "d_ref": np.array([self.scale_ref], np.float32), "d_lo": np.array([1.0 / self.max_ratio], np.float32),
            "d_hi": np.array([self.max_ratio], np.float32), "d_gain": self.gain.astype(np.float32),
            "d_origin": self.origin.astype(np.float32),
        }
        nodes = [
            Node("Gather", [features, "d_pos_idx"], ["d_pos"], {"axis": 1}),
            Node("Gather", [features, "d_scale_idx"], ["d_scale"], {"axis": 1}),
            Node("Div", ["d_ref", "d_scale"], ["d_r0"]),
            Node("Max", ["d_r0", "d_lo"], ["d_r1"]),
            Node("Min", ["d_r1", "d_hi"], ["d_r"]),
            Node("Mul", ["d_pos", "d_r"], ["d_pos_r"]),
            Node("Mul", ["d_pos_r", "d_gain"], ["d_pos_g"]),
            Node("Add", ["d_pos_g", "d_origin"], ["d_foot"]),
            Node("Sub", [points, "d_foot"], ["d_off"]),
            Node("Mul", ["d_off", "d_r"], ["d_off_r"]),
            Node("Add", ["d_foot", "d_off_r"], [out]),
        ]
        return inits, nodes

    def describe(self) -> dict:
        return {
            "eye_spacing_ref": round(self.scale_ref, 6), "camera_hfov_deg": CAMERA_HFOV_DEG,
            "camera_gap_cm": CAMERA_GAP_CM, "max_ratio": self.max_ratio,
        }
