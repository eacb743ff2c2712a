"""The partial-label scoring of `alyesdesk.training.streets.eval` on hand-made examples (no data, no model)."""

from __future__ import annotations

import numpy as np
import pytest

from alyesdesk.training.streets.data import (
    CATEGORIES,
    allowed_bits,
    allowed_from_categories,
    confusion,
    idd_lite_table,
    iou_from_confusion,
    partial_confusion,
)

FLAT, HUMAN, VEHICLE, CONSTRUCTION, OBJECT, NATURE, SKY, VOID = range(8)


def _iou_by_hand(pred: list[int], allowed: list[set[int]], category: int) -> float:
    """An independent IoU for one category under the documented rule, written pixel by pixel."""
    tp = fp = fn = 0.0
    for p, ok in zip(pred, allowed):
        if not ok:
            continue  # void: ignored
        if p in ok:
            tp += p == category
        else:
            fp += p == category
            fn += (category in ok) / len(ok)
    return tp / (tp + fp + fn)


def test_idd_lite_ids_map_to_allowed_sets() -> None:
    table = idd_lite_table()
    assert table[0] == table[1] == 1 << FLAT
    assert table[2] == 1 << HUMAN and table[3] == 1 << VEHICLE and table[6] == 1 << SKY
    assert table[4] == (1 << CONSTRUCTION) | (1 << OBJECT)
    assert table[5] == (1 << CONSTRUCTION) | (1 << NATURE)
    assert table[255] == 0 and table[7] == 0  # void and unknown ids are ignored


def test_partial_scoring_hand_made_example() -> None:
    # six pixels: flat->flat, roadside(constr|object)->object, roadside->sky, far(constr|nature)->nature,
    # far->construction, void->vehicle
    road_side = {CONSTRUCTION, OBJECT}
    far = {CONSTRUCTION, NATURE}
    allowed = [{FLAT}, road_side, road_side, far, far, set()]
    pred = [FLAT, OBJECT, SKY, NATURE, CONSTRUCTION, VEHICLE]
    bits = np.array([[sum(1 << c for c in s) for s in allowed]], np.uint8)
    matrix = partial_confusion(np.array([pred]), bits)
    assert matrix.sum() == 5  # the void pixel is ignored
    assert matrix[OBJECT, OBJECT] == 1 and matrix[NATURE, NATURE] == 1 and matrix[CONSTRUCTION, CONSTRUCTION] == 1
    assert matrix[CONSTRUCTION, SKY] == 0.5 and matrix[OBJECT, SKY] == 0.5  # the miss, shared
    iou = iou_from_confusion(matrix)
    # by hand: object TP 1, FN 0.5 (half of the missed pixel) -> 1/1.5; sky TP 0, FP 1 -> 0
    assert iou["object"] == pytest.approx(2 / 3)
    assert iou["construction"] == pytest.approx(1 / 1.5)
    assert iou["sky"] == 0.0 and iou["flat"] == 1.0 and iou["nature"] == 1.0
    assert np.isnan(iou["vehicle"])  # never in the truth, never predicted outside void
    for category in (FLAT, CONSTRUCTION, OBJECT, NATURE, SKY):
        assert iou[CATEGORIES[category]] == pytest.approx(_iou_by_hand(pred, allowed, category))


def test_single_labels_score_like_the_plain_confusion_matrix() -> None:
    rng = np.random.default_rng(1)
    truth = rng.integers(0, 8, (30, 40)).astype(np.uint8)
    pred = rng.integers(0, 7, (30, 40)).astype(np.uint8)
    plain = confusion(pred, truth).astype(np.float64)
    plain[VOID] = 0  # void truth is ignored
    assert np.array_equal(partial_confusion(pred, allowed_from_categories(truth)), plain)
    assert allowed_bits("construction", "object") == (1 << CONSTRUCTION) | (1 << OBJECT)
