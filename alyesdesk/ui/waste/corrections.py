"""Corrections of the Waste tab: storing the user's label and exporting corrected photos as a dataset.

Both touch the database (and the export the disk), so they run on the short-call pool (`WorkerGroup.call`), off the GUI thread.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal

from alyesdesk.inference.waste.classify import FileResult, export_corrections
from alyesdesk.ui.context import ERROR, WARNING, AppContext
from alyesdesk.ui.widgets.exporting import report_exported
from alyesdesk.ui.workers import WorkerGroup


def store_correction(db: Any, result_id: int, label: str | None, result: FileResult) -> bool:
    """Store the correction (or confirmation: the model's own label) and keep the photo itself (downscaled,
    encrypted in the database) so it can be trained on even once the file is gone; True when the photo was
    kept. `label` None (an undone correction) puts the model's answer back; a kept photo then no longer
    counts as labelled."""
    from alyesdesk.inference.errors import ImageError
    from alyesdesk.inference.waste.projects import encode_file

    db.set_correction(result_id, label)
    if label is None:
        return False
    try:
        data, fmt, _sha = encode_file(result.path)
    except (ImageError, OSError):
        return False  # the file is gone or changed: the correction alone is stored
    db.save_training_image(result_id, data, fmt)
    warm_kept_photo(data)
    return True


def warm_kept_photo(data: bytes) -> None:
    """Embed a kept photo now (this runs in a worker), so "Adapt to my corrections" then only fits."""
    from alyesdesk.inference.errors import ImageError, ModelError
    from alyesdesk.inference.waste.projects import warm_embeddings

    try:
        warm_embeddings([data])
    except (ImageError, ModelError):
        pass  # adapting embeds what is missing, and says why if it cannot


def export_detail(report: Any) -> str:
    """What follows "Exported to <folder>": how many photos per material, and the first skipped one if any."""
    summary = ", ".join(f"{k}: {v}" for k, v in sorted(report.per_label.items())) or "–"
    text = QCoreApplication.translate("Corrections", "{value} corrected photo(s): {summary}").format(value=len(report.written), summary=summary)
    if report.skipped:
        text += QCoreApplication.translate("Corrections", "; {count} skipped (e.g. {name}: {reason})").format(
            count=len(report.skipped), name=report.skipped[0][0], reason=report.skipped[0][1])
    return text


class CorrectionStore(QObject):
    """Signals: `correction_saved(int)` (result id), `export_finished(object, str)` (an ExportReport, its summary)."""

    correction_saved = Signal(int)
    export_finished = Signal(object, str)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._group = WorkerGroup(self)  # the background writes and exports, stopped together

    def save(self, result: FileResult, label: str | None) -> None:
        """Store `label` beside the model's answer for `result` (None: remove it); says so when it cannot be
        stored."""
        result_id = result.result_id or result.previous_result_id
        db = self.ctx.db
        if db is None or result_id is None:
            self.ctx.notify(self.tr("Correction shown but not stored: the database is locked"), WARNING)
            return
        self._call(lambda: store_correction(db, int(result_id), label, result),
                   lambda _value: self.correction_saved.emit(int(result_id)), self.tr("Could not store the correction"))

    def export(self, folder: str) -> None:
        """Write every corrected photo under `folder`, one sub-folder per material."""
        db = self.ctx.db
        if db is None:
            self.ctx.notify(self.tr("Corrections live in the database, which is locked: unlock it to export"), WARNING)
            return

        def done(report: Any) -> None:
            text = report_exported(self.ctx, folder, detail=export_detail(report), warning=bool(report.skipped))
            self.export_finished.emit(report, text)

        self._call(lambda: export_corrections(db.corrections_with_images(), folder), done, self.tr("Export failed"))

    def busy_jobs(self) -> list[str]:
        """What closing the window would cut short (ui/close_guard.py asks first)."""
        return [self.tr("storing or exporting corrections")] if self._group.running() else []

    def stop(self) -> None:
        self._group.stop_all()

    def _call(self, fn: Callable[[], Any], done: Callable[[Any], None], failure: str) -> None:
        # `run_call` delivers the result on this object's (the GUI) thread: no hand-made relay needed.
        self._group.call(fn, on_done=done, on_error=lambda failure_: self.ctx.notify(f"{failure}: {failure_}", ERROR))
