"""Evaluate an exported street segmenter on CamVid val and IDD Lite val through the app's own pipeline.

    python -m alyesdesk.training.streets.eval [--model models/street_segmenter.onnx] [--json] [--write-sidecar]

Every image goes through `Segmenter.segment` exactly as in the app (sidecar pre-processing, logits warped
back to the image size, void never predicted), so the numbers in the sidecar are the numbers users get.

Scoring (`alyesdesk.training.streets.data.partial_confusion`): each pixel has a set of allowed
categories. CamVid pixels have exactly one (void pixels are ignored), so its scores are ordinary IoU.
IDD Lite's level-1 labels 4 (roadside objects: construction or object) and 5 (far objects: construction
or nature) allow two; a prediction in the set is correct and counts as a true positive of the category
predicted, a miss adds 1/|set| of a false negative to each allowed category. Mean IoU is over the 7
non-void categories.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from alyesdesk.inference import catalog
from alyesdesk.training.streets.data import (
    CATEGORIES,
    VOID,
    allowed_from_categories,
    iou_from_confusion,
    load_idd_lite,
    load_split,
    mean_iou,
    partial_confusion,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from alyesdesk.inference.streets.segment import Segmenter

REPO = Path(__file__).resolve().parents[3]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "streets" / "camvid"
DEFAULT_IDD = REPO.parent / "shared" / "data" / "streets" / "idd_lite"
DEFAULT_MODEL = REPO / "models" / "street_segmenter.onnx"
PROTOCOL = ("app pipeline (alyesdesk.training.streets.eval: Segmenter.segment, labels at the image size, void "
            "never predicted); IoU over the 7 non-void categories with partial labels: a prediction in a "
            "pixel's allowed set is a true positive of the predicted category, a miss shares its false "
            "negative equally among the allowed categories; void pixels ignored")


def per_image_confusions(backend: Segmenter, images: Sequence[np.ndarray], allowed: Sequence[np.ndarray]) -> np.ndarray:
    """(images, C, C) partial-label confusion of each image through the app's pipeline (summed: the split's)."""
    n = len(CATEGORIES)
    matrices = [partial_confusion(backend.segment(image).labels, bits) for image, bits in zip(images, allowed)]
    return np.stack(matrices).astype(np.float64) if matrices else np.zeros((0, n, n), np.float64)


def _score(backend: Segmenter, images: Sequence[np.ndarray], allowed: Sequence[np.ndarray]) -> dict:
    started = time.perf_counter()
    matrix = per_image_confusions(backend, images, allowed).sum(axis=0)
    seconds = time.perf_counter() - started
    per = iou_from_confusion(matrix)
    real = np.delete(np.delete(matrix, VOID, 0), VOID, 1)
    return {"images": len(images), "iou": per, "mean_iou_7": mean_iou(per),
            "pixel_accuracy": float(np.trace(real) / max(1.0, np.delete(matrix, VOID, 0).sum())),
            "seconds_per_image": seconds / max(1, len(images))}


def load_segmenter(onnx_path: str | Path) -> Segmenter:
    """The street segmenter at `onnx_path`; ValueError when its categories are not the street categories."""
    backend = catalog.load_model(onnx_path)
    names = list(backend.categories)
    if names != list(CATEGORIES):
        raise ValueError(f"model categories {names} differ from the street categories {list(CATEGORIES)}")
    return backend


def evaluate_model(onnx_path: str | Path, data: str | Path = DEFAULT_DATA, split: str = "val",
                   limit: int | None = None) -> dict:
    """CamVid `split`: per-category IoU, mean IoU (7), pixel accuracy."""
    dataset = load_split(data, split, limit)
    return _score(load_segmenter(onnx_path), dataset.images, allowed_from_categories(dataset.masks))


def evaluate_idd(onnx_path: str | Path, data: str | Path = DEFAULT_IDD, split: str = "val",
                 limit: int | None = None) -> dict:
    """IDD Lite `split` with the partial-label scoring (labels 4 and 5 allow two categories)."""
    dataset = load_idd_lite(data, split, limit)
    return _score(load_segmenter(onnx_path), dataset.images, dataset.masks)


def _print(title: str, result: dict) -> None:
    print(f"{title}, {result['images']} images: mean IoU (7 non-void) {result['mean_iou_7']:.4f}, "
          f"pixel accuracy {result['pixel_accuracy']:.4f}")
    for name, value in result["iou"].items():
        print(f"  {name:13s} {value:.4f}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="CamVid folder")
    p.add_argument("--idd", type=Path, default=DEFAULT_IDD, help="IDD Lite folder (skipped when absent)")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument("--write-sidecar", action="store_true", help="record the numbers in the model's sidecar")
    args = p.parse_args(argv)
    camvid = evaluate_model(args.model, args.data)
    idd = evaluate_idd(args.model, args.idd) if (args.idd / "val" / "images").is_dir() else None
    if args.json:
        print(json.dumps({"camvid_val": camvid, "idd_lite_val": idd}, indent=2))
    else:
        _print("CamVid val", camvid)
        if idd is None:
            print(f"IDD Lite val: not found under {args.idd}")
        else:
            _print("IDD Lite val (partial labels)", idd)
    if args.write_sidecar:
        sidecar_path = args.model.with_suffix(".json")
        sidecar = json.loads(sidecar_path.read_text(encoding="utf-8"))
        metrics = sidecar.setdefault("metrics", {})
        metrics["split"] = f"CamVid val ({camvid['images']} images, 480x360); {PROTOCOL}"
        metrics["mean_iou_7"] = round(camvid["mean_iou_7"], 4)
        metrics["iou"] = {k: round(v, 4) for k, v in camvid["iou"].items()}
        metrics["pixel_accuracy_7"] = round(camvid["pixel_accuracy"], 4)
        metrics["meets_target"] = bool(camvid["mean_iou_7"] >= metrics.get("target_mean_iou_7", 0.70))
        if idd is not None:
            metrics["idd_lite_val"] = {
                "split": f"IDD Lite val ({idd['images']} images, 320x227), never used for training or selection; "
                         "labels 4 -> {construction, object}, 5 -> {construction, nature}",
                "mean_iou_7": round(idd["mean_iou_7"], 4),
                "iou": {k: round(v, 4) for k, v in idd["iou"].items()},
                "pixel_accuracy_7": round(idd["pixel_accuracy"], 4),
            }
        sidecar_path.write_text(json.dumps(sidecar, indent=2) + "\n", encoding="utf-8")
        print(f"wrote metrics to {sidecar_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
