"""Per-category offsets for the street segmenter (`training.streets.bias`): the search itself, on made-up scores."""

from __future__ import annotations

import numpy as np

from alyesdesk.training.streets.bias import score, search
from alyesdesk.training.streets.data import CATEGORIES, VOID

HUMAN, OBJECT = CATEGORIES.index("human"), CATEGORIES.index("object")


def _scores(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Flat pixels that a model scores as human 30% of the time by a small margin, and clear object pixels."""
    n = 4000
    truth = np.where(np.arange(n) < 3000, 0, OBJECT)
    scores = rng.normal(0, 0.1, (n, len(CATEGORIES))).astype(np.float32)
    scores[truth == 0, 0] += 2.0
    leaky = (truth == 0) & (rng.random(n) < 0.3)
    scores[leaky, HUMAN] += 2.3  # human wins these by about 0.3
    scores[truth == OBJECT, OBJECT] += 2.0
    scores[:, VOID] += 5.0  # the app never predicts void, whatever its score
    return scores, truth


def test_search_lowers_an_over_predicted_category_and_gains() -> None:
    scores, truth = _scores(np.random.default_rng(0))
    before, _ = score(scores, truth, np.zeros(len(CATEGORIES), np.float32))
    bias, trail = search(scores, truth, limit=1.5)
    after, per = score(scores, truth, bias)
    assert bias[HUMAN] <= -0.4 and bias[0] == 0.0 and bias[VOID] == 0.0
    assert after > before + 0.05 and per["flat"] > 0.99
    assert trail[0]["mean_iou"] == round(before, 4)


def test_search_respects_the_limit() -> None:
    scores, truth = _scores(np.random.default_rng(1))
    bias, _ = search(scores, truth, limit=0.2)
    assert np.abs(bias).max() <= 0.2 + 1e-6
