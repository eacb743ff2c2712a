"""Reading JSON that comes from outside (sidecars, dataset files) without letting it crash the app.

`json.loads` alone lets hostile text through as RecursionError (deep nesting), ValueError about integer
string conversion (thousands of digits), `inf` (`1e999`) or NaN (`NaN` literals). `read_text` and `loads`
turn every such case into `UntrustedJsonError`, a ValueError whose message says what is wrong.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from pathlib import Path
from typing import Any

DEFAULT_MAX_DEPTH = 32
MAX_INT_DIGITS = 18  # fits in a signed 64-bit integer, so no later float() or numpy cast can overflow

# A JSON string, written unrolled (no nested repetition) so long strings cost linear time.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_BRACKET = re.compile(r"[\[\]{}]")


class UntrustedJsonError(ValueError):
    """A file or text is not JSON this app accepts; the message says why."""


def display_path(path: str | os.PathLike[str]) -> str:
    r"""`path` as text that any console, log or database can hold: bytes of a file name that are not
    UTF-8 show as \\xNN instead of lone surrogates (which raise UnicodeEncodeError when printed).
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def read_text(path: str | Path, max_bytes: int) -> str:
    """The UTF-8 text of a regular file of at most `max_bytes` (a BOM is dropped).

    OSError when it cannot be read; UntrustedJsonError when it is too large or not UTF-8. The size is
    checked before reading, and the read is bounded too (the file may grow meanwhile).
    """
    path = Path(path)
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        # A FIFO or device named *.json would block or never end.
        raise UntrustedJsonError("is not a regular file")
    if info.st_size > max_bytes:
        raise UntrustedJsonError(f"is {info.st_size} bytes, over the {max_bytes}-byte limit")
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UntrustedJsonError(f"is over the {max_bytes}-byte limit")
    try:
        # utf-8-sig: files edited on Windows may carry a BOM that would corrupt the first key.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UntrustedJsonError(f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None


def nesting_depth(text: str) -> int:
    """How deeply `[` and `{` nest in `text`, ignoring brackets inside strings (linear, no recursion)."""
    depth = deepest = 0
    for match in _BRACKET.finditer(_STRING.sub('""', text)):
        if match.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise UntrustedJsonError(f"integer with {len(text.lstrip('-'))} digits is too large")
    return int(text)


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise UntrustedJsonError(f"number {text[:40]} is out of range")
    return value


def _reject_constant(name: str) -> Any:
    raise UntrustedJsonError(f"{name} is not a number JSON allows")


def loads(text: str, max_depth: int = DEFAULT_MAX_DEPTH) -> Any:
    """Parse `text`: plain JSON with finite numbers, integers within 64 bits, at most `max_depth` levels."""
    depth = nesting_depth(text)
    if depth > max_depth:
        raise UntrustedJsonError(f"nested {depth} levels deep, over the limit of {max_depth}")
    try:
        return json.loads(
            text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_reject_constant
        )
    except UntrustedJsonError:
        raise
    except json.JSONDecodeError as exc:
        raise UntrustedJsonError(f"not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except (ValueError, RecursionError) as exc:  # the depth check above should make the second impossible
        raise UntrustedJsonError(f"not valid JSON ({type(exc).__name__})") from None
