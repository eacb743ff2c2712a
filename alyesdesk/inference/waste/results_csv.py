"""A batch's waste results as CSV: one row per file, for a spreadsheet or a report (Qt-free, so the Waste
tab and scripts write the same columns).

Paths are absolute (a relative path means nothing once the CSV leaves the folder it was written in); a
photo that is not a waste item has an empty bin; the corrected label is empty when the person did not
correct or confirm the answer.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING

from alyesdesk.pathtext import absolute, display

if TYPE_CHECKING:
    from collections.abc import Iterable

    from alyesdesk.inference.waste.classify import FileResult

COLUMNS = ("path", "status", "error", "material", "confidence", "sure", "looks_like_waste", "bin", "bin_color",
           "corrected_label", "final_label", "sha256", "duplicate_of", "result_id")


def result_row(result: FileResult, correction: str | None = None) -> dict[str, str]:
    """One CSV row; `correction` is the person's label (equal to the model's for a confirmed answer)."""
    p = result.prediction
    waste = result.looks_like_waste
    advice = result.bin if (waste is not False or correction) else None
    final = correction or (p.label if p is not None and waste is not False else "")
    return {
        "path": display(absolute(result.path)),
        "status": result.status,
        "error": result.error or "",
        "material": p.label if p is not None else "",
        "confidence": f"{p.confidence:.4f}" if p is not None else "",
        "sure": "" if p is None else str(bool(p.sure)).lower(),
        "looks_like_waste": "" if waste is None else str(bool(waste)).lower(),
        "bin": advice.container if advice is not None else "",
        "bin_color": advice.color if advice is not None else "",
        "corrected_label": correction or "",
        "final_label": final,
        "sha256": result.sha256 or "",
        "duplicate_of": display(absolute(result.duplicate_of)) if result.duplicate_of else "",
        "result_id": str(result.result_id or result.previous_result_id or ""),
    }


def results_csv(rows: Iterable[tuple[FileResult, str | None]]) -> str:
    """The CSV text of (result, correction) pairs, with a header row."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for result, correction in rows:
        writer.writerow(result_row(result, correction))
    return out.getvalue()


def write_results_csv(rows: Iterable[tuple[FileResult, str | None]], path: str | Path) -> Path:
    """Write the CSV atomically (UTF-8 with a BOM, so a spreadsheet reads accents right); returns the path."""
    from alyesdesk.fileio import atomic_write_text

    target = Path(path)
    atomic_write_text(target, "\ufeff" + results_csv(rows))
    return target
