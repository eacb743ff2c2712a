"""Widgets of the Street segmentation tab: the toolbar, the side panel and the status row.

Only widgets, their layout and how they show values live here; the tab connects them to the work.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from alyesdesk.inference import catalog
from alyesdesk.ui.streets.display import VIEW_MODES
from alyesdesk.ui.streets.legend import Legend
from alyesdesk.ui.i18n import label_text
from alyesdesk.ui.widgets.exporting import ExportButton
from alyesdesk.ui.widgets.flow import FlowRow

EXPORT_CHOICES = (
    ("overlay", QT_TRANSLATE_NOOP("StreetsControls", "Overlay PNG…")),
    ("color", QT_TRANSLATE_NOOP("StreetsControls", "Colour mask PNG…")),
    ("labels", QT_TRANSLATE_NOOP("StreetsControls", "Label-index PNG…")),
    ("csv", QT_TRANSLATE_NOOP("StreetsControls", "Per-category areas CSV…")),
    ("video", QT_TRANSLATE_NOOP("StreetsControls", "Overlaid video MP4…")),
    ("batch_images", QT_TRANSLATE_NOOP("StreetsControls", "Batch: a folder of images…")),
    ("batch_video", QT_TRANSLATE_NOOP("StreetsControls", "Batch: every frame of the video (masks, overlays, area CSV)…")),
)
NO_HOVER = QT_TRANSLATE_NOOP("StreetsControls", "Under the mouse: –")


class Toolbar(QWidget):
    """Open, webcam and playback buttons, the input list, view mode, opacity and the Export menu.

    Signals: `export_chosen(str)` with the kind picked in the Export menu (a key of `EXPORT_CHOICES`).
    """

    export_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.open_button = QPushButton(self.tr("Open images or video…"))
        self.open_button.setToolTip(self.tr("Segment street photos or a video (Ctrl+O)"))
        self.webcam_button = QPushButton(self.tr("Webcam"))
        self.webcam_button.setCheckable(True)
        self.webcam_button.setToolTip(self.tr("Segment the webcam live"))
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.setToolTip(self.tr("Pause or resume the video or webcam"))
        self.pause_button.setCheckable(True)
        self.pause_button.setEnabled(False)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop the video or webcam"))
        self.stop_button.setEnabled(False)
        self.inputs = QComboBox()
        self.inputs.setMinimumWidth(160)
        self.inputs.setToolTip(self.tr("Images segmented in this session"))
        self.view_mode = QComboBox()
        self.view_mode.setToolTip(self.tr("Show the image with the categories over it, or either alone"))
        self.view_mode.addItems([QCoreApplication.translate("StreetsDisplay", mode) for mode in VIEW_MODES])
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setToolTip(self.tr("How strongly the category colours cover the image"))
        self.opacity.setRange(0, 100)
        self.opacity.setValue(55)
        self.opacity.setFixedWidth(130)
        self.opacity_label = QLabel()
        self.export_button = ExportButton()  # the Export menu every tab with several exports has
        for key, text in EXPORT_CHOICES:
            self.export_button.add(key, QCoreApplication.translate("StreetsControls", text))
        self.export_actions: dict[str, QAction] = self.export_button.actions_by_key
        self.export_button.export_chosen.connect(self.export_chosen)

        # Groups that wrap onto a second line on narrow windows (one row was 1,200 px wide in French).
        self.row = FlowRow()
        self.row.add(self.open_button, self.webcam_button, self.pause_button, self.stop_button)
        self.row.add(QLabel(self.tr("Input:")), self.inputs)
        self.row.add(QLabel(self.tr("View:")), self.view_mode)
        self.row.add(QLabel(self.tr("Opacity:")), self.opacity, self.opacity_label)
        self.row.add(self.export_button, align_right=True)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)  # sits in the tab's layout as a plain row would
        column.addWidget(self.row)

        # connected before any caller's slot, so the label is current when the overlay redraws
        self.opacity.valueChanged.connect(self._on_opacity_changed)
        self._on_opacity_changed(self.opacity.value())

    @Slot(int)
    def _on_opacity_changed(self, value: int) -> None:
        self.opacity_label.setText(f"{value} %")


class SidePanel(QWidget):
    """The column beside the image: the category legend, what is under the mouse, timing and the model credits."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.legend = Legend()
        self.hover_label = QLabel(QCoreApplication.translate("StreetsControls", NO_HOVER))
        self.model_label = QLabel()
        self.model_label.setWordWrap(True)
        self.model_label.setStyleSheet("color: palette(placeholder-text);")
        self.timing_label = QLabel("")

        column = QVBoxLayout(self)
        column.addWidget(QLabel(self.tr("<b>Categories</b> (area of the image)")))
        column.addWidget(self.legend)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        column.addWidget(line)
        column.addWidget(self.hover_label)
        column.addWidget(self.timing_label)
        column.addStretch(1)
        column.addWidget(self.model_label)
        self.setFixedWidth(250)

    def show_model(self, info: catalog.ModelInfo) -> None:
        """List the model's categories and credit it (quality, licence, training data)."""
        spec = info.spec
        names = [n for n, _ in spec.categories]
        colours = [c for _, c in spec.categories]
        void = spec.get("segment.void_category")
        # a model trained never to predict void has nothing to show there: the row starts switched off
        hidden = [void] if void and not spec.get("segment.predict_void", True) else []
        self.legend.set_categories(names, colours, hidden=hidden)
        miou = spec.get("metrics.mean_iou_7")
        quality = self.tr(" · mean IoU {miou:.2f} on CamVid val").format(miou=miou) if isinstance(miou, (int, float)) else ""
        data = "; ".join(spec.data_licences) or self.tr("data licence not stated")
        self.model_label.setText(self.tr("Model: {name} {version}{quality}\nLicence: {licence}\nData: {data}").format(name=spec.name, version=spec.version, quality=quality, licence=spec.licence, data=data))

    def show_hover(self, name: str | None, x: float, y: float) -> None:
        self.hover_label.setText(self.tr("Under the mouse: <b>{category}</b> ({x}, {y})").format(
            category=label_text(name) if name else "–", x=int(x), y=int(y)))

    @Slot()
    def clear_hover(self) -> None:
        self.hover_label.setText(QCoreApplication.translate("StreetsControls", NO_HOVER))


class StatusRow(QWidget):
    """The line under the image: what happened last, and a video export's progress with its cancel button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = QLabel(self.tr("Nothing segmented yet."))
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel export"))
        self.cancel_button.setToolTip(self.tr("Stop the video export (the unfinished file is removed)"))
        self.cancel_button.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)  # sits in the tab's layout as a plain row would
        row.addWidget(self.status, 1)
        row.addWidget(self.progress)
        row.addWidget(self.cancel_button)
