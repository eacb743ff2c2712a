"""Train the signature detector on Tobacco800 (+ erased twins, composited crops, synthetic pages).

Usage (the `train` extra: torch):
    nice -n 10 python -m alyesdesk.training.signatures --max-minutes 100          # train, resumable
    python -m alyesdesk.training.signatures --resume --max-minutes 30             # continue
    python -m alyesdesk.training.signatures --smoke --out /tmp/sig                # tiny end-to-end check
Then ship:  python -m alyesdesk.training.signatures.export --ckpt runs/signatures/best.ckpt

Every epoch writes `last.ckpt` (and `best.ckpt` when validation AP@0.5 improves) plus a log line under
--out. The learning rate follows a cosine over *wall-clock* progress (elapsed / --max-minutes, or epochs
if that is further along), so a busy shared CPU still ends with a properly annealed model.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from pathlib import Path

import cv2
import numpy as np
import torch

from alyesdesk.inference.documents.detect import postprocess
from alyesdesk.training.common import log_line
from alyesdesk.training.signatures import data as sd
from alyesdesk.training.signatures.metrics import PageResult, average_precision, best_f1_threshold
from alyesdesk.training.signatures.model import SignatureNet, focal_loss, giou_loss, make_targets

REPO = Path(__file__).resolve().parents[3]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", type=Path, default=sd.default_data_root(), help="…/shared/data/signatures")
    p.add_argument("--out", type=Path, default=REPO / "runs" / "signatures")
    p.add_argument("--cache", type=Path, default=REPO / ".cache" / "signatures")
    p.add_argument("--size", type=int, default=384, help="square model input side (pages are stretched)")
    p.add_argument("--width", type=int, default=16, help="base channel width")
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--epochs", type=int, default=200)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--max-minutes", type=float, default=100.0, help="wall-clock budget; stops cleanly")
    p.add_argument("--resume", action="store_true", help="continue from --out/last.ckpt")
    p.add_argument("--smoke", action="store_true", help="tiny subset, 1 epoch, small input: a pipeline check")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    if args.smoke:
        args.size, args.width, args.batch, args.epochs = 128, 4, 4, 1
        args.max_minutes = min(args.max_minutes, 5.0)
    return args


class Ema:
    """Exponential moving average of the weights: steadier validation from a short run."""

    def __init__(self, model: torch.nn.Module, decay: float = 0.998) -> None:
        self.decay = decay
        self.shadow = {k: v.detach().clone() for k, v in model.state_dict().items()}
        self.updates = 0

    @torch.no_grad()
    def update(self, model: torch.nn.Module) -> None:
        self.updates += 1
        d = min(self.decay, (1 + self.updates) / (10 + self.updates))
        for k, v in model.state_dict().items():
            if v.dtype.is_floating_point:
                self.shadow[k].mul_(d).add_(v.detach(), alpha=1 - d)
            else:
                self.shadow[k].copy_(v)


def train_step(model: torch.nn.Module, opt: torch.optim.Optimizer, ema: Ema,
               samples: list[tuple[np.ndarray, np.ndarray]], size: int) -> tuple[float, float]:
    """One optimiser step on `samples` (focal heatmap loss + 5 x GIoU box loss); returns both losses."""
    x, heat_t, reg_t, w_t = batch_tensors(samples, size, SignatureNet.STRIDE)
    heat, ltrb = model(x)
    l_hm, l_box = focal_loss(heat, heat_t), giou_loss(ltrb, reg_t, w_t)
    loss = l_hm + 5.0 * l_box
    opt.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 10.0)
    opt.step()
    ema.update(model)
    return l_hm.item(), l_box.item()


def batch_tensors(samples: list[tuple[np.ndarray, np.ndarray]], size: int, stride: int) -> tuple[torch.Tensor, ...]:
    imgs, heats, regs, weights = [], [], [], []
    for img, boxes in samples:
        h, r, w = make_targets(boxes, size, stride)
        imgs.append(img)
        heats.append(h)
        regs.append(r)
        weights.append(w)
    x = torch.from_numpy(np.stack(imgs)[:, None].astype(np.float32) / 255.0 - 0.5) / 0.5
    return x, torch.from_numpy(np.stack(heats)[:, None]), torch.from_numpy(np.stack(regs)), torch.from_numpy(np.stack(weights))


@torch.no_grad()
def predict_pages(model: torch.nn.Module, pages: np.ndarray, size: int, min_score: float = 0.05,
                  nms_iou: float = 0.5) -> list[tuple[np.ndarray, np.ndarray]]:
    """Boxes (normalised) and scores for each cached page, decoded by the shipped numpy post-processing."""
    model.eval()
    out = []
    for i in range(0, len(pages), 16):
        chunk = [cv2.resize(p, (size, size), interpolation=cv2.INTER_AREA) for p in pages[i : i + 16]]
        x = torch.from_numpy(np.stack(chunk)[:, None].astype(np.float32) / 255.0 - 0.5) / 0.5
        heat, ltrb = model(x)
        for h, r in zip(heat.numpy(), ltrb.numpy()):
            boxes, scores = postprocess(h[0], r, SignatureNet.STRIDE, min_score, nms_iou, (size, size))
            out.append((boxes / size, scores))
    return out


def evaluate(model: torch.nn.Module, cache: sd.SplitCache, size: int) -> dict[str, float]:
    preds = predict_pages(model, cache.pages, size)
    pages = [PageResult(b, s, t) for (b, s), t in zip(preds, cache.boxes)]
    ap = average_precision(pages)
    thr, prf = best_f1_threshold(pages)
    # Unsigned twins: the share with no box above the chosen threshold.
    blank = predict_pages(model, cache.erased, size)
    clean = float(np.mean([np.sum(s >= thr) == 0 for _, s in blank]))
    signed = float(np.mean([np.sum(s >= thr) >= 1 for _, s in preds]))
    return {"ap50": ap, "f1": prf["f1"], "precision": prf["precision"], "recall": prf["recall"],
            "threshold": thr, "verdict_acc": (clean + signed) / 2}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    cv2.setNumThreads(1)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    limit = 12 if args.smoke else None
    t_load = time.time()
    train = sd.build_cache(args.data, args.cache, "train", limit=limit)
    val = sd.build_cache(args.data, args.cache, "val", limit=8 if args.smoke else None)
    crops = sd.load_crops(args.data, args.cache, limit=60 if args.smoke else None)
    log_line(args.out, f"data: {len(train.names)} train, {len(val.names)} val pages, {len(crops)} crops "
                  f"({time.time() - t_load:.1f}s)")

    model = SignatureNet(args.width)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    ema = Ema(model)
    start_epoch, elapsed_before, best, step = 0, 0.0, -1.0, 0
    last = args.out / "last.ckpt"
    if args.resume and last.is_file():
        ck = torch.load(last, map_location="cpu", weights_only=False)
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        ema.shadow, ema.updates = ck["ema"], ck["ema_updates"]
        start_epoch, elapsed_before, best, step = ck["epoch"] + 1, ck["elapsed"], ck["best"], ck["step"]
        log_line(args.out, f"resumed at epoch {start_epoch}, {elapsed_before / 60:.1f} min already spent")
    budget = args.max_minutes * 60
    params = sum(p.numel() for p in model.parameters())
    log_line(args.out, f"model: width {args.width}, {params / 1e6:.3f} M params, input {args.size}, budget {args.max_minutes} min")
    sampler = sd.TrainSampler(train, crops, args.size, seed=args.seed + start_epoch)
    t0 = time.time()
    warmup = 50 if not args.smoke else 1
    ema_model = SignatureNet(args.width)

    for epoch in range(start_epoch, args.epochs):
        model.train()
        t_epoch = time.time()
        order = list(range(len(train.names)))
        random.Random(args.seed * 1000 + epoch).shuffle(order)
        losses = []
        stop = False
        for b in range(0, len(order) - args.batch + 1 if len(order) >= args.batch else 1, args.batch):
            elapsed = elapsed_before + time.time() - t0
            progress = max(elapsed / budget, epoch / args.epochs)
            if progress >= 1.0:
                stop = True
                break
            lr = args.lr * min(1.0, (step + 1) / warmup) * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * progress)))
            for g in opt.param_groups:
                g["lr"] = lr
            samples = [sampler.sample(i) for i in order[b : b + args.batch]]
            losses.append(train_step(model, opt, ema, samples, args.size))
            step += 1
        if not losses:
            break
        ema_model.load_state_dict(ema.shadow)
        metrics = evaluate(ema_model, val, args.size)
        elapsed = elapsed_before + time.time() - t0
        score = metrics["ap50"] + 0.5 * metrics["f1"]
        ck = {"model": model.state_dict(), "opt": opt.state_dict(), "ema": ema.shadow, "ema_updates": ema.updates,
              "epoch": epoch, "elapsed": elapsed, "best": max(best, score), "step": step,
              "config": {"size": args.size, "width": args.width, "stride": SignatureNet.STRIDE}, "val": metrics}
        torch.save(ck, args.out / "last.tmp")
        (args.out / "last.tmp").replace(last)
        is_best = score > best
        if is_best:
            best = score
            torch.save({"model": ema.shadow, "config": ck["config"], "val": metrics, "epoch": epoch}, args.out / "best.ckpt")
        hm, bx = np.mean(losses, axis=0)
        log_line(args.out, f"epoch {epoch} {time.time() - t_epoch:.0f}s total {elapsed / 60:.1f}m lr {lr:.2e} "
                      f"loss hm {hm:.3f} box {bx:.3f} | val ap50 {metrics['ap50']:.3f} f1 {metrics['f1']:.3f} "
                      f"@{metrics['threshold']:.2f} verdict {metrics['verdict_acc']:.3f}{' *' if is_best else ''}")
        with (args.out / "metrics.jsonl").open("a") as f:
            f.write(json.dumps({"epoch": epoch, "elapsed_s": round(elapsed), **metrics}) + "\n")
        if stop or elapsed >= budget:
            break
    log_line(args.out, f"done; best checkpoint {args.out / 'best.ckpt'}")
    from alyesdesk.training.signatures.export import export_onnx

    export_onnx(args.out / "best.ckpt", args.out / "signature_detector.onnx")
    log_line(args.out, f"exported {args.out / 'signature_detector.onnx'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
