"""The video timeline of the Street segmentation tab: play/pause, a seek slider and the position.

Only a widget: the tab turns `seek_requested(int)` into a seek of the playing video (or restarts a video
that has ended at that frame) and `play_toggled(bool)` into pause/resume. Positions set by playback
(`set_position`) never echo back as seeks.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QWidget


def _clock(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


class Timeline(QWidget):
    """Signals: `seek_requested(int)` frame index chosen by the user; `play_toggled(bool)` True to play."""

    seek_requested = Signal(int)
    play_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.setCheckable(True)
        self.play_button.setToolTip(self.tr("Play or pause the video"))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setToolTip(self.tr("Drag or click to seek"))
        self.position_label = QLabel("–")
        self.frames, self.fps = 0, 25.0
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.play_button)
        row.addWidget(self.slider, 1)
        row.addWidget(self.position_label)
        self.slider.valueChanged.connect(self._on_slider_changed)
        self.play_button.toggled.connect(self._on_play_toggled)
        self.hide()

    def begin(self, frames: int, fps: float) -> None:
        """A new video: `frames` (0 when unknown: the range grows as frames arrive) at `fps`."""
        self.frames, self.fps = max(0, frames), fps if fps > 0 else 25.0
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(0, self.frames - 1))
        self.slider.setValue(0)
        self.slider.blockSignals(False)
        self._show_position(0)
        self.show()

    def set_position(self, index: int) -> None:
        """Where playback is (no `seek_requested`)."""
        self.slider.blockSignals(True)
        if index > self.slider.maximum():
            self.slider.setMaximum(index)
        self.slider.setValue(index)
        self.slider.blockSignals(False)
        self._show_position(index)

    def set_playing(self, playing: bool) -> None:
        """Show the play state (no `play_toggled`)."""
        self.play_button.blockSignals(True)
        self.play_button.setChecked(playing)
        self.play_button.blockSignals(False)
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))

    @property
    def position(self) -> int:
        return self.slider.value()

    def _show_position(self, index: int) -> None:
        total = max(self.frames, self.slider.maximum() + 1)
        self.position_label.setText(self.tr("{value} / {value2} · frame {value3}/{total}").format(value=(_clock(index / self.fps)), value2=(_clock(total / self.fps)), value3=(index + 1), total=total))

    @Slot(int)
    def _on_slider_changed(self, value: int) -> None:
        self._show_position(value)
        self.seek_requested.emit(value)

    @Slot(bool)
    def _on_play_toggled(self, playing: bool) -> None:
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))
        self.play_toggled.emit(playing)
