"""Fine-tune the shipped signature detector for modern documents: Tobacco800 + generated modern pages.

    nice -n 10 python -m alyesdesk.training.signatures.finetune --max-minutes 45        # resumable
    python -m alyesdesk.training.signatures.finetune --resume --max-minutes 10

Starts from `models/signature_detector.onnx` (its initializers, `from_onnx`), BatchNorms frozen. Each
batch is half Tobacco800 (the original sampler: real, erased twins, composited, synthetic) and half
modern pages (`modern.modern_page`, from a pool generated once at start and cached). Validation, used to
keep the best checkpoint: Tobacco800 val + `modern.generated_val` (never contracts_fr or staver_colour).
Writes `last.ckpt`, `best.ckpt`, `train.log` and `metrics.jsonl` under --out, then the best checkpoint's
ONNX. Single-threaded by default (a shared CPU).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from pathlib import Path
from collections.abc import Callable, Iterator

import cv2
import numpy as np
import torch

from alyesdesk.training.signatures import data as sd
from alyesdesk.training.signatures import modern
from alyesdesk.training.signatures.from_onnx import freeze_bn, load_from_onnx
from alyesdesk.training.signatures.metrics import PageResult, average_precision, best_f1_threshold
from alyesdesk.training.signatures.model import SignatureNet
from alyesdesk.training.common import log_line
from alyesdesk.training.signatures.train import Ema, evaluate, predict_pages, train_step

REPO = Path(__file__).resolve().parents[3]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", type=Path, default=sd.default_data_root())
    p.add_argument("--init", type=Path, default=REPO / "models" / "signature_detector.onnx")
    p.add_argument("--out", type=Path, default=REPO / "runs" / "signatures_modern")
    p.add_argument("--cache", type=Path, default=REPO / ".cache" / "signatures")
    p.add_argument("--size", type=int, default=384)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--steps-per-epoch", type=int, default=40)
    p.add_argument("--pool", type=int, default=700, help="modern pages generated once (cached)")
    p.add_argument("--val-pages", type=int, default=120)
    p.add_argument("--modern-share", type=float, default=0.5)
    p.add_argument("--lr", type=float, default=6e-4)
    p.add_argument("--max-minutes", type=float, default=45.0)
    p.add_argument("--resume", action="store_true")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=0)
    return p.parse_args(argv)


def _cached_pages(path: Path, make: Callable[[], Iterator[tuple[np.ndarray, np.ndarray]]], side: int
                  ) -> tuple[np.ndarray, list[np.ndarray]]:
    """Square grey pages and their boxes from the .npz at `path`, or made by `make()` and saved there."""
    if path.is_file():
        d = np.load(path)
        flat, counts = d["boxes"], d["counts"]  # read once: each d[...] decompresses the whole array
        boxes, start = [], 0
        for c in counts:
            boxes.append(flat[start : start + c])
            start += c
        return d["pages"], boxes
    pages, boxes = [], []
    for page, b in make():
        g, nb = modern.square_grey(page, b, side)
        pages.append(g)
        boxes.append(nb)
    tmp = path.with_suffix(".tmp.npz")
    np.savez(tmp, pages=np.stack(pages), boxes=np.concatenate(boxes).reshape(-1, 4),
             counts=np.asarray([len(b) for b in boxes], np.int32))
    tmp.replace(path)
    return np.stack(pages), boxes


def modern_pool(root: Path, cache: Path, n: int, side: int = sd.CACHE_SIDE, seed: int = 777
                ) -> tuple[np.ndarray, list[np.ndarray]]:
    """`n` generated training pages (train crops only), square grey at `side`; cached as .npz."""
    def make() -> Iterator[tuple[np.ndarray, np.ndarray]]:
        crops = modern.all_crops(root, cache, val=False)
        rng = random.Random(seed)
        for _ in range(n):
            page, b, _stamps = modern.modern_page(rng, crops)
            yield page, b

    return _cached_pages(cache / f"modern_pool_{n}_{side}_{seed}.npz", make, side)


def generated_val_cache(root: Path, cache: Path, n: int, side: int = sd.CACHE_SIDE) -> tuple[np.ndarray, list[np.ndarray]]:
    """The generated validation pages, square grey at `side`; cached as .npz."""
    def make() -> Iterator[tuple[np.ndarray, np.ndarray]]:
        for page, b, _stamps in modern.generated_val(root, n, cache):
            yield page, b

    return _cached_pages(cache / f"modern_val_{n}_{side}.npz", make, side)


def evaluate_generated(model: torch.nn.Module, pages: np.ndarray, boxes: list[np.ndarray], size: int) -> dict:
    preds = predict_pages(model, pages, size)
    results = [PageResult(b, s, t) for (b, s), t in zip(preds, boxes)]
    thr, prf = best_f1_threshold(results)
    verdict = float(np.mean([(np.sum(s >= thr) >= 1) == (len(t) > 0) for (_, s), t in zip(preds, boxes)]))
    return {"ap50": average_precision(results), "f1": prf["f1"], "threshold": thr, "verdict_acc": verdict}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    cv2.setNumThreads(1)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    t_load = time.time()
    train = sd.build_cache(args.data, args.cache, "train")
    val = sd.build_cache(args.data, args.cache, "val")
    crops = sd.load_crops(args.data, args.cache)
    gen_pages, gen_boxes = modern_pool(args.data, args.cache, args.pool)
    gval_pages, gval_boxes = generated_val_cache(args.data, args.cache, args.val_pages)
    log_line(args.out, f"data: {len(train.names)} tobacco train, {len(gen_pages)} modern pool, {len(val.names)} tobacco val, "
                  f"{len(gval_pages)} generated val ({time.time() - t_load:.0f}s)")
    model = load_from_onnx(args.init, 16, args.size)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    ema = Ema(model, decay=0.995)
    start_epoch, elapsed_before, best, step = 0, 0.0, -1.0, 0
    last = args.out / "last.ckpt"
    if args.resume and last.is_file():
        ck = torch.load(last, map_location="cpu", weights_only=False)
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        ema.shadow, ema.updates = ck["ema"], ck["ema_updates"]
        start_epoch, elapsed_before, best, step = ck["epoch"] + 1, ck["elapsed"], ck["best"], ck["step"]
        log_line(args.out, f"resumed at epoch {start_epoch}")
    elif start_epoch == 0:
        base_t = evaluate(model, val, args.size)
        base_g = evaluate_generated(model, gval_pages, gval_boxes, args.size)
        log_line(args.out, f"start: tobacco val ap50 {base_t['ap50']:.3f} verdict {base_t['verdict_acc']:.3f} | "
                      f"generated val ap50 {base_g['ap50']:.3f} verdict {base_g['verdict_acc']:.3f}")
    sampler = sd.TrainSampler(train, crops, args.size, seed=args.seed + start_epoch)
    rng = random.Random(args.seed * 7 + start_epoch)
    budget = args.max_minutes * 60
    t0 = time.time()
    ema_model = SignatureNet(16)
    config = {"size": args.size, "width": 16, "stride": SignatureNet.STRIDE}
    epoch = start_epoch
    while True:
        model.train()
        freeze_bn(model)
        losses, stop = [], False
        t_epoch = time.time()
        for _ in range(args.steps_per_epoch):
            elapsed = elapsed_before + time.time() - t0
            progress = elapsed / budget
            if progress >= 1.0:
                stop = True
                break
            lr = args.lr * min(1.0, (step + 1) / 20) * (0.03 + 0.97 * 0.5 * (1 + math.cos(math.pi * progress)))
            for g in opt.param_groups:
                g["lr"] = lr
            samples = []
            for _k in range(args.batch):
                if rng.random() < args.modern_share:
                    i = rng.randrange(len(gen_pages))
                    samples.append(sd.augment(gen_pages[i], gen_boxes[i], args.size, rng))
                else:
                    samples.append(sampler.sample(rng.randrange(len(train.names))))
            losses.append(train_step(model, opt, ema, samples, args.size))
            step += 1
        if not losses:
            break
        ema_model.load_state_dict(ema.shadow)
        mt = evaluate(ema_model, val, args.size)
        mg = evaluate_generated(ema_model, gval_pages, gval_boxes, args.size)
        elapsed = elapsed_before + time.time() - t0
        # Tobacco800 must hold (its AP weighs as much as the generated pages').
        score = (mt["ap50"] + mg["ap50"]) / 2 + 0.5 * (mt["verdict_acc"] + mg["verdict_acc"]) / 2
        ck = {"model": model.state_dict(), "opt": opt.state_dict(), "ema": ema.shadow, "ema_updates": ema.updates,
              "epoch": epoch, "elapsed": elapsed, "best": max(best, score), "step": step, "config": config,
              "val": {"tobacco": mt, "generated": mg}}
        torch.save(ck, args.out / "last.tmp")
        (args.out / "last.tmp").replace(last)
        is_best = score > best
        if is_best:
            best = score
            torch.save({"model": ema.shadow, "config": config, "val": ck["val"], "epoch": epoch}, args.out / "best.ckpt")
        hm, bx = np.mean(losses, axis=0)
        log_line(args.out, f"epoch {epoch} {time.time() - t_epoch:.0f}s total {elapsed / 60:.1f}m lr {lr:.1e} loss {hm:.3f}/{bx:.3f} | "
                      f"tobacco ap50 {mt['ap50']:.3f} verdict {mt['verdict_acc']:.3f} | generated ap50 {mg['ap50']:.3f} "
                      f"verdict {mg['verdict_acc']:.3f}{' *' if is_best else ''}")
        with (args.out / "metrics.jsonl").open("a") as f:
            f.write(json.dumps({"epoch": epoch, "elapsed_s": round(elapsed), "tobacco": mt, "generated": mg}) + "\n")
        epoch += 1
        if stop or elapsed >= budget:
            break
    from alyesdesk.training.signatures.export import export_onnx

    export_onnx(args.out / "best.ckpt", args.out / "signature_detector.onnx")
    log_line(args.out, f"exported {args.out / 'signature_detector.onnx'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
