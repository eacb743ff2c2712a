"""Frozen entry point: same arguments as the `alyesdesk` command (GUI, --screenshot, subcommands)."""

import multiprocessing
import sys

from alyesdesk.__main__ import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
