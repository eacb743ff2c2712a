"""Train the waste material classifier (9 classes) from scratch and export it with its sidecar.

    python -m alyesdesk.training.waste --max-minutes 80            # train (resumable with --resume)
    python -m alyesdesk.training.waste --finalize-only              # export + evaluate the best checkpoint
    python -m alyesdesk.training.waste --smoke --data DIR --out DIR # tiny run for tests

Data: class-per-folder trees (`--data`, repeatable). The default is ../shared/data/waste (TrashNet's six
classes plus wood, textiles, organic_waste). A folder exported by the Waste tab's "Export corrections as
dataset" has the same layout, so it can be passed as a second `--data` for retraining.

Preprocessing goes through `alyesdesk.inference.images` (read_image + resize_for), the same code the app
runs, so training and inference see identical pixels. Images are decoded once into a cached uint8 array.
"""

from __future__ import annotations

import argparse
import copy
import logging
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from alyesdesk import paths
from alyesdesk.inference.errors import ImageError
from alyesdesk.inference.images import read_image, resize_for, to_tensor
from alyesdesk.inference.sidecar import TensorSpec, validate_sidecar
from alyesdesk.training import common
from alyesdesk.training.waste.model import MirrorAverage, build_model, predict_logits

log = logging.getLogger("alyesdesk.training.waste.train")

STEM = "waste_classifier"
# Label order of the bundled model: TrashNet's six classes first, then the three extra ones.
DEFAULT_LABELS = (
    "cardboard", "glass", "metal", "paper", "plastic", "trash", "wood", "textiles", "organic_waste",
)
TRASHNET_LABELS = DEFAULT_LABELS[:6]
DATA_SOURCES = [
    {
        "name": "TrashNet (Thung & Yang 2016): cardboard, glass, metal, paper, plastic, trash",
        "source": "garythung/trashnet; copy from congduytran12/Trash-Classification- @00212f2",
        "licence": "MIT",
    },
    {
        "name": "wood, textiles, organic_waste (web-scraped, some watermarks)",
        "source": "cardstdani/WasteClassificationNeuralNetwork @34ea0fa",
        "licence": "none stated; research use",
    },
]
INPUT_NAME, OUTPUT_NAME = "image", "logits"


def default_data_root() -> Path:
    return paths.package_root().parent / "shared" / "data" / "waste"


# --- data ------------------------------------------------------------------------------------------
def collect(roots: list[Path], labels: list[str] | None) -> tuple[list[str], dict[str, list[str]], list[Path]]:
    """(labels, label -> sample ids, roots). A sample id is `relpath` (one root) or `i:relpath`."""
    by_label: dict[str, list[str]] = {}
    for i, root in enumerate(roots):
        for label, files in common.find_class_folders([root]).items():
            prefix = f"{i}:" if len(roots) > 1 else ""
            by_label.setdefault(label, []).extend(prefix + f.relative_to(root).as_posix() for f in files)
    if labels is None:
        known = [l for l in DEFAULT_LABELS if l in by_label]
        labels = known + sorted(l for l in by_label if l not in DEFAULT_LABELS)
    missing = [l for l in labels if l not in by_label]
    if missing:
        raise SystemExit(f"no images for classes {missing} under {[str(r) for r in roots]}")
    return labels, {l: by_label[l] for l in labels}, roots


def id_to_path(sample_id: str, roots: list[Path]) -> Path:
    if len(roots) > 1:
        i, rel = sample_id.split(":", 1)
        return roots[int(i)] / rel
    return roots[0] / sample_id


def input_spec(size: int, mean: list[float], std: list[float]) -> TensorSpec:
    return TensorSpec(
        name=INPUT_NAME, shape=(None, 3, size, size), layout="NCHW", color_order="RGB",
        resize="stretch", scale=1 / 255, mean=tuple(mean), std=tuple(std),
    )


def load_cached(ids: list[str], roots: list[Path], size: int, cache_dir: Path) -> np.ndarray:
    """uint8 NHWC RGB images at the model size, decoded once and cached (key: ids + size)."""
    key = common.stable_key("|".join(ids) + "|" + "|".join(str(r.resolve()) for r in roots), size)[:16]
    cache = cache_dir / f"waste_{size}_{key}.npy"
    if cache.is_file():
        return np.load(cache)
    spec = input_spec(size, [0.0], [1.0])
    out = np.zeros((len(ids), size, size, 3), dtype=np.uint8)
    for n, sample_id in enumerate(ids):
        try:
            bgr = read_image(id_to_path(sample_id, roots))
        except ImageError as exc:
            log.warning("skipping unreadable training image: %s", exc)
            continue
        resized, _ = resize_for(bgr[:, :, ::-1].copy(), spec)  # RGB, same resize as to_tensor
        out[n] = resized
    cache_dir.mkdir(parents=True, exist_ok=True)
    np.save(cache, out)
    return out


# --- training --------------------------------------------------------------------------------------
def train(args: argparse.Namespace) -> Path:
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    run_dir = Path(args.run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    state = prepare(args)
    labels, x_train, y_train, x_val, y_val = (
        state["labels"], state["x_train"], state["y_train"], state["x_val"], state["y_val"],
    )
    mean, std = np.array(state["mean"], np.float32), np.array(state["std"], np.float32)

    model = build_model(len(labels), args.width)
    ema = copy.deepcopy(model)
    for p in ema.parameters():
        p.requires_grad_(False)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    start_epoch, spent, best_acc = 0, 0.0, -1.0
    last = run_dir / "last.pt"
    if args.resume and last.is_file():
        ckpt = torch.load(last, map_location="cpu", weights_only=False)
        model.load_state_dict(ckpt["model"])
        ema.load_state_dict(ckpt["ema"])
        opt.load_state_dict(ckpt["opt"])
        start_epoch, spent, best_acc = ckpt["epoch"] + 1, ckpt["elapsed"], ckpt["best_val"]
        log.info("resumed at epoch %d, %.0f s spent, best val %.4f", start_epoch, spent, best_acc)
    budget = common.TimeBudget(args.max_minutes, spent)
    rng = np.random.default_rng(args.seed + start_epoch)
    n_params = sum(p.numel() for p in model.parameters())
    log.info("model: width %d, %d params; input %d px; %d train / %d val", args.width, n_params, args.size,
             len(x_train), len(x_val))

    epoch = start_epoch
    steps_per_epoch = max(1, len(x_train) // args.batch)
    while epoch < args.epochs and budget.left() > 0:
        t0 = time.monotonic()
        model.train()
        order = rng.permutation(len(x_train))
        total_loss = 0.0
        for step in range(steps_per_epoch):
            idx = order[step * args.batch : (step + 1) * args.batch]
            lr = common.cosine_lr(args.lr, budget.progress)
            for group in opt.param_groups:
                group["lr"] = lr
            x = common.augment_batch(x_train[idx], rng) / 255.0
            x = torch.from_numpy(np.ascontiguousarray(((x - mean) / std).transpose(0, 3, 1, 2), np.float32))
            y = torch.from_numpy(y_train[idx])
            loss = F.cross_entropy(model(x), y, label_smoothing=0.1)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            total_loss += loss.item()
            with torch.no_grad():  # EMA of weights: a smoother model for small data
                decay = min(args.ema, (1 + epoch * steps_per_epoch + step) / (10 + epoch * steps_per_epoch + step))
                for pe, pm in zip(ema.parameters(), model.parameters()):
                    pe.mul_(decay).add_(pm.detach(), alpha=1 - decay)
                for be, bm in zip(ema.buffers(), model.buffers()):
                    be.copy_(bm)
        val_pred = predict_logits(ema, x_val, mean, std).argmax(1)
        val_acc = float((val_pred == y_val).mean())
        improved = val_acc > best_acc
        if improved:
            best_acc = val_acc
            torch.save({"model": ema.state_dict(), "epoch": epoch, "val": val_acc, "config": state["config"]},
                       run_dir / "best.pt")
        torch.save({"model": model.state_dict(), "ema": ema.state_dict(), "opt": opt.state_dict(), "epoch": epoch,
                    "elapsed": budget.elapsed, "best_val": best_acc, "config": state["config"]}, last)
        log.info("epoch %d  %.1f s  loss %.4f  lr %.5f  val %.4f%s  [%.1f/%.1f min]", epoch, time.monotonic() - t0,
                 total_loss / steps_per_epoch, lr, val_acc, " *" if improved else "", budget.elapsed / 60,
                 budget.total_s / 60)
        epoch += 1
    log.info("training stopped after epoch %d; best val %.4f", epoch - 1, best_acc)
    return run_dir / "best.pt"


def prepare(args: argparse.Namespace) -> dict[str, Any]:
    """Split (deterministic, saved), cached arrays, and normalisation statistics."""
    roots = [Path(d) for d in args.data]
    labels, by_label, roots = collect(roots, args.labels)
    if args.smoke:
        by_label = {l: sorted(ids)[: args.smoke_per_class] for l, ids in by_label.items()}
    split = common.stratified_split(by_label, seed=args.split_seed)
    label_of = {sid: l for l, ids in by_label.items() for sid in ids}
    index = {l: i for i, l in enumerate(labels)}
    arrays = {}
    cache_dir = Path(args.cache_dir)
    for part in ("train", "val", "test"):
        ids = split[part]
        arrays[f"x_{part}"] = load_cached(ids, roots, args.size, cache_dir)
        arrays[f"y_{part}"] = np.array([index[label_of[s]] for s in ids], dtype=np.int64)
    pixels = arrays["x_train"].reshape(-1, 3).astype(np.float64) / 255.0
    mean = [round(float(v), 4) for v in pixels.mean(0)]
    std = [round(float(v), 4) for v in pixels.std(0)]
    split_doc = {
        "seed": args.split_seed,
        "fractions": {"train": 0.7, "val": 0.15, "test": 0.15},
        "method": "per class, sha1(seed:id) order, then 70/15/15 (alyesdesk.training.common.stratified_split)",
        "roots": [str(r) for r in roots],
        "labels": labels,
        **{part: [{"path": s, "label": label_of[s]} for s in split[part]] for part in ("train", "val", "test")},
    }
    config = {"labels": labels, "size": args.size, "width": args.width, "mean": mean, "std": std, "seed": args.seed, "split_seed": args.split_seed}
    common.write_json(Path(args.run_dir) / "split.json", split_doc)
    common.write_json(Path(args.run_dir) / "config.json", config)
    return {"labels": labels, "mean": mean, "std": std, "split": split_doc, "config": config, "roots": roots, **arrays}


# --- export + evaluation ---------------------------------------------------------------------------
def evaluate_files(onnx_path: Path, spec: TensorSpec, files: list[Path], threads: int = 0) -> np.ndarray:
    """Logits for each file through the app's own path: read_image -> to_tensor -> onnxruntime."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    if threads:
        options.intra_op_num_threads = threads
    session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
    out = []
    for f in files:
        tensor, _ = to_tensor(read_image(f), spec)
        out.append(session.run(None, {spec.name: tensor})[0][0])
    return np.stack(out)


def measure_latency(onnx_path: Path, spec: TensorSpec, files: list[Path], repeats: int,
                    threads: int = 0) -> dict[str, float]:
    """Median ms per image, end to end (read + preprocess + run) and model only, single image batches."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    if threads:
        options.intra_op_num_threads = threads
    session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
    files = (files * (1 + repeats // max(1, len(files))))[:repeats]
    total, model_only = [], []
    for f in files:
        t0 = time.perf_counter()
        tensor, _ = to_tensor(read_image(f), spec)
        t1 = time.perf_counter()
        session.run(None, {spec.name: tensor})
        t2 = time.perf_counter()
        total.append((t2 - t0) * 1000)
        model_only.append((t2 - t1) * 1000)
    return {
        "median_ms_end_to_end": round(float(np.median(total)), 2),
        "median_ms_model_only": round(float(np.median(model_only)), 2),
        "p95_ms_end_to_end": round(float(np.percentile(total, 95)), 2),
        "images": len(files),
    }


def finalize(args: argparse.Namespace) -> Path:
    """Best checkpoint -> temperature on val -> ONNX -> test metrics through the app path -> sidecar."""
    import torch

    torch.set_num_threads(args.threads)
    run_dir = Path(args.run_dir)
    ckpt = torch.load(run_dir / "best.pt", map_location="cpu", weights_only=False)
    config = ckpt["config"]
    args.size, args.width = config["size"], config["width"]
    state = prepare(args)
    labels = state["labels"]
    if labels != config["labels"]:
        raise SystemExit(f"labels changed since training: {config['labels']} vs {labels}")
    mean, std = np.array(config["mean"], np.float32), np.array(config["std"], np.float32)
    model = build_model(len(labels), config["width"])
    model.load_state_dict(ckpt["model"])
    model.eval()

    val_logits = predict_logits(model, state["x_val"], mean, std)
    # Mirror test-time augmentation, baked into the ONNX graph, kept only if it helps on val.
    flipped = predict_logits(model, np.ascontiguousarray(state["x_val"][:, :, ::-1]), mean, std)
    plain_acc = float((val_logits.argmax(1) == state["y_val"]).mean())
    tta_acc = float(((val_logits + flipped).argmax(1) == state["y_val"]).mean())
    use_tta = tta_acc > plain_acc and not args.no_tta
    log.info("val top-1 %.4f plain, %.4f with mirror TTA -> %s", plain_acc, tta_acc, "TTA" if use_tta else "plain")
    if use_tta:
        model = MirrorAverage(model)
        val_logits = (val_logits + flipped) / 2
    temperature = common.fit_temperature(val_logits, state["y_val"])
    out_dir = Path(args.out)
    onnx_path = out_dir / f"{STEM}.onnx"
    common.export_onnx(model, torch.zeros(1, 3, config["size"], config["size"]), onnx_path, INPUT_NAME, OUTPUT_NAME)

    spec = input_spec(config["size"], config["mean"], config["std"])
    roots = state["roots"]
    test_entries = state["split"]["test"]
    test_files = [id_to_path(e["path"], roots) for e in test_entries]
    y_test = state["y_test"]
    t0 = time.monotonic()
    test_logits = evaluate_files(onnx_path, spec, test_files, args.ort_threads)
    log.info("evaluated %d test images in %.1f s", len(test_files), time.monotonic() - t0)
    torch_logits = predict_logits(model, state["x_test"], mean, std)
    max_diff = float(np.abs(torch_logits - test_logits).max()) if len(test_logits) else 0.0

    not_sure = choose_threshold(common.softmax(val_logits, temperature), state["y_val"])
    metrics = test_metrics(test_logits, y_test, labels, temperature, not_sure)
    metrics.update({
        "top1_val": round(float((val_logits.argmax(1) == state["y_val"]).mean()), 4),
        "nll_test_uncalibrated": round(common.nll(test_logits, y_test, 1.0), 4),
        "onnx_vs_torch_max_abs_logit_diff": round(max_diff, 6),
        "latency": measure_latency(onnx_path, spec, test_files, 20 if args.smoke else 200, args.ort_threads),
        "latency_note": f"median over single images on the training machine (2 shared CPU cores), "
                        f"onnxruntime intra_op threads {args.ort_threads or 'default'}; "
                        "scripts/bench_waste.py re-measures through the classify backend",
    })
    sidecar = {
        "schema_version": 1,
        "task": "classify",
        "name": "waste_classifier",
        "version": args.version,
        "description": "Material of a photographed waste item (9 classes); compact residual CNN trained "
                       "from scratch by alyesdesk/training/waste/train.py.",
        "licence": "weights: MIT (AlyesDesk); trained partly on images with no stated licence "
                   "(research use): see training.data",
        "inputs": [{
            "name": INPUT_NAME, "shape": ["batch", 3, config["size"], config["size"]], "dtype": "float32",
            "layout": "NCHW", "color_order": "RGB", "resize": "stretch",
            "normalization": {"scale": 1 / 255, "mean": config["mean"], "std": config["std"]},
        }],
        "outputs": [{"name": OUTPUT_NAME, "shape": ["batch", len(labels)], "dtype": "float32", "layout": "NC"}],
        "labels": labels,
        "calibration": {"temperature": round(temperature, 4), "method": "temperature scaling on the val split"},
        "runtime": {"intra_op_threads": args.ort_threads},
        "thresholds": {"not_sure": not_sure},
        "training": {
            "data": DATA_SOURCES if not args.smoke else [{"name": "smoke subset", "licence": "test data"}],
            "script": "alyesdesk/training/waste/train.py",
            "command": " ".join(["python -m alyesdesk.training.waste", *sys.argv[1:]]),
            **({"train_command": args.train_command} if args.train_command else {}),
            "architecture": f"residual CNN, width {config['width']}, "
                            f"{sum(p.numel() for p in model.parameters())} parameters"
                            + (", logits averaged with the mirrored image (in the graph)" if use_tta else ""),
            "test_time_augmentation": {"mirror": use_tta, "val_top1_plain": round(plain_acc, 4),
                                       "val_top1_mirror": round(tta_acc, 4)},
            "best_epoch": int(ckpt["epoch"]),
            "split": {"seed": config.get("split_seed", config["seed"]), "train": len(state["y_train"]), "val": len(state["y_val"]),
                      "test": len(y_test)},
            "augmentation": "affine (scale 0.8-1.25, rotation +-20, shift 10%), flips, 90-degree turns, "
                            "brightness/contrast/saturation/gain jitter, blur (numpy/OpenCV)",
        },
        "metrics": metrics,
    }
    validate_sidecar(sidecar, source=f"{STEM}.json")
    common.write_json(out_dir / f"{STEM}.json", sidecar)
    common.write_json(out_dir / f"{STEM}.split.json", state["split"])
    log.info("top-1 test 9 classes %.4f (%d images); TrashNet 6 %.4f; T=%.3f; not_sure<%.2f; latency %s",
             metrics["top1"], metrics["count"], metrics.get("top1_trashnet6", float("nan")), temperature, not_sure,
             metrics["latency"])
    log.info("per class: %s", metrics["per_class_accuracy"])
    if not metrics["meets_target"]:
        log.warning("BELOW TARGET: top-1 %.4f / TrashNet-6 %.4f < %.2f", metrics["top1"],
                    metrics.get("top1_trashnet6", float("nan")), TARGET_TOP1)
    return onnx_path


TARGET_TOP1 = 0.90  # the target, over the 9 classes and over TrashNet's 6


def test_metrics(test_logits: np.ndarray, y_test: np.ndarray, labels: list[str], temperature: float,
                 not_sure: float) -> dict[str, Any]:
    """Test-split metrics every exported classifier records: top-1 (9 classes and TrashNet's 6), per class,
    confusion, calibration, the "not sure" rate and the target verdict.
    """
    probs = common.softmax(test_logits, temperature)
    pred = probs.argmax(1)
    metrics = common.classification_metrics(pred, y_test, labels)
    trash_idx = [labels.index(l) for l in TRASHNET_LABELS if l in labels]
    in6 = np.isin(y_test, trash_idx)
    if in6.any():
        metrics["top1_trashnet6"] = round(float((pred[in6] == y_test[in6]).mean()), 4)
        restricted = np.array(trash_idx)[test_logits[in6][:, trash_idx].argmax(1)]
        metrics["top1_trashnet6_restricted"] = round(float((restricted == y_test[in6]).mean()), 4)
        metrics["trashnet6_count"] = int(in6.sum())
    confident = probs.max(1) >= not_sure
    metrics.update({
        "split": "test",
        "split_file": f"{STEM}.split.json",
        "evaluated_with": "read_image -> to_tensor -> onnxruntime on the original files",
        "nll_test_calibrated": round(common.nll(test_logits, y_test, temperature), 4),
        "ece_test_calibrated": round(common.expected_calibration_error(probs, y_test), 4),
        "not_sure_rate_test": round(float(1 - confident.mean()), 4),
        "top1_when_sure_test": round(float((pred[confident] == y_test[confident]).mean()), 4) if confident.any() else None,
        "target_top1": TARGET_TOP1,
        "meets_target": bool(metrics["top1"] >= TARGET_TOP1 and metrics.get("top1_trashnet6", 1.0) >= TARGET_TOP1),
    })
    return metrics


def choose_threshold(probs: np.ndarray, labels: np.ndarray, want: float = 0.95) -> float:
    """Lowest confidence at which val predictions reach `want` accuracy, kept within [0.4, 0.8]."""
    conf, correct = probs.max(1), probs.argmax(1) == labels
    for t in np.arange(0.40, 0.801, 0.05):
        mask = conf >= t
        if mask.any() and correct[mask].mean() >= want:
            return round(float(t), 2)
    return 0.8


# --- CLI -------------------------------------------------------------------------------------------
def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m alyesdesk.training.waste", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", action="append", help="class-per-folder root (repeatable); default ../shared/data/waste")
    p.add_argument("--labels", nargs="+", help="label order (default: the 9 bundled classes)")
    p.add_argument("--out", default=str(paths.bundled_models_dir()), help="where the .onnx/.json go")
    p.add_argument("--run-dir", default=str(paths.package_root() / "runs" / "waste"))
    p.add_argument("--cache-dir", default=str(paths.package_root() / ".cache"))
    p.add_argument("--size", type=int, default=64, help="square input size in pixels")
    p.add_argument("--width", type=int, default=32, help="channels of the first stage")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--weight-decay", type=float, default=5e-4)
    p.add_argument("--ema", type=float, default=0.995)
    p.add_argument("--epochs", type=int, default=10_000, help="upper bound; the time budget usually ends first")
    p.add_argument("--max-minutes", type=float, default=60.0, help="wall-clock budget for training")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=0, help="weight initialisation and augmentation order")
    p.add_argument("--split-seed", type=int, default=0,
                   help="train/val/test split; keep it fixed so models stay comparable (and can be ensembled)")
    p.add_argument("--version", default="1.0.0")
    p.add_argument("--resume", action="store_true", help="continue from run-dir/last.pt")
    p.add_argument("--finalize-only", action="store_true", help="export + evaluate run-dir/best.pt")
    p.add_argument("--no-finalize", action="store_true")
    p.add_argument("--ort-threads", type=int, default=1,
                   help="onnxruntime threads written to the sidecar (runtime.intra_op_threads) and used to measure")
    p.add_argument("--train-command", help="with --finalize-only: how the checkpoint was trained (recorded)")
    p.add_argument("--no-tta", action="store_true", help="never bake mirror test-time augmentation into the export")
    p.add_argument("--smoke", action="store_true", help="tiny subset, tiny model, for tests")
    p.add_argument("--smoke-per-class", type=int, default=8)
    args = p.parse_args(argv)
    args.data = args.data or [str(default_data_root())]
    if args.smoke:
        args.size, args.width, args.batch = min(args.size, 32), min(args.width, 8), min(args.batch, 16)
        args.epochs = min(args.epochs, 2)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    common.log_to_run_dir(args.run_dir)
    if not args.finalize_only:
        train(args)
    if not args.no_finalize:
        finalize(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
