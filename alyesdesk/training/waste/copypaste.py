"""Copy-paste: cut TrashNet items off their white board and paste them onto other surfaces, so the model
cannot use the board as the answer. Masks come from the distance to the board colour (estimated on the
image border), cleaned by morphology and refined by a short GrabCut.
"""

from __future__ import annotations

import math

import cv2
import numpy as np


def board_mask(img: np.ndarray, grabcut_iters: int = 2) -> np.ndarray | None:
    """uint8 RGB image -> uint8 {0,1} item mask, or None when no clean item/board separation is found."""
    h, w = img.shape[:2]
    lab = cv2.cvtColor(img, cv2.COLOR_RGB2LAB).astype(np.float32)
    border = np.concatenate([lab[:3].reshape(-1, 3), lab[-3:].reshape(-1, 3), lab[:, :3].reshape(-1, 3),
                             lab[:, -3:].reshape(-1, 3)])
    ref = np.median(border, axis=0)
    if ref[0] < 110 or abs(ref[1] - 128) > 14 or abs(ref[2] - 128) > 18:
        return None  # the border is not a pale neutral board: the item probably fills the photo
    # the board is lit unevenly: compare with a blurred version of the border colour field too
    dist = np.linalg.norm((lab - ref) * np.array([0.5, 1.0, 1.0], np.float32), axis=2)
    thr = max(9.0, float(np.percentile(np.linalg.norm((border - ref) * np.array([0.5, 1, 1]), axis=1), 80)) * 1.2)
    fg = (dist > thr).astype(np.uint8)
    k = np.ones((3, 3), np.uint8)
    fg = cv2.morphologyEx(fg, cv2.MORPH_OPEN, k)
    fg = cv2.morphologyEx(fg, cv2.MORPH_CLOSE, k, iterations=2)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(fg)
    if n <= 1:
        return None
    areas = stats[1:, cv2.CC_STAT_AREA]
    keep = 1 + np.flatnonzero(areas >= 0.1 * areas.max())
    fg = np.isin(labels, keep).astype(np.uint8)
    if grabcut_iters:
        gc = np.where(fg > 0, cv2.GC_PR_FGD, cv2.GC_PR_BGD).astype(np.uint8)
        gc[cv2.erode(fg, k, iterations=3) > 0] = cv2.GC_FGD
        gc[cv2.dilate(fg, k, iterations=6) == 0] = cv2.GC_BGD
        try:
            bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
            cv2.grabCut(cv2.cvtColor(img, cv2.COLOR_RGB2BGR), gc, None, bgd, fgd, grabcut_iters,
                        cv2.GC_INIT_WITH_MASK)
            fg = np.isin(gc, (cv2.GC_FGD, cv2.GC_PR_FGD)).astype(np.uint8)
        except cv2.error:
            pass
    # fill holes: items are solid from above even when transparent
    contours, _ = cv2.findContours(fg, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    filled = np.zeros_like(fg)
    big = max(cv2.contourArea(c) for c in contours)
    cv2.drawContours(filled, [c for c in contours if cv2.contourArea(c) >= 0.1 * big], -1, 1, -1)
    area = filled.mean()
    edge = np.concatenate([filled[0], filled[-1], filled[:, 0], filled[:, -1]])
    if edge.mean() > 0.35:
        return None  # the item runs off the photo on most sides
    if not 0.03 <= area <= 0.9:
        return None
    return filled


def paste(obj: np.ndarray, mask: np.ndarray, background: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Item (uint8 RGB + {0,1} mask) scaled, rotated and relit onto a background of the output size."""
    size = background.shape[0]
    ys, xs = np.nonzero(mask)
    y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
    obj, mask = obj[y0:y1, x0:x1].astype(np.float32), mask[y0:y1, x0:x1].astype(np.float32)
    # relight the item alone: gain and a little colour cast
    obj *= rng.uniform(0.7, 1.15) * np.array([1, 1, 1], np.float32) * rng.uniform(0.93, 1.07, 3).astype(np.float32)
    if rng.random() < 0.5:
        obj, mask = obj[:, ::-1], mask[:, ::-1]
    h, w = mask.shape
    target = size * rng.uniform(0.35, 0.95)  # the item's long side relative to the photo
    s = target / max(h, w)
    angle = rng.uniform(0, 360)
    cx, cy = size / 2 + rng.uniform(-0.15, 0.15) * size, size / 2 + rng.uniform(-0.15, 0.15) * size
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, s)
    m[0, 2] += cx - w / 2
    m[1, 2] += cy - h / 2
    warped = cv2.warpAffine(np.ascontiguousarray(obj), m, (size, size), flags=cv2.INTER_LINEAR)
    alpha = cv2.warpAffine(np.ascontiguousarray(mask), m, (size, size), flags=cv2.INTER_LINEAR)
    alpha = cv2.GaussianBlur(alpha, (0, 0), rng.uniform(0.5, 1.2))[..., None]
    bg = background.astype(np.float32)
    if rng.random() < 0.6:  # a contact shadow
        off = rng.uniform(-0.06, 0.06, 2) * size
        shift = np.float32([[1, 0, off[0]], [0, 1, off[1]]])
        shadow = cv2.warpAffine(alpha[..., 0], shift, (size, size))
        shadow = cv2.GaussianBlur(shadow, (0, 0), max(1.0, size * 0.03))[..., None]
        bg *= 1 - rng.uniform(0.2, 0.5) * shadow
    out = warped * alpha + bg * (1 - alpha)
    return np.clip(out, 0, 255).astype(np.uint8)


def object_fraction_ok(mask: np.ndarray) -> bool:
    return mask is not None and 0.04 <= float(mask.mean()) <= 0.85 and math.isfinite(float(mask.mean()))
