"""Train the bundled street segmenter on CamVid (8 categories) and export it to ONNX with its sidecar.

    python -m alyesdesk.training.streets --data ../shared/data/streets/camvid --max-minutes 95
    python -m alyesdesk.training.streets --resume            # continue runs/streets/last.pt
    python -m alyesdesk.training.streets --export-only       # best.pt -> models/street_segmenter.onnx
    python -m alyesdesk.training.streets.eval --write-sidecar   # app-pipeline IoU on val -> sidecar
    python scripts/bench_streets.py --write-sidecar            # fps at 480x360 -> sidecar
    python -m alyesdesk.training.streets --smoke             # a few images, one tiny epoch (tests)

The learning rate follows a cosine over the wall-clock budget (not over epochs), so a run stopped by
--max-minutes has already annealed; the checkpoint with the best validation mean IoU is the one exported.
Needs the `train` extra (torch); the app never imports this module.
"""

from __future__ import annotations

import argparse
import json
import math
import time
import warnings
from pathlib import Path

import cv2
import numpy as np
import torch
import torch.nn.functional as F

from alyesdesk.training.streets.data import (
    CATEGORIES,
    VOID,
    augment,
    cached_split,
    confusion,
    iou_from_confusion,
    mean_iou,
)
from alyesdesk.training.streets.model import StreetNet

REPO = Path(__file__).resolve().parents[3]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "streets" / "camvid"
# Model input (height, width): 4:3 like CamVid, big enough for poles and pedestrians, small enough for
# >= 10 frames/s on two CPU cores.
INPUT_HW = (240, 320)
CROP_HW = (192, 256)
MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--runs", type=Path, default=REPO / "runs" / "streets")
    p.add_argument("--cache", type=Path, default=REPO / ".cache" / "streets")
    p.add_argument("--out", type=Path, default=REPO / "models" / "street_segmenter.onnx")
    p.add_argument("--width", type=int, default=20)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--max-minutes", type=float, default=90.0)
    p.add_argument("--max-epochs", type=int, default=10_000)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--resume", action="store_true")
    p.add_argument("--export-only", action="store_true")
    p.add_argument("--checkpoint", type=Path, help="with --export-only: export this checkpoint instead of best.pt")
    p.add_argument("--smoke", action="store_true", help="tiny subset, one short epoch, for tests")
    return p.parse_args(argv)


# --- loss ----------------------------------------------------------------------------------------


def dice_ce_loss(logits: torch.Tensor, target: torch.Tensor, weights: torch.Tensor) -> torch.Tensor:
    """Weighted cross-entropy plus soft Dice over the non-void categories; void pixels are ignored."""
    ce = F.cross_entropy(logits, target, weight=weights, ignore_index=VOID)
    valid = (target != VOID).unsqueeze(1).float()
    probs = logits.softmax(1) * valid
    onehot = F.one_hot(target.clamp(max=len(CATEGORIES) - 1), len(CATEGORIES)).permute(0, 3, 1, 2).float()
    onehot = onehot * valid
    keep = [i for i in range(len(CATEGORIES)) if i != VOID]
    inter = (probs * onehot).sum((0, 2, 3))[keep]
    denom = (probs.sum((0, 2, 3)) + onehot.sum((0, 2, 3)))[keep]
    dice = 1 - (2 * inter + 1) / (denom + 1)
    return ce + dice.mean()


def class_weights(masks: np.ndarray) -> torch.Tensor:
    """Inverse square-root frequency, normalised to mean 1; void gets 0 (it is ignored anyway)."""
    counts = np.bincount(masks.ravel(), minlength=len(CATEGORIES)).astype(np.float64)
    freq = counts / max(1.0, counts[:VOID].sum())
    w = 1.0 / np.sqrt(np.maximum(freq, 1e-4))
    w[VOID] = 0.0
    w[:VOID] /= w[:VOID].mean()
    return torch.tensor(w, dtype=torch.float32)


# --- tensors -------------------------------------------------------------------------------------


def to_input(images_bgr: np.ndarray) -> torch.Tensor:
    """N x H x W x 3 BGR uint8 -> normalised N x 3 x H x W RGB float (the sidecar's normalisation)."""
    x = images_bgr[..., ::-1].astype(np.float32) / 255.0
    x = (x - np.asarray(MEAN, np.float32)) / np.asarray(STD, np.float32)
    return torch.from_numpy(np.ascontiguousarray(x.transpose(0, 3, 1, 2)))


@torch.no_grad()
def evaluate(model: torch.nn.Module, images: np.ndarray, masks: np.ndarray) -> tuple[dict[str, float], float]:
    """Per-category IoU at the masks' full resolution (logits resized back like the app does)."""
    model.eval()
    matrix = np.zeros((len(CATEGORIES), len(CATEGORIES)), np.int64)
    h, w = masks.shape[1:]
    for i in range(0, len(images), 4):
        batch = np.stack([cv2.resize(im, INPUT_HW[::-1], interpolation=cv2.INTER_AREA) for im in images[i : i + 4]])
        logits = model(to_input(batch))
        logits = F.interpolate(logits, size=(h, w), mode="bilinear", align_corners=False)
        pred = logits[:, :VOID].argmax(1).numpy()  # never predict void: every real pixel has a category
        matrix += confusion(pred, masks[i : i + 4])
    per = iou_from_confusion(matrix)
    return per, mean_iou(per)


# --- training ------------------------------------------------------------------------------------


def lr_at(base: float, fraction: float) -> float:
    warm = 0.03
    if fraction < warm:
        return base * (0.1 + 0.9 * fraction / warm)
    t = min(1.0, (fraction - warm) / (1 - warm))
    return base * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * t)))


def log(runs: Path, record: dict) -> None:
    line = json.dumps(record)
    print(line, flush=True)
    with (runs / "log.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def train(args: argparse.Namespace) -> Path:
    torch.set_num_threads(args.threads)
    cv2.setNumThreads(1)
    args.runs.mkdir(parents=True, exist_ok=True)
    limit = 6 if args.smoke else None
    train_set = cached_split(args.data, "train", args.cache, limit)
    val_set = cached_split(args.data, "val", args.cache, 4 if args.smoke else None)
    rng = np.random.default_rng(args.seed)
    torch.manual_seed(args.seed)
    model = StreetNet(len(CATEGORIES), args.width)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    weights = class_weights(train_set.masks)
    budget = (0.05 if args.smoke else args.max_minutes) * 60.0
    state = {"epoch": 0, "elapsed": 0.0, "best_miou": -1.0}
    last = args.runs / "last.pt"
    if args.resume and last.is_file():
        ckpt = torch.load(last, map_location="cpu", weights_only=False)
        model.load_state_dict(ckpt["model"])
        opt.load_state_dict(ckpt["opt"])
        state = ckpt["state"]
        rng = np.random.default_rng(args.seed + state["epoch"])
        print(f"resumed at epoch {state['epoch']} after {state['elapsed'] / 60:.1f} min", flush=True)
    log(args.runs, {"event": "start", "width": args.width, "params": sum(p.numel() for p in model.parameters()),
                    "train": len(train_set.names), "val": len(val_set.names), "budget_min": budget / 60,
                    "weights": [round(float(w), 3) for w in weights]})
    n = len(train_set.names)
    batch = min(args.batch, n)
    while state["epoch"] < args.max_epochs and state["elapsed"] < budget:
        started = time.time()
        model.train()
        order = rng.permutation(n)
        losses = []
        for b in range(0, n - batch + 1, batch):
            fraction = (state["elapsed"] + time.time() - started) / budget
            for group in opt.param_groups:
                group["lr"] = lr_at(args.lr, fraction)
            pairs = [augment(train_set.images[j], train_set.masks[j], CROP_HW, rng, (0.75, 1.6)) for j in order[b : b + batch]]
            x = to_input(np.stack([p[0] for p in pairs]))
            y = torch.from_numpy(np.stack([p[1] for p in pairs]).astype(np.int64))
            loss = dice_ce_loss(model(x), y, weights)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            losses.append(float(loss.detach()))
            if args.smoke and len(losses) >= 1:
                break
        train_seconds = time.time() - started
        per, miou = evaluate(model, val_set.images, val_set.masks)
        state["epoch"] += 1
        state["elapsed"] += time.time() - started
        record = {"epoch": state["epoch"], "loss": round(float(np.mean(losses)), 4), "val_miou": round(miou, 4),
                  "val_iou": {k: round(v, 4) for k, v in per.items()}, "train_s": round(train_seconds, 1),
                  "epoch_s": round(time.time() - started, 1), "elapsed_min": round(state["elapsed"] / 60, 2),
                  "lr": round(opt.param_groups[0]["lr"], 6)}
        if miou > state["best_miou"]:
            state["best_miou"] = miou
            torch.save({"model": model.state_dict(), "width": args.width, "epoch": state["epoch"],
                        "val_iou": per, "val_miou": miou}, args.runs / "best.pt")
            record["best"] = True
        log(args.runs, record)
        tmp = last.with_suffix(".tmp")
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "state": state, "width": args.width}, tmp)
        tmp.replace(last)
    log(args.runs, {"event": "stop", "epochs": state["epoch"], "best_miou": state["best_miou"],
                    "elapsed_min": round(state["elapsed"] / 60, 2)})
    return args.runs / "best.pt"


# --- export --------------------------------------------------------------------------------------


def export(checkpoint: Path, out: Path, extra_metrics: dict | None = None) -> Path:
    """best.pt -> ONNX (opset 17, fixed 1x3xHxW input) plus a sidecar; returns the sidecar path."""
    ckpt = torch.load(checkpoint, map_location="cpu", weights_only=False)
    model = StreetNet(len(CATEGORIES), ckpt["width"])
    model.load_state_dict(ckpt["model"])
    model.eval()
    out.parent.mkdir(parents=True, exist_ok=True)
    dummy = torch.zeros(1, 3, *INPUT_HW)
    with warnings.catch_warnings():  # the TorchScript exporter's deprecation notice is expected here
        warnings.simplefilter("ignore")
        torch.onnx.export(model, (dummy,), str(out), input_names=["image"], output_names=["logits"],
                          opset_version=17, dynamo=False)
    from alyesdesk.training.streets.sidecar import build_sidecar

    sidecar = build_sidecar(
        input_hw=INPUT_HW, mean=MEAN, std=STD, width=ckpt["width"], epoch=ckpt["epoch"],
        val_iou=ckpt["val_iou"], val_miou=ckpt["val_miou"], extra_metrics=extra_metrics or {},
    )
    path = out.with_suffix(".json")
    path.write_text(json.dumps(sidecar, indent=2) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.smoke:
        args.max_epochs = 1
    best = args.checkpoint or args.runs / "best.pt"
    if not args.export_only:
        best = train(args)
    sidecar = export(best, args.out)
    print(f"exported {args.out} and {sidecar}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
