"""`alyesdesk check-docs PATH... [--json | --jsonl] [--csv OUT] [--expected N]`: are these documents signed?

Checks images (PNG, JPEG, TIFF incl. multi-page and 1-bit) and PDFs, or whole folders, with the
signature detector. Each document gets a verdict: signed (at least N confident signatures),
needs_review (enough only with low-confidence boxes, or a page could not be read or does not look like
a document) or unsigned. A file that cannot be read gets status "error" and the batch goes on.

Exit codes: 0 every document meets the expectation (signed); 3 some are unsigned, need review or
could not be read; 2 usage errors (bad options, no documents found, no usable model).

--json prints a list of {path, status, error, pages: [{page, width, height, boxes: [{x1, y1, x2, y2,
score, review}], count}], count, verdict}; --jsonl prints one such object per line as each document
finishes. Boxes are in the page's pixels (PDF pages as rendered, see width/height); `count` counts the
confident boxes, `review: true` marks the low-confidence ones. Results are stored in the encrypted
database unless --no-store.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from alyesdesk.inference import catalog
from alyesdesk.inference.errors import ImageError, ModelError
from alyesdesk.inference.sidecar import SidecarError

EXIT_OK, EXIT_USAGE, EXIT_NOT_MET = 0, 2, 3


def _expected(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


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
    parser.add_argument("--expected", type=_expected, default=1, metavar="N",
                        help="signatures each document must carry (default 1)")
    parser.add_argument("--model", type=Path, help="an ONNX detector with its sidecar (default: active model)")
    parser.add_argument("--no-store", action="store_true", help="do not save results in the database")
    parser.set_defaults(func=run)


def pdf_renderer():
    """The QtPdf renderer, imported lazily (the only Qt piece this command touches), or a stand-in
    that reports per PDF why PDFs cannot be read here."""
    try:
        from alyesdesk.ui.documents.pdf_render import render_pdf
    except ImportError as exc:  # PySide6 missing altogether
        message = f"PDF support needs PySide6 with QtPdf, which is not installed ({exc})"

        def unavailable(path: Path, long_side: int):
            raise ImageError(f"{path.name}: {message}")
            yield  # pragma: no cover - makes this a generator like render_pdf

        return unavailable
    return render_pdf


def _load(args: argparse.Namespace):  # noqa: ANN202 - (Detector, ModelInfo)
    return catalog.open_for_task("detect", args.model)


def run(args: argparse.Namespace) -> int:
    from alyesdesk.inference.documents.check import SignatureChecker
    from alyesdesk.inference.documents.report import annotate, write_csv, write_json
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
    db = None
    if not args.no_store:
        from alyesdesk.commands._common import open_db

        db = open_db()
    model_ref = catalog.model_ref(info) if db is not None else None
    docs = []
    for path, problem in entries:
        on_page = None
        if args.annotate and problem is None:
            on_page = _annotator(args.annotate, path, backend.colour, annotate, len(docs))
        if problem is not None:
            from alyesdesk.inference.documents.check import DocumentCheck

            doc = DocumentCheck(path=path, status="error", error=problem, expected=args.expected)
        else:
            doc = checker.check(path, args.expected, on_page=on_page)
        if db is not None and doc.status == "ok":
            try:
                doc.result_id = db.save_document_check(str(path.resolve()), doc.sha256, [p.to_dict() for p in doc.pages],
                                                       doc.count, doc.verdict, doc.expected, model_ref)
            except Exception as exc:  # a storage failure must not lose the check
                doc.storage_error = str(exc)
                print(f"warning: {path}: result not stored: {exc}", file=sys.stderr)
        docs.append(doc)
        if args.jsonl:
            sys.stdout.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        elif not args.json:
            print(_line(doc), flush=True)
    if db is not None:
        db.close()
    if args.json:
        json.dump([d.to_dict() for d in docs], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    try:
        if args.csv:
            write_csv(docs, args.csv)
        if args.report_json:
            write_json(docs, args.report_json)
    except OSError as exc:
        print(f"error: cannot write the report: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK if all(d.meets_expectation for d in docs) else EXIT_NOT_MET


def _annotator(folder: Path, path: Path, colour: str, annotate, n: int):
    import cv2

    folder.mkdir(parents=True, exist_ok=True)

    def on_page(page, image) -> None:
        if image is not None:
            cv2.imwrite(str(folder / f"{n + 1:04d}_{path.stem}_p{page.page}.png"), annotate(image, page, colour))

    return on_page


def _line(doc) -> str:
    if doc.status != "ok":
        return f"{doc.path}: ERROR {doc.error}"
    pages = len(doc.pages)
    text = f"{doc.path}: {doc.verdict.replace('_', ' ')} - {doc.count} signature(s) on {pages} page(s)"
    if doc.review_count:
        text += f", {doc.review_count} uncertain"
    notes = [f"p{p.page}: {p.error or p.warning}" for p in doc.pages if p.error or p.warning]
    return text + (f" [{'; '.join(notes)}]" if notes else "")
