"""The metric maths on hand-made inputs whose answers were worked out by hand (issue 23.3).

The model tests compare measured numbers with the numbers a sidecar claims; these prove the functions
that produce both numbers are right, independently of any model.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from alyesdesk.inference.documents.check import NEEDS_REVIEW, SIGNED, UNSIGNED, verdict_for
from alyesdesk.training.common import expected_calibration_error
from alyesdesk.training.signatures.metrics import PageResult, average_precision, precision_recall_f1
from alyesdesk.training.streets.data import CATEGORIES, confusion, iou_from_confusion, mean_iou

FLAT, HUMAN, VOID = CATEGORIES.index("flat"), CATEGORIES.index("human"), CATEGORIES.index("void")


def test_iou_by_hand() -> None:
    # truth: flat flat human human human void ; prediction: flat human human human flat flat
    truth = np.array([FLAT, FLAT, HUMAN, HUMAN, HUMAN, VOID])
    pred = np.array([FLAT, HUMAN, HUMAN, HUMAN, FLAT, FLAT])
    iou = iou_from_confusion(confusion(pred, truth))
    # flat: TP 1, FN 1 (flat->human), FP 1 (human->flat); the void pixel is ignored -> 1/3
    assert iou["flat"] == pytest.approx(1 / 3)
    # human: TP 2, FN 1, FP 1 -> 2/4
    assert iou["human"] == pytest.approx(0.5)
    assert math.isnan(iou["sky"])  # absent everywhere: not a zero that drags the mean down
    assert "void" not in iou
    assert mean_iou(iou) == pytest.approx((1 / 3 + 0.5) / 2)


def _box(x: float) -> list[float]:
    return [x, 0.0, x + 10.0, 10.0]


def test_average_precision_by_hand() -> None:
    # Two pages, three true boxes. Ranked predictions: 0.9 hit, 0.8 miss, 0.7 hit; one truth never found.
    pages = [
        PageResult(np.array([_box(0), _box(100)]), np.array([0.9, 0.8]), np.array([_box(0), _box(50)])),
        PageResult(np.array([_box(0)]), np.array([0.7]), np.array([_box(0)])),
    ]
    # precision/recall after each: (1, 1/3), (1/2, 1/3), (2/3, 2/3); interpolated precision 1 up to
    # recall 1/3, then 2/3 up to recall 2/3: AP = 1/3 * 1 + 1/3 * 2/3 = 5/9.
    assert average_precision(pages) == pytest.approx(5 / 9)
    prf = precision_recall_f1(pages, min_score=0.75)
    assert (prf["tp"], prf["fp"], prf["n_truth"]) == (1, 1, 3)
    assert prf["f1"] == pytest.approx(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3))


def test_a_box_is_matched_once() -> None:
    # Two predictions on the same single truth: the second is a false positive, not a second hit.
    page = PageResult(np.array([_box(0), _box(1)]), np.array([0.9, 0.8]), np.array([_box(0)]))
    assert precision_recall_f1([page], min_score=0.0)["tp"] == 1
    assert average_precision([page]) == pytest.approx(1.0)


def test_expected_calibration_error_by_hand() -> None:
    # Confidence 0.9 twice (one right) and 0.6 twice (both right):
    # |0.5 - 0.9| * 2/4 + |1.0 - 0.6| * 2/4 = 0.4.
    probs = np.array([[0.9, 0.1], [0.9, 0.1], [0.6, 0.4], [0.6, 0.4]])
    labels = np.array([0, 1, 0, 0])
    assert expected_calibration_error(probs, labels) == pytest.approx(0.4)
    perfect = np.array([[1.0, 0.0], [0.0, 1.0]])
    assert expected_calibration_error(perfect, np.array([0, 1])) == pytest.approx(0.0)


@pytest.mark.parametrize(("count", "review", "expected", "doubtful", "verdict"), [
    (1, 0, 1, False, SIGNED),
    (2, 0, 2, False, SIGNED),
    (1, 0, 2, False, UNSIGNED),
    (1, 1, 2, False, NEEDS_REVIEW),   # enough only with the review-level box
    (0, 0, 1, True, NEEDS_REVIEW),    # an unreadable page: a person looks
    (0, 0, 0, False, SIGNED),         # nothing expected, nothing missing
    (0, 0, 1, False, UNSIGNED),
])
def test_verdict_rules(count: int, review: int, expected: int, doubtful: bool, verdict: str) -> None:
    assert verdict_for(count, review, expected, doubtful) == verdict


def test_verdict_refuses_a_negative_expectation() -> None:
    with pytest.raises(ValueError):
        verdict_for(0, 0, -1)
