"""The one thing every gaze front end produces: two eye crops, a feature vector and a status.

Both front ends (MediaPipe and Haar) fill the same `GazeSample`, so models, calibration, datasets and the
UI never care which front end made it. The feature vector always has `FEATURE_COUNT` slots; what each
slot means depends on the front end and is written into the model's sidecar (`gaze.features`), so a
model fitted on MediaPipe features is never fed Haar features by mistake.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

CROP_SIZE = 32
FEATURE_COUNT = 16

# Statuses: only "ok" samples are used for fitting and prediction.
OK = "ok"
NO_FACE = "no_face"
BLINK = "blink"
LOW_CONFIDENCE = "low_confidence"
STATUSES = (OK, NO_FACE, BLINK, LOW_CONFIDENCE)

MEDIAPIPE_FEATURES = (
    "iris_r_u",  # subject's right eye (image left): iris along the corner axis, -0.5..0.5 of eye width
    "iris_r_v",  # ... across the corner axis (down positive), in eye widths
    "iris_l_u",
    "iris_l_v",
    "yaw",  # head rotation, radians (positive: turned to the image right)
    "pitch",  # radians (positive: looking down)
    "roll",  # radians
    "head_x",  # eye midpoint in the frame, -0.5..0.5 of frame width
    "head_y",  # ... of frame height
    "head_scale",  # inter-ocular distance / frame width (a distance proxy: bigger = closer)
    "open_r",  # eye openness: lid distance / eye width
    "open_l",
    "eye_r_x",  # eye centres in the frame, -0.5..0.5
    "eye_r_y",
    "eye_l_x",
    "eye_l_y",
)

# The original prototype's 7 features per eye, both eyes, padded to FEATURE_COUNT.
HAAR_FEATURES = (
    "face_x",
    "face_y",
    "face_size",
    "eye_r_x",
    "eye_r_y",
    "eye_r_size",
    "side_r",
    "face_x_2",
    "face_y_2",
    "face_size_2",
    "eye_l_x",
    "eye_l_y",
    "eye_l_size",
    "side_l",
    "pad_0",
    "pad_1",
)

assert len(MEDIAPIPE_FEATURES) == FEATURE_COUNT and len(HAAR_FEATURES) == FEATURE_COUNT


@dataclass
class GazeSample:
    """One frame's gaze input.

    `right_eye` is the subject's right eye (on the image's left side), `left_eye` the subject's left.
    Crops are uint8 CROP_SIZE x CROP_SIZE greyscale; features are float32 of length FEATURE_COUNT.
    When `status` is not "ok" the crops are zeros and must not be used.
    `overlay` holds frame-pixel geometry for drawing (eye corners, iris centres, face box); optional.
    """

    status: str
    right_eye: np.ndarray = field(default_factory=lambda: blank_crop())
    left_eye: np.ndarray = field(default_factory=lambda: blank_crop())
    features: np.ndarray = field(default_factory=lambda: np.zeros(FEATURE_COUNT, np.float32))
    faces: int = 0
    message: str = ""
    timestamp: float = 0.0
    overlay: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == OK


def blank_crop() -> np.ndarray:
    """An all-black CROP_SIZE x CROP_SIZE uint8 eye crop: the crop of a sample without a usable eye."""
    return np.zeros((CROP_SIZE, CROP_SIZE), np.uint8)


def failed(status: str, message: str, faces: int = 0, timestamp: float = 0.0) -> GazeSample:
    """A sample that carries only a status and a human-readable reason."""
    return GazeSample(status=status, faces=faces, message=message, timestamp=timestamp)


def stack(samples: Sequence[GazeSample]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Model inputs for a batch: (right [N,1,32,32], left [N,1,32,32], features [N,F]) as float32.

    Crops are scaled to 0..1 here, the one place this happens, matching the sidecar's normalisation.
    """
    n = len(samples)
    right = np.empty((n, 1, CROP_SIZE, CROP_SIZE), np.float32)
    left = np.empty((n, 1, CROP_SIZE, CROP_SIZE), np.float32)
    feats = np.empty((n, FEATURE_COUNT), np.float32)
    for i, s in enumerate(samples):
        right[i, 0] = s.right_eye
        left[i, 0] = s.left_eye
        feats[i] = s.features
    right *= 1.0 / 255.0
    left *= 1.0 / 255.0
    return right, left, feats
