"""`alyesdesk gaze simulate|fit|evaluate|train`: the gaze engine, headless.

    alyesdesk gaze simulate --face IMG --points N --out DIR [--seed S]
    alyesdesk gaze fit --data DIR --out MODEL.onnx [--frontend mediapipe|haar]
    alyesdesk gaze evaluate --model MODEL.onnx --data DIR [--json]
    alyesdesk gaze train --data DIR --out MODEL.onnx          (needs the `train` extra)
    alyesdesk gaze record --source SOURCE --calibration CAL --seconds S --name NAME ...   (gaze_record.py)

Exit codes: 0 success, 1 the task failed (message on stderr), 2 bad arguments or inputs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from alyesdesk.commands._common import print_json

if TYPE_CHECKING:
    from alyesdesk.inference.gaze.dataset import GazeDataset


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("gaze", help="gaze engine: simulate datasets, fit, evaluate, train, record")
    sub = parser.add_subparsers(dest="gaze_command", metavar="ACTION", required=True)

    sim = sub.add_parser("simulate", help="write a simulated dataset (frames of a face looking at screen points)")
    sim.add_argument("--face", metavar="IMG", help="frontal face photo (default: shipped photo, else a drawn face)")
    sim.add_argument("--points", type=int, required=True, metavar="N", help="number of screen targets")
    sim.add_argument("--out", required=True, metavar="DIR", help="dataset folder to write")
    sim.add_argument("--seed", type=int, default=0)
    sim.add_argument("--frames-per-point", type=int, default=10, metavar="K")
    sim.add_argument("--layout", choices=("auto", "grid", "random"), default="auto",
                     help="auto: a grid when N is a square number (9, 16), else random points")
    sim.add_argument("--head", choices=("still", "moving"), default="still", help="head motion (default still)")
    sim.add_argument("--start-time", type=float, default=None, metavar="S",
                     help="simulated clock at the first frame (default: seed-dependent)")
    sim.set_defaults(func=_simulate)

    fit = sub.add_parser("fit", help="fit a calibrated gaze model (ONNX + sidecar) from a dataset")
    fit.add_argument("--data", required=True, metavar="DIR")
    fit.add_argument("--out", required=True, metavar="MODEL.onnx")
    fit.add_argument("--frontend", choices=("mediapipe", "haar"), default="mediapipe")
    fit.add_argument("--json", action="store_true", help="print the fit summary as JSON")
    fit.set_defaults(func=_fit)

    ev = sub.add_parser("evaluate", help="error of a gaze model on a dataset, in px and degrees")
    ev.add_argument("--model", required=True, metavar="MODEL.onnx", help="model file (sidecar beside it)")
    ev.add_argument("--data", required=True, metavar="DIR")
    ev.add_argument("--json", action="store_true")
    ev.set_defaults(func=_evaluate)

    tr = sub.add_parser("train", help="train the deep gaze model (needs the `train` extra: torch)")
    tr.add_argument("--data", required=True, metavar="DIR", action="append", help="dataset folder (repeatable)")
    tr.add_argument("--out", required=True, metavar="MODEL.onnx")
    tr.add_argument("--frontend", choices=("mediapipe", "haar"), default="mediapipe")
    tr.add_argument("--epochs", type=int, default=40)
    tr.add_argument("--seed", type=int, default=0)
    tr.set_defaults(func=_train)

    from alyesdesk.commands import gaze_record

    gaze_record.add_parser(sub)


def _err(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)


def _load_dataset(folder: str) -> GazeDataset | None:
    """The dataset, with its per-frame problems printed as warnings; None (after an error) if unusable:
    the callers then exit 2 (bad input), whatever the folder holds.
    """
    from alyesdesk.inference.gaze.dataset import DatasetError, load_dataset

    try:
        data = load_dataset(folder)
    except DatasetError as exc:
        _err(str(exc))
        return None
    for problem in data.problems:
        print(f"warning: {problem}", file=sys.stderr)
    if len(data) == 0:
        _err(f"{folder}: no usable frame in the dataset" + (" (see the warnings above)" if data.problems else ""))
        return None
    return data


def _simulate(args: argparse.Namespace) -> int:
    from alyesdesk.inference.errors import ImageError
    from alyesdesk.inference.gaze import targets as T
    from alyesdesk.inference.gaze.simconfig import SimConfig, SimulatorError
    from alyesdesk.inference.gaze.simdata import write_dataset
    from alyesdesk.inference.gaze.simulator import make_simulator

    if args.points < 1 or args.frames_per_point < 1:
        _err("--points and --frames-per-point must be at least 1")
        return 2
    if args.face and not Path(args.face).is_file():
        _err(f"face photo not found: {args.face}")
        return 2
    try:
        sim = make_simulator(args.face, SimConfig(head_motion=args.head), args.seed)
        points = T.layout(sim.config.screen, args.points, args.layout, args.seed)
    except (SimulatorError, ImageError, ValueError) as exc:
        _err(str(exc))
        return 2
    # Different seeds start at different times, so head motion differs between datasets.
    t0 = args.start_time if args.start_time is not None else 1000.0 * (args.seed % 97)
    count = write_dataset(args.out, sim, points, args.frames_per_point, t0=t0, layout=args.layout)
    print(f"wrote {count} simulated frames ({len(points)} points, head {args.head}, face: {sim.face.source}) to {args.out}")
    return 0


def _fit(args: argparse.Namespace) -> int:
    import numpy as np

    from alyesdesk.inference.gaze.evaluate import extract
    from alyesdesk.inference.gaze.fit import FitError, fit_calibrated

    data = _load_dataset(args.data)
    if data is None:
        return 2
    samples = extract(data, args.frontend)
    try:
        model = fit_calibrated(samples, data.targets(), data.screen, args.frontend)
    except FitError as exc:
        _err(str(exc))
        return 1
    onnx_path, sidecar_path = model.save(args.out)
    usable = int(np.sum([s.ok for s in samples]))
    summary = {"model": str(onnx_path), "sidecar": str(sidecar_path), "frames": len(samples), "usable": usable, **model.info}
    if args.json:
        print_json(summary)
    else:
        m = model.info["metrics"]
        print(f"fitted {args.frontend} model on {usable}/{len(samples)} usable frames, {model.info['points']} points "
              f"in {model.info['fit_seconds']:.3f} s; cross-validated error {m['cv_mean_px']:.0f} px "
              f"({m['cv_mean_deg']:.2f} deg); wrote {onnx_path}")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from alyesdesk.inference import catalog
    from alyesdesk.inference.errors import ModelError
    from alyesdesk.inference.gaze.evaluate import evaluate
    from alyesdesk.inference.sidecar import SidecarError

    try:
        model, _ = catalog.open_for_task("gaze", args.model)
    except (ModelError, SidecarError, OSError) as exc:
        _err(str(exc))
        return 2
    data = _load_dataset(args.data)
    if data is None:
        return 2
    report = evaluate(model, data, model.frontend)
    if args.json:
        print_json(report.to_dict())
        return 0
    print(f"{report.frames} frames, {report.usable} usable ({report.statuses})")
    if report.mean_px is None:
        print("no usable frame: nothing to score")
        return 1
    print(f"per frame: mean {report.mean_px:.0f} px ({report.mean_deg:.2f} deg), median {report.median_px:.0f} px "
          f"({report.median_deg:.2f} deg)")
    print(f"per target ({report.points} points, median of each target's frames): mean {report.point_mean_px:.0f} px "
          f"({report.point_mean_deg:.2f} deg)")
    if report.filtered_mean_px is not None:
        print(f"filtered (One Euro, frames in order, as the app shows it): mean {report.filtered_mean_px:.0f} px "
              f"({report.filtered_mean_deg:.2f} deg)")
    if report.note:
        print(f"note: {report.note}")
    return 0


def _train(args: argparse.Namespace) -> int:
    try:
        from alyesdesk.training.gaze import train as training
    except ImportError as exc:
        _err(f"training needs the `train` extra (pip install alyesdesk[train]): {exc}")
        return 2
    return training.main_from_args(args)
