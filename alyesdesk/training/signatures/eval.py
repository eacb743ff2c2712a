"""Evaluate a signature detector (ONNX + sidecar, through the app's own pipeline) on a Tobacco800 split.

Torch-free: used by the ship step, the bundled-model test and scripts/bench_documents.py.

    python -m alyesdesk.training.signatures.eval [--model models/signature_detector.onnx] [--split test]

Detection: AP@0.5 (VOC all-point) and precision/recall/F1 at the sidecar's score threshold, boxes in
the 1000x1000 page pixels. Verdicts: every page of the split (all are signed) and its erased twin
(signatures filled with the local paper colour, as in training) go through `SignatureChecker.check_page`
with 1 expected signature; accuracy is strict (a "needs review" counts as wrong) and lenient (review
counted as right), with the review rate.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import cv2
import numpy as np

from alyesdesk.inference.catalog import load_model
from alyesdesk.inference.documents.check import SIGNED, UNSIGNED, SignatureChecker, verdict_for
from alyesdesk.training.signatures import data as sd
from alyesdesk.training.signatures.metrics import PageResult, average_precision, precision_recall_f1

REPO = Path(__file__).resolve().parents[3]
DEFAULT_MODEL = REPO / "models" / "signature_detector.onnx"


def evaluate(detector, root: Path, split: str = "test", limit: int | None = None, upside_down: bool = False,
             checker: SignatureChecker | None = None) -> dict:
    """Detection and verdict metrics; `upside_down` also scores every page and twin turned 180 degrees.

    Boxes are what the app shows: the detector's, minus those its verifier (if it has one) rejects.
    """
    checker = checker or SignatureChecker(detector)
    files = sd.split_files(root, split)[:limit]
    pages, signed_v, twin_v, times, flipped_right = [], [], [], [], []
    review_thr = detector.review_threshold
    for i, (img_path, lbl_path) in enumerate(files):
        grey = cv2.imread(str(img_path), cv2.IMREAD_GRAYSCALE)
        h, w = grey.shape
        truth = sd.read_yolo(lbl_path) * np.array([w, h, w, h], np.float32)
        image = cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR)
        t0 = time.perf_counter()
        page = checker.check_page(image, 1)
        times.append(time.perf_counter() - t0)
        # AP needs the low-score tail too: decode again down to a small floor for the ranking.
        det = checker.read(image, min_score=min(0.05, review_thr))
        pages.append(PageResult(det.boxes, det.scores, truth))
        signed_v.append(verdict_for(page.count, page.review_count, 1, bool(page.warning)))
        twin = cv2.cvtColor(sd.erase_boxes(grey, sd.read_yolo(lbl_path), seed=10_000 + i), cv2.COLOR_GRAY2BGR)
        tp = checker.check_page(twin, 1)
        twin_v.append(verdict_for(tp.count, tp.review_count, 1, bool(tp.warning)))
        if upside_down:
            for scan, want, out in ((image, SIGNED, flipped_right), (twin, UNSIGNED, flipped_right)):
                fp = checker.check_page(cv2.rotate(scan, cv2.ROTATE_180), 1)
                out.append(verdict_for(fp.count, fp.review_count, 1, bool(fp.warning)) == want)
    prf = precision_recall_f1(pages, detector.score_threshold)
    n = len(files)
    strict = (sum(v == SIGNED for v in signed_v) + sum(v == UNSIGNED for v in twin_v)) / (2 * n)
    lenient = (sum(v != UNSIGNED for v in signed_v) + sum(v != SIGNED for v in twin_v)) / (2 * n)
    review = (sum(v == "needs_review" for v in signed_v) + sum(v == "needs_review" for v in twin_v)) / (2 * n)
    return {
        "split": f"tobacco800/{split}",
        "pages": n,
        "boxes": int(sum(len(p.truth) for p in pages)),
        "map50": round(average_precision(pages), 4),
        "precision": round(prf["precision"], 4),
        "recall": round(prf["recall"], 4),
        "f1": round(prf["f1"], 4),
        "score_threshold": detector.score_threshold,
        "verdict_accuracy": round(strict, 4),
        "verdict_accuracy_review_as_right": round(lenient, 4),
        "needs_review_rate": round(review, 4),
        "signed_pages_called_signed": round(sum(v == SIGNED for v in signed_v) / n, 4),
        "erased_twins_called_unsigned": round(sum(v == UNSIGNED for v in twin_v) / n, 4),
        "check_page_ms_mean": round(1000 * float(np.mean(times)), 1),
        **({"verdict_accuracy_upside_down": round(float(np.mean(flipped_right)), 4)} if upside_down else {}),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    p.add_argument("--data", type=Path, default=sd.default_data_root())
    p.add_argument("--split", default="test", choices=sd.SPLITS)
    p.add_argument("--limit", type=int)
    p.add_argument("--upside-down", action="store_true", help="also score every page turned 180 degrees")
    args = p.parse_args(argv)
    cv2.setNumThreads(1)
    detector = load_model(args.model)
    print(json.dumps(evaluate(detector, args.data, args.split, args.limit, args.upside_down), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
