"""Average the weights of the last epochs (stochastic weight averaging) and re-estimate BatchNorm.

    python -m alyesdesk.training.streets.swa runs/streets/snapshots/ep6*.pt --out runs/streets/swa.pt

The snapshots are `last.pt` copies from the low-learning-rate tail of a run. Averaging them smooths the
epoch-to-epoch swings of the small classes; BatchNorm statistics are recomputed on the training images
(inference geometry, no augmentation) because averaged weights invalidate the running means. The result
has the same format as `best.pt`, so `python -m alyesdesk.training.streets --export-only --checkpoint`
exports it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import cv2
import numpy as np
import torch

from alyesdesk.training.streets.train import DEFAULT_DATA, INPUT_HW, REPO, evaluate, to_input
from alyesdesk.training.streets.data import CATEGORIES, cached_split
from alyesdesk.training.streets.model import StreetNet


def average(paths: list[Path]) -> tuple[dict, int]:
    states = [torch.load(p, map_location="cpu", weights_only=False) for p in paths]
    width = states[0]["width"]
    keys = states[0]["model"].keys()
    avg = {}
    for key in keys:
        tensors = [s["model"][key] for s in states]
        avg[key] = tensors[0].clone() if not tensors[0].is_floating_point() else torch.stack(tensors).mean(0)
    return avg, width


@torch.no_grad()
def recompute_bn(model: torch.nn.Module, images: np.ndarray, batch: int = 8) -> None:
    for module in model.modules():
        if isinstance(module, torch.nn.BatchNorm2d):
            module.reset_running_stats()
            module.momentum = None  # cumulative average over all batches
    model.train()
    for i in range(0, len(images), batch):
        chunk = np.stack([cv2.resize(im, INPUT_HW[::-1], interpolation=cv2.INTER_AREA) for im in images[i : i + batch]])
        model(to_input(chunk))
        model(to_input(chunk[:, :, ::-1].copy()))  # and mirrored, as in training
    model.eval()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("snapshots", nargs="+", type=Path)
    p.add_argument("--out", type=Path, default=REPO / "runs" / "streets" / "swa.pt")
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--cache", type=Path, default=REPO / ".cache" / "streets")
    args = p.parse_args(argv)
    torch.set_num_threads(1)
    state, width = average(sorted(args.snapshots))
    model = StreetNet(len(CATEGORIES), width)
    model.load_state_dict(state)
    train = cached_split(args.data, "train", args.cache)
    recompute_bn(model, train.images)
    val = cached_split(args.data, "val", args.cache)
    per, miou = evaluate(model, val.images, val.masks)
    print(f"SWA of {len(args.snapshots)} snapshots: val mean IoU {miou:.4f} "
          + ", ".join(f"{k} {v:.3f}" for k, v in per.items()), flush=True)
    torch.save({"model": model.state_dict(), "width": width, "epoch": f"swa:{len(args.snapshots)}",
                "val_iou": per, "val_miou": miou, "snapshots": [p.name for p in sorted(args.snapshots)]}, args.out)
    print(f"saved {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
