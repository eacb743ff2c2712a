"""A person's review of a signature check (Qt-free): box decisions, drawn boxes, a verdict set by hand.

The review is kept beside the model's answer, never instead of it: `DocumentCheck.verdict` stays the
model's, `reviewed_verdict()` is the person's. Box decisions are keyed "page:index" (1-based page, index in
`PageCheck.boxes`): "accept" (a review-level box counts, a confident one is confirmed) or "reject" (the box
is not a signature). Drawn boxes are signatures the model missed, in page pixels.

`export_yolo` writes reviewed pages as training data in the YOLO layout the training scripts read
(`images/<name>.jpg` + `labels/<name>.txt`, lines `0 xc yc w h` normalised; an empty label file for a page
reviewed as having no signature).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import cv2

from alyesdesk.inference.documents.check import (
    NEEDS_REVIEW,
    SIGNED,
    UNSIGNED,
    VERDICTS,
    Box,
    DocumentCheck,
    PageCheck,
    document_verdict,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    import numpy as np

ACCEPT, REJECT = "accept", "reject"
DECISIONS = (ACCEPT, REJECT)


def box_key(page: int, index: int) -> str:
    """The key of a model box in `Review.boxes`: "page:index", 1-based page, index in `PageCheck.boxes`."""
    return f"{int(page)}:{int(index)}"


@dataclass
class Review:
    """A person's review of one document, kept beside the model's answer (see the module doc).

    Raises ValueError on an unknown verdict or box decision, so a damaged stored review is refused on load.
    """

    verdict: str | None = None  # set by hand; None: follow the boxes (or the model)
    note: str = ""
    boxes: dict[str, str] = field(default_factory=dict)  # box_key -> "accept" | "reject"
    added: list[dict] = field(default_factory=list)  # {"page", "x1", "y1", "x2", "y2"} drawn by hand
    reviewed_at: float | None = None

    def __post_init__(self) -> None:
        if self.verdict is not None and self.verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {self.verdict!r}; expected one of {VERDICTS}")
        for key, value in self.boxes.items():
            if value not in DECISIONS:
                raise ValueError(f"box {key}: unknown decision {value!r}")

    @property
    def is_empty(self) -> bool:
        return self.verdict is None and not self.note and not self.boxes and not self.added

    def decide(self, page: int, index: int, decision: str | None) -> None:
        if decision is None:
            self.boxes.pop(box_key(page, index), None)
        elif decision in DECISIONS:
            self.boxes[box_key(page, index)] = decision
        else:
            raise ValueError(f"unknown decision {decision!r}")

    def add_box(self, page: int, x1: float, y1: float, x2: float, y2: float) -> None:
        x1, x2 = sorted((float(x1), float(x2)))
        y1, y2 = sorted((float(y1), float(y2)))
        self.added.append({"page": int(page), "x1": round(x1, 1), "y1": round(y1, 1), "x2": round(x2, 1), "y2": round(y2, 1)})

    def to_dict(self) -> dict:
        return {"verdict": self.verdict, "note": self.note, "boxes": dict(self.boxes), "added": list(self.added),
                "reviewed_at": self.reviewed_at}

    @classmethod
    def from_dict(cls, data: dict | None) -> Review:
        data = data or {}
        added = [{k: (int(a[k]) if k == "page" else float(a[k])) for k in ("page", "x1", "y1", "x2", "y2")}
                 for a in data.get("added") or []]
        return cls(verdict=data.get("verdict"), note=str(data.get("note") or ""),
                   boxes={str(k): str(v) for k, v in (data.get("boxes") or {}).items()}, added=added,
                   reviewed_at=data.get("reviewed_at"))

    def stamped(self) -> Review:
        return replace(self, reviewed_at=time.time())


def reviewed_page(page: PageCheck, review: Review | None) -> PageCheck:
    """The page as the person sees it: rejected boxes gone, accepted review-level boxes counted, drawn
    boxes added (score 1.0, no verifier).
    """
    if review is None:
        return page
    boxes = []
    for i, b in enumerate(page.boxes):
        decision = review.boxes.get(box_key(page.page, i))
        if decision == REJECT:
            continue
        boxes.append(replace(b, review=False) if decision == ACCEPT else b)
    for a in review.added:
        if a["page"] == page.page:
            boxes.append(Box(a["x1"], a["y1"], a["x2"], a["y2"], 1.0, False, None))
    return replace(page, boxes=boxes)


def reviewed_verdict(doc: DocumentCheck) -> str | None:
    """The person's verdict: set by hand, else what the reviewed boxes say once a box was decided or
    drawn; None when nobody reviewed the document (or it could not be read and has no verdict set).
    """
    review = doc.review
    if review is None:
        return None
    if review.verdict is not None:
        return review.verdict
    if doc.status != "ok" or (not review.boxes and not review.added):
        return None
    pages = [reviewed_page(p, review) for p in doc.pages]
    return document_verdict(pages, doc.expected, doc.expected_per_page)


def final_verdict(doc: DocumentCheck) -> str | None:
    """The reviewed verdict when there is one, else the model's."""
    return reviewed_verdict(doc) or doc.verdict


def needs_review(doc: DocumentCheck) -> bool:
    """Whether a person still has to look: the model says "needs review" or could not read it, and no
    reviewed verdict was given.
    """
    return reviewed_verdict(doc) is None and (doc.status != "ok" or doc.verdict == NEEDS_REVIEW)


def summary(docs: Iterable[DocumentCheck]) -> dict[str, int]:
    """Batch counts by final verdict: signed / unsigned / needs review / unreadable, plus reviewed."""
    out = {SIGNED: 0, UNSIGNED: 0, NEEDS_REVIEW: 0, "unreadable": 0, "reviewed": 0, "total": 0}
    for d in docs:
        out["total"] += 1
        if d.review is not None and reviewed_verdict(d) is not None:
            out["reviewed"] += 1
        v = final_verdict(d)
        if v is None:
            out["unreadable"] += 1
        else:
            out[v] += 1
    return out


def export_yolo(docs: Iterable[DocumentCheck], out_dir: str | Path,
                load_page: Callable[[DocumentCheck, int], np.ndarray]) -> int:
    """Write every page of the reviewed documents as YOLO training data; returns the pages written.

    Labels are the reviewed boxes (confident or accepted, minus rejected, plus drawn); a document whose
    reviewed verdict is "unsigned" gets empty labels. Documents nobody reviewed are skipped: their boxes
    are only the model's guess.
    """
    out = Path(out_dir)
    (out / "images").mkdir(parents=True, exist_ok=True)
    (out / "labels").mkdir(parents=True, exist_ok=True)
    written = 0
    for doc in docs:
        verdict = reviewed_verdict(doc)
        if verdict is None or doc.status != "ok":
            continue
        for page in doc.pages:
            if page.error:
                continue
            image = load_page(doc, page.page - 1)
            h, w = image.shape[:2]
            boxes = [] if verdict == UNSIGNED else [b for b in reviewed_page(page, doc.review).boxes if not b.review]
            stem = f"{doc.path.stem}_p{page.page}"
            if not cv2.imwrite(str(out / "images" / f"{stem}.jpg"), image, [cv2.IMWRITE_JPEG_QUALITY, 92]):
                raise OSError(f"could not write {out / 'images' / (stem + '.jpg')}")
            lines = []
            for b in boxes:
                x1, y1, x2, y2 = max(0.0, b.x1), max(0.0, b.y1), min(float(w), b.x2), min(float(h), b.y2)
                if x2 - x1 < 1 or y2 - y1 < 1:
                    continue
                lines.append(f"0 {(x1 + x2) / 2 / w:.6f} {(y1 + y2) / 2 / h:.6f} {(x2 - x1) / w:.6f} {(y2 - y1) / h:.6f}")
            (out / "labels" / f"{stem}.txt").write_text("\n".join(lines) + ("\n" if lines else ""))
            written += 1
    return written
