"""Turning what the user dropped or typed (files and folders) into a list of files, one status each."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable


def expand_files(items: Iterable[str | Path], suffixes: tuple[str, ...]) -> list[tuple[Path, str | None]]:
    """Files and folders (recursed, sorted; inside folders only files with `suffixes`) -> (path, error or None).

    A folder that cannot be listed becomes one error entry and the rest of the batch goes on.
    """
    out: list[tuple[Path, str | None]] = []
    for item in items:
        path = Path(item)
        try:
            is_dir = path.is_dir()
        except OSError as exc:
            out.append((path, f"cannot access: {exc.strerror or exc}"))
            continue
        if is_dir:
            out.extend(_walk(path, suffixes))
        elif path.exists():
            out.append((path, None))
        else:
            out.append((path, "no such file or folder"))
    return out


def _walk(folder: Path, suffixes: tuple[str, ...]) -> list[tuple[Path, str | None]]:
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        return [(folder, f"cannot read folder: {exc.strerror or exc}")]
    out: list[tuple[Path, str | None]] = []
    for entry in entries:
        try:
            if entry.is_dir():
                out.extend(_walk(entry, suffixes))
            elif entry.is_file() and entry.suffix.lower() in suffixes:
                out.append((entry, None))
        except OSError as exc:
            out.append((entry, f"cannot access: {exc.strerror or exc}"))
    return out
