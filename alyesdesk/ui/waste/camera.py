"""The Waste tab's camera: a live preview, Take photo, and a continuous mode that classifies a steady frame.

The camera is opened and read in `CameraWorker`, on its own thread (a missing or hung camera never freezes
the GUI); frame sources are the gaze capability's (`inference/gaze/sources.py`: ui -> inference is
allowed; `inference/waste` itself never imports them). A steady frame is one whose difference from the
previous frame stays under a threshold for `STEADY_SECONDS` (`SteadyDetector`). The prediction is shown
pre-selected; the person confirms it or picks another label, and both are stored (the photo too,
downscaled and encrypted, for a correction or, if the person agrees, for a confirmation).
"""

from __future__ import annotations

import threading
import time
from typing import Any, Callable

import cv2
import numpy as np
from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from alyesdesk.ui.context import ERROR, WARNING, AppContext
from alyesdesk.ui.waste.workers import open_classifier
from alyesdesk.ui.workers import CallWorker, Worker, WorkerGroup, WorkerHandle, start_worker

STEADY_SECONDS = 0.5
STEADY_THRESHOLD = 4.0  # mean absolute grey-level difference (0-255) between consecutive small frames
PREVIEW_FPS = 15.0
NO_CAMERA = QT_TRANSLATE_NOOP("WasteCamera", "No camera could be opened")


class SteadyDetector:
    """Says True once when frames have stayed still for `hold_s` (difference of 64x48 grey thumbnails
    below `threshold`); re-arms after movement, so one still scene gives one capture."""

    def __init__(self, threshold: float = STEADY_THRESHOLD, hold_s: float = STEADY_SECONDS) -> None:
        self.threshold, self.hold_s = threshold, hold_s
        self._previous: np.ndarray | None = None
        self._still_since: float | None = None
        self._fired = False

    @staticmethod
    def small(image_bgr: np.ndarray) -> np.ndarray:
        grey = cv2.cvtColor(image_bgr, cv2.COLOR_BGR2GRAY) if image_bgr.ndim == 3 else image_bgr
        return cv2.resize(grey, (64, 48), interpolation=cv2.INTER_AREA).astype(np.float32)

    def difference(self, image_bgr: np.ndarray) -> float:
        now = self.small(image_bgr)
        previous, self._previous = self._previous, now
        return float("inf") if previous is None else float(np.abs(now - previous).mean())

    def feed(self, image_bgr: np.ndarray, t: float) -> bool:
        if self.difference(image_bgr) >= self.threshold:
            self._still_since, self._fired = None, False
            return False
        if self._still_since is None:
            self._still_since = t
        if not self._fired and t - self._still_since >= self.hold_s:
            self._fired = True
            return True
        return False


def default_source() -> Any:
    from alyesdesk.inference.gaze.sources import WebcamSource

    return WebcamSource(0)


class CameraWorker(Worker):
    """Opens the source, streams preview frames, and classifies a frame on request or when steady.

    Signals: `frame(object)` (BGR preview), `captured(object, object)` (BGR frame, Prediction). Ends with
    `finished(None)` when stopped, `failed(message)` when the camera cannot be opened or stops."""

    frame = Signal(object)
    captured = Signal(object, object)

    def __init__(self, source_factory: Callable[[], Any], info: Any = None, continuous: bool = False) -> None:
        super().__init__()
        self.source_factory = source_factory
        self.info = info
        self.continuous = threading.Event()
        if continuous:
            self.continuous.set()
        self.take = threading.Event()

    def work(self) -> None:
        from alyesdesk.inference.gaze.sources import CameraError, SourceExhausted

        try:
            source = self.source_factory()
            source.open()
        except CameraError as exc:
            raise RuntimeError(f"{NO_CAMERA}: {exc}") from None
        except Exception as exc:  # noqa: BLE001 - a driver error: same message, never a freeze
            raise RuntimeError(f"{NO_CAMERA}: {type(exc).__name__}: {exc}") from None
        classifier = None
        steady = SteadyDetector()
        last_preview = 0.0
        try:
            while not self.stop_requested.is_set():
                try:
                    frame = source.read(timeout_s=2.0)
                except SourceExhausted:
                    return None
                except CameraError as exc:
                    raise RuntimeError(self.tr("the camera stopped: {exc}").format(exc=exc)) from None
                image, now = frame.image, time.monotonic()
                is_steady = steady.feed(image, now)
                if now - last_preview >= 1.0 / PREVIEW_FPS:
                    last_preview = now
                    self.frame.emit(np.ascontiguousarray(image))
                if self.take.is_set() or (self.continuous.is_set() and is_steady):
                    self.take.clear()
                    if classifier is None:
                        classifier, _ = open_classifier(self.info)
                    self.captured.emit(image.copy(), classifier.predict(image))
        finally:
            source.close()
        return None


def to_pixmap(image_bgr: np.ndarray, width: int = 480) -> QPixmap:
    rgb = cv2.cvtColor(image_bgr, cv2.COLOR_BGR2RGB)
    h, w = rgb.shape[:2]
    qimage = QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
    return QPixmap.fromImage(qimage).scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)


class CameraPanel(QWidget):
    """Signals: `captured(object)` (a Prediction shown for confirmation), `stored(int)` (result id),
    `camera_failed(str)`."""

    captured = Signal(object)
    stored = Signal(int)
    camera_failed = Signal(str)

    def __init__(self, ctx: AppContext, model_info: Callable[[], Any],
                 source_factory: Callable[[], Any] = default_source, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model_info = model_info
        self.source_factory = source_factory
        self._handle: WorkerHandle | None = None
        self._group = WorkerGroup(self)  # the database writes of confirmed answers
        self.pending: tuple[np.ndarray, Any] | None = None  # (frame, prediction) awaiting confirmation

        self.start_button = QPushButton(self.tr("Start camera"))
        self.start_button.setToolTip(self.tr("Start or stop the webcam"))
        self.take_button = QPushButton(self.tr("Take photo"))
        self.take_button.setToolTip(self.tr("Classify the picture the camera shows now"))
        self.continuous = QCheckBox(self.tr("Continuous (classify when the picture is steady)"))
        self.continuous.setToolTip(self.tr("Classify by itself each time the picture stops moving"))
        self.keep_confirmed = QCheckBox(self.tr("Keep photos of confirmed answers (to teach later)"))
        self.keep_confirmed.setToolTip(self.tr("Keep the photos you confirm, to teach the model later"))
        self.preview = QLabel(self.tr("The camera is off."))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(320, 240)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.answer = QComboBox()
        self.answer.setToolTip(self.tr("The right material for the last photo"))
        self.confirm_button = QPushButton(self.tr("Confirm"))
        self.confirm_button.setToolTip(self.tr("Store this material as the answer for the last photo"))
        self.prediction_label = QLabel()
        for w in (self.take_button, self.answer, self.confirm_button):
            w.setEnabled(False)

        controls = QHBoxLayout()
        for w in (self.start_button, self.take_button, self.continuous):
            controls.addWidget(w)
        controls.addStretch(1)
        answer = QHBoxLayout()
        answer.addWidget(self.prediction_label, 1)
        answer.addWidget(QLabel(self.tr("It is:")))
        answer.addWidget(self.answer)
        answer.addWidget(self.confirm_button)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.message)
        layout.addLayout(answer)
        layout.addWidget(self.keep_confirmed)

        self.start_button.clicked.connect(self.toggle)
        self.take_button.clicked.connect(self.take_photo)
        self.continuous.toggled.connect(self._on_continuous)
        self.confirm_button.clicked.connect(lambda: self.confirm(self.answer.currentText()))

    # --- camera --------------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._handle is not None and self._handle.is_running()

    def toggle(self) -> None:
        self.stop() if self._handle is not None else self.start()

    def start(self) -> None:
        if self._handle is not None:
            return
        worker = CameraWorker(self.source_factory, self.model_info(), self.continuous.isChecked())
        worker.frame.connect(self._on_frame)
        worker.captured.connect(self._on_captured)
        worker.failed.connect(self._on_failed)
        worker.finished.connect(self._on_ended)
        self._worker = worker
        self._handle = start_worker(worker, self)
        self.message.setText(self.tr("Opening the camera…"))
        self.start_button.setText(self.tr("Stop camera"))
        self.take_button.setEnabled(True)

    def stop(self) -> None:
        handle, self._handle = self._handle, None
        if handle is not None:
            handle.stop()
        self._ended()

    def take_photo(self) -> None:
        if self._handle is not None:
            self._worker.take.set()

    def _on_continuous(self, on: bool) -> None:
        if self._handle is not None:
            (self._worker.continuous.set if on else self._worker.continuous.clear)()

    def _on_frame(self, image: np.ndarray) -> None:
        if self.message.text() == "Opening the camera…":
            self.message.clear()
        self.preview.setPixmap(to_pixmap(image, max(320, self.preview.width())))

    def _on_failed(self, message: str) -> None:
        self._handle = None
        self._ended()
        self.message.setText(message.replace(NO_CAMERA, QCoreApplication.translate("WasteCamera", NO_CAMERA), 1)
                             if message.startswith(NO_CAMERA)
                             else QCoreApplication.translate("WasteCamera", "Camera error: {message}").format(message=message))
        self.preview.setText(self.tr("No camera: plug one in (or allow camera access), then press Start camera."))
        self.camera_failed.emit(message)

    def _on_ended(self, _value: Any = None) -> None:
        self._handle = None
        self._ended()

    def _ended(self) -> None:
        self.start_button.setText(self.tr("Start camera"))
        self.take_button.setEnabled(False)

    # --- confirmation --------------------------------------------------------------------------------
    def _on_captured(self, image: np.ndarray, prediction: Any) -> None:
        self.pending = (image, prediction)
        info = self.model_info()
        labels = list(info.spec.labels) if info is not None else [prediction.label]
        self.answer.clear()
        self.answer.addItems(labels)
        self.answer.setCurrentText(prediction.label)  # the prediction, pre-selected
        self.prediction_label.setText(self.tr("Looks like {label} ({confidence:.0%})").format(label=prediction.label, confidence=prediction.confidence)
                                      + ("" if prediction.sure else self.tr(": not sure")))
        self.preview.setPixmap(to_pixmap(image, max(320, self.preview.width())))
        for w in (self.answer, self.confirm_button):
            w.setEnabled(True)
        self.captured.emit(prediction)

    def confirm(self, label: str) -> None:
        """Store the prediction and the person's answer (and the photo: always for a correction, for a
        confirmation when they agreed to keep it)."""
        if self.pending is None:
            return
        image, prediction = self.pending
        self.pending = None
        for w in (self.answer, self.confirm_button):
            w.setEnabled(False)
        db, info = self.ctx.db, self.model_info()
        if db is None:
            self.ctx.notify(self.tr("Answer not stored: the database is locked"), WARNING)
            return
        keep = label != prediction.label or self.keep_confirmed.isChecked()

        def store() -> int:
            from alyesdesk.inference import catalog
            from alyesdesk.inference.waste.projects import encode_photo

            data, fmt, sha = encode_photo(image)
            model = catalog.model_ref(info) if info is not None else None
            rid, _ = db.save_classification_once(f"camera {time.strftime('%Y-%m-%d %H:%M:%S')}", sha,
                                                 prediction.label, prediction.confidence,
                                                 prediction.probabilities, model)
            db.set_correction(rid, label)
            if keep:
                db.save_training_image(rid, data, fmt)
            return rid

        worker = CallWorker(store)
        worker.finished.connect(self._on_stored)
        worker.failed.connect(self._on_store_failed)
        self._group.start(worker)

    def _on_stored(self, result_id: int) -> None:
        self.prediction_label.setText(self.tr("Stored (result #{result_id}).").format(result_id=result_id))
        self.ctx.results_changed.emit("waste")
        self.stored.emit(int(result_id))

    def _on_store_failed(self, message: str) -> None:
        self.ctx.notify(self.tr("Could not store the answer: {message}").format(message=message), ERROR)

    def shutdown(self) -> None:
        self.stop()
        self._group.stop_all()

