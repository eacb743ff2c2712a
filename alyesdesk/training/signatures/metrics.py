"""Detection and verdict metrics for the signature detector (numpy only: used by tests without torch)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from alyesdesk.inference.documents.detect import iou_matrix


@dataclass
class PageResult:
    """One page: predicted boxes and scores, ground-truth boxes (all in the same pixel frame)."""

    boxes: np.ndarray
    scores: np.ndarray
    truth: np.ndarray


def _match(page: PageResult, iou: float, min_score: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Greedy best-score-first matching: (scores of kept predictions, true-positive flags)."""
    keep = page.scores >= min_score
    boxes, scores = page.boxes[keep], page.scores[keep]
    order = np.argsort(-scores)
    boxes, scores = boxes[order], scores[order]
    tp = np.zeros(len(scores), bool)
    if len(page.truth) and len(boxes):
        ious = iou_matrix(boxes, page.truth)
        used = np.zeros(len(page.truth), bool)
        for i in range(len(boxes)):
            candidates = np.where(~used, ious[i], -1.0)
            j = int(np.argmax(candidates))
            if candidates[j] >= iou:
                used[j] = True
                tp[i] = True
    return scores, tp


def average_precision(pages: list[PageResult], iou: float = 0.5) -> float:
    """VOC-style AP (all-point interpolation) over every page."""
    all_scores, all_tp = [], []
    n_truth = sum(len(p.truth) for p in pages)
    for page in pages:
        s, t = _match(page, iou)
        all_scores.append(s)
        all_tp.append(t)
    if n_truth == 0:
        return float("nan")
    scores = np.concatenate(all_scores) if all_scores else np.zeros(0)
    tp = np.concatenate(all_tp) if all_tp else np.zeros(0, bool)
    order = np.argsort(-scores, kind="stable")
    tp = tp[order]
    ctp = np.cumsum(tp)
    cfp = np.cumsum(~tp)
    recall = ctp / n_truth
    precision = ctp / np.maximum(ctp + cfp, 1)
    mrec = np.concatenate([[0.0], recall, [1.0]])
    mpre = np.concatenate([[1.0], precision, [0.0]])
    mpre = np.maximum.accumulate(mpre[::-1])[::-1]
    idx = np.where(mrec[1:] != mrec[:-1])[0]
    return float(np.sum((mrec[idx + 1] - mrec[idx]) * mpre[idx + 1]))


def precision_recall_f1(pages: list[PageResult], min_score: float, iou: float = 0.5) -> dict[str, float]:
    tp = fp = 0
    n_truth = sum(len(p.truth) for p in pages)
    for page in pages:
        _, flags = _match(page, iou, min_score)
        tp += int(flags.sum())
        fp += int((~flags).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / n_truth if n_truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "n_truth": n_truth}


def best_f1_threshold(pages: list[PageResult], iou: float = 0.5) -> tuple[float, dict[str, float]]:
    """The score threshold with the best F1 (chosen on validation, then shipped)."""
    best = (0.3, precision_recall_f1(pages, 0.3, iou))
    for t in np.arange(0.05, 0.96, 0.01):
        m = precision_recall_f1(pages, float(t), iou)
        if m["f1"] > best[1]["f1"]:
            best = (round(float(t), 2), m)
    return best
