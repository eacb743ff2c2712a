"""Entry points: `alyesdesk` (GUI, or a headless subcommand) and `python -m alyesdesk`."""

from __future__ import annotations

import sys

SUPPORTED_PYTHON = ((3, 10), (3, 12))  # keep in step with requires-python in pyproject.toml and setup.py


def python_problem(version: tuple[int, ...] = tuple(sys.version_info[:2])) -> str | None:
    """A plain message when this Python is not one AlyesDesk supports (its dependencies would fail in odd
    ways: no wheels, or a crash deep in an import), else None."""
    if SUPPORTED_PYTHON[0] <= tuple(version[:2]) <= SUPPORTED_PYTHON[1]:
        return None
    return ("AlyesDesk needs Python 3.10 to 3.12; this is Python {}.{}. Install Python 3.12 and create the "
            "environment with it (README, Set up).".format(*version[:2]))


def main(argv: list[str] | None = None) -> int:
    problem = python_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from alyesdesk.cli import run

    return run(sys.argv[1:] if argv is None else argv)


def gui_main() -> int:
    problem = python_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from alyesdesk.ui.app import run_gui

    return run_gui([])


if __name__ == "__main__":
    sys.exit(main())
