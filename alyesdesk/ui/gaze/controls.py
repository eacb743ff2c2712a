"""The Gaze tab's side panel: camera, front end, screen, calibration, cursor, heatmap and recording.

Only widgets and their layout live here; the tab connects them (no behaviour in this module).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from alyesdesk.inference.gaze.calibration import PATTERNS
from alyesdesk.ui.gaze.worker import SourceChoice

FRONTEND_CHOICES = (
    ("mediapipe", QT_TRANSLATE_NOOP("GazeControls", "MediaPipe face mesh + iris (accurate)")),
    ("haar", QT_TRANSLATE_NOOP("GazeControls", "Haar cascades (fast, less accurate)")),
)
PATTERN_LABELS = {"9": QT_TRANSLATE_NOOP("GazeControls", "9 points"), "16": QT_TRANSLATE_NOOP("GazeControls", "16 points"),
                  "5": QT_TRANSLATE_NOOP("GazeControls", "5 points"),
                  "pursuit": QT_TRANSLATE_NOOP("GazeControls", "Smooth pursuit (moving dot)"),
                  "9+pursuit": QT_TRANSLATE_NOOP("GazeControls", "9 points + moving dot (more accurate)"),
                  "9+pursuit+head": QT_TRANSLATE_NOOP("GazeControls",
                                                      "9 points + moving dot + head movement (most accurate, 50 s)")}
OVERLAY_SHORTCUT = "Ctrl+Shift+G"


class Banner(QFrame):
    """A coloured strip with a message and an optional action button (e.g. 'Calibrate now')."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gazeBanner")
        self.setStyleSheet("#gazeBanner { background:#3a2f12; border:1px solid #8a6d1f; border-radius:6px; }"
                           "#gazeBanner QLabel { color:#ffe7a3; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.button = QPushButton()
        self.button.setToolTip(self.tr("Do what the message beside it suggests"))
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)

    def show_message(self, text: str, action: str | None = None) -> None:
        self.label.setText(text)
        self.button.setVisible(bool(action))
        if action:
            self.button.setText(action)
        self.show()


class GazeControls(QScrollArea):
    """All the knobs, grouped; attributes are the widgets the tab wires up."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Never a horizontal scroll bar: the panel is as wide as its widest row (set once built, below).
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._panel: QWidget | None = None
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 8, 0)

        camera = QGroupBox(self.tr("Camera"))
        form = QFormLayout(camera)
        self.camera_combo = QComboBox()
        self.camera_combo.setToolTip(self.tr("The webcam, video file or simulated webcam to track"))
        self.refresh_cameras_button = QPushButton(self.tr("Find cameras"))
        self.refresh_cameras_button.setToolTip(self.tr("Look again for the webcams plugged into this computer"))
        self.frontend_combo = QComboBox()
        self.frontend_combo.setToolTip(self.tr("How the face and eyes are found: MediaPipe is more accurate, Haar is faster"))
        for key, label in FRONTEND_CHOICES:
            self.frontend_combo.addItem(self.tr(label), key)
        self.start_button = QPushButton(self.tr("Start tracking"))
        self.start_button.setToolTip(self.tr("Start or stop tracking your gaze with the chosen source"))
        self.start_button.setCheckable(True)
        form.addRow(self.tr("Source"), self.camera_combo)
        form.addRow("", self.refresh_cameras_button)
        form.addRow(self.tr("Front end"), self.frontend_combo)
        form.addRow(self.start_button)
        column.addWidget(camera)

        screen = QGroupBox(self.tr("Screen and calibration"))
        form = QFormLayout(screen)
        self.screen_combo = QComboBox()
        self.screen_combo.setToolTip(self.tr("The screen you look at (calibrations are kept per screen)"))
        self.distance_spin = QDoubleSpinBox()
        self.distance_spin.setToolTip(self.tr("Distance between your eyes and the screen"))
        self.distance_spin.setRange(25.0, 150.0)
        self.distance_spin.setSuffix(" cm")
        self.distance_spin.setDecimals(0)
        self.pattern_combo = QComboBox()
        self.pattern_combo.setToolTip(self.tr("The dots you look at during calibration"))
        for key in ("9", "9+pursuit", "9+pursuit+head", "16", "5", "pursuit"):
            if key in PATTERNS:
                self.pattern_combo.addItem(self.tr(PATTERN_LABELS[key]) if key in PATTERN_LABELS else key, key)
        self.calibrate_button = QPushButton(self.tr("Calibrate…"))
        self.calibrate_button.setToolTip(self.tr("Look at a few dots (about 30 seconds) so the gaze point lands where you look"))
        self.recentre_button = QPushButton(self.tr("Re-centre (1 point)"))
        self.recentre_button.setToolTip(self.tr("Correct a small shift of the calibration by looking at one dot"))
        self.calibration_label = QLabel(self.tr("No calibration"))
        self.calibration_label.setWordWrap(True)
        form.addRow(self.tr("Screen"), self.screen_combo)
        form.addRow(self.tr("Viewing distance"), self.distance_spin)
        form.addRow(self.tr("Pattern"), self.pattern_combo)
        row = QHBoxLayout()
        row.addWidget(self.calibrate_button)
        row.addWidget(self.recentre_button)
        form.addRow(row)
        form.addRow(self.calibration_label)
        column.addWidget(screen)
        # Long names (camera models, "Smooth pursuit…") must not widen the panel: the list shows them whole.
        for combo in (self.camera_combo, self.frontend_combo, self.screen_combo, self.pattern_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(20)

        cursor = QGroupBox(self.tr("Gaze cursor and heatmap"))
        form = QFormLayout(cursor)
        self.overlay_check = QCheckBox(self.tr("On-screen cursor ({OVERLAY_SHORTCUT})").format(OVERLAY_SHORTCUT=OVERLAY_SHORTCUT))
        self.overlay_check.setToolTip(self.tr("Draw the gaze cursor over every window"))
        self.cursor_size_spin = QSpinBox()
        self.cursor_size_spin.setToolTip(self.tr("Size of the on-screen gaze cursor"))
        self.cursor_size_spin.setRange(8, 200)
        self.cursor_size_spin.setSuffix(" px")
        self.cursor_colour_button = QPushButton()
        self.cursor_colour_button.setToolTip(self.tr("Choose the colour of the gaze cursor"))
        self.decay_spin = QDoubleSpinBox()
        self.decay_spin.setToolTip(self.tr("How fast old heat fades: after this time it counts half"))
        self.decay_spin.setRange(0.0, 600.0)
        self.decay_spin.setSuffix(" s")
        self.decay_spin.setSpecialValueText(self.tr("off (keep everything)"))
        self.clear_heatmap_button = QPushButton(self.tr("Clear heatmap"))
        self.clear_heatmap_button.setToolTip(self.tr("Start the heatmap again from nothing"))
        form.addRow(self.overlay_check)
        form.addRow(self.tr("Cursor size"), self.cursor_size_spin)
        form.addRow(self.tr("Cursor colour"), self.cursor_colour_button)
        form.addRow(self.tr("Heat half-life"), self.decay_spin)
        form.addRow(self.clear_heatmap_button)
        column.addWidget(cursor)

        record = QGroupBox(self.tr("Recording"))
        form = QFormLayout(record)
        self.session_name = QLineEdit()
        self.session_name.setToolTip(self.tr("Name of the next recorded session"))
        self.session_name.setPlaceholderText(self.tr("Session name (e.g. 'Reading test')"))
        self.record_button = QPushButton(self.tr("Record"))
        self.record_button.setToolTip(self.tr("Record the gaze of this session (listed in Sessions)"))
        self.record_button.setCheckable(True)
        self.record_label = QLabel(self.tr("Not recording"))
        self.record_label.setWordWrap(True)
        form.addRow(self.session_name)
        form.addRow(self.record_button)
        form.addRow(self.record_label)
        column.addWidget(record)

        status = QGroupBox(self.tr("Status"))
        box = QVBoxLayout(status)
        self.status_label = QLabel(self.tr("Camera off"))
        self.status_label.setWordWrap(True)
        self.readout_label = QLabel("")
        self.readout_label.setStyleSheet("font-family: monospace;")
        self.readout_label.setWordWrap(True)
        box.addWidget(self.status_label)
        box.addWidget(self.readout_label)
        self.status_box = status  # under the scrolled settings, never scrolled away (see panel())
        column.addStretch(1)
        self.setWidget(body)
        self.setMinimumWidth(body.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width())

    def panel(self) -> QWidget:
        """The side column: these settings (scrolled when the window is short) with the status always in view."""
        if self._panel is None:
            self._panel = QWidget()
            column = QVBoxLayout(self._panel)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(self, 1)
            column.addWidget(self.status_box)
            self.status_box.setMaximumWidth(self.minimumWidth())
        return self._panel

    def set_cursor_colour(self, colour: str) -> None:
        c = QColor(colour)
        self.cursor_colour_button.setText(c.name())
        self.cursor_colour_button.setStyleSheet(
            f"background:{c.name()}; color:{'#000' if c.lightness() > 140 else '#fff'};")

    def set_sources(self, cameras: list[dict]) -> None:
        """Fill the picker: webcams found, the simulated webcam, and 'video file…'."""
        current = self.camera_combo.currentData()
        self.camera_combo.clear()
        for cam in cameras:  # real cameras first: the default when there is one
            choice = SourceChoice("webcam", int(cam.get("index", 0)))
            size = f" ({cam['width']}x{cam['height']})" if cam.get("width") else ""
            self.camera_combo.addItem(choice.label + size, choice)
        self.camera_combo.addItem(SourceChoice("simulated").label, SourceChoice("simulated"))
        self.camera_combo.addItem(self.tr("Video file…"), SourceChoice("video"))
        if current is not None:
            i = self.camera_combo.findData(current)
            if i >= 0:
                self.camera_combo.setCurrentIndex(i)

    @staticmethod
    def set_checked_quietly(button: QPushButton, on: bool, on_text: str, off_text: str) -> None:
        """Reflect a state change made in code without re-triggering the button's toggled slot."""
        button.blockSignals(True)
        button.setChecked(on)
        button.setText(on_text if on else off_text)
        button.blockSignals(False)


def live_page(camera_view: QWidget, crops: QWidget, heatmap: QWidget) -> QWidget:
    """Camera image with the eye crops under it, beside the live heatmap."""
    camera_box = QWidget()
    camera_layout = QVBoxLayout(camera_box)
    camera_layout.setContentsMargins(0, 0, 0, 0)
    camera_layout.addWidget(camera_view, 1)
    camera_layout.addWidget(crops)
    heat_box = QWidget()
    heat_layout = QVBoxLayout(heat_box)
    heat_layout.setContentsMargins(0, 0, 0, 0)
    caption = QLabel(QCoreApplication.translate("GazeControls", "Where you looked on the tracked screen: heat, recent fixations (circles), gaze now (ring)"))
    caption.setWordWrap(True)
    heat_layout.addWidget(caption)
    heat_layout.addWidget(heatmap, 1)
    split = QSplitter(Qt.Orientation.Horizontal)
    split.addWidget(camera_box)
    split.addWidget(heat_box)
    split.setSizes([500, 500])
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(split)
    return page
