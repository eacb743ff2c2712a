"""Recording gaze sessions: create the session row, stream samples from the tracking thread, close it.

Samples go through a `storage.samples.SampleWriter` attached to the tracking worker, so the GUI thread
never writes to the database; closing the writer (the final flush) runs in a worker too.
"""

from __future__ import annotations

import time
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QScreen

from alyesdesk.inference.gaze.live import StoredCalibration
from alyesdesk.inference.gaze.screen import ScreenGeometry
from alyesdesk.storage.samples import SampleWriter
from alyesdesk.ui.context import ERROR, INFO, WARNING, AppContext
from alyesdesk.ui.gaze import screens
from alyesdesk.ui.gaze.calls import CallRunner
from alyesdesk.ui.gaze.controls import GazeControls
from alyesdesk.ui.gaze.sessions import SessionsBrowser
from alyesdesk.ui.gaze.worker import CloseRecordingWorker, LiveTrackingWorker
from alyesdesk.ui.workers import CallWorker, start_worker

CAPABILITY = "gaze"  # what `results_changed` names when a session or calibration is stored


def _create_session(db: Any, name: str, screen_key: str, geometry: dict, shot: Any, calibration_id: int | None) -> int:
    """The session row, with the screenshot encoded here (a worker thread), not on the GUI thread."""
    return db.create_session(name, screen_key, geometry, screens.png_bytes(shot), calibration_id)


class Recorder(QObject):
    """Owns the record button. Signals: `recording_requested()` (Record pressed and accepted: a presenter
    shows its stimulus now, before the session row exists), `recording_started(int session id)`,
    `recording_cancelled()` (the session could not start), `recording_finished(int session id, int samples
    written)`. `to_stimulus`, when set (by the Studies panel, on `recording_requested`), maps each sample
    to the stimulus (`presentation.StimulusMapping`): the writer stores both points.

    The tab's state is read through callables at the moment it is needed: tracking can stop while a
    session is still being created, and the worker alive then is the one that matters.
    """

    recording_requested = Signal()
    recording_started = Signal(int)
    recording_cancelled = Signal()
    recording_finished = Signal(int, int)

    def __init__(self, ctx: AppContext, controls: GazeControls, sessions: SessionsBrowser, runner: CallRunner,
                 live_worker: Callable[[], LiveTrackingWorker | None],
                 model: Callable[[], StoredCalibration | None],
                 screen: Callable[[], QScreen], geometry: Callable[[], ScreenGeometry],
                 parent: QObject) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.controls = controls
        self.sessions = sessions
        self._runner = runner
        self._live_worker, self._model = live_worker, model
        self._screen, self._geometry = screen, geometry
        self.session_id: int | None = None
        self.session_name = ""
        self.to_stimulus: Callable[[float, float, float], Any] | None = None
        controls.record_button.toggled.connect(self._on_record_toggled)

    @property
    def recording(self) -> bool:
        return self.session_id is not None

    def busy_jobs(self) -> list[str]:
        """What closing the window would cut short (ui/close_guard.py asks first)."""
        return [self.tr("recording the session '{name}'").format(name=self.session_name)] if self.recording else []

    def start(self, name: str | None = None) -> bool:
        """Create a session named `name` (or the name field, or the date) and attach a writer once it exists."""
        name = (name if name is not None else self.controls.session_name.text()).strip()
        name = name or self.tr("Session {date}").format(date=time.strftime("%Y-%m-%d %H:%M"))
        if self.ctx.db is None:
            self.ctx.notify(self.tr("Recording needs the database (it is locked): sessions cannot be stored."), WARNING)
            return False
        model = self._model()
        if self._live_worker() is None or model is None:
            self.ctx.notify(self.tr("Start tracking with a calibration before recording."), WARNING)
            return False
        screen = self._screen()
        shot = screens.grab_screen(screen)  # on the GUI thread, as Qt requires; encoded in the worker
        calibration_id = model.calibration_id
        self.session_name = name
        self.to_stimulus = None
        self.recording_requested.emit()  # the stimulus goes up now; samples count from its first frame
        create = CallWorker(_create_session, self.ctx.db, name, screens.screen_key(screen), self._geometry().to_dict(),
                            shot, calibration_id)
        create.failed.connect(self._on_session_failed)
        self._runner.run(self._on_session_created, create)
        self.controls.record_label.setText(self.tr("Starting '{name}'…").format(name=name))
        return True

    def stop(self) -> None:
        """Detach the writer and close it in a worker; the session is kept, ending at its last sample."""
        worker = self._live_worker()
        writer = worker.detach_recorder() if worker is not None else None
        if writer is None:
            self._set_record_checked(False)
            return
        self.session_id = None
        self.controls.record_label.setText(self.tr("Saving '{session_name}'…").format(session_name=self.session_name))
        closer = CloseRecordingWorker(writer)
        closer.finished.connect(self._on_recording_closed)
        closer.failed.connect(self._on_recording_failed)
        self._runner.keep(start_worker(closer, self.parent()))
        self._set_record_checked(False)

    def _on_session_created(self, session_id: int) -> None:
        worker = self._live_worker()
        if worker is None or self.ctx.db is None:  # tracking stopped while the session was being created
            if self.ctx.db is not None:
                self.ctx.db.end_session(session_id)
            self.recording_cancelled.emit()
            return
        self.session_id = session_id
        worker.attach_recorder(SampleWriter(self.ctx.db, session_id, to_stimulus=self.to_stimulus))
        self.controls.record_label.setText(self.tr("Recording '{session_name}'").format(session_name=self.session_name))
        self._set_record_checked(True)
        self.recording_started.emit(session_id)

    def _on_session_failed(self, _message: str) -> None:
        self._set_record_checked(False)  # the runner already told the user why
        self.recording_cancelled.emit()

    def _on_recording_closed(self, result: tuple[int, int]) -> None:
        session_id, written = result
        self.controls.record_label.setText(self.tr("Saved '{session_name}': {written} samples").format(session_name=self.session_name, written=written))
        self.ctx.notify(self.tr("Session '{session_name}' saved ({written} samples)").format(session_name=self.session_name, written=written), INFO)
        self.ctx.results_changed.emit(CAPABILITY)
        self.sessions.refresh(select=session_id)
        self.recording_finished.emit(session_id, written)

    def _on_recording_failed(self, message: str) -> None:
        self.ctx.notify(self.tr("The session could not be closed: {message}").format(message=message), ERROR)

    def _on_record_toggled(self, on: bool) -> None:
        if on and self.session_id is None:
            if not self.start():
                self._set_record_checked(False)
        elif not on:
            self.stop()

    def _set_record_checked(self, on: bool) -> None:
        self.controls.set_checked_quietly(self.controls.record_button, on, self.tr("Stop recording"), self.tr("Record"))
