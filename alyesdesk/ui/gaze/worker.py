"""Live gaze tracking off the GUI thread: camera -> front end -> calibrated model -> filtered point.

The worker runs a loop on its own QThread and never emits per frame: it overwrites a one-slot buffer
(`LatestSlot`) and the GUI pulls the newest result on a display-rate QTimer. A GUI that falls behind just
skips frames (counted in `slot.dropped`); nothing queues up, not even Qt's event queue.

Recording: while a `SampleWriter` is attached, every gaze point is handed to it from this thread; the
writer batches them to the database on its own thread, so neither the GUI nor tracking wait on the disk.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal

from alyesdesk.inference.gaze import sample as S
from alyesdesk.inference.gaze import presentation
from alyesdesk.inference.gaze.fixations import Fixation
from alyesdesk.inference.gaze.screen import ScreenGeometry
from alyesdesk.inference.gaze.sources import CameraError, CameraTimeout, FrameSource, SourceExhausted
from alyesdesk.inference.gaze.live import LatestSlot
from alyesdesk.ui.workers import Worker

log = logging.getLogger(__name__)

READ_TIMEOUT_S = 2.0
MAX_TIMEOUTS = 3  # consecutive read timeouts before the camera counts as lost


@dataclass(frozen=True)
class SourceChoice:
    """What the camera picker selected: a webcam index, a video file, or the simulated webcam."""

    kind: str  # "webcam", "video" or "simulated"
    index: int = 0
    path: str = ""
    realtime: bool = True  # simulated only: False renders as fast as possible (tests, benchmarks)
    fps: float = 30.0

    @property
    def label(self) -> str:
        if self.kind == "webcam":
            return QCoreApplication.translate("SourceChoice", "Webcam {index}").format(index=self.index)
        if self.kind == "video":
            return QCoreApplication.translate("SourceChoice", "Video: {value}").format(value=Path(self.path).name)
        return QCoreApplication.translate("SourceChoice", "Simulated webcam (face follows the mouse)")


class SimTarget:
    """Where the simulated face looks, in tracked-screen px: the mouse, or a forced point (wizard dot).

    Written by the GUI thread, read by the camera thread; a lock keeps the pair consistent.
    """

    def __init__(self, x: float = 960.0, y: float = 540.0) -> None:
        self._lock = threading.Lock()
        self._mouse = (x, y)
        self._forced: tuple[float, float] | None = None

    def set_mouse(self, x: float, y: float) -> None:
        with self._lock:
            self._mouse = (float(x), float(y))

    def force(self, point: tuple[float, float] | None) -> None:
        with self._lock:
            self._forced = None if point is None else (float(point[0]), float(point[1]))

    def __call__(self) -> tuple[float, float]:
        with self._lock:
            return self._forced if self._forced is not None else self._mouse


def make_source(choice: SourceChoice, screen: ScreenGeometry, target: SimTarget) -> FrameSource:
    from alyesdesk.inference.gaze import sources

    if choice.kind == "webcam":
        return sources.WebcamSource(choice.index)
    if choice.kind == "video":
        return sources.VideoFileSource(choice.path, loop=True)
    if choice.kind == "simulated":
        from alyesdesk.inference.gaze.simconfig import SimConfig
        from alyesdesk.inference.gaze.simulator import make_simulator

        sim = make_simulator(config=SimConfig(screen=screen), seed=0)
        return sources.SimulatedWebcamSource(sim, target, fps=choice.fps, realtime=choice.realtime)
    raise ValueError(f"unknown camera kind {choice.kind!r}: use webcam, video or simulated")


@dataclass
class LiveFrame:
    """One processed frame, as the GUI pulls it from the slot."""

    image: np.ndarray  # BGR camera frame
    index: int
    timestamp: float  # the source's frame time (the wizard's clock in frame-time mode)
    sample: S.GazeSample
    point: tuple[float, float] | None  # filtered screen point (None: no calibration or nothing usable)
    held: bool
    fixations: list[Fixation]
    processing_ms: float
    produced_at: float  # time.monotonic() when the result was put in the slot
    camera_fps: float
    truth: dict | None = None
    calibrated: bool = False


@dataclass
class TrackingStats:
    frames: int = 0
    points: int = 0
    recorded: int = 0  # points handed to the sample writer
    timeouts: int = 0
    fps_window: deque = field(default_factory=lambda: deque(maxlen=30))


class LiveTrackingWorker(Worker):
    """Camera capture, detection and inference in one loop; ends when stopped, exhausted or unplugged.

    Signals
    -------
    tracking_started(str)
        The source opened (its description).
    camera_lost(str)
        The source failed mid-run (unplugged, taken by another app); the loop then ends normally.

    `finished` carries the reason the loop ended ("stopped", "ended", "camera lost").
    """

    tracking_started = Signal(str)
    camera_lost = Signal(str)

    def __init__(
        self,
        choice: SourceChoice,
        frontend: str,
        screen: ScreenGeometry,
        sim_target: SimTarget | None = None,
        model: Any = None,
        source_factory: Callable[[], FrameSource] | None = None,
    ) -> None:
        super().__init__()
        self.choice = choice
        self.frontend_name = frontend
        self.screen = screen
        self.sim_target = sim_target or SimTarget(screen.width_px / 2, screen.height_px / 2)
        self.slot: LatestSlot[LiveFrame] = LatestSlot()
        self.stats = TrackingStats()
        self._model = model
        self._model_changed = True
        self._source_factory = source_factory
        self._rec_lock = threading.Lock()
        self._recorder: Any = None

    # --- called from the GUI thread ------------------------------------------------------------
    def set_model(self, model: Any) -> None:
        """Swap the calibrated model; the loop picks it up at the next frame."""
        self._model = model
        self._model_changed = True

    def attach_recorder(self, writer: Any) -> None:
        with self._rec_lock:
            self._recorder = writer

    def detach_recorder(self) -> Any:
        """Stop handing points to the writer; returns it (the caller closes it). No point is half-sent."""
        with self._rec_lock:
            writer, self._recorder = self._recorder, None
            return writer

    # --- the loop --------------------------------------------------------------------------------
    def work(self) -> str:
        from alyesdesk.inference.gaze.frontends import make_frontend

        if self._source_factory is not None:
            source = self._source_factory()
        else:
            source = make_source(self.choice, self.screen, self.sim_target)
        frontend = make_frontend(self.frontend_name)
        pipeline = None
        try:
            try:
                source.open()
            except CameraError as exc:
                raise RuntimeError(str(exc)) from exc
            self.tracking_started.emit(source.describe())
            timeouts = 0
            last_t: float | None = None
            while not self.stop_requested.is_set():
                try:
                    frame = source.read(READ_TIMEOUT_S)
                except SourceExhausted:
                    return "ended"
                except CameraTimeout as exc:
                    timeouts += 1
                    self.stats.timeouts += 1
                    if timeouts >= MAX_TIMEOUTS:
                        self.camera_lost.emit(str(exc))
                        return "camera lost"
                    continue
                except CameraError as exc:  # CameraUnavailable and callback failures
                    self.camera_lost.emit(str(exc))
                    return "camera lost"
                timeouts = 0
                if self._model_changed:
                    self._model_changed = False
                    pipeline = self._make_pipeline(frontend)
                started = time.perf_counter()
                if pipeline is None:
                    sample = frontend.process(frame.image, frame.timestamp)
                    point, held, fixations = None, False, []
                else:
                    result = pipeline.process(frame.image, frame.timestamp)
                    sample, point, held, fixations = result.sample, result.point, result.held, result.fixations
                processing_ms = (time.perf_counter() - started) * 1e3
                if last_t is not None and frame.timestamp > last_t:
                    self.stats.fps_window.append(frame.timestamp - last_t)
                last_t = frame.timestamp
                self.stats.frames += 1
                if point is not None:
                    self.stats.points += 1
                    self._record(point, held, sample)
                window = self.stats.fps_window
                fps = len(window) / sum(window) if window and sum(window) > 0 else 0.0
                self.slot.put(LiveFrame(
                    frame.image, frame.index, frame.timestamp, sample, point, held, fixations,
                    processing_ms, time.monotonic(), fps, frame.truth, pipeline is not None,
                ))
            return "stopped"
        finally:
            source.close()
            frontend.close()

    def _make_pipeline(self, frontend: Any) -> Any:
        from alyesdesk.inference.gaze.pipeline import GazePipeline

        model = self._model
        if model is None:
            return None
        if getattr(model, "frontend", frontend.name) != frontend.name:
            log.warning("calibration is for the %s front end, tracking uses %s: no gaze point",
                        model.frontend, frontend.name)
            return None
        screen = getattr(model, "screen", self.screen)
        return GazePipeline(frontend, model, screen)

    def _record(self, point: tuple[float, float], held: bool, sample: S.GazeSample) -> None:
        with self._rec_lock:
            if self._recorder is None:
                return
            # Epoch time (sessions start and end in wall-clock time: Database.end_session compares them),
            # from the monotonic clock the stimulus presenter also stamps its frames with.
            status = S.OK if not held else (sample.status if sample.status != S.OK else "held")
            self._recorder.add(presentation.now(), point[0], point[1], 0.0 if held else 1.0, status)
            self.stats.recorded += 1


class CloseRecordingWorker(Worker):
    """Flushes and closes a SampleWriter (joins its thread, ends the session) off the GUI thread."""

    def __init__(self, writer: Any) -> None:
        super().__init__()
        self.writer = writer

    def work(self) -> tuple[int, int]:
        written = self.writer.close()
        return self.writer.session_id, written


class CameraListWorker(Worker):
    """Probing webcams opens devices (slow on some drivers): never on the GUI thread."""

    def work(self) -> list[dict]:
        from alyesdesk.diagnostics import list_cameras

        return list_cameras()


def readout_text(frame: LiveFrame, worker: LiveTrackingWorker, recording: bool) -> str:
    """FPS, latency and dropped frames, for the status box."""
    lag_ms = (time.monotonic() - frame.produced_at) * 1e3

    text = QCoreApplication.translate("GazeStatus", "camera {fps:5.1f} fps\nprocessing {ms:5.1f} ms\ndisplay lag {lag:5.1f} ms\n"
              "dropped {dropped} of {count} frames").format(fps=frame.camera_fps, ms=frame.processing_ms, lag=lag_ms,
                                                            dropped=worker.slot.dropped, count=worker.slot.put_count)
    if recording:
        text += "\n" + QCoreApplication.translate("GazeStatus", "recorded {count} samples").format(count=worker.stats.recorded)
    return text


def _tr(text: str) -> str:
    return QCoreApplication.translate("GazeStatus", text)


_REASONS = {"eyes closed": QT_TRANSLATE_NOOP("GazeStatus", "eyes closed"),
            "no open eye found": QT_TRANSLATE_NOOP("GazeStatus", "no open eye found"),
            "only one eye found": QT_TRANSLATE_NOOP("GazeStatus", "only one eye found")}


def status_text(frame: LiveFrame) -> str:
    """Tracking status in words: no face, blink, low confidence (with the front end's reason)."""
    if frame.sample.ok:
        return QCoreApplication.translate("GazeStatus", "Tracking") if frame.calibrated else QCoreApplication.translate("GazeStatus", "Face and eyes found; no gaze point until you calibrate.")
    status = {S.NO_FACE: QCoreApplication.translate("GazeStatus", "No face"), S.BLINK: QCoreApplication.translate("GazeStatus", "Blink"), S.LOW_CONFIDENCE: QCoreApplication.translate("GazeStatus", "Low confidence")}.get(
        frame.sample.status, frame.sample.status)
    message = frame.sample.message
    if message in _REASONS:
        message = _tr(_REASONS[message])
    return f"{status}: {message}" if message else status
