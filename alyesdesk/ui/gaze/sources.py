"""Where the Gaze tab's frames come from: the webcam list (probed in a worker), a video file, or the
simulated webcam, as chosen in the side panel's camera list."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject
from PySide6.QtWidgets import QWidget

from alyesdesk.ui.context import AppContext
from alyesdesk.ui.gaze.calls import CallRunner
from alyesdesk.ui.gaze.controls import GazeControls
from alyesdesk.ui.gaze.worker import CameraListWorker, SourceChoice
from alyesdesk.ui import file_dialogs

VIDEO_FILTER = QT_TRANSLATE_NOOP("CameraSources", "Videos (*.mp4 *.avi *.mov *.mkv *.webm);;All files (*)")


class CameraSources(QObject):
    """Fills the camera list and turns its current entry into a `SourceChoice` (a video needs a file)."""

    def __init__(self, ctx: AppContext, controls: GazeControls, runner: CallRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.controls = controls
        self._runner = runner
        self._dialog_parent = parent
        self.video_path = ""
        self.probed = False
        controls.refresh_cameras_button.clicked.connect(self.find_cameras)
        controls.camera_combo.activated.connect(self._on_camera_chosen)

    def selected(self) -> SourceChoice | None:
        """The chosen source, or None when nothing is chosen or the video entry has no file yet."""
        choice = self.controls.camera_combo.currentData()
        if choice is None:
            return None
        if choice.kind == "video":
            if not self.video_path:
                return None
            return SourceChoice("video", path=self.video_path)
        return choice

    def find_cameras(self) -> None:
        self.probed = True
        self.controls.refresh_cameras_button.setEnabled(False)
        self._runner.run(self._on_cameras_found, CameraListWorker())

    def probe_once(self) -> None:
        """Look for webcams the first time only: probing opens every device, which is slow."""
        if not self.probed:
            self.probed = True
            self.find_cameras()

    def _on_cameras_found(self, cameras: list[dict]) -> None:
        self.controls.set_sources(cameras)
        self.controls.refresh_cameras_button.setEnabled(True)
        self.ctx.notify(self.tr("{value} webcam(s) found").format(value=len(cameras)) if cameras else self.tr("No webcam found: the simulated webcam "
                        "and video files still work."))

    def _on_camera_chosen(self, _index: int) -> None:
        choice = self.controls.camera_combo.currentData()
        if choice is not None and choice.kind == "video":
            path = file_dialogs.open_file(self._dialog_parent, file_dialogs.VIDEOS, self.tr("Video of a face"),
                                          self.tr(VIDEO_FILTER))
            self.video_path = path or self.video_path
