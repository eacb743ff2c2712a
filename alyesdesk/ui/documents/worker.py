"""Background signature checking for the Documents tab: one document after another, off the GUI thread."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal

from alyesdesk.inference import catalog
from alyesdesk.inference.documents.check import DocumentCheck, SignatureChecker
from alyesdesk.inference.documents.pages import expand_documents
from alyesdesk.ui.documents.pdf_process import IsolatedPdfRenderer
from alyesdesk.ui.workers import Worker

log = logging.getLogger(__name__)


class CheckDocumentsWorker(Worker):
    """Expands paths, checks every document, stores each result; emits `document_checked` per document.

    `finished` carries the list of DocumentCheck (partial when cancelled).
    """

    document_checked = Signal(object)

    def __init__(self, paths: list[str], expected: int, info: catalog.ModelInfo, db: Any = None,
                 expected_per_page: int = 0) -> None:
        super().__init__()
        self.paths = list(paths)
        self.expected = expected
        self.expected_per_page = expected_per_page
        self.info = info
        self.db = db

    def work(self) -> list[DocumentCheck]:
        entries = expand_documents(self.paths)
        backend = catalog.open_model(self.info)
        backend.verify()  # a broken model fails once, clearly, instead of once per document
        checker = SignatureChecker(backend, IsolatedPdfRenderer())  # untrusted PDFs: time and page limits
        model_ref = catalog.model_ref(self.info) if self.db is not None else None
        done: list[DocumentCheck] = []
        self.progressed.emit(0, len(entries))
        for n, (path, problem) in enumerate(entries, start=1):
            if self.stop_requested.is_set():
                break
            if problem is not None:
                doc = DocumentCheck(path=Path(path), status="error", error=problem, expected=self.expected,
                                    expected_per_page=self.expected_per_page)
            else:
                doc = checker.check(path, self.expected, should_stop=self.stop_requested.is_set,
                                    expected_per_page=self.expected_per_page)
                if doc.error == "cancelled":
                    break
            self._store(doc, model_ref)
            done.append(doc)
            self.document_checked.emit(doc)
            self.progressed.emit(n, len(entries))
        return done

    def _store(self, doc: DocumentCheck, model_ref: Any) -> None:
        if self.db is None or doc.status != "ok":
            return
        try:
            doc.result_id = self.db.save_document_check(
                str(doc.path.resolve()), doc.sha256, [p.to_dict() for p in doc.pages], doc.count,
                doc.verdict, doc.expected, model_ref,
            )
            doc.stored = True
        except Exception as exc:  # a storage failure must not lose the check itself
            log.exception("storing %s failed", doc.path)
            doc.storage_error = str(exc)
