"""The on-screen gaze cursor's switch and look: the 'show cursor' box, its app-wide shortcut, size and colour.

The size and colour are saved in the settings and shared with the heatmap's live point, so the two
always look alike.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QKeySequence, QScreen, QShortcut
from PySide6.QtWidgets import QColorDialog, QWidget

from alyesdesk.ui.context import AppContext
from alyesdesk.ui.gaze.controls import OVERLAY_SHORTCUT, GazeControls
from alyesdesk.ui.gaze.heatmap import HeatmapView
from alyesdesk.ui.gaze.overlay import GazeCursorWindow


class CursorSwitch(QObject):
    """Shows and hides `overlay` on the tracked screen and applies the cursor style from the controls."""

    def __init__(self, ctx: AppContext, controls: GazeControls, overlay: GazeCursorWindow, heatmap: HeatmapView,
                 screen: Callable[[], QScreen], parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = ctx.settings
        self.controls = controls
        self.overlay = overlay
        self.heatmap = heatmap
        self._screen = screen
        self._dialog_parent = parent
        controls.overlay_check.toggled.connect(self._on_overlay_toggled)
        controls.cursor_size_spin.valueChanged.connect(self._on_cursor_style_changed)
        controls.cursor_colour_button.clicked.connect(self._on_cursor_colour_clicked)
        # Application-wide: the cursor is toggled while looking at other windows, not at this tab.
        self.shortcut = QShortcut(QKeySequence(OVERLAY_SHORTCUT), parent)
        self.shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self.shortcut.activated.connect(controls.overlay_check.toggle)

    def _on_overlay_toggled(self, on: bool) -> None:
        if on:
            # A small shaped window placed on the tracked screen (see overlay.py): nothing else is covered.
            self.overlay.place_on(self._screen())
            self.overlay.show()
            self.overlay.raise_()
        else:
            self.overlay.hide()

    def _on_cursor_style_changed(self, *_: Any) -> None:
        self.settings.gaze_cursor_size = self.controls.cursor_size_spin.value()
        self.overlay.set_style(self.settings.gaze_cursor_size, self.settings.gaze_cursor_color)
        self.heatmap.set_cursor_colour(self.settings.gaze_cursor_color)
        self.ctx.save_settings()

    def _on_cursor_colour_clicked(self) -> None:
        colour = QColorDialog.getColor(QColor(self.settings.gaze_cursor_color), self._dialog_parent,
                                       self.tr("Gaze cursor colour"))
        if colour.isValid():
            self.settings.gaze_cursor_color = colour.name()
            self.controls.set_cursor_colour(colour.name())
            self._on_cursor_style_changed()
