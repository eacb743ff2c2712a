"""Batch reports of signature checks: CSV and JSON files, and annotated page images."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

import cv2

from alyesdesk.fileio import AppendingFile, atomic_write_text
from alyesdesk.pathtext import clean_text, path_text

if TYPE_CHECKING:
    from collections.abc import Iterable

    import numpy as np

    from alyesdesk.inference.documents.check import DocumentCheck, PageCheck

# --- reports ---------------------------------------------------------------------------------------
# `verdict` is the model's; `reviewed_verdict` a person's (empty when nobody reviewed the document);
# `box_decision` is "accept" / "reject" for a model box a person decided, "drawn" for a box they added.
REPORT_COLUMNS = ("file", "status", "error", "page", "width", "height", "x1", "y1", "x2", "y2", "score",
                  "review", "page_count", "count", "expected", "verdict", "stored", "file_bytes",
                  "expected_per_page", "reviewed_verdict", "review_note", "box_decision")


def report_rows(docs: Iterable[DocumentCheck]) -> list[dict]:
    """One row per box (or per page without boxes, or per failed document): the batch CSV."""
    from alyesdesk.inference.documents.review import box_key, reviewed_verdict

    rows = []
    for d in docs:
        name = path_text(d.path)  # display text, and the exact bytes of a name that is not UTF-8
        reviewed = reviewed_verdict(d)
        base = {"file": name.text, "status": d.status, "error": d.error or "", "count": d.count,
                "expected": d.expected, "verdict": d.verdict or "error", "stored": int(d.stored),
                "file_bytes": name.raw_b64 or "", "expected_per_page": d.expected_per_page or "",
                "reviewed_verdict": reviewed or "", "review_note": d.review.note if d.review else ""}
        decisions = d.review.boxes if d.review else {}
        drawn = d.review.added if d.review else []
        if not d.pages:
            rows.append({**base, "page": "", "width": "", "height": "", "page_count": ""})
        for p in d.pages:
            page = {**base, "page": p.page, "width": p.width, "height": p.height, "page_count": p.count,
                    "error": p.error or d.error or ""}
            added = [a for a in drawn if a["page"] == p.page]
            if not p.boxes and not added:
                rows.append(page)
            for i, b in enumerate(p.boxes):
                rows.append({**page, "x1": round(b.x1, 1), "y1": round(b.y1, 1), "x2": round(b.x2, 1),
                             "y2": round(b.y2, 1), "score": round(b.score, 4), "review": int(b.review),
                             "box_decision": decisions.get(box_key(p.page, i), "")})
            for a in added:
                rows.append({**page, **{k: a[k] for k in ("x1", "y1", "x2", "y2")}, "box_decision": "drawn"})
    return rows


def _csv_text(rows: list[dict], header: bool) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=REPORT_COLUMNS, restval="", lineterminator="\n")
    if header:
        writer.writeheader()
    writer.writerows(rows)
    return clean_text(buffer.getvalue())  # an error message may quote a name that is not UTF-8


def write_csv(docs: Iterable[DocumentCheck], path: str | Path) -> Path:
    """The whole batch at once, atomically (the app's export)."""
    atomic_write_text(path, _csv_text(report_rows(docs), header=True))
    return Path(path)


class CsvReport:
    """The batch CSV written as the batch goes (`alyesdesk check-docs --csv`): the header at once, then
    each document's rows as soon as it is checked, so a batch that is killed keeps a report of what
    was done. Each document is written whole or not at all. Raises OSError (e.g. a full disk).
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.documents = 0
        self._file = AppendingFile(self.path)
        try:
            self._file.append(_csv_text([], header=True))
        except OSError:
            self._file.close()
            if self.path.is_file() and not self.path.is_symlink():  # never a device or a link
                self.path.unlink(missing_ok=True)  # not even the header: leave nothing behind
            raise

    def add(self, doc: DocumentCheck) -> None:
        self._file.append(_csv_text(report_rows([doc]), header=False))
        self.documents += 1

    def close(self) -> None:
        self._file.close()


def write_json(docs: Iterable[DocumentCheck], path: str | Path) -> Path:
    """Write the `check-docs --json` list (one `DocumentCheck.to_dict()` each) atomically; returns `path`."""
    atomic_write_text(path, clean_text(json.dumps([d.to_dict() for d in docs], indent=2, ensure_ascii=False)))
    return Path(path)


def _bgr(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[4:6], 16), int(h[2:4], 16), int(h[0:2], 16)


def annotate(image: np.ndarray, page: PageCheck, colour: str = "#e6194b", review_colour: str = "#f58231") -> np.ndarray:
    """A copy of the page with its boxes (confident: `colour`, review-level: `review_colour`) and scores."""
    out = image.copy()
    scale = max(out.shape[:2]) / 1000
    thick = max(2, round(3 * scale))
    for b in sorted(page.boxes, key=lambda b: b.score):
        c = _bgr(review_colour if b.review else colour)
        p1, p2 = (int(b.x1), int(b.y1)), (int(b.x2), int(b.y2))
        cv2.rectangle(out, p1, p2, c, thick, cv2.LINE_AA)
        label = f"{b.score:.2f}" + (" ?" if b.review else "")
        fs = 0.9 * max(scale, 0.5)  # readable when a whole page is fitted into half a window
        (tw, th), base = cv2.getTextSize(label, cv2.FONT_HERSHEY_SIMPLEX, fs, max(2, thick // 2))
        ty = p1[1] - 4 if p1[1] - th - 6 > 0 else p2[1] + th + 4
        cv2.rectangle(out, (p1[0], ty - th - 3), (p1[0] + tw + 4, ty + base - 1), c, -1)
        cv2.putText(out, label, (p1[0] + 2, ty - 1), cv2.FONT_HERSHEY_SIMPLEX, fs, (255, 255, 255), max(2, thick // 2), cv2.LINE_AA)
    return out
