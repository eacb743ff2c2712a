"""Waiting on processes in tests: a pidfd, never a polling loop or a sleep (Linux only, as the callers say)."""

from __future__ import annotations

import os
import select


def wait_gone(pid: int, timeout_s: float = 10) -> bool:
    """True once `pid` has exited (a zombie has exited too), waiting on a pidfd rather than polling."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        return bool(select.select([fd], [], [], timeout_s)[0])
    finally:
        os.close(fd)
