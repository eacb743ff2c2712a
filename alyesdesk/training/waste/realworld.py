"""Train the waste classifier for real photos (every waste source, copy-paste onto real surfaces, strong
augmentation, a "not waste" background class) and export it with its sidecar.

    # 1. honest run: hold one real source out, score on it
    python -m alyesdesk.training.waste.realworld --holdout restaurant --run-dir runs/waste_rw_holdout \
        --max-minutes 45 --threads 1 --out runs/waste_rw_holdout/out
    # 2. the shipped run: every source, fine-tuned from run 1's best checkpoint
    python -m alyesdesk.training.waste.realworld --init-checkpoint runs/waste_rw_holdout/best.pt \
        --run-dir runs/waste_rw_all --max-minutes 25 --threads 1 --out models
    python -m alyesdesk.training.waste.realworld --finalize-only --run-dir ... --out ...   # export + measure

The network is `model.build_model(10, 32)`: 9 materials plus a training-only background class. The export
subtracts the background logit from the 9 material logits, so the exported `logits` give the same material
softmax, and sigmoid(logsumexp(logits)) is the model's probability that the photo shows a waste item at all:
the backend compares it with `thresholds.not_waste`. A second output, `embedding`, is the pooled penultimate
feature (for few-shot heads); the classifier ignores it.

Sources and the material mapping: `sources.py`; augmentation: `augment.py`; copy-paste: `copypaste.py`;
the not-waste score and its metrics: `ood.py`. Val splits choose checkpoints, temperature and thresholds;
test splits and the held-out source are scored once, through the app's own path (read_image -> to_tensor
-> onnxruntime on the original files).
"""

from __future__ import annotations

import argparse
import copy
import json
import logging
import time
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from alyesdesk import paths
from alyesdesk.inference.errors import ImageError
from alyesdesk.inference.images import read_image, resize_for
from alyesdesk.training import common
from alyesdesk.training.waste import augment as A
from alyesdesk.training.waste import ood
from alyesdesk.training.waste import sources as S
from alyesdesk.training.waste.copypaste import board_mask, paste
from alyesdesk.training.waste.model import build_model
from alyesdesk.training.waste.rw_model import MEAN, STD, export_logits, init_from_onnx

log = logging.getLogger("alyesdesk.training.waste.realworld")

STEM = "waste_classifier"
LABELS = S.MATERIALS
ALL_LABELS = (*S.MATERIALS, S.BACKGROUND)
# The 1.x models' normalisation, kept so their weights can initialise this network.
TRAIN_SIZE = 96  # cached size for training crops; the model sees args.size
NEG_TEXTURES = ("tiles", "table", "noise", "fabric_free_cloth")  # bare surfaces: no item, not waste
PASTE_TEXTURES = A.TEXTURES
SOURCE_WEIGHTS = {"trashnet": 0.35, "extra": 0.2, "web": 0.3, "restaurant": 0.15}

DATA_SOURCES = [
    {"name": "TrashNet (Thung & Yang 2016): cardboard, glass, metal, paper, plastic, trash",
     "source": "garythung/trashnet; copy from congduytran12/Trash-Classification- @00212f2", "licence": "MIT",
     "folder": "waste/trashnet"},
    {"name": "wood, textiles, organic_waste (web-scraped, some watermarks)",
     "source": "cardstdani/WasteClassificationNeuralNetwork @34ea0fa", "licence": "none stated; research use",
     "folder": "waste/extra"},
    {"name": "web photos of waste items in varied scenes (aluminium, carton, glass, plastics, paper_and_cardboard)",
     "source": "cardstdani/WasteClassificationNeuralNetwork @34ea0fa, WasteImagesDataset/",
     "licence": "no licence file (README: merged from public waste sets); research use", "folder": "waste/web"},
    {"name": "restaurant waste, real phone photos from above on kraft paper (16 item classes)",
     "source": "arthur-cen/smartTrashBin @a0b0144", "licence": "CC BY-SA 4.0 (data/LICENSE.md)",
     "folder": "waste/restaurant"},
    {"name": "not-waste examples: CamVid + IDD Lite street scenes, Tobacco800 document pages (training), "
             "faces and contracts_fr pages (test only)",
     "source": "see ../shared/data/README.md", "licence": "CamVid CC BY-NC 4.0 (research); IDD Lite research use; "
     "Tobacco800 none stated; only used as negatives, never shipped", "folder": "streets, signatures"},
]


# --- data ------------------------------------------------------------------------------------------
def _decode(path: Path) -> np.ndarray | None:
    try:
        return read_image(path)[:, :, ::-1]  # RGB
    except ImageError as exc:
        log.warning("skipping unreadable image: %s", exc)
        return None


def load_images(rel_paths: list[str], root: Path, size: int, cache_dir: Path, tag: str,
                app_resize: bool = True) -> np.ndarray:
    """uint8 NHWC RGB, stretched to size x size exactly as the app does (resize_for), cached."""
    key = common.stable_key("|".join(rel_paths) + str(root.resolve()), size)[:16]
    cache = cache_dir / f"wasterw_{tag}_{size}_{key}.npy"
    if cache.is_file():
        return np.load(cache)
    from alyesdesk.training.waste.train import input_spec

    spec = input_spec(size, [0.0], [1.0])
    out = np.zeros((len(rel_paths), size, size, 3), np.uint8)
    for i, rel in enumerate(rel_paths):
        rgb = _decode(root / rel)
        if rgb is None:
            continue
        out[i] = resize_for(np.ascontiguousarray(rgb), spec)[0] if app_resize else \
            cv2.resize(rgb, (size, size), interpolation=cv2.INTER_AREA)
    cache_dir.mkdir(parents=True, exist_ok=True)
    np.save(cache, out)
    return out


def load_negative_train(rel_paths: list[str], root: Path, size: int, cache_dir: Path, crops: int = 1) -> np.ndarray:
    """Each negative image whole, plus `crops` zoomed crops (a page's text block, a corner of a street)."""
    key = common.stable_key("|".join(rel_paths) + str(root.resolve()) + str(crops), size)[:16]
    cache = cache_dir / f"wasterw_negtrain_{size}_{key}.npy"
    if cache.is_file():
        return np.load(cache)
    rng = np.random.default_rng(0)
    out = []
    for rel in rel_paths:
        rgb = _decode(root / rel)
        if rgb is None:
            continue
        out.append(cv2.resize(rgb, (size, size), interpolation=cv2.INTER_AREA))
        h, w = rgb.shape[:2]
        for _ in range(crops):
            side = int(min(h, w) * rng.uniform(0.25, 0.6))
            y, x = int(rng.integers(0, h - side + 1)), int(rng.integers(0, w - side + 1))
            out.append(cv2.resize(np.ascontiguousarray(rgb[y:y + side, x:x + side]), (size, size),
                                  interpolation=cv2.INTER_AREA))
    arr = np.stack(out)
    cache_dir.mkdir(parents=True, exist_ok=True)
    np.save(cache, arr)
    return arr


def masks_for(images: np.ndarray, cache_dir: Path, key: str) -> np.ndarray:
    cache = cache_dir / f"wasterw_masks_{key}.npy"
    if cache.is_file():
        return np.load(cache)
    masks = np.zeros(images.shape[:3], np.uint8)
    for i, img in enumerate(images):
        m = board_mask(img)
        if m is not None:
            masks[i] = m
    np.save(cache, masks)
    return masks


def allowed_matrix(samples: list[S.Sample]) -> np.ndarray:
    return np.array([S.allowed_mask(s.allowed, ALL_LABELS) for s in samples], np.float32)


def prepare(args: argparse.Namespace) -> dict[str, Any]:
    root = Path(args.data_root)
    cache_dir = Path(args.cache_dir)
    run_dir = Path(args.run_dir)
    split_path = run_dir / "split.json"
    if split_path.is_file():
        split_doc = json.loads(split_path.read_text(encoding="utf-8"))
    else:
        split_doc = S.build_split(root, Path(args.base_split) if args.base_split else None)
        common.write_json(split_path, split_doc)
    train_sources = tuple(s for s in S.WASTE_SOURCES if s not in (args.holdout or []))
    st: dict[str, Any] = {"split": split_doc, "root": root, "train_sources": train_sources}
    for part in ("train", "val", "test"):
        samples = S.samples_of(split_doc, part, train_sources)
        st[f"{part}_samples"] = samples
        size = TRAIN_SIZE if part == "train" else args.size
        st[f"x_{part}"] = load_images([s.path for s in samples], root, size, cache_dir, part,
                                      app_resize=part != "train")
        st[f"m_{part}"] = allowed_matrix(samples)
    held = [s for part in ("train", "val", "test") for s in S.samples_of(split_doc, part, tuple(args.holdout or ()))]
    st["held_samples"] = held
    negs = split_doc["negatives"]
    st["neg_train"] = np.concatenate([
        load_negative_train([p for g in ("streets", "documents") for p in negs[g]["train"]], root, TRAIN_SIZE, cache_dir),
        load_negative_train(negs.get("faces", {}).get("train", []), root, TRAIN_SIZE, cache_dir, crops=15),
    ])
    st["neg_val"] = load_images([p for g in ("streets", "documents") for p in negs[g]["val"]], root, args.size,
                                cache_dir, "negval")
    # every training photo shot on a pale, plain board (TrashNet; some of extra) can be cut out and pasted
    key = common.stable_key("|".join(s.path for s in st["train_samples"]), TRAIN_SIZE)[:16]
    masks = masks_for(st["x_train"], cache_dir, "all" + key)
    st["masks"] = masks
    st["has_mask"] = masks.reshape(len(masks), -1).any(1)
    log.info("train %d (%s), val %d, test %d, held-out %d; negatives train %d, val %d; %d items with a board mask",
             len(st["train_samples"]), ",".join(train_sources), len(st["val_samples"]), len(st["test_samples"]),
             len(held), len(st["neg_train"]), len(st["neg_val"]), int(st["has_mask"].sum()))
    log.info("pasteable per source: %s", {src: int(sum(1 for s, m in zip(st["train_samples"], st["has_mask"])
                                                    if m and s.source == src)) for src in train_sources})
    return st


# --- batches ---------------------------------------------------------------------------------------
def _background(st: dict, rng: np.random.Generator, size: int) -> np.ndarray:
    if rng.random() < 0.55:
        return A.texture(str(rng.choice(PASTE_TEXTURES)), size, rng)
    img = st["neg_train"][int(rng.integers(len(st["neg_train"])))]
    return A.random_resized_crop(img, size, rng, scale=(0.2, 1.0))


def make_batch(st: dict, rng: np.random.Generator, batch: int, size: int, neg_frac: float,
               paste_p: float, mild_p: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    samples = st["train_samples"]
    by_source = st.setdefault("_by_source", {})
    if not by_source:
        for i, s in enumerate(samples):
            by_source.setdefault(s.source, []).append(i)
        w = np.array([SOURCE_WEIGHTS.get(src, 0.2) for src in by_source], np.float64)
        st["_src_p"] = w / w.sum()
    srcs = list(by_source)
    n_neg = int(round(batch * neg_frac))
    images = np.empty((batch, size, size, 3), np.uint8)
    masks = np.zeros((batch, len(ALL_LABELS)), np.float32)
    for k in range(batch):
        if k < n_neg:
            if rng.random() < 0.3:
                img = A.texture(str(rng.choice(NEG_TEXTURES)), TRAIN_SIZE, rng)
            else:
                img = st["neg_train"][int(rng.integers(len(st["neg_train"])))]
            img = A.geometric(img, size, rng, crop_scale=(0.3, 1.0))
            masks[k, -1] = 1.0
        else:
            src = srcs[int(rng.choice(len(srcs), p=st["_src_p"]))]
            i = by_source[src][int(rng.integers(len(by_source[src])))]
            img = st["x_train"][i]
            masks[k] = st["m_train"][i]
            if st["has_mask"][i] and rng.random() < paste_p:
                img = paste(img, st["masks"][i], _background(st, rng, TRAIN_SIZE), rng)
                img = A.geometric(img, size, rng, crop_scale=(0.7, 1.0))
            elif rng.random() < mild_p:  # some photos stay close to how they were taken
                images[k] = A.photometric(A.geometric(img, size, rng, crop_scale=(0.75, 1.0)), rng, strength=0.4)
                continue
            else:
                img = A.geometric(img, size, rng)
        img = A.photometric(img, rng)
        images[k] = A.cutout(img, rng)
    return images, masks


def partial_label_loss(logits: Any, allowed: Any, smoothing: float = 0.0) -> Any:
    """-log of the summed probability of the allowed labels (a one-label set is plain cross-entropy),
    mixed with cross-entropy to the uniform distribution (label smoothing).
    """
    import torch

    log_z = torch.logsumexp(logits, dim=1)
    log_allowed = torch.logsumexp(logits + torch.log(allowed.clamp_min(1e-30)), dim=1)
    loss = log_z - log_allowed
    if smoothing:
        loss = (1 - smoothing) * loss + smoothing * (log_z - logits.mean(dim=1))
    return loss.mean()


def val_score(model: Any, st: dict) -> dict[str, float]:
    logits, _ = export_logits(model, st["x_val"], False)
    neg_logits, _ = export_logits(model, st["neg_val"], False)
    correct = ood.correct_in_set(logits, st["m_val"][:, :-1])
    by_src = {}
    for src in st["train_sources"]:
        sel = np.array([s.source == src for s in st["val_samples"]])
        if sel.any():
            by_src[src] = float(correct[sel].mean())
    pw, pn = ood.waste_probability(logits), ood.waste_probability(neg_logits)
    t = float(np.quantile(pw, 0.03))
    flagged = float((pn < t).mean())
    score = float(np.mean(list(by_src.values()))) + 0.3 * flagged
    return {"score": score, "flag_neg@3%": flagged, **{f"val_{k}": v for k, v in by_src.items()}}


# --- training --------------------------------------------------------------------------------------
def train(args: argparse.Namespace) -> None:
    import torch

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    run_dir = Path(args.run_dir)
    st = prepare(args)
    model = build_model(len(ALL_LABELS), args.width)
    last = run_dir / "last.pt"
    resumed = args.resume and last.is_file()
    if not resumed:
        if args.init_checkpoint:
            model.load_state_dict(torch.load(args.init_checkpoint, map_location="cpu", weights_only=False)["model"])
            log.info("initialised from %s", args.init_checkpoint)
        elif args.init_onnx:
            calib = np.stack([cv2.resize(i, (args.size, args.size), interpolation=cv2.INTER_AREA)
                              for i in st["x_train"][:: max(1, len(st["x_train"]) // 256)]])
            init_from_onnx(model, Path(args.init_onnx), args.init_member, calib)
            log.info("initialised from %s member %d", args.init_onnx, args.init_member)
    ema = copy.deepcopy(model)
    for p in ema.parameters():
        p.requires_grad_(False)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    step, spent, best = 0, 0.0, -1.0
    if resumed:
        ckpt = torch.load(last, map_location="cpu", weights_only=False)
        model.load_state_dict(ckpt["model"])
        ema.load_state_dict(ckpt["ema"])
        opt.load_state_dict(ckpt["opt"])
        step, spent, best = ckpt["step"], ckpt["elapsed"], ckpt["best"]
        log.info("resumed at step %d, %.0f s spent, best val score %.4f", step, spent, best)
    else:
        v = val_score(model, st)
        log.info("initial val %s", {k: round(x, 4) for k, x in v.items()})
    budget = common.TimeBudget(args.max_minutes, spent)
    rng = np.random.default_rng(args.seed * 1000 + step)
    mean = torch.tensor(MEAN).view(1, 3, 1, 1)
    std = torch.tensor(STD).view(1, 3, 1, 1)
    t_eval, losses = time.monotonic(), []
    while budget.left() > 0 and step < args.max_steps:
        model.train()
        lr = common.cosine_lr(args.lr, budget.progress, warmup=0.05)
        for g in opt.param_groups:
            g["lr"] = lr
        images, allowed = make_batch(st, rng, args.batch, args.size, args.neg_frac, args.paste_p,
                                     args.mild_p)
        x = (torch.from_numpy(images).permute(0, 3, 1, 2).float() / 255.0 - mean) / std
        loss = partial_label_loss(model(x), torch.from_numpy(allowed), args.smoothing)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        losses.append(loss.item())
        with torch.no_grad():
            decay = min(args.ema, (1 + step) / (10 + step))
            for pe, pm in zip(ema.parameters(), model.parameters()):
                pe.mul_(decay).add_(pm.detach(), alpha=1 - decay)
            for be, bm in zip(ema.buffers(), model.buffers()):
                be.copy_(bm)
        step += 1
        if time.monotonic() - t_eval > args.eval_minutes * 60 or budget.left() <= 0:
            v = val_score(ema, st)
            improved = v["score"] > best
            if improved:
                best = v["score"]
                torch.save({"model": ema.state_dict(), "step": step, "val": v, "config": config_of(args)},
                           run_dir / "best.pt")
            torch.save({"model": model.state_dict(), "ema": ema.state_dict(), "opt": opt.state_dict(),
                        "step": step, "elapsed": budget.elapsed, "best": best, "config": config_of(args)}, last)
            log.info("step %d  loss %.4f  lr %.5f  %s%s  [%.1f/%.1f min]", step, float(np.mean(losses)), lr,
                     {k: round(x, 4) for k, x in v.items()}, " *" if improved else "", budget.elapsed / 60,
                     budget.total_s / 60)
            losses, t_eval = [], time.monotonic()
    log.info("training stopped at step %d; best val score %.4f", step, best)


def config_of(args: argparse.Namespace) -> dict:
    return {"size": args.size, "width": args.width, "mean": list(MEAN), "std": list(STD),
            "labels": list(ALL_LABELS), "holdout": list(args.holdout or []), "seed": args.seed}


# --- CLI -------------------------------------------------------------------------------------------
def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m alyesdesk.training.waste.realworld", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data-root", default=str(S.data_root()), help="the shared data folder (../shared/data)")
    p.add_argument("--base-split", default=str(paths.bundled_models_dir() / f"{STEM}.split.json"),
                   help="split file whose TrashNet/extra assignment is kept")
    p.add_argument("--holdout", nargs="*", choices=S.WASTE_SOURCES, default=[],
                   help="waste sources left out of training and scored as unseen")
    p.add_argument("--out", default=str(paths.bundled_models_dir()))
    p.add_argument("--run-dir", default=str(paths.package_root() / "runs" / "waste_rw"))
    p.add_argument("--cache-dir", default=str(paths.package_root() / ".cache"))
    p.add_argument("--size", type=int, default=80)
    p.add_argument("--width", type=int, default=32)
    p.add_argument("--batch", type=int, default=48)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--weight-decay", type=float, default=5e-4)
    p.add_argument("--ema", type=float, default=0.998)
    p.add_argument("--smoothing", type=float, default=0.05)
    p.add_argument("--neg-frac", type=float, default=0.15, help="share of each batch that is not waste")
    p.add_argument("--paste-p", type=float, default=0.6, help="chance an item on a plain board is pasted elsewhere")
    p.add_argument("--mild-p", type=float, default=0.35,
                   help="chance an item that is not pasted gets only mild augmentation")
    p.add_argument("--max-minutes", type=float, default=45.0)
    p.add_argument("--max-steps", type=int, default=10**9)
    p.add_argument("--eval-minutes", type=float, default=4.0)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--init-onnx", default=str(paths.bundled_models_dir() / f"{STEM}.onnx"),
                   help="initialise from a member of this (1.x) model; '' for scratch")
    p.add_argument("--init-member", type=int, default=0)
    p.add_argument("--init-checkpoint", help="initialise from a best.pt of an earlier run (overrides --init-onnx)")
    p.add_argument("--resume", action="store_true")
    p.add_argument("--finalize-only", action="store_true")
    p.add_argument("--no-finalize", action="store_true")
    p.add_argument("--ort-threads", type=int, default=2)
    p.add_argument("--version", default="2.0.0")
    p.add_argument("--no-tta", action="store_true", help="never bake mirror averaging into the export")
    p.add_argument("--train-command", help="with --finalize-only: how the checkpoint was trained (recorded)")
    p.add_argument("--init-note", help="with --finalize-only: how the weights were initialised (recorded)")
    p.add_argument("--protocol-metrics", help="metrics.json of the held-out run, embedded in the sidecar")
    p.add_argument("--compare", default=str(paths.bundled_models_dir() / f"{STEM}.onnx"),
                   help="the current model, scored on the same images")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    common.log_to_run_dir(args.run_dir)
    if not args.finalize_only:
        train(args)
    if not args.no_finalize:
        from alyesdesk.training.waste.finalize import finalize

        finalize(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
