"""`alyesdesk selftest`: checks the install; exits 1 on a real failure (warnings do not fail)."""

from __future__ import annotations

import argparse

from alyesdesk.diagnostics import FAIL, SELFTEST_CHECKS, as_dicts, run_selftest
from alyesdesk.commands._common import print_json

SYMBOLS = {"ok": "PASS", "warning": "WARN", "fail": "FAIL"}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("selftest", help="check the install (models, MediaPipe, database, keyring, cameras)")
    parser.add_argument("--json", action="store_true", help="print the checks as JSON")
    parser.add_argument(
        "--skip", action="append", default=[], choices=[name for name, _ in SELFTEST_CHECKS], help="skip a check"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    checks = run_selftest(tuple(args.skip))
    failed = [c for c in checks if c.status == FAIL]
    if args.json:
        print_json({"ok": not failed, "checks": as_dicts(checks)})
    else:
        for c in checks:
            print(f"{SYMBOLS[c.status]:4}  {c.name:10} {c.detail}  ({c.seconds:.2f} s)")
        print("selftest " + ("FAILED" if failed else "passed"))
    return 1 if failed else 0
