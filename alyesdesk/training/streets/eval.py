"""Evaluate an exported street segmenter on CamVid val through the app's own pipeline (no torch).

    python -m alyesdesk.training.streets.eval [--model models/street_segmenter.onnx] [--write-sidecar]

Every image goes through `Segmenter.segment` exactly as in the app (sidecar pre-processing, logits warped
back to 480x360, void never predicted), so the numbers in the sidecar are the numbers users get.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from alyesdesk.inference import catalog
from alyesdesk.training.streets.data import CATEGORIES, confusion, iou_from_confusion, load_split, mean_iou

REPO = Path(__file__).resolve().parents[3]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "streets" / "camvid"
DEFAULT_MODEL = REPO / "models" / "street_segmenter.onnx"


def evaluate_model(onnx_path: str | Path, data: str | Path = DEFAULT_DATA, split: str = "val",
                   limit: int | None = None) -> dict:
    backend = catalog.load_model(onnx_path)
    names = list(backend.categories)
    if names != list(CATEGORIES):
        raise ValueError(f"model categories {names} differ from the CamVid mapping {list(CATEGORIES)}")
    dataset = load_split(data, split, limit)
    matrix = np.zeros((len(CATEGORIES), len(CATEGORIES)), np.int64)
    started = time.perf_counter()
    for image, mask in zip(dataset.images, dataset.masks):
        matrix += confusion(backend.segment(image).labels, mask)
    seconds = time.perf_counter() - started
    per = iou_from_confusion(matrix)
    return {"images": len(dataset.names), "iou": per, "mean_iou_7": mean_iou(per),
            "pixel_accuracy": float(np.trace(np.delete(np.delete(matrix, 7, 0), 7, 1)) / max(1, np.delete(matrix, 7, 0).sum())),
            "seconds_per_image": seconds / max(1, len(dataset.names))}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--write-sidecar", action="store_true", help="record the numbers in the model's sidecar")
    args = p.parse_args(argv)
    result = evaluate_model(args.model, args.data)
    print(f"CamVid val, {result['images']} images, mean IoU (7 non-void) {result['mean_iou_7']:.4f}, "
          f"pixel accuracy {result['pixel_accuracy']:.4f}")
    for name, value in result["iou"].items():
        print(f"  {name:13s} {value:.4f}")
    if args.write_sidecar:
        sidecar_path = args.model.with_suffix(".json")
        sidecar = json.loads(sidecar_path.read_text(encoding="utf-8"))
        metrics = sidecar.setdefault("metrics", {})
        metrics["split"] = (f"CamVid val ({result['images']} images, 480x360) through the app pipeline "
                            "(alyesdesk.training.streets.eval); void pixels ignored; void never predicted")
        metrics["mean_iou_7"] = round(result["mean_iou_7"], 4)
        metrics["iou"] = {k: round(v, 4) for k, v in result["iou"].items()}
        metrics["pixel_accuracy_7"] = round(result["pixel_accuracy"], 4)
        metrics["meets_target"] = bool(result["mean_iou_7"] >= metrics.get("target_mean_iou_7", 0.70))
        sidecar_path.write_text(json.dumps(sidecar, indent=2) + "\n", encoding="utf-8")
        print(f"wrote metrics to {sidecar_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
