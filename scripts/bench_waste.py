"""Waste classifier latency on this machine: prints ms per image (model only and end to end).

    python scripts/bench_waste.py [--model models/waste_classifier.onnx] [--images N] [--threads T]

Images come from the model's saved test split under ../shared/data/waste when present, else synthetic
photos. "End to end" = read file + decode + resize/normalise + ONNX run + softmax/top-3 (what the app
does per photo); "model only" = the ONNX run on a ready tensor.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from alyesdesk.inference import catalog  # noqa: E402
from alyesdesk.inference.classifier import Classifier
from alyesdesk.inference.waste.classify import classify_file  # noqa: E402
from alyesdesk.inference.images import read_image, to_tensor  # noqa: E402


def sample_files(model: Path, count: int) -> list[Path]:
    split_file = model.with_suffix("").with_suffix(".split.json")
    root = REPO.parent / "shared" / "data" / "waste"
    if split_file.is_file() and root.is_dir():
        entries = json.loads(split_file.read_text(encoding="utf-8"))["test"]
        files = [root / e["path"] for e in entries][:count]
        if files:
            return files
    folder = Path(tempfile.mkdtemp(prefix="bench_waste_"))
    rng = np.random.default_rng(0)
    files = []
    for i in range(count):
        path = folder / f"synthetic{i}.jpg"
        cv2.imwrite(str(path), rng.integers(0, 255, (320, 240, 3), dtype=np.uint8))
        files.append(path)
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(REPO / "models" / "waste_classifier.onnx"))
    parser.add_argument("--images", type=int, default=200)
    parser.add_argument("--threads", type=int, default=0, help="onnxruntime intra-op threads (0: its default)")
    args = parser.parse_args()
    classifier = catalog.load_model(args.model)
    if not isinstance(classifier, Classifier):
        print(f"{args.model} is not a classifier", file=sys.stderr)
        return 2
    if args.threads:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = args.threads
        classifier._session = ort.InferenceSession(str(classifier.onnx_path), options,
                                                   providers=["CPUExecutionProvider"])
    files = sample_files(Path(args.model), args.images)
    spec = classifier.input
    tensor, _ = to_tensor(read_image(files[0]), spec)
    for _ in range(10):  # warm-up: first runs allocate
        classifier.run({spec.name: tensor})
    model_ms, total_ms, not_waste = [], [], 0
    for f in files:
        tensor, _ = to_tensor(read_image(f), spec)
        t0 = time.perf_counter()
        classifier.run({spec.name: tensor})
        model_ms.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        result = classify_file(classifier, f)
        total_ms.append((time.perf_counter() - t0) * 1000)
        assert result.ok, result.error
        not_waste += result.looks_like_waste is False
    p95 = lambda xs: float(np.percentile(xs, 95))  # noqa: E731
    print(f"model: {classifier.spec.name} {classifier.spec.version}, input {spec.spatial_size}, {len(files)} images, "
          f"cpu cores {os.cpu_count()}, load avg {os.getloadavg()[0]:.1f}")
    print(f"model only : median {statistics.median(model_ms):.2f} ms/image, p95 {p95(model_ms):.2f} ms")
    print(f"end to end : median {statistics.median(total_ms):.2f} ms/image, p95 {p95(total_ms):.2f} ms "
          "(read + sha256 + decode + preprocess + run + top-3 + not-waste score)")
    print(f"flagged 'not a waste item': {not_waste} of {len(files)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
