"""How the text of a stored result is written and searched: input paths (lossless, see
`alyesdesk.pathtext`) and literal History searches.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from alyesdesk.pathtext import path_text

if TYPE_CHECKING:
    import os

LIKE_ESCAPE = "\\"


def escape_like(text: str) -> str:
    r"""`text` matched literally by LIKE ... ESCAPE '\\' (the escape character itself first)."""
    return text.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", LIKE_ESCAPE + "%").replace("_", LIKE_ESCAPE + "_")


def input_fields(path: str | os.PathLike | bytes) -> tuple[str, dict | None]:
    """The stored `input` text of a file path and, when that text is not exact (a name that is not
    UTF-8), the result details keeping its bytes: `{"path_bytes": base64}`.
    """
    value = path_text(path)
    return value.text, ({"path_bytes": value.raw_b64} if value.raw is not None else None)


def path_bytes(details: str | None) -> str | None:
    """The base64 `path_bytes` kept in a result's details JSON, or None."""
    if not details or "path_bytes" not in details:  # most rows: skip the JSON parse
        return None
    try:
        value = json.loads(details).get("path_bytes")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def history_row(row: dict) -> dict:
    """A History row: `input` is the display text; `input_bytes` the exact bytes of a non-UTF-8 name."""
    row["input_bytes"] = path_bytes(row.pop("details", None))
    return row
