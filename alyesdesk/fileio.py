"""Writing files so that readers never see half of one: a temporary file in the same folder, then rename.

Used for every export, report, settings and metadata file. Qt-free. New files get the user's usual
mode (0666 less the umask); only secrets ask for 0600.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path
from typing import Iterator

from alyesdesk.pathtext import display

# What a new file gets before the umask: exports are the user's files, readable as any file they save
# (0666 & ~umask, usually 0644). Secrets ask for `private=True` (0600).
USER_FILE_MODE = 0o666
PRIVATE_FILE_MODE = 0o600


@contextlib.contextmanager
def atomic_path(path: str | Path, *, private: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside `path` (same suffix, so encoders pick the right format); on
    success it replaces `path`, on error it is removed and `path` is left as it was.

    Raises OSError (IsADirectoryError when `path` is a folder) before anything is written."""
    path = Path(path)
    if path.is_symlink():
        path = path.resolve()  # replace the file the link points to; the link itself stays
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    if path.exists() and not path.is_file():
        # A device or a pipe (`--csv /dev/stdout`): written through; a rename would replace the node.
        yield path
        return
    _make_folder(path.parent)
    tmp = _new_temp(path, PRIVATE_FILE_MODE if private else USER_FILE_MODE)
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a file stands where a folder is needed: say so, not "File exists"
        raise NotADirectoryError(errno.ENOTDIR, "a file stands where a folder is needed", str(folder)) from None


def _new_temp(path: Path, mode: int) -> Path:
    """An empty, new file beside `path`, created with `mode` (the umask applies, as for any new file:
    `tempfile.mkstemp` would force 0600 on every export)."""
    for _ in range(100):
        tmp = path.with_name(f".{path.stem}.{secrets.token_hex(4)}.part{path.suffix}")
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode))
        except FileExistsError:
            continue
        return tmp
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(path.parent))


def check_writable(path: str | Path) -> None:
    """Raise OSError now, before a long batch, if `path` clearly cannot be written: it is a folder, or
    its nearest existing folder is not writable. (Writing may still fail later, e.g. on a full disk.)"""
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "is not a folder", str(folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise PermissionError(errno.EACCES, "permission denied", str(folder))


def describe_write_error(exc: OSError, path: str | Path) -> str:
    """One line for the user: which file, what went wrong, what to do next."""
    reason = exc.strerror or str(exc)
    if isinstance(exc.filename, (str, bytes, os.PathLike)) and display(exc.filename) != display(path):
        reason = f"{display(exc.filename)}: {reason}"  # e.g. the folder above it
    if exc.errno in (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)):
        advice = "free some disk space (or raise the file size limit) and run it again"
    elif exc.errno == errno.EISDIR:
        advice = "give a file name, not a folder"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        advice = "choose a folder you can write to"
    else:
        advice = "choose another place to write to"
    return f"cannot write {display(path)} ({reason}): {advice}; nothing was half-written"


class AppendingFile:
    """A report written as the work goes (a killed batch keeps every finished part), whole parts only:
    a part that cannot be written in full (disk full) is cut off again and the error raised.

    Created with the user's file mode. `append` writes and flushes to the OS at once.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if self.path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(self.path))
        _make_folder(self.path.parent)
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
        self._fd: int | None = os.open(self.path, flags, USER_FILE_MODE)
        self._size = 0

    def append(self, text: str) -> None:
        if self._fd is None:
            raise ValueError(f"{self.path} is closed")
        data = text.encode("utf-8")
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(self._fd, view):]
        except OSError:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, self._size)  # drop the torn part: the file ends on a whole one
            raise
        self._size += len(data)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> "AppendingFile":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def atomic_write_bytes(path: str | Path, data: bytes, *, private: bool = False) -> Path:
    with atomic_path(path, private=private) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def atomic_write_text(path: str | Path, text: str, *, private: bool = False) -> Path:
    """UTF-8, and newlines written as given (CSV writers choose their own line endings)."""
    with atomic_path(path, private=private) as tmp:
        with tmp.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    return Path(path)
