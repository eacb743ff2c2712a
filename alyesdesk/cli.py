"""Command line: no subcommand starts the GUI; subcommands run headless (no display needed).

Subcommands live in `alyesdesk/commands/<name>.py`, each with `register(subparsers)`; they are found
automatically, so adding a command never edits this file.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from alyesdesk import __version__
from alyesdesk.logs import setup_logging

GUI_FLAGS = ("--screenshot", "--tab", "--quit-after", "--lang", "--size")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="alyesdesk",
        description="AlyesDesk: local, offline computer vision (gaze, waste sorting, signatures, streets).",
        epilog="Without a subcommand the desktop app starts.",
    )
    parser.add_argument("--version", action="version", version=f"AlyesDesk {__version__}")
    parser.add_argument("--screenshot", metavar="PATH", help="render the main window to a PNG and exit")
    parser.add_argument("--tab", metavar="NAME", help="tab to show (gaze, waste, documents, streets, history)")
    parser.add_argument(
        "--quit-after", type=float, metavar="SECONDS", help="start the GUI and quit after SECONDS (smoke tests)"
    )
    parser.add_argument("--lang", choices=("system", "fr", "en"),
                        help="language of the window for this run (default: the `language` setting)")
    parser.add_argument("--size", metavar="WxH", default="1280x820", help="size of a --screenshot (default 1280x820)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages to the console")
    parser.add_argument("--selftest", action="store_true", help="same as the selftest command")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    from alyesdesk import commands

    for module_info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{commands.__name__}.{module_info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(subparsers)
    return parser


def run(argv: list[str]) -> int:
    if argv[:1] == ["--selftest"]:
        # The frozen app's spelling (`AlyesDesk --selftest`) of the `selftest` subcommand.
        argv = ["selftest", *argv[1:]]
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: usage errors exit 2, --help/--version exit 0
        return int(exc.code or 0)
    setup_logging(verbose=args.verbose, console=args.command is not None)
    if args.command is None:
        from alyesdesk.ui.app import run_gui

        return run_gui(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
