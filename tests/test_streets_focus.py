"""Object-focused sampling for the street fine-tune: crops that contain the wanted pixels, same-place paste."""

from __future__ import annotations

import numpy as np

from alyesdesk.training.streets.focus import category_bit, focused_augment, images_with, paste_objects

OBJ = category_bit("object")
FLAT = category_bit("flat")


def _frame(pole_x: int) -> tuple[np.ndarray, np.ndarray]:
    """A 360x480 flat frame with one 4-pixel-wide object pole at column `pole_x`."""
    image = np.full((360, 480, 3), 90, np.uint8)
    bits = np.full((360, 480), FLAT, np.uint8)
    image[100:300, pole_x : pole_x + 4] = 220
    bits[100:300, pole_x : pole_x + 4] = OBJ
    return image, bits


def test_focused_crops_always_contain_the_wanted_category() -> None:
    image, bits = _frame(pole_x=470)  # at the very edge: a random crop would usually miss it
    rng = np.random.default_rng(0)
    for _ in range(20):
        crop, crop_bits = focused_augment(image, bits, (192, 256), rng, (0.8, 1.8), OBJ)
        assert crop.shape == (192, 256, 3) and crop_bits.shape == (192, 256)
        assert (crop_bits == OBJ).any()


def test_focused_crop_without_the_category_is_an_ordinary_crop() -> None:
    image = np.zeros((360, 480, 3), np.uint8)
    bits = np.full((360, 480), FLAT, np.uint8)
    crop, crop_bits = focused_augment(image, bits, (192, 256), np.random.default_rng(1), (1.0, 1.2), OBJ)
    assert crop_bits.shape == (192, 256) and set(np.unique(crop_bits)) == {FLAT}


def test_paste_copies_objects_at_the_same_place_and_labels_them() -> None:
    target, target_bits = _frame(pole_x=50)
    source, source_bits = _frame(pole_x=300)
    out, out_bits = paste_objects(target, target_bits, source, source_bits, OBJ)
    assert (out_bits[100:300, 300:304] == OBJ).all()
    assert (out_bits[100:300, 50:54] == OBJ).all()  # its own pole is kept
    assert out[200, 301].tolist() == [220, 220, 220]
    assert (out_bits[:100] == FLAT).all()  # nothing else relabelled


def test_images_with_counts_only_exact_single_category_pixels() -> None:
    _, with_pole = _frame(pole_x=10)
    empty = np.full((360, 480), FLAT, np.uint8)
    assert images_with(np.stack([empty, with_pole]), OBJ).tolist() == [1]
