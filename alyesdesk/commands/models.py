"""`alyesdesk models`: lists bundled and imported models (and broken sidecars, with the reason)."""

from __future__ import annotations

import argparse

from alyesdesk.inference import catalog
from alyesdesk.commands._common import print_json


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("models", help="list installed models")
    parser.add_argument("--json", action="store_true", help="print as JSON")
    parser.set_defaults(func=run)


def _row(info: catalog.ModelInfo) -> dict:
    return {
        "task": info.spec.task,
        "name": info.spec.name,
        "version": info.spec.version,
        "bundled": info.bundled,
        "file": str(info.onnx_path),
        "sha256": info.sha256(),
        "licence": info.spec.licence,
        "metrics": info.spec.metrics,
    }


def run(args: argparse.Namespace) -> int:
    found, broken = catalog.scan()
    if args.json:
        print_json({"models": [_row(m) for m in found],
                    "broken": [{"file": b.display_name, "error": b.error} for b in broken]})
        return 0
    if not found:
        print("no models installed")
    for m in found:
        origin = "bundled" if m.bundled else "imported"
        print(f"{m.spec.task:9} {m.spec.name} {m.spec.version}  ({origin})  {m.onnx_path}")
    for b in broken:
        print(f"BROKEN    {b.display_name}: {b.error}")
    return 0
