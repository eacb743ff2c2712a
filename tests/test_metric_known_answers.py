"""More metric maths with answers worked out by hand: the cases hand-made mutants slipped through.

scripts/mutants.py breaks each metric function in a scratch copy (an IoU with the wrong corner, AP without
its precision envelope, per-class accuracy by column, an AUC off by one rank); each test here is the
smallest input whose right answer differs from the broken one's.
"""

from __future__ import annotations

import numpy as np
import pytest

from alyesdesk.inference.documents.detect import iou_matrix
from alyesdesk.training.common import classification_metrics
from alyesdesk.training.signatures.metrics import PageResult, average_precision
from alyesdesk.training.signatures.verifier import auc


def test_iou_of_two_overlapping_boxes() -> None:
    # [0,0]-[2,2] and [1,1]-[3,3]: intersection 1x1, union 4 + 4 - 1 = 7.
    a = np.array([[0.0, 0.0, 2.0, 2.0]])
    b = np.array([[1.0, 1.0, 3.0, 3.0], [2.0, 0.0, 4.0, 2.0], [0.5, 0.5, 1.5, 1.5]])
    np.testing.assert_allclose(iou_matrix(a, b), [[1 / 7, 0.0, 1 / 4]])  # touching edge: 0; inside: 1/4
    np.testing.assert_allclose(iou_matrix(b, a), [[1 / 7], [0.0], [1 / 4]])  # symmetric


def test_average_precision_uses_the_precision_envelope() -> None:
    """Two signatures; the detector's best-scored box is wrong, then it finds both.

    Ranked: FP (0.9), TP (0.8), TP (0.7): precision 0, 1/2, 2/3 at recall 0, 1/2, 1. VOC all-point AP takes
    the best precision at any recall at or above each step (the envelope): 1/2 * 2/3 + 1/2 * 2/3 = 2/3
    (without the envelope it would be 1/2 * 1/2 + 1/2 * 2/3 = 7/12).
    """
    truth = np.array([[0, 0, 10, 10], [20, 20, 30, 30]], np.float64)
    boxes = np.array([[50, 50, 60, 60], [0, 0, 10, 10], [20, 20, 30, 30]], np.float64)
    page = PageResult(boxes=boxes, scores=np.array([0.9, 0.8, 0.7]), truth=truth)
    assert average_precision([page]) == pytest.approx(2 / 3)


def test_per_class_accuracy_is_recall_of_each_true_class() -> None:
    # truth 0 0 0 1, prediction 0 1 1 1: class 0 right once of three, class 1 right once of once.
    out = classification_metrics(np.array([0, 1, 1, 1]), np.array([0, 0, 0, 1]), ["glass", "paper"])
    assert out["per_class_accuracy"] == {"glass": pytest.approx(1 / 3, abs=1e-4), "paper": 1.0}
    assert out["top1"] == 0.5 and out["count"] == 4
    assert out["confusion_matrix"]["matrix"] == [[1, 2], [0, 1]]  # rows truth, columns prediction


def test_auc_counts_the_pairs_ranked_right() -> None:
    # Positives 0.9 and 0.7, negatives 0.8 and 0.1: of the 4 (positive, negative) pairs, 3 are ranked right.
    assert auc(np.array([1, 0, 1, 0]), np.array([0.9, 0.8, 0.7, 0.1])) == pytest.approx(0.75)
    assert auc(np.array([1, 1, 0]), np.array([0.9, 0.8, 0.1])) == pytest.approx(1.0)
    assert auc(np.array([0, 0, 1]), np.array([0.9, 0.8, 0.1])) == pytest.approx(0.0)
    assert np.isnan(auc(np.array([1, 1]), np.array([0.3, 0.4])))  # no negative: undefined, not 1
