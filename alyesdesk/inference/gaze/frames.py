"""Shared frame checks and eye-crop geometry for the front ends."""

from __future__ import annotations

import cv2
import numpy as np

from alyesdesk.inference.gaze.sample import CROP_SIZE

MIN_FRAME_SIDE = 64
DARK_MEAN = 12.0  # mean grey level under which a frame is called too dark to track


def to_grey(frame: np.ndarray) -> tuple[np.ndarray | None, str]:
    """A frame of any common layout as 8-bit grey, or (None, reason) when it cannot be used."""
    if not isinstance(frame, np.ndarray) or frame.size == 0:
        return None, "empty frame"
    if frame.ndim not in (2, 3) or (frame.ndim == 3 and frame.shape[2] not in (1, 3, 4)):
        return None, f"unsupported frame shape {frame.shape}"
    if min(frame.shape[:2]) < MIN_FRAME_SIDE:
        return None, f"frame too small ({frame.shape[1]}x{frame.shape[0]})"
    if frame.dtype != np.uint8:
        frame = cv2.convertScaleAbs(frame, alpha=255.0 / max(float(frame.max()), 1e-6))
    if frame.ndim == 2:
        return frame, ""
    if frame.shape[2] == 1:
        return frame[:, :, 0], ""
    code = cv2.COLOR_BGRA2GRAY if frame.shape[2] == 4 else cv2.COLOR_BGR2GRAY
    return cv2.cvtColor(frame, code), ""


def to_bgr(frame: np.ndarray) -> np.ndarray:
    """A frame (grey, one-channel, BGR or BGRA) as 8-bit BGR; other depths are scaled so their maximum is 255.

    Unlike `to_grey` it does not check the frame: an unsupported shape fails inside OpenCV or passes through.
    """
    if frame.dtype != np.uint8:
        frame = cv2.convertScaleAbs(frame, alpha=255.0 / max(float(frame.max()), 1e-6))
    if frame.ndim == 2:
        return cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)
    if frame.shape[2] == 1:
        return cv2.cvtColor(frame[:, :, 0], cv2.COLOR_GRAY2BGR)
    if frame.shape[2] == 4:
        return cv2.cvtColor(frame, cv2.COLOR_BGRA2BGR)
    return frame


def aligned_eye_crop(grey: np.ndarray, left_corner: np.ndarray, right_corner: np.ndarray,
                     margin: float = 3.0) -> tuple[np.ndarray, np.ndarray]:
    """A CROP_SIZE square crop where the two eye corners land on a fixed horizontal line.

    The similarity transform (rotation + scale + shift) removes head roll and distance from the crop, so
    the only thing that moves inside it is the eye itself. Returns (crop, 2x3 affine matrix).
    """
    p1 = np.asarray(left_corner, np.float64)
    p2 = np.asarray(right_corner, np.float64)
    q1 = np.array([margin, CROP_SIZE / 2.0])
    q2 = np.array([CROP_SIZE - margin, CROP_SIZE / 2.0])
    dp, dq = p2 - p1, q2 - q1
    norm = float(np.hypot(*dp))
    if norm < 1e-6:
        raise ValueError("eye corners coincide")
    scale = float(np.hypot(*dq)) / norm
    angle = np.arctan2(dq[1], dq[0]) - np.arctan2(dp[1], dp[0])
    a, b = scale * np.cos(angle), scale * np.sin(angle)
    rot = np.array([[a, -b], [b, a]])
    t = q1 - rot @ p1
    matrix = np.hstack([rot, t[:, None]])
    if scale < 0.6:
        # Shrinking a close-up eye: smooth first so the crop does not alias.
        sigma = 0.5 / scale
        x0, y0 = np.floor(np.minimum(p1, p2) - 2 * norm).astype(int)
        x1, y1 = np.ceil(np.maximum(p1, p2) + 2 * norm).astype(int)
        h, w = grey.shape
        x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, w), min(y1, h)
        if x1 > x0 and y1 > y0:
            roi = cv2.GaussianBlur(grey[y0:y1, x0:x1], (0, 0), sigma)
            m2 = matrix.copy()
            m2[:, 2] += rot @ np.array([x0, y0])
            crop = cv2.warpAffine(roi, m2, (CROP_SIZE, CROP_SIZE), flags=cv2.INTER_LINEAR,
                                  borderMode=cv2.BORDER_REPLICATE)
            return crop, matrix
    crop = cv2.warpAffine(grey, matrix, (CROP_SIZE, CROP_SIZE), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_REPLICATE)
    return crop, matrix
