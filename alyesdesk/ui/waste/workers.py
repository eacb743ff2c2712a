"""Background work of the Waste tab: classifying batches and small database calls, off the GUI thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import cv2
import numpy as np
from PySide6.QtCore import Signal

from alyesdesk.inference import catalog
from alyesdesk.inference.classifier import Classifier
from alyesdesk.inference.waste.classify import FileResult, classify_paths
from alyesdesk.ui.workers import Worker

THUMB_SIZE = 160


def make_thumbnail(image_bgr: np.ndarray, size: int = THUMB_SIZE) -> np.ndarray:
    """A BGR thumbnail whose long side is `size` (small arrays cross threads cheaply)."""
    h, w = image_bgr.shape[:2]
    scale = size / max(h, w)
    if scale < 1:
        image_bgr = cv2.resize(image_bgr, (max(1, round(w * scale)), max(1, round(h * scale))),
                               interpolation=cv2.INTER_AREA)
    return np.ascontiguousarray(image_bgr)


def open_classifier(info: catalog.ModelInfo | None = None) -> tuple[Classifier, catalog.ModelInfo]:
    """The active (or given) classify model, opened and checked; ModelError says what to do otherwise."""
    return catalog.open_for_task("classify", info=info)  # type: ignore[return-value]


class ClassifyWorker(Worker):
    """Classifies files and folders; emits `item_classified(FileResult)` as each one is done.

    Results are stored through `db` here, in the worker thread, so the GUI never waits on SQLite.
    `finished` carries the list of results (partial when cancelled).
    """

    item_classified = Signal(object)

    def __init__(self, items: list[str | Path], db: Any, bin_for: Callable[[str], Any] | None,
                 info: catalog.ModelInfo | None = None) -> None:
        super().__init__()
        self.items = [str(i) for i in items]
        self.db = db
        self.bin_for = bin_for
        self.info = info

    def work(self) -> list[FileResult]:
        classifier, info = open_classifier(self.info)
        model = catalog.model_ref(info) if self.db is not None else None

        def keep_thumb(result: FileResult, image: np.ndarray) -> None:
            result.extra["thumb"] = make_thumbnail(image)

        def on_result(result: FileResult, done: int, total: int) -> None:
            self.item_classified.emit(result)
            self.progressed.emit(done, total)

        return classify_paths(
            classifier, self.items, bin_for=self.bin_for, db=self.db, model=model, on_image=keep_thumb,
            should_stop=self.stop_requested.is_set, on_result=on_result,
        )
