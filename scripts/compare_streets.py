"""Paired bootstrap of two street segmenters on CamVid val and IDD Lite val (is a difference real?).

    python scripts/compare_streets.py OLD.onnx NEW.onnx [--resamples 1000] [--seed 0]

Both models segment every val image through the app's pipeline (`Segmenter.segment`); per-image confusion
matrices (partial-label scoring, as `training.streets.eval`) are resampled with replacement, the same images
for both models, and the mean IoU (7 categories) of each resample's summed confusion is compared. Prints the
difference NEW - OLD with its 95% interval and how often it is below zero. Used to tell a tie from a loss
out of domain before shipping (README, Street segmentation).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from alyesdesk.training.streets.data import allowed_from_categories, iou_from_confusion, load_idd_lite, load_split, mean_iou  # noqa: E402
from alyesdesk.training.streets.eval import DEFAULT_DATA, DEFAULT_IDD, load_segmenter, per_image_confusions  # noqa: E402


def score(confusions: np.ndarray) -> float:
    """Mean IoU (7 categories) of a set of images' summed confusion."""
    return mean_iou(iou_from_confusion(confusions.sum(0)))


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("old", type=Path)
    p.add_argument("new", type=Path)
    p.add_argument("--resamples", type=int, default=1000)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()
    old, new = load_segmenter(args.old), load_segmenter(args.new)
    rng = np.random.default_rng(args.seed)
    camvid = load_split(DEFAULT_DATA, "val")
    idd = load_idd_lite(DEFAULT_IDD, "val")
    for name, images, allowed in (("CamVid val", camvid.images, allowed_from_categories(camvid.masks)),
                                  ("IDD Lite val", idd.images, idd.masks)):
        a, b = per_image_confusions(old, images, allowed), per_image_confusions(new, images, allowed)
        n = len(a)
        diffs = np.array([score(b[i]) - score(a[i]) for i in (rng.integers(0, n, n) for _ in range(args.resamples))])
        lo, hi = np.percentile(diffs, [2.5, 97.5])
        print(f"{name}: {score(a):.4f} -> {score(b):.4f}, difference {score(b) - score(a):+.4f}, "
              f"95% interval [{lo:+.4f}, {hi:+.4f}], P(difference < 0) = {np.mean(diffs < 0):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
