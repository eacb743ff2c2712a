"""`alyesdesk bench gaze [--json]`: latency benchmarks, printed (never asserted in tests).

`bench` takes a target; other capabilities can add theirs to BENCHES.
"""

from __future__ import annotations

import argparse
import sys

from alyesdesk.commands._common import print_json


def _bench_gaze(args: argparse.Namespace) -> int:
    from alyesdesk.inference.gaze.bench import FRONTENDS, format_table, run_bench

    frontends = tuple(args.frontends.split(",")) if args.frontends else FRONTENDS
    unknown = [f for f in frontends if f not in FRONTENDS]
    if unknown:
        print(f"error: unknown front end(s) {unknown}; choose from {list(FRONTENDS)}", file=sys.stderr)
        return 2
    try:
        report = run_bench(frames=args.frames, face=args.face, seed=args.seed, frontends=frontends)
    except Exception as exc:  # a benchmark prints why it could not run instead of a traceback
        print(f"error: gaze benchmark failed: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print_json(report)
    else:
        print(format_table(report))
    return 0


BENCHES = {"gaze": _bench_gaze}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("bench", help="latency benchmarks (gaze)")
    parser.add_argument("target", choices=sorted(BENCHES), help="what to benchmark")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--frames", type=int, default=120, help="frames to time per front end (default 120)")
    parser.add_argument("--face", metavar="IMG", help="face photo for the simulated frames (default: shipped or synthetic)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--frontends", metavar="LIST", help="comma-separated subset of mediapipe,haar,haar-original,haar-original-cvdefaults")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return BENCHES[args.target](args)
