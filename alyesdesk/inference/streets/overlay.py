"""Overlay maths for segmentations (Qt-free): colour masks, blending, category toggles, areas, CSV.

Colours come from the sidecar as "#rrggbb"; images here are 8-bit BGR like everywhere in inference.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING

import cv2
import numpy as np

from alyesdesk.fileio import atomic_write_bytes

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


def hex_to_bgr(colour: str) -> tuple[int, int, int]:
    """A "#rrggbb" colour (the "#" optional) as an OpenCV (b, g, r) tuple; ValueError for any other form."""
    value = colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"expected a colour like '#1f77b4', got {colour!r}")
    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return b, g, r


def palette(colours: Sequence[str]) -> np.ndarray:
    """(256, 3) BGR lookup table: index i gets colours[i]; indices beyond the list are black."""
    table = np.zeros((256, 3), np.uint8)
    for i, colour in enumerate(colours[:256]):
        table[i] = hex_to_bgr(colour)
    return table


def enabled_mask(labels: np.ndarray, enabled: Iterable[bool] | None) -> np.ndarray | None:
    """Boolean (H, W): pixels whose category is switched on; None means all are on."""
    if enabled is None:
        return None
    flags = np.zeros(256, bool)
    values = list(enabled)
    flags[: len(values)] = values
    return flags[labels]


def colorize(labels: np.ndarray, colours: Sequence[str], enabled: Iterable[bool] | None = None) -> np.ndarray:
    """Colour mask (H, W, 3) BGR; switched-off categories are black."""
    table = palette(colours)
    if enabled is not None:
        flags = np.zeros(256, bool)
        values = list(enabled)
        flags[: len(values)] = values
        table = table * flags[:, None].astype(np.uint8)
    return table[labels]


def blend(
    image_bgr: np.ndarray,
    labels: np.ndarray,
    colours: Sequence[str],
    opacity: float,
    enabled: Iterable[bool] | None = None,
) -> np.ndarray:
    """Image * (1 - opacity) + colour * opacity on enabled categories; other pixels keep the image."""
    if image_bgr.shape[:2] != labels.shape:
        raise ValueError(f"image is {image_bgr.shape[1]}x{image_bgr.shape[0]}, labels {labels.shape[1]}x{labels.shape[0]}")
    alpha = float(np.clip(opacity, 0.0, 1.0))
    colour = palette(colours)[labels]
    mixed = cv2.addWeighted(image_bgr, 1.0 - alpha, colour, alpha, 0.0)
    mask = enabled_mask(labels, enabled)
    if mask is None:
        return mixed
    return np.where(mask[:, :, None], mixed, image_bgr)


def side_by_side(left: np.ndarray, right: np.ndarray, gap: int = 4) -> np.ndarray:
    """Two same-height BGR images next to each other with a thin dark gap."""
    if left.shape[0] != right.shape[0]:
        scale = left.shape[0] / right.shape[0]
        right = cv2.resize(right, (max(1, round(right.shape[1] * scale)), left.shape[0]), interpolation=cv2.INTER_NEAREST)
    spacer = np.full((left.shape[0], gap, 3), 32, np.uint8)
    return np.hstack([left, spacer, right])


def area_fractions(labels: np.ndarray, categories: Sequence[str]) -> dict[str, float]:
    """Category name -> fraction of the image's pixels (all categories, summing to 1)."""
    counts = np.bincount(labels.ravel(), minlength=len(categories))[: len(categories)]
    total = max(1, labels.size)
    return {name: float(counts[i]) / total for i, name in enumerate(categories)}


def category_at(labels: np.ndarray, x: float, y: float, categories: Sequence[str]) -> str | None:
    """The category name at image pixel (x, y); None outside the image."""
    xi, yi = int(np.floor(x)), int(np.floor(y))
    if not (0 <= yi < labels.shape[0] and 0 <= xi < labels.shape[1]):
        return None
    index = int(labels[yi, xi])
    return categories[index] if index < len(categories) else None


def areas_csv(rows: Sequence[tuple[str, dict[str, float]]], categories: Sequence[str]) -> str:
    """CSV text: one row per (source, areas) with a column per category (fractions, 6 decimals)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["source", *categories])
    for source, areas in rows:
        writer.writerow([source, *(f"{areas.get(name, 0.0):.6f}" for name in categories)])
    return buffer.getvalue()


def category_table_csv(areas: dict[str, float], colours: Sequence[str]) -> str:
    """CSV text for one image: category, colour, fraction, percent."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["category", "colour", "fraction", "percent"])
    for (name, fraction), colour in zip(areas.items(), colours, strict=False):
        writer.writerow([name, colour, f"{fraction:.6f}", f"{100 * fraction:.2f}"])
    return buffer.getvalue()


def encode_png(image: np.ndarray) -> bytes:
    """PNG bytes of a BGR image or a uint8 label map (lossless, so label PNGs keep exact indices)."""
    ok, data = cv2.imencode(".png", image)
    if not ok:
        raise ValueError("could not encode PNG")
    return data.tobytes()


def render(
    image_bgr: np.ndarray,
    labels: np.ndarray,
    categories: Sequence[str],
    colours: Sequence[str],
    opacity: float,
    enabled: Iterable[bool] | None = None,
) -> tuple[np.ndarray, dict[str, float]]:
    """The blended overlay and the per-category area fractions of one frame."""
    return blend(image_bgr, labels, colours, opacity, enabled), area_fractions(labels, categories)


def write_png(path: str | Path, image: np.ndarray) -> Path:
    """Write a PNG atomically, so a failure never leaves a truncated export."""
    return atomic_write_bytes(path, encode_png(image))


def write_image_outputs(
    out_dir: str | Path,
    stem: str,
    image_bgr: np.ndarray,
    labels: np.ndarray,
    colours: Sequence[str],
    opacity: float,
    enabled: Iterable[bool] | None = None,
) -> dict[str, Path]:
    """`<stem>_labels.png` (index per pixel), `<stem>_color.png`, `<stem>_overlay.png` in `out_dir`."""
    flags = None if enabled is None else list(enabled)
    out_dir = Path(out_dir)
    return {
        "labels_png": write_png(out_dir / f"{stem}_labels.png", labels.astype(np.uint8)),
        "color_png": write_png(out_dir / f"{stem}_color.png", colorize(labels, colours, flags)),
        "overlay_png": write_png(out_dir / f"{stem}_overlay.png", blend(image_bgr, labels, colours, opacity, flags)),
    }
