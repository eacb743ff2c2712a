"""Train the deep gaze model (the `train` extra: torch) and export it to ONNX with a sidecar.

    alyesdesk gaze train --data DIR [--data DIR2 ...] --out MODEL.onnx [--frontend mediapipe] [--epochs 40]
    python -m alyesdesk.training.gaze --data DIR --out MODEL.onnx

The original prototype's mixed-input network, improved:
- one convolutional tower shared by both eyes (the original saw one eye per sample plus a "side" flag),
  each crop standardised by its own mean and contrast inside the graph (lighting changes cancel);
- the 16 front-end features through a dense branch, concatenated, dense layers with SiLU (= swish);
- L1 loss (the original's MAE), AdamW, early stopping on a validation split by *target point*: a random
  frame split puts near-identical frames of the same fixation on both sides and flatters the model,
  which is how the original's 0.0514 normalised MAE was measured.

Same inputs and output as the calibrated model (right_eye, left_eye, features -> gaze), so the app runs
either through the same "gaze" backend. Torch is imported only here; the app never imports this file.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from alyesdesk.inference.gaze import sample as S
from alyesdesk.inference.gaze.dataset import load_dataset
from alyesdesk.inference.gaze.evaluate import extract
from alyesdesk.inference.gaze.fit import gaze_sidecar
from alyesdesk.inference.gaze.screen import ScreenGeometry

try:
    import torch
    from torch import nn
except ImportError as exc:  # pragma: no cover - reported by the CLI
    raise ImportError("the deep gaze model needs torch (pip install alyesdesk[train])") from exc


class GazeNet(nn.Module):
    def __init__(self, n_features: int = S.FEATURE_COUNT) -> None:
        super().__init__()
        act = nn.SiLU
        self.eye = nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1), nn.BatchNorm2d(16), act(), nn.MaxPool2d(2),  # 16x16
            nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), act(), nn.MaxPool2d(2),  # 8x8
            nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), act(), nn.MaxPool2d(2),  # 4x4
            nn.Flatten(), nn.Linear(64 * 16, 64), act(),
        )
        self.feat = nn.Sequential(nn.Linear(n_features, 32), act())
        self.head = nn.Sequential(nn.Linear(64 * 2 + 32, 64), act(), nn.Dropout(0.1), nn.Linear(64, 2))
        self.register_buffer("f_mean", torch.zeros(n_features))
        self.register_buffer("f_std", torch.ones(n_features))

    @staticmethod
    def _standardise(crop: torch.Tensor) -> torch.Tensor:
        mu = crop.mean(dim=(2, 3), keepdim=True)
        sd = ((crop - mu) ** 2).mean(dim=(2, 3), keepdim=True).add(1e-6).sqrt()
        return (crop - mu) / sd

    def forward(self, right_eye: torch.Tensor, left_eye: torch.Tensor, features: torch.Tensor) -> torch.Tensor:
        r = self.eye(self._standardise(right_eye))
        l = self.eye(self._standardise(torch.flip(left_eye, dims=[3])))  # mirrored: both eyes look alike
        f = self.feat((features - self.f_mean) / self.f_std)
        return 0.5 + self.head(torch.cat([r, l, f], dim=1))


def load_samples(folders: list[str], frontend: str) -> tuple[np.ndarray, ...]:
    rights, lefts, feats, targets, groups = [], [], [], [], []
    screen = None
    for d, folder in enumerate(folders):
        data = load_dataset(folder)
        screen = screen or data.screen
        samples = extract(data, frontend)
        tg = data.targets() / [data.screen.width_px, data.screen.height_px]
        keys = {tuple(np.round(t, 4)): i for i, t in enumerate(np.unique(np.round(tg, 4), axis=0))}
        ok = [i for i, s in enumerate(samples) if s.ok]
        if not ok:
            continue
        r, l, f = S.stack([samples[i] for i in ok])
        rights.append(r), lefts.append(l), feats.append(f)
        targets.append(tg[ok].astype(np.float32))
        groups.append(np.array([d * 100000 + keys[tuple(np.round(tg[i], 4))] for i in ok]))
        print(f"{folder}: {len(ok)}/{len(samples)} usable frames", file=sys.stderr)
    if not rights:
        raise SystemExit("error: no usable frames in the training data")
    return (np.concatenate(rights), np.concatenate(lefts), np.concatenate(feats), np.concatenate(targets),
            np.concatenate(groups), screen)  # type: ignore[return-value]


def train(folders: list[str], out: str | Path, frontend: str = "mediapipe", epochs: int = 40, seed: int = 0,
          minutes: float = 10.0) -> dict:
    torch.manual_seed(seed)
    torch.set_num_threads(1)  # shared machines: never take every core
    right, left, feats, y, groups, screen = load_samples(folders, frontend)
    rng = np.random.default_rng(seed)
    ids = np.unique(groups)
    val_ids = set(rng.choice(ids, size=max(1, len(ids) // 5), replace=False).tolist())
    val = np.array([g in val_ids for g in groups])
    model = GazeNet()
    model.f_mean.copy_(torch.tensor(feats[~val].mean(axis=0)))
    model.f_std.copy_(torch.tensor(np.maximum(feats[~val].std(axis=0), 1e-3)))
    opt = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=1e-4)
    tensors = [torch.tensor(a) for a in (right, left, feats, y)]
    best, best_state, patience, started = float("inf"), None, 0, time.monotonic()
    train_idx = np.flatnonzero(~val)
    for epoch in range(epochs):
        model.train()
        rng.shuffle(train_idx)
        for start in range(0, len(train_idx), 64):
            b = torch.tensor(train_idx[start:start + 64])
            r, l, f, t = (x[b] for x in tensors)
            r = r * (0.8 + 0.4 * torch.rand(len(b), 1, 1, 1))  # lighting augmentation
            loss = (model(r, l, f) - t).abs().mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
        model.eval()
        with torch.no_grad():
            vb = torch.tensor(np.flatnonzero(val))
            pred = model(*(x[vb] for x in tensors[:3])).numpy()
        err_px = np.hypot(*((pred - y[val]) * [screen.width_px, screen.height_px]).T).mean()
        print(f"epoch {epoch + 1}: validation {err_px:.0f} px ({screen.px_to_deg(err_px):.2f} deg)", file=sys.stderr)
        if err_px < best:
            best, best_state, patience = err_px, {k: v.clone() for k, v in model.state_dict().items()}, 0
        else:
            patience += 1
            if patience >= 8:
                break
        if time.monotonic() - started > minutes * 60:
            print("time budget reached", file=sys.stderr)
            break
    model.load_state_dict(best_state)  # type: ignore[arg-type]
    model.eval()
    out = Path(out)
    export(model, out)
    metrics = {
        "validation_mean_px": round(float(best), 1),
        "validation_mean_deg": round(float(screen.px_to_deg(best)), 3),
        "validation_split": "by target point (20% of points held out)",
        "frames": int(len(y)),
    }
    sidecar = gaze_sidecar(
        name="gaze-deep", version=time.strftime("%Y%m%d"), kind="deep", frontend=frontend,
        feature_names=S.MEDIAPIPE_FEATURES if frontend == "mediapipe" else S.HAAR_FEATURES,
        screen=screen or ScreenGeometry(), licence="same as the training data",
        description="Deep mixed-input gaze model (shared conv tower for both eyes + feature branch).",
        metrics=metrics,
        extra={"training": {"data": [{"name": str(f), "licence": "see the dataset"} for f in folders],
                            "epochs": epoch + 1, "seed": seed}},
    )
    out.with_suffix(".json").write_text(json.dumps(sidecar, indent=2), encoding="utf-8")
    return metrics


def export(model: nn.Module, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    dummy = (torch.zeros(1, 1, S.CROP_SIZE, S.CROP_SIZE), torch.zeros(1, 1, S.CROP_SIZE, S.CROP_SIZE),
             torch.zeros(1, S.FEATURE_COUNT))
    axes = {"right_eye": {0: "N"}, "left_eye": {0: "N"}, "features": {0: "N"}, "gaze": {0: "N"}}
    torch.onnx.export(model, dummy, str(out), input_names=["right_eye", "left_eye", "features"],
                      output_names=["gaze"], dynamic_axes=axes, opset_version=17, dynamo=False)


def main_from_args(args: argparse.Namespace) -> int:
    folders = args.data if isinstance(args.data, list) else [args.data]
    metrics = train(folders, args.out, args.frontend, args.epochs, args.seed)
    print(f"wrote {args.out}: validation {metrics['validation_mean_px']:.0f} px ({metrics['validation_mean_deg']:.2f} deg)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", action="append", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--frontend", default="mediapipe", choices=("mediapipe", "haar"))
    parser.add_argument("--epochs", type=int, default=40)
    parser.add_argument("--seed", type=int, default=0)
    return main_from_args(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
