"""Writing exports atomically (temporary file, then rename) and the History list as CSV."""

from __future__ import annotations

import csv
import io
import os
import tempfile
import time
from pathlib import Path
from typing import Iterable

HISTORY_COLUMNS = ("id", "time", "capability", "input", "outcome", "model", "note")


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write via a temporary file in the same folder, then rename: readers never see half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(path: str | Path, text: str) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"))


def csv_text(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(list(header))
    writer.writerows(rows)
    return buffer.getvalue()


def format_time(epoch: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(epoch))


def history_csv(rows: Iterable[dict]) -> str:
    """History rows (as `Database.history` returns them) as CSV text."""
    return csv_text(
        HISTORY_COLUMNS,
        (
            (
                r["id"],
                format_time(r["created_at"]),
                r["capability"],
                r["input"],
                r["outcome"],
                f"{r['model_name']} {r['model_version']}" if r.get("model_name") else "",
                r.get("note") or "",
            )
            for r in rows
        ),
    )
