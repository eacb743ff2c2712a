"""Object-focused sampling for the street fine-tune: crops centred on thin-class pixels, and copy-paste.

The object category (poles, signs) covers ~1% of CamVid pixels, mostly in thin vertical strips; random
crops rarely contain enough of it for the loss to move. Two cheap remedies, both on allowed-set bitmasks
(`data.allowed_from_categories`):

- `focused_augment`: the same scale / crop / flip / colour jitter as `data.augment`, but the crop window is
  placed so that a randomly chosen pixel of the wanted category lies inside it.
- `paste_objects`: copy another frame's object pixels onto this frame at the SAME position. CamVid is
  shot from one car-mounted camera, so a pole at (x, y) in one frame is geometrically plausible at (x, y)
  in another (it stands on a pavement-height line), which keeps the context more realistic than a random
  placement would.
"""

from __future__ import annotations

import cv2
import numpy as np

from alyesdesk.training.streets.data import CATEGORIES, augment


def category_bit(name: str) -> int:
    return 1 << CATEGORIES.index(name)


def images_with(bits: np.ndarray, bit: int, min_pixels: int = 200) -> np.ndarray:
    """Indices of the frames with at least `min_pixels` pixels whose allowed set is exactly `bit`."""
    counts = (bits == bit).sum(axis=(1, 2))
    return np.flatnonzero(counts >= min_pixels)


def focused_augment(
    image: np.ndarray,
    bits: np.ndarray,
    out_hw: tuple[int, int],
    rng: np.random.Generator,
    scale_range: tuple[float, float],
    bit: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Scale, crop around a random pixel whose allowed set is `bit`, flip, colour jitter (fill 0 = ignored)."""
    return augment(image, bits, out_hw, rng, scale_range, fill=0, focus=bit)


def paste_objects(
    image: np.ndarray, bits: np.ndarray, src_image: np.ndarray, src_bits: np.ndarray, bit: int
) -> tuple[np.ndarray, np.ndarray]:
    """`image`/`bits` with the pixels of `src_*` whose allowed set is `bit` pasted at the same place."""
    if src_bits.shape != bits.shape:
        return image, bits
    where = src_bits == bit
    if not where.any():
        return image, bits
    # a 1-pixel feather so the pasted edge is not a hard cut the network could learn to look for
    alpha = cv2.GaussianBlur(where.astype(np.float32), (3, 3), 0)[:, :, None]
    out = image.astype(np.float32) * (1 - alpha) + src_image.astype(np.float32) * alpha
    new_bits = bits.copy()
    new_bits[where] = bit
    return np.clip(out, 0, 255).astype(np.uint8), new_bits
