"""Overlay maths: colours, blending with opacity, category toggles, areas, category under a pixel, CSV."""

from __future__ import annotations

import csv
import io

import cv2
import numpy as np
import pytest

from alyesdesk.inference.streets import overlay

CATS = ("flat", "human", "sky")
COLOURS = ("#804080", "#dc143c", "#4682b4")


def _labels() -> np.ndarray:
    labels = np.zeros((4, 5), np.uint8)  # 20 px: 10 flat, 6 human, 4 sky
    labels[2:, :3] = 1
    labels[:, 4] = 2
    labels[0, 4] = 2
    return labels


def test_hex_to_bgr_and_palette() -> None:
    assert overlay.hex_to_bgr("#dc143c") == (0x3C, 0x14, 0xDC)
    table = overlay.palette(COLOURS)
    assert table.shape == (256, 3)
    assert tuple(table[2]) == (0xB4, 0x82, 0x46)
    assert tuple(table[7]) == (0, 0, 0)
    with pytest.raises(ValueError):
        overlay.hex_to_bgr("#12345")


def test_colorize_and_toggles() -> None:
    labels = _labels()
    mask = overlay.colorize(labels, COLOURS)
    assert mask.shape == (4, 5, 3)
    assert tuple(mask[3, 0]) == overlay.hex_to_bgr("#dc143c")
    off = overlay.colorize(labels, COLOURS, enabled=[True, False, True])
    assert tuple(off[3, 0]) == (0, 0, 0)
    assert tuple(off[0, 0]) == overlay.hex_to_bgr("#804080")


def test_blend_opacity_and_disabled_categories() -> None:
    labels = _labels()
    image = np.full((4, 5, 3), 200, np.uint8)
    assert np.array_equal(overlay.blend(image, labels, COLOURS, 0.0), image)
    full = overlay.blend(image, labels, COLOURS, 1.0)
    assert np.array_equal(full, overlay.colorize(labels, COLOURS))
    half = overlay.blend(image, labels, COLOURS, 0.5)
    expected = (200 * 0.5 + np.array(overlay.hex_to_bgr("#804080")) * 0.5).round()
    assert np.abs(half[0, 0].astype(int) - expected).max() <= 1
    toggled = overlay.blend(image, labels, COLOURS, 1.0, enabled=[False, True, True])
    assert tuple(toggled[0, 0]) == (200, 200, 200)  # flat is off: the image shows through
    assert tuple(toggled[3, 0]) == overlay.hex_to_bgr("#dc143c")
    assert np.array_equal(overlay.blend(image, labels, COLOURS, 7.0), full)  # clamped to 1
    with pytest.raises(ValueError):
        overlay.blend(image[:3], labels, COLOURS, 0.5)


def test_area_fractions_sum_to_one() -> None:
    areas = overlay.area_fractions(_labels(), CATS)
    assert list(areas) == list(CATS)
    assert areas == pytest.approx({"flat": 10 / 20, "human": 6 / 20, "sky": 4 / 20})
    assert sum(areas.values()) == pytest.approx(1.0)


def test_category_at() -> None:
    labels = _labels()
    assert overlay.category_at(labels, 0.5, 3.9, CATS) == "human"
    assert overlay.category_at(labels, 4.0, 0.0, CATS) == "sky"
    assert overlay.category_at(labels, 5.0, 0.0, CATS) is None
    assert overlay.category_at(labels, -0.5, 0.0, CATS) is None


def test_side_by_side_matches_heights() -> None:
    left = np.zeros((10, 8, 3), np.uint8)
    right = np.zeros((5, 4, 3), np.uint8)
    out = overlay.side_by_side(left, right, gap=2)
    assert out.shape == (10, 8 + 2 + 8, 3)


def test_csv_exports() -> None:
    areas = overlay.area_fractions(_labels(), CATS)
    rows = list(csv.reader(io.StringIO(overlay.category_table_csv(areas, COLOURS))))
    assert rows[0] == ["category", "colour", "fraction", "percent"]
    assert rows[1] == ["flat", "#804080", "0.500000", "50.00"]
    many = list(csv.reader(io.StringIO(overlay.areas_csv([("a.png", areas), ("b,c.png", {"sky": 1.0})], CATS))))
    assert many[0] == ["source", *CATS]
    assert many[2] == ["b,c.png", "0.000000", "0.000000", "1.000000"]


def test_write_image_outputs_roundtrip(tmp_path) -> None:
    labels = _labels()
    image = np.full((4, 5, 3), 90, np.uint8)
    written = overlay.write_image_outputs(tmp_path, "x", image, labels, COLOURS, 0.5, [True, True, False])
    assert {p.name for p in written.values()} == {"x_labels.png", "x_color.png", "x_overlay.png"}
    back = cv2.imread(str(written["labels_png"]), cv2.IMREAD_UNCHANGED)
    assert back.dtype == np.uint8 and back.ndim == 2 and np.array_equal(back, labels)
    colour = cv2.imread(str(written["color_png"]))
    assert tuple(colour[0, 4]) == (0, 0, 0)  # sky toggled off
    assert not list(tmp_path.glob(".*part"))
