"""Choose per-category score offsets (`segment.class_bias`) for an exported street segmenter.

    python -m alyesdesk.training.streets.bias --model models/street_segmenter.onnx --out runs/streets_bias

Why: a compact segmenter's argmax trades one category against another (thin poles and signs lose to the
building or tree behind them). Adding a constant to a category's scores moves that trade without
retraining. The offsets are chosen by coordinate ascent on mean IoU (7 non-void categories) over the
CamVid-train hold-out (`finetune.holdout_split`: the last 15% of each sequence, never fine-tuned on),
never on CamVid val or IDD Lite val, which are only measured afterwards by `streets.eval`.

The search scores pixels at the model's input size, every second pixel in each direction (the app warps
the scores to the image size before the argmax; adding a per-plane constant commutes with that warp).
"flat" stays at 0: only differences between offsets matter. Offsets are bounded by `--limit` so that they
nudge the model rather than overrule it.

Writes <out>/street_segmenter.onnx (a copy) and its sidecar with `segment.class_bias` and how it was
chosen; the sidecar's metrics must then be refreshed with `streets.eval --write-sidecar` before shipping.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import cv2
import numpy as np

from alyesdesk.inference import catalog
from alyesdesk.inference.images import to_tensor
from alyesdesk.training.streets.data import CATEGORIES, VOID, confusion, iou_from_confusion, load_split, mean_iou
from alyesdesk.training.streets.eval import DEFAULT_DATA, DEFAULT_MODEL

STEPS = tuple(np.round(np.arange(-0.6, 0.61, 0.1), 2))


def holdout_scores(model: Path, data: Path, stride: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """(pixels, 8) scores and (pixels,) truth over the hold-out, void truth pixels dropped."""
    from alyesdesk.training.streets.finetune import holdout_split  # imports torch: only when run

    backend = catalog.load_model(model)
    camvid = load_split(data, "train")
    _, hold = holdout_split(camvid.names)
    scores, truth = [], []
    for i in hold:
        tensor, _ = to_tensor(camvid.images[i], backend.input)
        out = backend.run({backend.input.name: tensor})[0][0]  # (C, h, w)
        h, w = out.shape[1:]
        mask = cv2.resize(camvid.masks[i], (w, h), interpolation=cv2.INTER_NEAREST)
        s = out[:, ::stride, ::stride].reshape(out.shape[0], -1).T
        t = mask[::stride, ::stride].ravel()
        keep = t != VOID
        scores.append(s[keep])
        truth.append(t[keep])
    return np.concatenate(scores).astype(np.float32), np.concatenate(truth)


def score(scores: np.ndarray, truth: np.ndarray, bias: np.ndarray) -> tuple[float, dict[str, float]]:
    shifted = scores + bias[None, :]
    shifted[:, VOID] = -np.inf  # the app never predicts void
    per = iou_from_confusion(confusion(shifted.argmax(1), truth))
    return mean_iou(per), per


def search(scores: np.ndarray, truth: np.ndarray, limit: float, passes: int = 3) -> tuple[np.ndarray, list[dict]]:
    """Coordinate ascent from zero offsets; each pass tries every step for each non-flat category."""
    bias = np.zeros(len(CATEGORIES), np.float32)
    best, _ = score(scores, truth, bias)
    trail: list[dict] = [{"pass": 0, "mean_iou": round(best, 4)}]
    for p in range(1, passes + 1):
        for c in range(1, len(CATEGORIES)):
            if c == VOID:
                continue
            for step in STEPS:
                trial = bias.copy()
                trial[c] = float(np.clip(bias[c] + step, -limit, limit))
                m, _ = score(scores, truth, trial)
                if m > best + 1e-5:
                    best, bias = m, trial
        trail.append({"pass": p, "mean_iou": round(best, 4), "bias": [round(float(b), 2) for b in bias]})
        if trail[-1]["bias"] == trail[-2].get("bias"):
            break
    return bias, trail


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="CamVid folder")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--limit", type=float, default=1.5, help="largest offset allowed, either sign")
    args = p.parse_args(argv)

    scores, truth = holdout_scores(args.model, args.data)
    before, per_before = score(scores, truth, np.zeros(len(CATEGORIES), np.float32))
    bias, trail = search(scores, truth, args.limit)
    after, per_after = score(scores, truth, bias)
    for row in trail:
        print(json.dumps(row))
    print(f"hold-out mean IoU {before:.4f} -> {after:.4f}")
    for name in per_before:
        print(f"  {name:13s} {per_before[name]:.4f} -> {per_after[name]:.4f}")

    args.out.mkdir(parents=True, exist_ok=True)
    onnx_out = args.out / args.model.name
    shutil.copyfile(args.model, onnx_out)
    sidecar = json.loads(args.model.with_suffix(".json").read_text(encoding="utf-8"))
    sidecar.setdefault("segment", {})["class_bias"] = [round(float(b), 3) for b in bias]
    sidecar.setdefault("training", {})["class_bias"] = {
        "script": "python -m alyesdesk.training.streets.bias",
        "chosen_on": f"CamVid-train hold-out ({len(truth)} pixels at half the model's input size), "
                     "coordinate ascent on mean IoU (7 categories); CamVid val and IDD Lite val not used",
        "holdout_mean_iou": {"before": round(before, 4), "after": round(after, 4)},
        "limit": args.limit,
    }
    onnx_out.with_suffix(".json").write_text(json.dumps(sidecar, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {onnx_out} (+ sidecar); measure it with python -m alyesdesk.training.streets.eval --model {onnx_out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
