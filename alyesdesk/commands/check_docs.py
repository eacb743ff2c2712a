"""`alyesdesk check-docs PATH... [--json | --jsonl] [--csv OUT] [--expected N] [--expected-per-page N]`: are
these documents signed?

Checks images (PNG, JPEG, TIFF incl. multi-page and 1-bit) and PDFs, or whole folders, with the
signature detector. Each document gets a verdict: signed (at least N confident signatures),
needs_review (enough only with low-confidence boxes, or a page could not be read or does not look like
a document) or unsigned. With --expected-per-page N every readable page must also carry N signatures
(same rule per page; the document gets the worst of its own and its pages' verdicts). A file that cannot
be read gets status "error" and the batch goes on.

Exit codes: 0 every document meets the expectation (signed) and was stored; 3 some are unsigned, need
review or could not be read; 4 some results could not be stored in the database (a full disk, a
read-only or damaged database, a wrong passphrase: fix it and run again); 2 usage errors (bad options,
no documents found, no usable model) or an output (--csv, --report-json, --annotate) that cannot be
written. 2 wins over 4, and 4 over 3.

--json prints a list of {path, path_bytes, status, error, pages: [{page, width, height, boxes: [{x1, y1,
x2, y2, score, review}], count}], count, verdict, stored, store_error}; --jsonl prints one such object
per line as each document finishes. `path` is the file name as text (a name that is not UTF-8 shows
U+FFFD; `path_bytes` then holds its exact bytes, base64, else null). Boxes are in the page's pixels (PDF
pages as rendered, see width/height); `count` counts the confident boxes, `review: true` marks the
low-confidence ones. Results are stored in the encrypted database unless --no-store; `stored` says
whether each one was, `store_error` why not ("not asked" under --no-store). The --csv report grows
document by document, so an interrupted batch keeps the documents already checked.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from alyesdesk.commands._common import (
    EXIT_NOT_STORED,
    json_text,
    open_db_for_results,
    positive_int,
    report_not_stored,
    say,
    write_failed,
)
from alyesdesk.fileio import atomic_write_bytes, check_writable, describe_write_error
from alyesdesk.inference import catalog
from alyesdesk.inference.errors import ModelError
from alyesdesk.inference.sidecar import SidecarError
from alyesdesk.pathtext import absolute, display

if TYPE_CHECKING:
    from collections.abc import Callable

    import numpy as np

    from alyesdesk.inference.backend import ModelBackend
    from alyesdesk.inference.catalog import ModelInfo, ModelRef
    from alyesdesk.inference.documents.check import DocumentCheck, PageCheck, SignatureChecker
    from alyesdesk.storage.database import Database
    from alyesdesk.ui.documents.pdf_process import IsolatedPdfRenderer

EXIT_OK, EXIT_USAGE, EXIT_NOT_MET = 0, 2, 3
NOTHING_TO_STORE = "nothing to store: the document could not be checked"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check-docs",
        help="find, count and locate handwritten signatures in documents (images, TIFF, PDF)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="documents or folders (searched recursively)")
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print a JSON list when all documents are done")
    out.add_argument("--jsonl", action="store_true", help="print one JSON object per document as it finishes")
    parser.add_argument("--csv", type=Path, metavar="OUT", help="write the batch report as CSV (one row per box)")
    parser.add_argument("--report-json", type=Path, metavar="OUT", help="write the batch report as a JSON file")
    parser.add_argument("--annotate", type=Path, metavar="DIR", help="write annotated PNG pages into DIR")
    parser.add_argument("--expected", type=positive_int, default=1, metavar="N",
                        help="signatures each document must carry (default 1)")
    parser.add_argument("--expected-per-page", type=positive_int, default=0, metavar="N",
                        help="signatures every page must carry as well (default: no per-page rule)")
    parser.add_argument("--model", type=Path, help="an ONNX detector with its sidecar (default: active model)")
    parser.add_argument("--no-store", action="store_true",
                        help='do not save results in the database (each says stored: false, "not asked")')
    parser.set_defaults(func=run)


def pdf_renderer(**limits: float) -> IsolatedPdfRenderer:
    """The PDF renderer: each PDF is opened and rendered in a child process that is killed when it
    takes too long (ui/documents/pdf_process.py; `limits` override its time and page budgets, for
    tests). Only that child loads Qt; where PySide6 is missing, each PDF gets an error saying so.
    """
    from alyesdesk.ui.documents.pdf_process import IsolatedPdfRenderer

    return IsolatedPdfRenderer(**limits)


def _load(args: argparse.Namespace) -> tuple[ModelBackend, ModelInfo]:  # a Detector and its info
    return catalog.open_for_task("detect", args.model)


def run(args: argparse.Namespace) -> int:
    from alyesdesk.inference.documents.check import SignatureChecker
    from alyesdesk.inference.documents.pages import expand_documents

    entries = expand_documents(args.paths)
    if not entries:
        print("error: no documents found (supported: images, TIFF and PDF files, or folders of them)", file=sys.stderr)
        return EXIT_USAGE
    try:
        backend, info = _load(args)
        checker = SignatureChecker(backend, pdf_renderer())  # also opens the detector's verifier, if it names one
    except (ModelError, SidecarError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    outputs = _Outputs(args, backend.colour)
    if not outputs.open():
        return EXIT_USAGE
    db, no_db_reason = open_db_for_results(args.no_store)
    model_ref = catalog.model_ref(info) if db is not None else None
    docs = []
    try:
        for path, problem in entries:
            doc = _check(checker, path, problem, args.expected, outputs.page_writer(path, len(docs)),
                         args.expected_per_page)
            _store(db, doc, model_ref, no_db_reason)
            outputs.add(doc)
            docs.append(doc)
            _print(doc, args)
    finally:
        outputs.close()
        if db is not None:
            db.close()
    if args.json:
        sys.stdout.write(json_text([d.to_dict() for d in docs]) + "\n")
    outputs.finish(docs)
    unsaved = 0 if args.no_store else sum(1 for d in docs if d.status == "ok" and not d.stored)
    report_not_stored(unsaved, args.no_store)
    if outputs.failed:
        return EXIT_USAGE
    if unsaved:
        return EXIT_NOT_STORED
    return EXIT_OK if all(d.meets_expectation for d in docs) else EXIT_NOT_MET


def _check(checker: SignatureChecker, path: Path, problem: str | None, expected: int,
           on_page: Callable[[PageCheck, np.ndarray | None], None] | None, per_page: int = 0) -> DocumentCheck:
    from alyesdesk.inference.documents.check import DocumentCheck

    if problem is not None:
        return DocumentCheck(path=path, status="error", error=problem, expected=expected, expected_per_page=per_page)
    return checker.check(path, expected, on_page=on_page, expected_per_page=per_page)


def _store(db: Database | None, doc: DocumentCheck, model_ref: ModelRef | None, no_db_reason: str) -> None:
    """Store an ok check (absolute, resolved path); otherwise record on it why it was not stored.
    Never raises: a storage failure must not lose the check, it is reported per document.
    """
    if doc.status != "ok":
        doc.storage_error = NOTHING_TO_STORE
        return
    if db is None:
        doc.storage_error = no_db_reason
        return
    try:
        doc.result_id = db.save_document_check(absolute(doc.path), doc.sha256, [p.to_dict() for p in doc.pages],
                                               doc.count, doc.verdict, doc.expected, model_ref)
        doc.stored = True
    except Exception as exc:  # noqa: BLE001 - full disk, read-only or damaged database...
        doc.storage_error = str(exc) or type(exc).__name__


def _print(doc: DocumentCheck, args: argparse.Namespace) -> None:
    if args.jsonl:
        sys.stdout.write(json_text(doc.to_dict(), indent=None) + "\n")
        sys.stdout.flush()
    elif not args.json:
        lost = "" if doc.stored or doc.status != "ok" or args.no_store else f"  NOT STORED: {doc.storage_error}"
        say(_line(doc) + lost)


class _Outputs:
    """The files a batch writes besides stdout (--csv, --report-json, --annotate).

    Each is checked before the batch starts (exit 2 at once if it cannot be written). A write that fails
    later (a full disk) is reported once; the batch goes on, its results are still stored and printed,
    and the exit code is 2. The CSV is written document by document, each one whole; the JSON report
    and every annotated page are written atomically.
    """

    def __init__(self, args: argparse.Namespace, colour: str) -> None:
        self.args = args
        self.colour = colour
        self.csv = None  # a report.CsvReport once open
        self.failed = False
        self._annotating = bool(args.annotate)

    def open(self) -> bool:
        from alyesdesk.inference.documents.report import CsvReport

        target = None
        try:
            if self.args.report_json:
                target = self.args.report_json
                check_writable(target)
            if self.args.annotate:
                target = self.args.annotate
                self.args.annotate.mkdir(parents=True, exist_ok=True)
                check_writable(self.args.annotate / "page.png")
            if self.args.csv:
                target = self.args.csv
                self.csv = CsvReport(self.args.csv)
        except OSError as exc:
            write_failed(exc, target)
            return False
        return True

    def _fail(self, exc: OSError, path: Path, what: str) -> None:
        self.failed = True
        print(f"error: {describe_write_error(exc, path)}. {what}", file=sys.stderr)

    def page_writer(self, path: Path, n: int) -> Callable[[PageCheck, np.ndarray | None], None] | None:
        if not self._annotating:
            return None
        from alyesdesk.inference.documents.report import annotate

        def on_page(page: PageCheck, image: np.ndarray | None) -> None:
            if image is None or not self._annotating:
                return
            target = self.args.annotate / f"{n + 1:04d}_{path.stem}_p{page.page}.png"
            try:
                atomic_write_bytes(target, _png(annotate(image, page, self.colour)))
            except OSError as exc:
                self._annotating = False  # one message, not one per page
                self._fail(exc, target, "No more annotated pages are written; the check goes on.")

        return on_page

    def add(self, doc: DocumentCheck) -> None:
        if self.csv is None:
            return
        try:
            self.csv.add(doc)
        except OSError as exc:
            done = self.csv.documents
            self.csv.close()
            self.csv = None
            self._fail(exc, self.args.csv, f"The CSV keeps the first {done} document(s); the check goes on.")

    def close(self) -> None:
        if self.csv is not None:
            self.csv.close()

    def finish(self, docs: list) -> None:
        from alyesdesk.inference.documents.report import write_json

        if self.args.report_json:
            try:
                write_json(docs, self.args.report_json)
            except OSError as exc:
                self._fail(exc, self.args.report_json, "The results above were checked (and stored).")


def _png(image: np.ndarray) -> bytes:
    import cv2

    ok, buffer = cv2.imencode(".png", image)
    if not ok:
        raise OSError("the page could not be encoded as PNG")
    return buffer.tobytes()


def _line(doc: DocumentCheck) -> str:
    where = display(doc.path)
    if doc.status != "ok":
        return f"{where}: ERROR {doc.error}"
    pages = len(doc.pages)
    text = f"{where}: {doc.verdict.replace('_', ' ')} - {doc.count} signature(s) on {pages} page(s)"
    if doc.review_count:
        text += f", {doc.review_count} uncertain"
    notes = [f"p{p.page}: {p.error or p.warning}" for p in doc.pages if p.error or p.warning]
    return text + (f" [{'; '.join(notes)}]" if notes else "")
