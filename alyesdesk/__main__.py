"""Entry points: `alyesdesk` (GUI, or a headless subcommand) and `python -m alyesdesk`."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from alyesdesk.cli import run

    return run(sys.argv[1:] if argv is None else argv)


def gui_main() -> int:
    from alyesdesk.ui.app import run_gui

    return run_gui([])


if __name__ == "__main__":
    sys.exit(main())
