"""`alyesdesk diagnostics`: versions, models, folders, keyring and cameras, for bug reports."""

from __future__ import annotations

import argparse

from alyesdesk.diagnostics import report
from alyesdesk.commands._common import print_json


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("diagnostics", help="print versions, models, folders, keyring and cameras")
    parser.add_argument("--no-cameras", action="store_true", help="do not probe cameras")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    print_json(report(cameras=not args.no_cameras))
    return 0
