"""Turning what the user dropped or typed (files and folders) into a list of files, one status each, and
reading one of those files without ever blocking on it.

Folders are walked once per real folder (device, inode), so symbolic-link loops (`ln -s . x`) neither
repeat files nor run forever; named pipes, sockets and devices are never opened (a FIFO blocks `open`
until someone writes to it, `/dev/zero` never ends) but reported, each with its own message.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from alyesdesk.inference.errors import ImageError
from alyesdesk.texts import QT_TRANSLATE_NOOP, Text

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

Entry = tuple[Path, "str | None"]  # (path, error or None)

_SPECIAL_KINDS = (
    (stat.S_ISFIFO, QT_TRANSLATE_NOOP("Errors", "a named pipe (FIFO)")),
    (stat.S_ISSOCK, QT_TRANSLATE_NOOP("Errors", "a socket")),
    (stat.S_ISCHR, QT_TRANSLATE_NOOP("Errors", "a character device")),
    (stat.S_ISBLK, QT_TRANSLATE_NOOP("Errors", "a block device")),
)


def special_file_problem(mode: int) -> Text:
    """The message for anything that is neither a regular file nor a folder (st_mode from `stat`)."""
    kind = next((name for test, name in _SPECIAL_KINDS if test(mode)), QT_TRANSLATE_NOOP("Errors", "a special file"))
    return QT_TRANSLATE_NOOP(
        "Errors", "is {kind}, not a regular file: skipped (save its contents to a file and use that)",
    ).format(kind=kind)


def _stat_problem(path: Path, exc: OSError) -> Text:
    if exc.errno == errno.ELOOP:
        return QT_TRANSLATE_NOOP("Errors", "is a symbolic link that loops back on itself: skipped")
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        if path.is_symlink():
            return QT_TRANSLATE_NOOP("Errors", "is a broken symbolic link (its target is missing)")
        return QT_TRANSLATE_NOOP("Errors", "no such file or folder")
    return QT_TRANSLATE_NOOP("Errors", "cannot access: {reason}").format(reason=exc.strerror or str(exc))


def expand_files(items: Iterable[str | Path], suffixes: tuple[str, ...]) -> list[Entry]:
    """Files and folders (recursed, sorted; inside folders only files with `suffixes`) -> (path, error or None).

    A folder that cannot be listed, a special file and a broken or looping link each become one error
    entry and the rest of the batch goes on. A folder reached twice (a link back up the tree, or given
    twice) is walked once.
    """
    out: list[Entry] = []
    walked: set[tuple[int, int]] = set()  # (st_dev, st_ino) of every folder listed so far
    for item in items:
        path = Path(item)
        try:
            info = path.stat()  # follows links: a link to a folder is that folder
        except OSError as exc:
            out.append((path, _stat_problem(path, exc)))
            continue
        if stat.S_ISDIR(info.st_mode):
            out.extend(_walk(path, info, suffixes, walked))
        elif stat.S_ISREG(info.st_mode):
            out.append((path, None))
        else:
            out.append((path, special_file_problem(info.st_mode)))
    return out


def _walk(root: Path, root_info: os.stat_result, suffixes: tuple[str, ...],
          walked: set[tuple[int, int]]) -> list[Entry]:
    """Depth-first, sorted like `sorted(folder.iterdir())` at every level, with an explicit stack so a
    deep tree cannot exhaust Python's recursion limit.
    """
    out: list[Entry] = []
    stack: list[Iterator[Path]] = []
    _enter(root, root_info, stack, out, walked)
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        try:
            info = entry.stat()
        except OSError as exc:
            if entry.suffix.lower() in suffixes or exc.errno not in (errno.ENOENT, errno.ENOTDIR, errno.ELOOP):
                out.append((entry, _stat_problem(entry, exc)))
            continue  # a dangling link with another suffix is not something the user asked for
        if stat.S_ISDIR(info.st_mode):
            _enter(entry, info, stack, out, walked)
        elif entry.suffix.lower() not in suffixes:
            continue
        elif stat.S_ISREG(info.st_mode):
            out.append((entry, None))
        else:
            out.append((entry, special_file_problem(info.st_mode)))
    return out


def _enter(folder: Path, info: os.stat_result, stack: list[Iterator[Path]], out: list[Entry],
           walked: set[tuple[int, int]]) -> None:
    """Push the folder's sorted entries, unless this real folder was listed already."""
    key = (info.st_dev, info.st_ino)
    if key in walked:
        return
    walked.add(key)
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        out.append((folder, QT_TRANSLATE_NOOP("Errors", "cannot read folder: {reason}").format(reason=exc.strerror or str(exc))))
        return
    stack.append(iter(entries))


def read_regular_file(path: str | Path, max_bytes: int, what: str = QT_TRANSLATE_NOOP("Errors", "an image")) -> bytes:
    """The bytes of a regular file of at most `max_bytes`; ImageError with a plain reason otherwise.

    `what` names the expected kind of file ("an image", "a document": a `QT_TRANSLATE_NOOP` to be translated).

    `stat` comes first, so a FIFO or a device is never opened; the file is then opened non-blocking and
    checked again, in case it was replaced between the two, and read no further than the limit.
    """
    path = Path(path)
    try:
        info = path.stat()
    except OSError as exc:
        raise ImageError(_cannot_read(path, exc)) from None
    _check_regular(path, info, max_bytes, what)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as file:
            _check_regular(path, os.fstat(file.fileno()), max_bytes, what)
            data = file.read(max_bytes + 1)
    except OSError as exc:
        raise ImageError(_cannot_read(path, exc)) from None
    if len(data) > max_bytes:  # it grew after stat
        raise ImageError(_too_big(path, max_bytes))
    return data


def _check_regular(path: Path, info: os.stat_result, max_bytes: int, what: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise ImageError(QT_TRANSLATE_NOOP("Errors", "{name}: is a folder, not {what}").format(name=path.name, what=what))
    if not stat.S_ISREG(info.st_mode):
        raise ImageError(QT_TRANSLATE_NOOP("Errors", "{name}: {problem}").format(
            name=path.name, problem=special_file_problem(info.st_mode)))
    if info.st_size > max_bytes:
        raise ImageError(_too_big(path, max_bytes))


def _too_big(path: Path, max_bytes: int) -> Text:
    return QT_TRANSLATE_NOOP("Errors", "{name}: file over {size} MB; use a smaller file").format(
        name=path.name, size=max_bytes // (1024 * 1024))


def _cannot_read(path: Path, exc: OSError) -> Text:
    return QT_TRANSLATE_NOOP("Errors", "{name}: cannot read file ({reason})").format(
        name=path.name, reason=exc.strerror or str(exc))
