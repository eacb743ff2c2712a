"""Live playback of the Street segmentation tab: one video file or the webcam at a time, with its buttons.

The worker keeps only its newest result (see `alyesdesk.ui.streets.workers.LiveWorker`); this controller
takes it when the GUI gets round to it and keeps the Webcam, Pause and Stop buttons in step with playback.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QPushButton

from alyesdesk.inference import catalog
from alyesdesk.ui.error_text import localized
from alyesdesk.ui.streets.workers import LiveWorker
from alyesdesk.ui.workers import Worker, WorkerHandle


class Playback(QObject):
    """Signals: `frame_arrived(object)` the newest Segmented frame; `ended(object)` frames processed when
    the source ran out; `failed(str)`; `stopped()` whenever a running source stops (after `ended`/`failed`).

    The Webcam button's `toggled` stays the tab's to connect: the tab decides which camera to open.
    """

    frame_arrived = Signal(object)
    ended = Signal(object)
    failed = Signal(str)
    stopped = Signal()

    def __init__(self, webcam_button: QPushButton, pause_button: QPushButton, stop_button: QPushButton,
                 start: Callable[[Worker], WorkerHandle], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.webcam_button = webcam_button
        self.pause_button = pause_button
        self.stop_button = stop_button
        self._start = start  # the tab's, so its shutdown joins this thread too
        self.handle: WorkerHandle | None = None
        self.pause_button.toggled.connect(self._on_pause_toggled)
        self.stop_button.clicked.connect(self.stop)

    def start(self, factory: Callable[[], Any], info: catalog.ModelInfo | None, fps: float | None,
              start_frame: int = 0, paused: bool = False) -> None:
        """Play frames from `factory()`; `fps` paces a video file, None takes a live source's newest frame.

        `start_frame` seeks first (sources with `seek`); `paused` shows that one frame and holds."""
        self._stop_worker()
        if fps is not None:  # a video replaces the webcam
            self._set_webcam_checked(False)
        worker = LiveWorker(factory, info, fps, start_frame)
        if paused:
            worker.seek(start_frame)  # the frame to show while held
            worker.pause.set()
        # bound slots, not lambdas: a lambda would run in the worker's thread and touch widgets there
        worker.frame_ready.connect(self._on_frame_ready)
        worker.finished.connect(self._on_worker_finished)
        worker.failed.connect(self._on_worker_failed)
        self.handle = self._start(worker)
        self.pause_button.setEnabled(True)
        self.pause_button.setChecked(paused)
        self.stop_button.setEnabled(True)

    def seek(self, index: int) -> bool:
        """Ask the playing source to jump to frame `index`; False when nothing plays."""
        if self.handle is None:
            return False
        self.handle.worker.seek(index)
        return True

    @Slot()
    def stop(self) -> None:
        """Stop playback (the last frame stays on screen)."""
        self._stop_worker()
        self.pause_button.setEnabled(False)
        self.stop_button.setEnabled(False)
        self._set_webcam_checked(False)

    def suspend(self) -> None:
        """Pause a video; stop the webcam instead, so its light does not stay on unseen."""
        if self.webcam_button.isChecked():
            self.stop()
        elif self.handle is not None:
            self.pause_button.setChecked(True)

    def _stop_worker(self) -> None:
        handle, self.handle = self.handle, None
        if handle is not None:
            handle.stop()
            self.stopped.emit()

    def _set_webcam_checked(self, on: bool) -> None:
        # silently: the tab's toggled slot would otherwise start or stop playback again
        self.webcam_button.blockSignals(True)
        self.webcam_button.setChecked(on)
        self.webcam_button.blockSignals(False)

    @Slot(bool)
    def _on_pause_toggled(self, paused: bool) -> None:
        if self.handle is not None:
            if paused:
                self.handle.worker.pause.set()
            else:
                self.handle.worker.pause.clear()
            self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))

    @Slot()
    def _on_frame_ready(self) -> None:
        if self.handle is None:
            return
        latest = self.handle.worker.take_latest()
        if latest is None:
            return  # an older notification: the newest frame was already shown
        self.frame_arrived.emit(latest)

    @Slot(object)
    def _on_worker_finished(self, processed: object) -> None:
        if self.handle is None or self.handle.worker is not self.sender():
            return  # a worker stopped on purpose (stop already reported it)
        self.handle = None
        self.stop()
        self.ended.emit(processed)
        self.stopped.emit()

    @Slot(object)
    def _on_worker_failed(self, message: object) -> None:
        if self.handle is None or self.handle.worker is not self.sender():
            return
        self.handle = None
        self.stop()
        self.failed.emit(localized(message))  # translated now: `failed(str)` would drop a Text's translation data
        self.stopped.emit()
