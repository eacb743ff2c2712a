"""File names as text, without losing any: a display form for people and UTF-8 files, the exact bytes
for the machine.

On Linux a file name is bytes, and need not be UTF-8. Python hands such a name over as a `str` holding
lone surrogates ("\\udcff"), which SQLite, JSON and UTF-8 files refuse. So wherever a path leaves the
process (database, JSON, CSV, History) it goes through `path_text`: `text` is printable (U+FFFD where a
byte was not UTF-8) and `raw` keeps the exact bytes, base64-encoded as `path_bytes` beside it, only when
`text` alone would lose them. `from_stored` turns the two back into a path that opens the same file.

Qt-free and dependency-free: every layer uses it.
"""

from __future__ import annotations

import base64
import binascii
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Union

PathLike = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]


@dataclass(frozen=True)
class PathText:
    """A path as text. `raw` is None when `text` is lossless (every name that is valid UTF-8)."""

    text: str
    raw: bytes | None = None

    @property
    def raw_b64(self) -> str | None:
        return base64.b64encode(self.raw).decode("ascii") if self.raw is not None else None

    @property
    def lossless(self) -> bool:
        return self.raw is None


def path_text(path: PathLike) -> PathText:
    """The display text of `path` and, when that text is not exact, its bytes (`os.fsencode`)."""
    value = os.fspath(path)
    if isinstance(value, str):
        if _is_utf8_clean(value):
            return PathText(value)  # the common case: nothing to convert
        raw = os.fsencode(value)  # gives back the bytes the surrogates stand for
    else:
        raw = value
    text = raw.decode("utf-8", errors="replace")
    return PathText(text, None if _round_trips(text, raw) else raw)


def display(path: PathLike) -> str:
    """Text to print, store or search: valid UTF-8 always, U+FFFD where a byte was not."""
    return path_text(path).text


def clean_text(text: str) -> str:
    """`text` (a message, a JSON or CSV document) with every stray file-name byte made U+FFFD, so it
    can be written as UTF-8: use it where text that may quote a file name leaves the process."""
    if _is_utf8_clean(text):
        return text
    try:
        raw = text.encode("utf-8", errors="surrogateescape")  # the bytes the surrogates stand for
    except UnicodeEncodeError:  # surrogates that are not escaped bytes (e.g. from Windows)
        return text.encode("utf-8", errors="replace").decode("utf-8")
    return raw.decode("utf-8", errors="replace")


def json_fields(path: PathLike, key: str = "path") -> dict[str, str | None]:
    """`{key: display text, key_bytes: base64 of the exact bytes or None}` for JSON and CSV rows."""
    value = path_text(path)
    return {key: value.text, f"{key}_bytes": value.raw_b64}


def from_stored(text: str, raw_b64: str | None = None) -> str:
    """The path that opens the file again, from a stored display text and optional `path_bytes`."""
    if not raw_b64:
        return text
    try:
        return os.fsdecode(base64.b64decode(raw_b64, validate=True))
    except (binascii.Error, ValueError):
        return text  # a damaged field: the display text is the best we have


def absolute(path: PathLike) -> Path:
    """`path` made absolute and resolved (symlinks, `..`), as results are stored; never raises for a
    path that cannot be resolved (a loop, a vanished folder): then it is only made absolute."""
    as_path = Path(os.fsdecode(path))
    try:
        return as_path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(as_path))


def _round_trips(text: str, raw: bytes) -> bool:
    try:
        return os.fsencode(text) == raw
    except UnicodeEncodeError:
        return False


def _is_utf8_clean(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
