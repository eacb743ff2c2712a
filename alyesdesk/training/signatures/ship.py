"""Ship a trained signature detector: ONNX export, thresholds chosen on val, metrics measured on test.

    python -m alyesdesk.training.signatures.ship [--ckpt runs/signatures/best.ckpt] [--out models/signature_detector]

1. exports the checkpoint (opset 17, legacy exporter) to `<out>.onnx`;
2. writes the sidecar, picks `thresholds.score` on the validation split (best page-verdict accuracy among
   thresholds within 0.02 of the best box F1) and `thresholds.review` = the lowest score (>= 0.1) that
   puts at most 3% of the erased validation twins into "needs review";
3. evaluates on the test split through the app's own pipeline and stores the numbers in `metrics`.

The sidecar it writes names no verifier: run `python -m alyesdesk.training.signatures.verifier` next,
which trains a verifier on this detector's candidates, links it and re-measures.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import cv2
import numpy as np

from alyesdesk.inference.catalog import load_model
from alyesdesk.inference.sidecar import validate_sidecar
from alyesdesk.training.signatures import data as sd
from alyesdesk.training.signatures.eval import evaluate
from alyesdesk.training.signatures.metrics import PageResult, best_f1_threshold, precision_recall_f1

REPO = Path(__file__).resolve().parents[3]


def make_sidecar(config: dict, score: float, review: float, metrics: dict | None, extra: dict | None = None) -> dict:
    size, stride = config["size"], config["stride"]
    grid = size // stride
    data = {
        "schema_version": 1,
        "task": "detect",
        "name": "signature_detector",
        "version": "1.0.0",
        "description": (
            "Finds handwritten signatures on scanned document pages. Compact one-stage anchor-free detector "
            "(TTFNet/CenterNet-style: stride-8 centre heatmap + per-cell distances to the box edges), trained "
            "from scratch. Pages are converted to grey and STRETCHED to a square input (the Tobacco800 pages it "
            "learned from were stretched to 1000x1000 squares by their source), so use resize 'stretch'."
        ),
        "licence": "MIT (weights, AlyesDesk); see training.data for the training data's terms",
        "inputs": [{
            "name": "image", "shape": ["N", 1, size, size], "dtype": "float32", "layout": "NCHW",
            "color_order": "GRAY", "resize": "stretch",
            "normalization": {"scale": 1 / 255, "mean": [0.5], "std": [0.5]},
        }],
        "outputs": [
            {"name": "heatmap", "shape": ["N", 1, grid, grid], "dtype": "float32"},
            {"name": "ltrb", "shape": ["N", 4, grid, grid], "dtype": "float32"},
        ],
        "labels": ["signature"],
        "categories": [{"name": "signature", "color": "#e6194b"}],
        "thresholds": {"score": round(score, 3), "review": round(review, 3), "nms_iou": 0.3},
        "decoder": {
            "type": "centre_ltrb", "stride": stride, "heatmap": "heatmap", "ltrb": "ltrb", "top_k": 100,
            "note": "heatmap is sigmoid-activated; ltrb are distances in input pixels from cell centre "
                    "((j+0.5)*stride, (i+0.5)*stride); peaks = 3x3 local maxima, then NMS",
        },
        "documents": {
            "pdf_long_side_px": 1000,
            "upside_down_score_margin": 0.1,
            "note": "PDF pages are rendered with their long side at 1000 px (the training pages' size), "
                    "then stretched to the input like any page; a page whose text looks upside down and that "
                    "shows no confident signature is read turned 180 degrees, and that reading is kept only if "
                    "a box scores at least the threshold plus upside_down_score_margin",
        },
        "training": {
            "data": [
                {"name": "Tobacco800 (IIT CDIP subset), 545 train / 115 val pages with signature boxes",
                 "source": "Rovsi135/Signature_Detection_On_Documents @6e7632c (from a Kaggle set built on Tobacco800)",
                 "licence": "none stated; research use"},
                {"name": "Cross-media-Signatures crops (composited onto erased and synthetic pages)",
                 "source": "dishangti/Cross-media-Signatures @46ca408 (Luo et al., Adv. Intell. Syst. 2023)",
                 "licence": "MIT"},
            ],
            "script": "python -m alyesdesk.training.signatures",
            "mix": "55% real signed pages, 20% erased twins with 1-3 composited crops, 15% erased twins "
                   "(unsigned), 10% synthetic printed pages with 0-2 crops; affine + photometric + 1-bit augmentation",
            **(extra or {}),
        },
    }
    if metrics:
        data["metrics"] = metrics
    validate_sidecar(data)
    return data


def val_thresholds(detector, root: Path) -> tuple[float, float, dict]:
    """Score threshold: the best page-verdict accuracy on val among thresholds whose box F1 is within
    0.02 of the best F1 (both matter: boxes are shown, verdicts decide); review threshold: see module doc.
    """
    files = sd.split_files(root, "val")
    pages, signed_max, twin_max = [], [], []
    for i, (img_path, lbl_path) in enumerate(files):
        grey = cv2.imread(str(img_path), cv2.IMREAD_GRAYSCALE)
        boxes = sd.read_yolo(lbl_path)
        det = detector.detect(cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR), min_score=0.05)
        h, w = grey.shape
        pages.append(PageResult(det.boxes, det.scores, boxes * np.array([w, h, w, h], np.float32)))
        signed_max.append(float(det.scores.max()) if len(det.scores) else 0.0)
        twin = sd.erase_boxes(grey, boxes, seed=20_000 + i)
        d = detector.detect(cv2.cvtColor(twin, cv2.COLOR_GRAY2BGR), min_score=0.05)
        twin_max.append(float(d.scores.max()) if len(d.scores) else 0.0)
    signed_max, twin_max = np.asarray(signed_max), np.asarray(twin_max)
    best_t, best_prf = best_f1_threshold(pages)
    candidates = []
    for t in np.round(np.arange(0.10, 0.91, 0.01), 2):
        f1 = precision_recall_f1(pages, float(t))["f1"]
        if f1 >= best_prf["f1"] - 0.02:
            verdict = (np.mean(signed_max >= t) + np.mean(twin_max < t)) / 2
            candidates.append((verdict, f1, float(t)))
    verdict, f1, score = max(candidates) if candidates else (0.0, best_prf["f1"], best_t)
    review = score
    for t in np.arange(0.10, score, 0.01):
        if np.mean((twin_max >= t) & (twin_max < score)) <= 0.03:
            review = round(float(t), 2)
            break
    return score, review, {"val_best_f1": round(best_prf["f1"], 4), "val_best_f1_threshold": best_t,
                           "val_f1_at_score": round(f1, 4), "val_verdict_at_score": round(float(verdict), 4)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--ckpt", type=Path, default=REPO / "runs" / "signatures" / "best.ckpt")
    p.add_argument("--out", type=Path, default=REPO / "models" / "signature_detector")
    p.add_argument("--data", type=Path, default=sd.default_data_root())
    args = p.parse_args(argv)
    cv2.setNumThreads(1)
    import torch

    from alyesdesk.training.signatures.export import export_onnx

    torch.set_num_threads(1)
    ck = torch.load(args.ckpt, map_location="cpu", weights_only=False)
    onnx_path = args.out.with_suffix(".onnx")
    sidecar_path = args.out.with_suffix(".json")
    config = export_onnx(args.ckpt, onnx_path)
    extra = {"epochs": int(ck.get("epoch", -1)) + 1, "input": f"{config['size']}x{config['size']} grey",
             "width": config["width"], "checkpoint_val": ck.get("val")}
    # First pass with provisional thresholds so the backend can open; then the chosen ones.
    sidecar_path.write_text(json.dumps(make_sidecar(config, 0.5, 0.3, None, extra), indent=2))
    detector = load_model(onnx_path, sidecar_path)
    score, review, val_info = val_thresholds(detector, args.data)
    sidecar_path.write_text(json.dumps(make_sidecar(config, score, review, None, {**extra, **val_info}), indent=2))
    detector = load_model(onnx_path, sidecar_path)
    metrics = evaluate(detector, args.data, "test")
    metrics["targets"] = {"map50": 0.85, "f1": 0.80, "verdict_accuracy": 0.95, "ms_per_page": 150}
    metrics["onnx_bytes"] = onnx_path.stat().st_size
    sidecar_path.write_text(json.dumps(make_sidecar(config, score, review, metrics, {**extra, **val_info}), indent=2) + "\n")
    print(json.dumps({"score": score, "review": review, **val_info, **metrics}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
