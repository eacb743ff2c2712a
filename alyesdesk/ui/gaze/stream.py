"""The Gaze tab's "Publish on the local API" switch: filtered points go out on a loopback WebSocket.

Other programs (a study runner, an accessibility tool) read `ws://127.0.0.1:PORT/v1/gaze` with the API
token (`alyesdesk serve --show-token`). The server runs in a background thread (`GazeStreamServer`); a
point is handed over without waiting, so tracking keeps its rate whatever the clients do.
"""

from __future__ import annotations

import importlib.util
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QCheckBox

from alyesdesk.inference.gaze import sample as S
from alyesdesk.inference.gaze.headless import stream_status
from alyesdesk.ui.context import WARNING, AppContext

DEFAULT_PORT = 8766


class GazeStream(QObject):
    """Owns the check box and the stream server; `started(url)` / `stopped()` say what happened."""

    started = Signal(str)
    stopped = Signal()

    def __init__(self, ctx: AppContext, port: int = DEFAULT_PORT, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.port = port
        self.server: Any = None
        # Short: the side panel is narrow; the address is in the tooltip and the status message.
        self.check = QCheckBox(self.tr("Share gaze (local API)"))
        self.check.setObjectName("gaze_stream_check")
        self.check.setToolTip(self.tr("Other programs on this computer receive the filtered gaze points, with the "
                                      "API token shown by 'alyesdesk serve --show-token'.") + f"\nws://127.0.0.1:{port}/v1/gaze")
        self.check.toggled.connect(self._on_toggled)

    @property
    def url(self) -> str | None:
        return self.server.url if self.server is not None else None

    def _on_toggled(self, on: bool) -> None:
        if on:
            self._start()
        else:
            self.stop()

    def _start(self) -> None:
        reason = self._cannot_start()
        if reason:
            self.ctx.notify(reason, WARNING)
            self.check.blockSignals(True)
            self.check.setChecked(False)
            self.check.blockSignals(False)
            return
        from alyesdesk.api.gaze_stream import GazeStreamServer
        from alyesdesk.api.token import api_token

        try:
            self.server = GazeStreamServer(api_token(self.ctx.db), port=self.port).start()
        except Exception as exc:  # a port in use, a firewall: say so, keep tracking
            self.server = None
            self.ctx.notify(self.tr("The gaze stream could not start: {error}").format(error=exc), WARNING)
            self.check.blockSignals(True)
            self.check.setChecked(False)
            self.check.blockSignals(False)
            return
        self.started.emit(self.server.url)

    def _cannot_start(self) -> str | None:
        if importlib.util.find_spec("fastapi") is None or importlib.util.find_spec("uvicorn") is None:
            return self.tr('The gaze stream needs the "serve" extra: pip install -c constraints.txt -e ".[serve]"')
        if self.ctx.db is None:
            return self.tr("The gaze stream needs the database open: its API token is kept there.")
        return None

    def publish(self, frame: Any) -> None:
        """Hand one displayed frame's point to the clients (a LiveFrame from the tracking worker)."""
        if self.server is None:
            return
        status = stream_status(frame.sample.status, frame.held) if frame.point is not None else "lost"
        if frame.sample.status == S.BLINK:
            status = "blink"
        x, y = frame.point if frame.point is not None and status == "tracking" else (None, None)
        # A fixation is named by its start time in ms: stable while it lasts, unique within a session.
        fixation_id = round(frame.fixations[-1].start * 1000) if frame.fixations and status == "tracking" else None
        self.server.publisher.publish(x, y, status=status, fixation_id=fixation_id)

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None
            self.stopped.emit()
