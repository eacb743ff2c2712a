"""Fine-tune the shipped street segmenter on CamVid train + IDD Lite train with partial labels.

    python -m alyesdesk.training.streets.finetune --max-minutes 40            # runs/streets_ft/
    python -m alyesdesk.training.streets --export-only --checkpoint runs/streets_ft/best.pt --out ...

- Starts from `models/street_segmenter.onnx`: its initializers (BatchNorm already folded into the convs by
  the exporter) are loaded into the `StreetNet` of `model.py`; BatchNorm layers become identities with the
  folded bias and stay frozen (eval mode) while fine-tuning, so the start is exactly the shipped model.
- Data: CamVid train minus a held-out selection split (the last 15% of frames of each CamVid sequence,
  contiguous so neighbouring frames do not leak), plus IDD Lite train. IDD Lite's mixed level-1 labels are
  partial labels (allowed sets, `data.IDD_LITE_ALLOWED`); the loss is -log of the summed probability of
  the allowed categories, class-balanced (inverse square-root CamVid frequencies; `--loss balanced`, the
  default) or with online hard-example mining (`--loss ohem`: the hardest 25% of pixels of each batch and
  every pixel whose allowed probability is under 0.7). Batches are 75% CamVid, 25% IDD Lite.
- Augmentation: scale 0.6-1.8, 256x192 crops, flip, colour jitter, and weather/optics (`weather`): blur,
  haze, rain streaks, night gamma.
- Object focus (`focus.py`, 1.2.0 attempt): `--focus` of the CamVid crops are placed around an object
  pixel (`--human-focus` around a human one), `--paste` of the CamVid frames get another frame's object
  pixels pasted at the same place, and `--object-weight` multiplies the object category's loss weight.
- `--resume` continues `last.pt` (weights, optimiser, step, elapsed budget, random state).
- Selection: among the fine-tuned checkpoints (never the starting weights), the best mean IoU on the
  CamVid-train hold-out ONLY; `last.pt` is the end of the fixed budget (no selection at all). CamVid val and
  IDD Lite val are never looked at here; `alyesdesk.training.streets.eval` reports them afterwards.
  Caveat: the shipped 1.0.0 weights were trained on ALL of CamVid train, hold-out included, so the
  hold-out flatters the starting point (its "holdout_miou" in the log is training accuracy) and favours
  early checkpoints, which have forgotten the least of it.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import cv2
import numpy as np
import torch

from alyesdesk.training.streets.data import (
    CATEGORIES,
    VOID,
    Split,
    allowed_from_categories,
    augment,
    cached_split,
    load_idd_lite,
)
from alyesdesk.training.streets.focus import category_bit, focused_augment, images_with, paste_objects
from alyesdesk.training.streets.model import StreetNet
from alyesdesk.training.streets.train import CROP_HW, DEFAULT_DATA, REPO, evaluate, lr_at, to_input

DEFAULT_IDD = REPO.parent / "shared" / "data" / "streets" / "idd_lite"
HOLDOUT_FRACTION = 0.15


# --- start from the shipped ONNX ------------------------------------------------------------------


def load_onnx_weights(model: StreetNet, onnx_path: str | Path) -> None:
    """Copy the folded Conv weights of an exported StreetNet into `model` (same width).

    The exporter fused each Conv+BatchNorm into one Conv with a bias; the Conv nodes appear in the graph in
    the order of `model.modules()`. The BatchNorm after each bias-free conv is set to the identity plus
    that bias (mean 0, var 1 - eps, weight 1), so it must stay in eval mode.
    """
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(str(onnx_path)).graph
    init = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    nodes = [n for n in graph.node if n.op_type == "Conv"]
    modules = list(model.modules())
    convs = [(i, m) for i, m in enumerate(modules) if isinstance(m, torch.nn.Conv2d)]
    if len(convs) != len(nodes):
        raise ValueError(f"{onnx_path}: {len(nodes)} Conv nodes, the network has {len(convs)} convs")
    with torch.no_grad():
        for (index, conv), node in zip(convs, nodes):
            weight = torch.from_numpy(init[node.input[1]].copy())
            bias = torch.from_numpy(init[node.input[2]].copy()) if len(node.input) > 2 else None
            if weight.shape != conv.weight.shape:
                raise ValueError(f"{node.name}: weight {tuple(weight.shape)} != {tuple(conv.weight.shape)}")
            conv.weight.copy_(weight)
            if conv.bias is not None:
                conv.bias.copy_(bias if bias is not None else torch.zeros_like(conv.bias))
                continue
            bn = modules[index + 1]
            if not isinstance(bn, torch.nn.BatchNorm2d):
                raise ValueError(f"{node.name}: a bias-free conv without a BatchNorm after it")
            bn.weight.fill_(1.0)
            bn.bias.copy_(bias if bias is not None else torch.zeros_like(bn.bias))
            bn.running_mean.zero_()
            bn.running_var.fill_(1.0 - bn.eps)


def freeze_batchnorm(model: torch.nn.Module) -> None:
    for module in model.modules():
        if isinstance(module, torch.nn.BatchNorm2d):
            module.eval()


# --- data -----------------------------------------------------------------------------------------


def holdout_split(names: list[str], fraction: float = HOLDOUT_FRACTION) -> tuple[list[int], list[int]]:
    """(train, holdout) indices: the last `fraction` of each sequence's frames (names `SEQ_frame`)."""
    by_sequence: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        by_sequence.setdefault(name.split("_")[0], []).append(i)
    train, hold = [], []
    for indices in by_sequence.values():
        indices = sorted(indices, key=lambda i: names[i])
        cut = len(indices) - max(1, round(len(indices) * fraction))
        train += indices[:cut]
        hold += indices[cut:]
    return sorted(train), sorted(hold)


def weather(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Blur, haze, rain streaks and night gamma, each sometimes: conditions CamVid hardly has."""
    out = image.astype(np.float32)
    h, w = out.shape[:2]
    if rng.random() < 0.2:  # defocus or motion blur
        if rng.random() < 0.5:
            out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.6, 1.8))
        else:
            k = int(rng.integers(3, 8))
            kernel = np.zeros((k, k), np.float32)
            kernel[k // 2] = 1.0 / k
            out = cv2.filter2D(out, -1, kernel)
    if rng.random() < 0.2:  # haze / dust: blend towards a pale colour, stronger higher up
        colour = np.array([rng.uniform(170, 235)] * 3, np.float32) + rng.uniform(-15, 15, 3).astype(np.float32)
        strength = rng.uniform(0.15, 0.5)
        ramp = np.linspace(1.0, 0.4, h, dtype=np.float32)[:, None, None] * strength
        out = out * (1 - ramp) + colour * ramp
    if rng.random() < 0.15:  # rain streaks
        layer = np.zeros((h, w), np.float32)
        count = int(rng.integers(150, 600))
        xs, ys = rng.integers(0, w, count), rng.integers(0, h, count)
        length, slant = int(rng.integers(6, 16)), rng.uniform(-0.4, 0.4)
        for x, y in zip(xs, ys):
            cv2.line(layer, (int(x), int(y)), (int(x + slant * length), int(y + length)), 1.0, 1)
        layer = cv2.GaussianBlur(layer, (3, 3), 0) * rng.uniform(60, 140)
        out = out * rng.uniform(0.75, 0.95) + layer[:, :, None]
    if rng.random() < 0.15:  # night: gamma, darker, bluish, sensor noise
        gamma = rng.uniform(1.6, 2.6)
        out = 255.0 * (np.clip(out, 0, 255) / 255.0) ** gamma * rng.uniform(0.6, 1.0)
        out *= np.array([rng.uniform(1.0, 1.2), 1.0, rng.uniform(0.8, 1.0)], np.float32)  # BGR
        out += rng.normal(0, rng.uniform(2, 6), out.shape).astype(np.float32)
    return np.clip(out, 0, 255).astype(np.uint8)


# --- loss -----------------------------------------------------------------------------------------


def partial_ohem_loss(logits: torch.Tensor, allowed: torch.Tensor, keep: float = 0.25,
                      threshold: float = 0.7) -> torch.Tensor:
    """-log(sum of the allowed categories' probabilities) over the hard pixels.

    `allowed` is (N, H, W) int64 bitmasks (0 = ignored). Kept: every pixel whose allowed probability is
    under `threshold`, and at least the hardest `keep` fraction of the valid pixels.
    """
    bits = torch.arange(logits.shape[1], device=logits.device).view(1, -1, 1, 1)
    member = ((allowed.unsqueeze(1) >> bits) & 1).bool()
    member[:, VOID] = False  # void is never an answer
    log_probs = logits.log_softmax(1)
    per_pixel = -torch.logsumexp(log_probs.masked_fill(~member, float("-inf")), dim=1)
    valid = member.any(1)
    losses = per_pixel[valid]
    if losses.numel() == 0:
        return logits.sum() * 0.0
    hard = losses[losses > -np.log(threshold)]
    top = max(1, int(losses.numel() * keep))
    if hard.numel() < top:
        hard = torch.topk(losses, top).values
    return hard.mean()


def partial_balanced_loss(logits: torch.Tensor, allowed: torch.Tensor, weights: torch.Tensor) -> torch.Tensor:
    """Class-balanced -log(sum of the allowed categories' probabilities): a pixel's weight is the mean
    weight of its allowed categories (`weights`, one per category, e.g. `train.class_weights`).
    """
    bits = torch.arange(logits.shape[1], device=logits.device).view(1, -1, 1, 1)
    member = ((allowed.unsqueeze(1) >> bits) & 1).bool()
    member[:, VOID] = False
    per_pixel = -torch.logsumexp(logits.log_softmax(1).masked_fill(~member, float("-inf")), dim=1)
    count = member.sum(1)
    valid = count > 0
    if not valid.any():
        return logits.sum() * 0.0
    w = (member.float() * weights.view(1, -1, 1, 1)).sum(1) / count.clamp(min=1)
    return (per_pixel[valid] * w[valid]).sum() / w[valid].sum().clamp(min=1e-6)


# --- training -------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--idd", type=Path, default=DEFAULT_IDD)
    p.add_argument("--start", type=Path, default=REPO / "models" / "street_segmenter.onnx")
    p.add_argument("--runs", type=Path, default=REPO / "runs" / "streets_ft")
    p.add_argument("--cache", type=Path, default=REPO / ".cache" / "streets")
    p.add_argument("--width", type=int, default=20)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--lr", type=float, default=1e-4)
    p.add_argument("--max-minutes", type=float, default=40.0)
    p.add_argument("--eval-every", type=int, default=30, help="batches between hold-out evaluations")
    p.add_argument("--camvid-share", type=float, default=0.75, help="fraction of each batch from CamVid")
    p.add_argument("--loss", choices=("ohem", "balanced"), default="balanced",
                   help="OHEM (hardest pixels) or class-balanced partial-label cross-entropy")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--object-weight", type=float, default=1.0, help="multiplies the object category's weight")
    p.add_argument("--focus", type=float, default=0.0, help="share of CamVid crops placed around an object pixel")
    p.add_argument("--human-focus", type=float, default=0.0, help="share of CamVid crops around a human pixel")
    p.add_argument("--paste", type=float, default=0.0, help="share of CamVid frames given another's objects")
    p.add_argument("--resume", action="store_true", help="continue runs/.../last.pt")
    p.add_argument("--smoke", action="store_true")
    return p.parse_args(argv)


def log(runs: Path, record: dict) -> None:
    line = json.dumps(record)
    print(line, flush=True)
    with (runs / "log.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    cv2.setNumThreads(1)
    args.runs.mkdir(parents=True, exist_ok=True)
    camvid = cached_split(args.data, "train", args.cache, 8 if args.smoke else None)
    fit_idx, hold_idx = holdout_split(camvid.names)
    idd = load_idd_lite(args.idd, "train", 8 if args.smoke else None)
    cam_images, cam_bits = camvid.images[fit_idx], allowed_from_categories(camvid.masks[fit_idx])
    hold = Split(camvid.images[hold_idx], camvid.masks[hold_idx], [camvid.names[i] for i in hold_idx])
    model = StreetNet(len(CATEGORIES), args.width)
    load_onnx_weights(model, args.start)
    rng = np.random.default_rng(args.seed)
    torch.manual_seed(args.seed)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    from alyesdesk.training.streets.train import class_weights

    weights = class_weights(camvid.masks[fit_idx])
    weights[CATEGORIES.index("object")] *= args.object_weight
    obj_bit, human_bit = category_bit("object"), category_bit("human")
    obj_frames, human_frames = images_with(cam_bits, obj_bit), images_with(cam_bits, human_bit)
    budget = (0.1 if args.smoke else args.max_minutes) * 60.0
    best, offset, step, seen = -1.0, 0.0, 0, 0  # the start is no candidate (see the module docstring)
    last = args.runs / "last.pt"
    if args.resume and last.is_file():
        ckpt = torch.load(last, map_location="cpu", weights_only=False)
        model.load_state_dict(ckpt["model"])
        opt.load_state_dict(ckpt["opt"])
        best, offset, step, seen = ckpt["best"], ckpt["elapsed"], ckpt["step"], ckpt["images"]
        rng.bit_generator.state = ckpt["rng"]
        torch.set_rng_state(ckpt["torch_rng"])
        log(args.runs, {"event": "resume", "step": step, "elapsed_min": round(offset / 60, 2)})
    else:
        per, miou = evaluate(model, hold.images, hold.masks)
        log(args.runs, {"event": "start", "fit_camvid": len(fit_idx), "holdout_camvid": len(hold_idx),
                        "idd_train": len(idd.names), "holdout_miou": round(miou, 4),
                        "holdout_iou": {k: round(v, 4) for k, v in per.items()}, "budget_min": budget / 60,
                        "weights": [round(float(w), 3) for w in weights], "object_frames": len(obj_frames),
                        "human_frames": len(human_frames), "args": {k: str(v) for k, v in vars(args).items()}})
    started, losses = time.time() - offset, []
    n_cam = max(1, round(args.batch * args.camvid_share))
    while time.time() - started < budget:
        model.train()
        freeze_batchnorm(model)
        for group in opt.param_groups:
            group["lr"] = lr_at(args.lr, (time.time() - started) / budget)
        pairs = []
        for _ in range(n_cam):
            r = rng.random()
            frames, bit = ((obj_frames, obj_bit) if r < args.focus else
                           (human_frames, human_bit) if r < args.focus + args.human_focus else (None, 0))
            j = int(rng.choice(frames)) if frames is not None and len(frames) else int(rng.integers(len(cam_images)))
            image, bits = cam_images[j], cam_bits[j]
            if len(obj_frames) and rng.random() < args.paste:
                src = int(rng.choice(obj_frames))
                image, bits = paste_objects(image, bits, cam_images[src], cam_bits[src], obj_bit)
            if bit:
                pairs.append(focused_augment(image, bits, CROP_HW, rng, (0.8, 1.8), bit))
            else:
                pairs.append(augment(image, bits, CROP_HW, rng, (0.6, 1.8), fill=0))
        for j in rng.integers(0, len(idd.images), args.batch - n_cam):
            pairs.append(augment(idd.images[j], idd.masks[j], CROP_HW, rng, (0.6, 1.8), fill=0))
        x = to_input(np.stack([weather(p[0], rng) for p in pairs]))
        y = torch.from_numpy(np.stack([p[1] for p in pairs]).astype(np.int64))
        logits = model(x)
        loss = partial_ohem_loss(logits, y) if args.loss == "ohem" else partial_balanced_loss(logits, y, weights)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        losses.append(float(loss.detach()))
        step += 1
        seen += len(pairs)
        if step % args.eval_every == 0 or args.smoke:
            per, miou = evaluate(model, hold.images, hold.masks)
            record = {"step": step, "images": seen, "loss": round(float(np.mean(losses)), 4),
                      "holdout_miou": round(miou, 4), "holdout_iou": {k: round(v, 4) for k, v in per.items()},
                      "elapsed_min": round((time.time() - started) / 60, 2), "lr": round(opt.param_groups[0]["lr"], 6)}
            losses = []
            if miou > best:
                best = miou
                torch.save({"model": model.state_dict(), "width": args.width, "epoch": f"step {step}",
                            "val_iou": per, "val_miou": miou, "selected_on": "CamVid-train hold-out"},
                           args.runs / "best.pt")
                record["best"] = True
            log(args.runs, record)
            tmp = args.runs / "last.tmp"
            torch.save({"model": model.state_dict(), "width": args.width, "epoch": f"step {step}",
                        "val_iou": per, "val_miou": miou, "opt": opt.state_dict(), "best": best,
                        "elapsed": time.time() - started, "step": step, "images": seen,
                        "rng": rng.bit_generator.state, "torch_rng": torch.get_rng_state()}, tmp)
            tmp.replace(args.runs / "last.pt")
            if args.smoke:
                break
    if step % args.eval_every and not args.smoke:  # the budget ran out between saves: last.pt = the very end
        per, miou = evaluate(model, hold.images, hold.masks)
        log(args.runs, {"step": step, "holdout_miou": round(miou, 4), "final": True,
                        "holdout_iou": {k: round(v, 4) for k, v in per.items()}})
        torch.save({"model": model.state_dict(), "width": args.width, "epoch": f"step {step}",
                    "val_iou": per, "val_miou": miou}, args.runs / "final.pt")
    log(args.runs, {"event": "stop", "steps": step, "images": seen, "best_holdout_miou": round(best, 4)})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
