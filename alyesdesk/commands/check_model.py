"""`alyesdesk check-model ONNX SIDECAR`: validates one model; the app runs it in a child process."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("check-model", help="validate a model file and its sidecar (prints JSON)")
    parser.add_argument("onnx", type=Path)
    parser.add_argument("sidecar", type=Path, nargs="?")
    parser.add_argument("--describe", action="store_true", help="only print the model's inputs and outputs")
    parser.add_argument("--time-limit", type=float, metavar="SECONDS",
                        help="exit after SECONDS, or when the parent process is gone")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from alyesdesk.inference.importer import check_here, describe_here, start_watchdog

    if args.time_limit:
        start_watchdog(args.time_limit)
    sidecar = args.sidecar or args.onnx.with_suffix(".json")
    try:
        # The model is untrusted: the memory limit applies to this whole (child) process.
        if args.describe:
            verdict = describe_here(args.onnx, memory_limit=True)
        else:
            verdict = check_here(args.onnx, sidecar, memory_limit=True)
    except Exception as exc:  # every failure becomes a one-line verdict for the parent process
        verdict = {"ok": False, "error": str(exc)}
    print(json.dumps(verdict))
    return 0 if verdict["ok"] else 1
