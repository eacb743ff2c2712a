"""Signature checking of documents (Qt-free): per-page detection, the verifier's second look, verdicts.

Pages come from images (PNG, JPEG, BMP, WebP, TIFF including multi-page and 1-bit, via cv2.imdecodemulti)
or PDFs (rendered by a `PdfRenderer` the caller injects; the app and the CLI pass
`alyesdesk.ui.documents.pdf_process.IsolatedPdfRenderer`, a killable child process with time and page
limits, so this module never imports Qt).

Verdict for a document with `expected` signatures (default 1):
  signed        at least `expected` boxes score >= thresholds.score;
  needs_review  not enough confident boxes, but enough once boxes >= thresholds.review are added, or
                some page could not be read / does not look like a document (a person must look);
  unsigned      otherwise.
With `expected_per_page` N > 0, every page must also carry N signatures (the same rule per page; an
unreadable page needs review); the document gets the worst of its own verdict and its pages' (unsigned >
needs_review > signed).
A person's review (`review.Review`: box decisions, drawn boxes, a verdict set by hand) is kept beside the
model's answer, never instead of it.
Box coordinates are always in the pixels of the page as loaded (PDF: as rendered; see `width/height`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import cv2

from alyesdesk.inference.documents.pages import (
    PdfRenderer,
    load_pages,
    looks_upside_down,
    page_layout,
    unrotate_boxes,
)
from alyesdesk.inference.errors import ImageError, ModelError
from alyesdesk.pathtext import json_fields
from alyesdesk.texts import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from alyesdesk.inference.documents.detect import Detector
    import numpy as np
    from collections.abc import Callable
    from alyesdesk.inference.documents.review import Review
    from alyesdesk.inference.documents.verify import CropVerifier

SIGNED, UNSIGNED, NEEDS_REVIEW = "signed", "unsigned", "needs_review"
VERDICTS = (SIGNED, UNSIGNED, NEEDS_REVIEW)
VERDICT_TEXT = {SIGNED: "signed", UNSIGNED: "unsigned", NEEDS_REVIEW: "needs review", None: "error"}


# --- results -------------------------------------------------------------------------------------
@dataclass
class Box:
    """One detected signature box, in pixels of the page as loaded (a turned reading is mapped back).

    `score` is the detector's; `review` is True when it is below the detector's score threshold but was
    kept at the review level (such boxes count towards needs_review, never towards signed).
    """

    x1: float
    y1: float
    x2: float
    y2: float
    score: float
    review: bool = False  # below the shipped threshold, above the review one
    verifier: float | None = None  # the verifier's P(signature) for this box, when the model has one

    def to_dict(self) -> dict:
        return {"x1": round(self.x1, 1), "y1": round(self.y1, 1), "x2": round(self.x2, 1), "y2": round(self.y2, 1),
                "score": round(self.score, 4), "review": self.review,
                "verifier": None if self.verifier is None else round(self.verifier, 4)}


@dataclass
class PageCheck:
    """The result for one page: its size in pixels, its boxes, and why it could not be read or trusted.

    `count` is the confident boxes, `review_count` the review-level ones; `error` means the page could not
    be read, `warning` that it does not look like a document (either turns "unsigned" into needs_review).
    """

    page: int  # 1-based
    width: int = 0
    height: int = 0
    boxes: list[Box] = field(default_factory=list)
    rotation: int = 0  # degrees clockwise the page was turned to read it upright (0, 90, 180 or 270)
    warning: str | None = None
    error: str | None = None

    @property
    def count(self) -> int:
        return sum(1 for b in self.boxes if not b.review)

    @property
    def review_count(self) -> int:
        return sum(1 for b in self.boxes if b.review)

    def to_dict(self) -> dict:
        return {"page": self.page, "width": self.width, "height": self.height,
                "boxes": [b.to_dict() for b in self.boxes], "count": self.count,
                "review_count": self.review_count, "rotation": self.rotation,
                "warning": self.warning, "error": self.error}


@dataclass
class DocumentCheck:
    """The result for one document: its pages, the model's verdict, and whether it was stored.

    `verdict` is None when `status` is "error"; `meets_expectation` follows the model's verdict only, not a
    person's review (see `review.reviewed_verdict`).
    """

    path: Path
    status: str = "ok"  # "ok" or "error" (then `error` says why and there is no verdict)
    error: str | None = None
    pages: list[PageCheck] = field(default_factory=list)
    expected: int = 1
    verdict: str | None = None  # the model's verdict
    expected_per_page: int = 0  # 0: no per-page expectation
    review: Review | None = None  # a person's decisions (documents.review), when there are any
    sha256: str | None = None
    result_id: int | None = None
    stored: bool = False  # True once the check is in the database
    storage_error: str | None = None  # why it is not ("not asked", a full disk, a wrong passphrase...)

    @property
    def count(self) -> int:
        return sum(p.count for p in self.pages)

    @property
    def review_count(self) -> int:
        return sum(p.review_count for p in self.pages)

    @property
    def meets_expectation(self) -> bool:
        return self.status == "ok" and self.verdict == SIGNED

    def to_dict(self) -> dict:
        """The `check-docs --json` object: path (display text; `path_bytes`: base64 of a name that is not
        UTF-8), status, error, pages, count, verdict, stored, store_error (+ details).
        """
        store_error = None if self.stored else (self.storage_error or "not stored")
        out: dict[str, Any] = {**json_fields(self.path), "status": self.status, "error": self.error,
               "pages": [p.to_dict() for p in self.pages], "count": self.count, "verdict": self.verdict,
               "expected": self.expected, "expected_per_page": self.expected_per_page,
               "review_count": self.review_count, "sha256": self.sha256,
               "result_id": self.result_id, "stored": self.stored, "store_error": store_error}
        if self.review is not None:
            from alyesdesk.inference.documents.review import reviewed_verdict

            out["review"] = self.review.to_dict()
            out["reviewed_verdict"] = reviewed_verdict(self)
        return out


def verdict_for(count: int, review_count: int, expected: int, doubtful: bool = False) -> str:
    """Signed / needs_review / unsigned from confident and review-level box counts (see module doc)."""
    if expected < 0:
        raise ValueError(f"expected signatures must be >= 0, got {expected}")
    if count >= expected:
        return SIGNED
    if count + review_count >= expected or doubtful:
        return NEEDS_REVIEW
    return UNSIGNED


_SEVERITY = {SIGNED: 0, NEEDS_REVIEW: 1, UNSIGNED: 2}


def document_verdict(pages: list[PageCheck], expected: int, expected_per_page: int = 0) -> str:
    """The verdict of a document's pages: the document rule, and the per-page rule when N > 0."""
    if expected_per_page < 0:
        raise ValueError(f"expected signatures per page must be >= 0, got {expected_per_page}")
    count = sum(p.count for p in pages)
    review = sum(p.review_count for p in pages)
    verdict = verdict_for(count, review, expected, any(p.error or p.warning for p in pages))
    if expected_per_page > 0:
        for p in pages:  # an unreadable page may lack its signatures: a person must look
            v = NEEDS_REVIEW if p.error else verdict_for(p.count, p.review_count, expected_per_page, bool(p.warning))
            verdict = max(verdict, v, key=_SEVERITY.__getitem__)
    return verdict


@dataclass
class Reading:
    """One detector pass over a page (as turned for reading), after the verifier's second look."""

    boxes: np.ndarray
    scores: np.ndarray
    verified: np.ndarray | None  # P(signature) per box, or None without a verifier

    def confident(self, threshold: float) -> np.ndarray:
        return self.scores >= threshold

    def mapped_back(self, rotation: int, w: int, h: int) -> Reading:
        """The reading of this page turned `rotation` degrees, with boxes in the w x h original's pixels."""
        return Reading(unrotate_boxes(self.boxes, rotation, w, h), self.scores, self.verified)


def load_verifier(detector: Detector) -> CropVerifier | None:
    """The verifier a detector's sidecar names (`documents.verifier`, a file beside the detector), or None.

    ModelError when it is named but missing, invalid or not a 'verify' model: a detector whose thresholds
    were chosen with a verifier must not silently run without it.
    """
    if not detector.spec.get("documents.verifier"):
        return None
    from alyesdesk.inference.catalog import load_model
    from alyesdesk.inference.documents.verify import CropVerifier, linked_verifier_path

    path = linked_verifier_path(detector.onnx_path, detector.spec)
    if path is None:  # no documents.verifier key: checked above
        return None
    verifier = load_model(path)
    if not isinstance(verifier, CropVerifier):
        raise ModelError(f"{path.name} is a '{verifier.spec.task}' model, not a 'verify' model")
    return verifier


class SignatureChecker:
    """Runs a signature `Detector` (and its verifier, if it names one) over documents; shared by the CLI
    and the Documents tab.
    """

    def __init__(self, detector: Detector, pdf_renderer: PdfRenderer | None = None,
                 verifier: CropVerifier | bool | None = True) -> None:
        """`verifier`: True loads the one the detector's sidecar names; None or False runs without one."""
        self.detector = detector
        self.pdf_renderer = pdf_renderer
        self.pdf_long_side = int(detector.spec.get("documents.pdf_long_side_px", 1000))
        # How far above its score threshold an upside-down reading must be to replace the upright one.
        self.upside_down_margin = float(detector.spec.get("documents.upside_down_score_margin", 0.1))
        self.verifier = load_verifier(detector) if verifier is True else (verifier or None)
        # Boxes the verifier gives less than this P(signature) are dropped (chosen on val with the detector).
        self.verifier_threshold = float(detector.spec.get("documents.verifier_threshold", 0.5))

    def read(self, image: np.ndarray, min_score: float | None = None) -> Reading:
        """Detector boxes at or above `min_score` (default: the review threshold), minus those the
        verifier rejects.
        """
        det = self.detector.detect(image) if min_score is None else self.detector.detect(image, min_score=min_score)
        if self.verifier is None or len(det.boxes) == 0:
            return Reading(det.boxes, det.scores, None)
        p = self.verifier.probabilities(image, det.boxes)
        keep = p >= self.verifier_threshold
        return Reading(det.boxes[keep], det.scores[keep], p[keep])

    def check_page(self, image: np.ndarray, number: int) -> PageCheck:
        h, w = image.shape[:2]
        page = PageCheck(page=number, width=w, height=h)
        is_doc, turned = page_layout(image)
        reading, rotation = self.read(image), 0
        threshold = self.detector.score_threshold
        if turned and not reading.confident(threshold).any():
            # Text runs vertically and the page read as is shows no signature: read it turned both
            # ways and keep the more convincing reading (an upright reading with a signature wins).
            for rot, code in ((90, cv2.ROTATE_90_CLOCKWISE), (270, cv2.ROTATE_90_COUNTERCLOCKWISE)):
                r = self.read(cv2.rotate(image, code))
                if r.scores.sum() > reading.scores.sum():
                    reading, rotation = r.mapped_back(rot, w, h), rot
        if rotation == 0 and not reading.confident(threshold).any() and looks_upside_down(image):
            # The text looks upside down and upright shows no signature: read it turned. The turned
            # reading must be clearly confident (a margin above the threshold), so that upright pages
            # the hint gets wrong keep their verdict (Tobacco800 test, detector alone: upright pages
            # unchanged, upside-down scans 58% -> 74% right; 84% with the verifier).
            r = self.read(cv2.rotate(image, cv2.ROTATE_180))
            if r.confident(threshold + self.upside_down_margin).any():
                reading, rotation = r.mapped_back(180, w, h), 180
        page.rotation = rotation
        verified = reading.verified if reading.verified is not None else [None] * len(reading.scores)
        page.boxes = [Box(float(b[0]), float(b[1]), float(b[2]), float(b[3]), float(s), bool(s < threshold),
                          None if v is None else float(v))
                      for b, s, v in zip(reading.boxes, reading.scores, verified, strict=True)]
        if not is_doc:
            page.warning = "does not look like a text document"
        return page

    def check(self, path: str | Path, expected: int = 1, should_stop: Callable[[], bool] | None = None,
              on_page: Callable[[PageCheck, np.ndarray | None], None] | None = None,
              expected_per_page: int = 0) -> DocumentCheck:
        """Check one document; every problem becomes a status or a page error, never an exception."""
        doc = DocumentCheck(path=Path(path), expected=expected, expected_per_page=expected_per_page)
        try:
            from alyesdesk.inference.catalog import file_sha256

            doc.sha256 = file_sha256(doc.path)
        except OSError:
            pass
        try:
            for index, image, error in load_pages(doc.path, self.pdf_renderer, self.pdf_long_side):
                if should_stop is not None and should_stop():
                    doc.status, doc.error = "error", "cancelled"
                    return doc
                if image is None:
                    page = PageCheck(page=index + 1, error=error)
                else:
                    page = self.check_page(image, index + 1)
                doc.pages.append(page)
                if on_page is not None:
                    on_page(page, image)
        except ImageError as exc:
            doc.status, doc.error = "error", str(exc)
        except ModelError as exc:
            doc.status, doc.error = "error", QT_TRANSLATE_NOOP("Errors", "model failed: {reason}").format(reason=str(exc))
        except MemoryError:
            doc.status, doc.error = "error", QT_TRANSLATE_NOOP("Errors", "not enough memory to load this document")
        readable = [p for p in doc.pages if p.error is None]
        if doc.status == "ok" and not readable:
            doc.status = "error"
            doc.error = doc.error or QT_TRANSLATE_NOOP("Errors", "no page could be read")
        if doc.status == "error":
            doc.verdict = None
            return doc
        doc.verdict = document_verdict(doc.pages, expected, expected_per_page)
        return doc
