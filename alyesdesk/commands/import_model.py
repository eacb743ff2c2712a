"""`alyesdesk import-model ONNX [--sidecar JSON] [--activate]`: install a user model after checking it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from alyesdesk.inference import catalog
from alyesdesk.inference.errors import ModelError
from alyesdesk.inference.importer import import_model
from alyesdesk.inference.sidecar import SidecarError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("import-model", help="check and install a model (ONNX + JSON sidecar)")
    parser.add_argument("onnx", type=Path)
    parser.add_argument("--sidecar", type=Path, help="sidecar file (default: the .json beside the ONNX)")
    parser.add_argument("--activate", action="store_true", help="use it instead of the bundled model")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        installed = import_model(args.onnx, args.sidecar)
    except (ModelError, SidecarError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    info = next(m for m in catalog.scan()[0] if m.onnx_path == installed)
    if args.activate:
        catalog.set_active(info.spec.task, info)
    print(f"imported {info.spec.task} model {info.key} -> {installed}")
    return 0
