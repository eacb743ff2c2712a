"""Frames per second of the street segmenter at 480x360 on this CPU (the >= 10 fps target).

    python scripts/bench_streets.py [--model models/street_segmenter.onnx] [--frames 60] [--image PATH]

Prints three numbers: the ONNX model alone, the full `segment()` (pre-processing, model, logits warped
to 480x360, argmax) and segment + overlay blend + areas (what the live tab does per frame).

Each line also gives the CPU time per frame (this process, all its threads) and the frame rate it allows
(`cpu-bound fps` = 1 / CPU seconds per frame): on a machine shared with other jobs the wall-clock fps
measures the contention more than the model, while the CPU time barely moves. Quote both.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from alyesdesk.inference import catalog  # noqa: E402
from alyesdesk.inference.images import read_image, to_tensor  # noqa: E402
from alyesdesk.inference.streets.overlay import render  # noqa: E402


CPU_FPS: list[float] = []  # 1 / median CPU seconds per frame, per measurement, in order


def _fps(fn, frames: int) -> tuple[float, float]:
    for _ in range(3):
        fn()
    times, cpu = [], []
    for _ in range(frames):
        t, c = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    CPU_FPS.append(1.0 / max(statistics.median(cpu), 1e-6))
    return 1.0 / statistics.median(times), 1.0 / statistics.mean(times)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", type=Path, default=REPO / "models" / "street_segmenter.onnx")
    p.add_argument("--frames", type=int, default=60)
    p.add_argument("--image", type=Path, help="a 480x360 street image (default: random pixels)")
    p.add_argument("--write-sidecar", action="store_true", help="record the segment() fps in the sidecar")
    args = p.parse_args()
    backend = catalog.load_model(args.model)
    if args.image:
        image = read_image(args.image)
    else:
        image = np.random.default_rng(0).integers(0, 256, (360, 480, 3), dtype=np.uint8)
    h, w = image.shape[:2]
    tensor, _ = to_tensor(image, backend.input)
    feeds = {backend.input.name: tensor}
    import onnxruntime

    print(f"model {args.model.name}, input {backend.input.shape}, frame {w}x{h}, onnxruntime "
          f"{onnxruntime.__version__}, {args.frames} frames")
    med, mean = _fps(lambda: backend.run(feeds), args.frames)
    print(f"model only:           {med:6.1f} fps median ({mean:.1f} mean); cpu-bound {CPU_FPS[-1]:.1f} fps")
    model_fps = med
    med, mean = _fps(lambda: backend.segment(image), args.frames)
    segment_fps = med
    print(f"segment() at {w}x{h}: {med:6.1f} fps median ({mean:.1f} mean); cpu-bound {CPU_FPS[-1]:.1f} fps")

    def live() -> None:
        seg = backend.segment(image)
        render(image, seg.labels, seg.categories, seg.colours, 0.5)

    med, mean = _fps(live, args.frames)
    print(f"segment + overlay:    {med:6.1f} fps median ({mean:.1f} mean); cpu-bound {CPU_FPS[-1]:.1f} fps")
    if args.write_sidecar:
        import json
        import os

        sidecar_path = args.model.with_suffix(".json")
        sidecar = json.loads(sidecar_path.read_text(encoding="utf-8"))
        metrics = sidecar.setdefault("metrics", {})
        metrics["fps_480x360"] = round(segment_fps, 1)
        metrics["fps_model_only"] = round(model_fps, 1)
        metrics["fps_with_overlay"] = round(med, 1)
        metrics["fps_cpu_bound"] = {"model_only": round(CPU_FPS[0], 1), "segment": round(CPU_FPS[1], 1),
                                    "with_overlay": round(CPU_FPS[2], 1)}
        metrics["fps_measured_on"] = (f"{os.cpu_count()}-core CPU, onnxruntime {onnxruntime.__version__}, "
                                      f"median of {args.frames} frames (scripts/bench_streets.py)")
        sidecar_path.write_text(json.dumps(sidecar, indent=2) + "\n", encoding="utf-8")
        print(f"wrote fps to {sidecar_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
