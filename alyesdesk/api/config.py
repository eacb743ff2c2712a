"""The API's limits and the loopback rule (no FastAPI here: the command checks its options with it)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True)
class ApiConfig:
    """What one server accepts. Sizes are bytes; a request over `max_body_bytes`, a file over
    `max_file_bytes` or more than `max_files` files is refused with 413.
    """

    max_body_bytes: int = 64 * MIB
    max_file_bytes: int = 25 * MIB
    max_files: int = 32
    max_pages: int = 20  # pages per PDF or TIFF
    timeout_s: float = 60.0  # per request, queueing included
    workers: int = 2  # inference threads


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and "localhost"; anything else reaches other machines."""
    if host.strip().lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything
