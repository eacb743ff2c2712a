"""Synthetic gaze samples for the engine's fast tests: eye crops with a dark iris that moves with the target."""

from __future__ import annotations

import cv2
import numpy as np

from alyesdesk.inference.gaze import sample as S
from alyesdesk.inference.gaze.screen import ScreenGeometry

SCREEN = ScreenGeometry()


def synthetic_sample(x: float, y: float, rng: np.random.Generator, noise: float = 2.0, status: str = S.OK) -> S.GazeSample:
    """A sample whose iris sits where looking at (x, y) would put it, plus pixel noise."""
    u = x / SCREEN.width_px - 0.5
    v = y / SCREEN.height_px - 0.5
    crops = []
    for side in (-1, 1):
        crop = np.full((S.CROP_SIZE, S.CROP_SIZE), 200, np.float32)
        cv2.ellipse(crop, (16, 16), (13, 6), 0, 0, 360, 235, -1)
        cx, cy = 16 - 8 * u + side * 0.3, 16 + 3 * v
        cv2.circle(crop, (int(round(cx * 16)), int(round(cy * 16))), 5 * 16, 60, -1, lineType=cv2.LINE_AA, shift=4)
        crop = cv2.GaussianBlur(crop, (0, 0), 1.2)  # webcam eyes are soft, not sharp discs
        crop += rng.normal(0, noise, crop.shape)
        crops.append(np.clip(crop, 0, 255).astype(np.uint8))
    feats = np.zeros(S.FEATURE_COUNT, np.float32)
    feats[0], feats[1] = -0.2 * u + rng.normal(0, 0.01), 0.05 * v + rng.normal(0, 0.01)
    feats[2], feats[3] = -0.2 * u + rng.normal(0, 0.01), 0.05 * v + rng.normal(0, 0.01)
    feats[10:12] = 0.28
    return S.GazeSample(status=status, right_eye=crops[0], left_eye=crops[1], features=feats, faces=1)


def calibration_set(points, per_point: int = 10, seed: int = 0):
    rng = np.random.default_rng(seed)
    samples, targets, groups = [], [], []
    for g, (x, y) in enumerate(points):
        for _ in range(per_point):
            samples.append(synthetic_sample(x, y, rng))
            targets.append((x, y))
            groups.append(g)
    return samples, np.array(targets), np.array(groups)
