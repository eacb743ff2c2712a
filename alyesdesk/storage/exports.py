"""Writing exports atomically (temporary file, then rename; the user's usual file mode) and the History
list as CSV.
"""

from __future__ import annotations

import csv
import io
import time
from typing import TYPE_CHECKING

# Re-exported: the storage layer's export API.
from alyesdesk.fileio import atomic_write_bytes as atomic_write_bytes
from alyesdesk.fileio import atomic_write_text as atomic_write_text

if TYPE_CHECKING:
    from collections.abc import Iterable

# `input` is display text; `input_bytes` the base64 bytes of a file name that is not UTF-8 (else empty).
HISTORY_COLUMNS = ("id", "time", "capability", "input", "outcome", "model", "note", "input_bytes")


def csv_text(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    """CSV text with `header` then `rows` (\\n line ends on every platform)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(list(header))
    writer.writerows(rows)
    return buffer.getvalue()


def format_time(epoch: float) -> str:
    """Epoch seconds as local 'YYYY-MM-DD HH:MM:SS' (the exports' time column)."""
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
                r.get("input_bytes") or "",
            )
            for r in rows
        ),
    )
