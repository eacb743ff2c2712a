"""What a recording does for a study: show the stimulus, map samples to it, label the session.

Attached to the tab's `recording.Recorder` by the Studies panel:

- Record pressed (`recording_requested`): the stimulus window goes up at once (before the session row
  exists, so its first frame is not delayed by the database), and the recorder gets the session's
  `presentation.StimulusMapping`: samples are stored in stimulus pixels (and video time) from the first
  frame on. Without a window (the screen itself, or "fullscreen" unticked) the onset is the press.
- Session created (`recording_started`): participant, study, stimulus and its placement are stored, and
  the session's start is moved to the stimulus onset (TTFF counts from what the participant saw).
- A video stimulus: the session stops by itself when the video ends (the window's `video_ended`; without
  a window, after the video's duration), as `alyesdesk gaze record --stimulus VIDEO` does.
- Recording finished or cancelled: the window closes.
"""

from __future__ import annotations

from functools import partial
from typing import Any, Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QScreen

from alyesdesk.inference.gaze import presentation
from alyesdesk.inference.gaze.presentation import StimulusMapping
from alyesdesk.inference.gaze.screen import ScreenGeometry
from alyesdesk.ui.context import AppContext
from alyesdesk.ui.gaze.calls import CallRunner
from alyesdesk.ui.gaze.presenter import StimulusWindow


class StudyRecording(QObject):
    """Signals: `stimulus_shown(object StimulusWindow)` (emitted as it is shown), `session_labelled(int session id)`.

    `panel` is the Studies panel: its current stimulus, participant and study fields, fullscreen switch.
    """

    stimulus_shown = Signal(object)
    session_labelled = Signal(int)

    def __init__(self, ctx: AppContext, panel: Any, screen: Callable[[], QScreen | None],
                 geometry: Callable[[], ScreenGeometry], runner: CallRunner) -> None:
        super().__init__(panel)
        self.ctx, self.panel, self._runner = ctx, panel, runner
        self._screen, self._geometry = screen, geometry
        self.window: StimulusWindow | None = None
        self.mapping: StimulusMapping | None = None
        self._recorder: Any = None
        self._session_id: int | None = None
        self._onset_stored = False
        self._video_over = False
        # A video recorded without the fullscreen window still lasts as long as the video.
        self._video_timer = QTimer(self)
        self._video_timer.setSingleShot(True)
        self._video_timer.timeout.connect(self._on_video_ended)

    def attach(self, recorder: Any) -> None:
        self._recorder = recorder
        recorder.recording_requested.connect(self._on_recording_requested)
        recorder.recording_started.connect(self._on_recording_started)
        recorder.recording_cancelled.connect(self.close_stimulus)
        recorder.recording_finished.connect(lambda *_: self.close_stimulus())

    def _on_recording_requested(self) -> None:
        stim = self.panel.stimulus
        self.close_stimulus()
        self._session_id, self._onset_stored, self._video_over = None, False, False
        present = not stim.is_screen and self.panel.fullscreen_check.isChecked()
        self.mapping = StimulusMapping(stim.placement(self._geometry()), video=stim.is_video,
                                       onset=None if present else presentation.now())
        self._recorder.to_stimulus = self.mapping
        if present:
            self.window = StimulusWindow(stim, self._screen(), self.mapping)
            self.window.escape_pressed.connect(self._recorder.stop)
            if stim.is_video:
                self.window.video_ended.connect(self._on_video_ended)
            self.window.first_frame_shown.connect(self._on_first_frame_shown)
            self.stimulus_shown.emit(self.window)  # first: a listener may connect to first_frame_shown
            self.window.present()
        elif stim.is_video and stim.frames > 0:
            self._video_timer.start(max(1, round(1000 * stim.frames / stim.fps)))

    def _on_recording_started(self, session_id: int) -> None:
        self._session_id = session_id
        if self._video_over:  # a very short video ended while the session row was being created
            self._recorder.stop()
        stim = self.panel.stimulus
        if self.ctx.db is None or self.mapping is None:
            return
        onset = self.mapping.onset
        self._onset_stored = onset is not None
        label = partial(self.ctx.db.set_session_labels, session_id, participant=self.panel.participant_edit.text(),
                        study=self.panel.study_edit.text(), stimulus="" if stim.is_screen else stim.name,
                        stimulus_geometry=None if stim.is_screen else self.mapping.placement.to_dict(),
                        started_at=onset)
        self._runner.run(self._on_labelled, label)

    def _on_first_frame_shown(self, t: float) -> None:
        if self._session_id is not None and not self._onset_stored and self.ctx.db is not None:
            self._onset_stored = True
            self._runner.run(self._on_labelled, partial(self.ctx.db.set_session_labels, self._session_id, started_at=t))

    def _on_video_ended(self) -> None:
        # The session covers the video and no more. Before its row exists there is no writer to detach
        # yet: `_on_recording_started` stops it as soon as it starts.
        self._video_over = True
        if self._session_id is not None and self._recorder is not None:
            self._recorder.stop()

    def _on_labelled(self, _result: object) -> None:
        if self._session_id is not None:
            self.session_labelled.emit(self._session_id)

    def close_stimulus(self) -> None:
        self._video_timer.stop()
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
