"""The "not waste" score and the metrics that use partial labels.

The exported logits are the 9 material logits minus the background logit, so
sigmoid(logsumexp(logits)) = 1 - p(background): the probability the photo shows a waste item at all. The
app flags a photo as "not a waste item" when it falls below `thresholds.not_waste` (inference/classifier.py
computes the same thing from the sidecar).
"""

from __future__ import annotations

import numpy as np

from alyesdesk.training import common


def waste_probability(logits: np.ndarray) -> np.ndarray:
    z = np.asarray(logits, np.float64)
    m = z.max(axis=-1, keepdims=True)
    lse = (m + np.log(np.exp(z - m).sum(axis=-1, keepdims=True)))[..., 0]
    return 1.0 / (1.0 + np.exp(-lse))


def correct_in_set(logits: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """A prediction is right when it is one of the allowed materials (partial labels)."""
    pred = np.asarray(logits).argmax(1)
    return np.asarray(allowed)[np.arange(len(pred)), pred] > 0


def ece(conf: np.ndarray, correct: np.ndarray, bins: int = 10) -> float:
    """ECE where "correct" may mean "in the allowed set" (partial labels): the shared computation."""
    return common.calibration_error(conf, correct, bins)


def choose_not_waste(p_waste_val: np.ndarray, p_neg_val: np.ndarray, max_waste_flagged: float = 0.03) -> float:
    """The highest threshold (most negatives flagged) that flags at most `max_waste_flagged` of the waste
    val photos; rounded down to 3 decimals.
    """
    t = float(np.quantile(np.asarray(p_waste_val), max_waste_flagged))
    return float(np.floor(max(0.0, min(1.0, t)) * 1000) / 1000)
