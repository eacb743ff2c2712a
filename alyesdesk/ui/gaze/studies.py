"""The Studies panel of the Gaze tab: stimuli, areas of interest drawn on them, labels of the next
recording (participant, study, stimulus), and AOI metrics of the recorded sessions.

- Stimuli: "the screen" (its screenshot), image files and PDF pages (`stimuli.py`). While a session records
  with a stimulus other than the screen, the stimulus is shown fullscreen on the tracked screen (Escape
  stops the recording) and its placement is stored with the session, so the recorded screen points map to
  stimulus pixels.
- AOIs: drawn on `aoi_canvas.AOICanvas` (rectangles and polygons), renamed in the list, saved to and loaded
  from the JSON files that `alyesdesk aoi-metrics --aois` reads.
- Metrics: computed off the GUI thread from the stored samples (`inference.gaze.aoi_metrics`), so AOIs drawn
  later apply to old recordings; a table across sessions, a bar chart of mean dwell, and a CSV export of the
  per-session rows. `metrics_ready(object)` fires with (per-session metrics, summary) when they are shown.
"""

from __future__ import annotations

from typing import Any, Callable

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from alyesdesk.inference.gaze.aoi import AOI, SCREEN, AOIError, check_unique, load_aois, save_aois
from alyesdesk.inference.gaze.screen import ScreenGeometry
from alyesdesk.ui.widgets.exporting import ask_save_path, report_export_failed, report_exported
from alyesdesk.ui.context import ERROR, INFO, WARNING, AppContext
from alyesdesk.ui.gaze.aoi_canvas import AOICanvas
from alyesdesk.ui.gaze.calls import CallRunner
from alyesdesk.ui.gaze.presenter import StimulusWindow, prepare
from alyesdesk.ui.gaze.stimuli import Stimulus, StimulusError, load_stimulus, pdf_page_count, screen_stimulus
from alyesdesk.ui.gaze.study_recording import StudyRecording
from alyesdesk.ui.widgets.flow import FlowRow
from alyesdesk.ui import file_dialogs

TABLE_COLUMNS = (QT_TRANSLATE_NOOP("StudiesPanel", "AOI"), QT_TRANSLATE_NOOP("StudiesPanel", "stimulus"),
                 QT_TRANSLATE_NOOP("StudiesPanel", "sessions"), QT_TRANSLATE_NOOP("StudiesPanel", "looked"),
                 QT_TRANSLATE_NOOP("StudiesPanel", "TTFF s"), QT_TRANSLATE_NOOP("StudiesPanel", "first fix. s"),
                 QT_TRANSLATE_NOOP("StudiesPanel", "dwell s"), QT_TRANSLATE_NOOP("StudiesPanel", "share"),
                 QT_TRANSLATE_NOOP("StudiesPanel", "fixations"), QT_TRANSLATE_NOOP("StudiesPanel", "revisits"))


def _mean_sd(stats: dict, scale: float = 1.0, digits: int = 2) -> str:
    if stats["mean"] is None:
        return "–"
    text = f"{stats['mean'] * scale:.{digits}f}"
    return text + (f" ± {stats['sd'] * scale:.{digits}f}" if stats["sd"] is not None else "")


def compute_metrics(db: Any, aois: list[AOI], study: str | None) -> tuple[list, list]:
    """(per-session metrics, summary) of the stored sessions of `study` (all when None) shown a stimulus
    that has AOIs; runs in a worker thread."""
    from alyesdesk.inference.gaze.aoi_metrics import SessionInput, compute

    stimuli = {a.stimulus for a in aois}
    inputs = []
    for row in reversed(db.sessions(study=study)):
        if (row.get("stimulus") or SCREEN) not in stimuli:
            continue
        record = db.session(row["id"])
        if record is not None:
            inputs.append(SessionInput.from_record(record, db.session_samples(row["id"]),
                                                   db.session_stimulus_samples(row["id"])))
    return compute(inputs, aois)


class StudiesPanel(QWidget):
    metrics_ready = Signal(object)
    stimulus_shown = Signal(object)  # the StimulusWindow, when a recording shows one

    def __init__(self, ctx: AppContext, screen: Callable[[], QScreen], geometry: Callable[[], ScreenGeometry],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._screen, self._geometry = screen, geometry
        self._runner = CallRunner(ctx, self)
        self._stimuli: dict[str, Stimulus] = {}
        self._aois: dict[str, list[AOI]] = {}
        self.per_session: list = []
        self.summary: list = []
        self._build()
        self.recording = StudyRecording(ctx, self, screen, geometry, self._runner)
        self.recording.stimulus_shown.connect(self.stimulus_shown)
        self.select_stimulus(screen_stimulus(geometry()))

    # --- layout ----------------------------------------------------------------------------------
    def _build(self) -> None:
        self.stimulus_combo = QComboBox()
        self.stimulus_combo.setToolTip(self.tr("The image, PDF page or video shown to the participant"))
        self.add_stimulus_button = QPushButton(self.tr("Add stimulus…"))
        self.add_stimulus_button.setToolTip(self.tr("An image, a page of a PDF or a video, shown fullscreen while recording"))
        self.fullscreen_check = QCheckBox(self.tr("Show the stimulus fullscreen while recording"))
        self.fullscreen_check.setToolTip(self.tr("Cover the screen with the stimulus while a session records"))
        self.fullscreen_check.setChecked(True)
        self.participant_edit = QLineEdit()
        self.participant_edit.setToolTip(self.tr("Code of the participant, stored with the session"))
        self.participant_edit.setPlaceholderText(self.tr("e.g. P07"))
        self.study_edit = QLineEdit()
        self.study_edit.setToolTip(self.tr("Name of the study, stored with the session"))
        self.study_edit.setPlaceholderText(self.tr("e.g. landing page test"))
        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.stimulus_combo, 1)
        row.addWidget(self.add_stimulus_button)
        form.addRow(self.tr("Stimulus"), row)
        form.addRow("", self.fullscreen_check)
        labels = QHBoxLayout()  # participant and study share a row: the height goes to the drawing
        labels.addWidget(self.participant_edit, 1)
        labels.addWidget(QLabel(self.tr("Study")))
        labels.addWidget(self.study_edit, 2)
        form.addRow(self.tr("Participant"), labels)

        self.canvas = AOICanvas()
        tools = FlowRow()  # drawing modes and AOI files wrap onto two lines in a narrow window
        modes = []
        mode_tips = {"select": self.tr("Select an area of interest to move or resize it"),
                     "rect": self.tr("Drag to draw a rectangular area of interest"),
                     "polygon": self.tr("Click the corners of an area of interest; double-click to close it")}
        self.mode_group = QButtonGroup(self)
        for mode, label in (("select", self.tr("Select / move")), ("rect", self.tr("Rectangle")), ("polygon", self.tr("Polygon"))):
            button = QPushButton(label)
            button.setToolTip(mode_tips[mode])
            button.setCheckable(True)
            button.setChecked(mode == "select")
            button.setProperty("mode", mode)
            self.mode_group.addButton(button)
            modes.append(button)
        tools.add(*modes)
        self.delete_button = QPushButton(self.tr("Delete AOI"))
        self.delete_button.setToolTip(self.tr("Delete the selected area of interest"))
        self.load_button = QPushButton(self.tr("Load AOIs…"))
        self.load_button.setToolTip(self.tr("Load areas of interest from a JSON file"))
        self.save_button = QPushButton(self.tr("Save AOIs…"))
        self.save_button.setToolTip(self.tr("Save the areas of interest to a JSON file"))
        tools.add(self.delete_button, self.load_button, self.save_button)
        self.aoi_list = QListWidget()
        self.aoi_list.setMaximumWidth(180)
        draw = QHBoxLayout()
        draw.addWidget(self.canvas, 1)
        draw.addWidget(self.aoi_list)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)  # the panel's own margins are enough (fits 660 px high)
        top_layout.addLayout(form)
        top_layout.addWidget(tools)
        top_layout.addLayout(draw, 1)

        self.filter_edit = QLineEdit()
        self.filter_edit.setToolTip(self.tr("Only the sessions of this study count (empty: every session)"))
        self.filter_edit.setPlaceholderText(self.tr("study (empty: every session)"))
        self.compute_button = QPushButton(self.tr("Compute metrics"))
        self.compute_button.setToolTip(self.tr("Time to first look, dwell and visits of each area over the recorded sessions"))
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.setToolTip(self.tr("Save the metrics as CSV"))
        self.export_button.setEnabled(False)
        self.metrics_label = QLabel(self.tr("Draw AOIs, then compute their metrics over the recorded sessions."))
        self.metrics_label.setWordWrap(True)
        self.table = QTableWidget(0, len(TABLE_COLUMNS))
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("StudiesPanel", c) for c in TABLE_COLUMNS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.resizeColumnsToContents()  # headers whole before the first results (French ones are long)
        self.chart = pg.PlotWidget()
        self.chart.setLabel("left", self.tr("mean dwell"), units="s")
        self.chart.setMenuEnabled(False)
        self.chart.setMinimumHeight(80)
        self.bars: pg.BarGraphItem | None = None
        # Table and chart share one place (tabs), so at 1280x720 the drawing keeps most of the height.
        self.results = QTabWidget()
        self.results.setDocumentMode(True)
        self.results.addTab(self.table, self.tr("Table"))
        self.results.addTab(self.chart, self.tr("Chart"))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Sessions of")))
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.compute_button)
        bar.addWidget(self.export_button)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addLayout(bar)
        bottom_layout.addWidget(self.metrics_label)
        bottom_layout.addWidget(self.results, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 3)  # the drawing gets most of the height; the metrics table scrolls
        split.setStretchFactor(1, 1)
        split.setSizes([600, 200])  # relative: the drawing 3/4 of the height at first, draggable
        QVBoxLayout(self).addWidget(split)

        self.stimulus_combo.currentIndexChanged.connect(self._on_stimulus_changed)
        self.add_stimulus_button.clicked.connect(self._ask_stimulus)
        self.mode_group.buttonClicked.connect(lambda b: self.canvas.set_mode(b.property("mode")))
        self.delete_button.clicked.connect(self._delete_selected)
        self.load_button.clicked.connect(self._ask_load)
        self.save_button.clicked.connect(self._ask_save)
        self.canvas.aois_changed.connect(self._refresh_list)
        self.canvas.selected.connect(self._select_in_list)
        self.aoi_list.itemChanged.connect(self._on_item_renamed)
        self.compute_button.clicked.connect(lambda: self.compute())
        self.export_button.clicked.connect(self._ask_export)

    # --- stimuli ---------------------------------------------------------------------------------
    @property
    def stimulus(self) -> Stimulus:
        return self._stimuli[self.canvas.stimulus]

    def select_stimulus(self, stimulus: Stimulus) -> None:
        """Add (or replace) `stimulus` and show it with its AOIs."""
        new = stimulus.name not in self._stimuli
        self._stimuli[stimulus.name] = stimulus
        prepare(stimulus, self._screen())  # scaled now, so Record shows it at once
        if new:
            label = self.tr("The screen") if stimulus.is_screen else stimulus.name
            self.stimulus_combo.addItem(label, stimulus.name)
        index = self.stimulus_combo.findData(stimulus.name)
        if index == self.stimulus_combo.currentIndex():
            self._show(stimulus.name)
        else:
            self.stimulus_combo.setCurrentIndex(index)

    def add_stimulus_file(self, path: str, page: int = 0) -> Stimulus | None:
        try:
            stimulus = load_stimulus(path, page)
        except StimulusError as exc:
            self.ctx.notify(str(exc), WARNING)
            return None
        self.select_stimulus(stimulus)
        return stimulus

    def _ask_stimulus(self) -> None:
        kinds = self.tr("Images, PDFs and videos")
        path = file_dialogs.open_file(self, file_dialogs.IMAGES, self.tr("Stimulus"), f"{kinds} (*.png *.jpg *.jpeg "
                                      "*.bmp *.webp *.tif *.tiff *.pdf *.mp4 *.avi *.mov *.mkv *.webm *.m4v)")
        if not path:
            return
        page = 0
        if path.lower().endswith(".pdf"):
            count = pdf_page_count(path)
            if count > 1:
                number, ok = QInputDialog.getInt(self, self.tr("PDF page"), self.tr("Page (1-{count})").format(count=count), 1, 1, count)
                if not ok:
                    return
                page = number - 1
        self.add_stimulus_file(path, page)

    def _on_stimulus_changed(self, _index: int) -> None:
        name = self.stimulus_combo.currentData()
        if name is not None and name in self._stimuli:
            self._show(name)

    def _show(self, name: str) -> None:
        if self.canvas.stimulus in self._stimuli:
            self._aois[self.canvas.stimulus] = self.canvas.aois()
        self.canvas.set_stimulus(name, self._stimuli[name].image)
        self.canvas.set_aois(self._aois.get(name, []))

    # --- AOIs ------------------------------------------------------------------------------------
    def all_aois(self) -> list[AOI]:
        """Every AOI of every stimulus (the shown one as drawn now)."""
        self._aois[self.canvas.stimulus] = self.canvas.aois()
        return [a for name in self._aois for a in self._aois[name]]

    def set_all_aois(self, aois: list[AOI]) -> None:
        aois = check_unique(aois)
        self._aois = {}
        for a in aois:
            self._aois.setdefault(a.stimulus, []).append(a)
        self.canvas.set_aois(self._aois.get(self.canvas.stimulus, []))

    def _refresh_list(self) -> None:
        self.aoi_list.blockSignals(True)
        self.aoi_list.clear()
        for name in self.canvas.names():
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.aoi_list.addItem(item)
        self.aoi_list.blockSignals(False)

    def _select_in_list(self, name: str) -> None:
        for i in range(self.aoi_list.count()):
            if self.aoi_list.item(i).data(Qt.ItemDataRole.UserRole) == name:
                self.aoi_list.setCurrentRow(i)

    def _on_item_renamed(self, item: QListWidgetItem) -> None:
        old, new = item.data(Qt.ItemDataRole.UserRole), item.text()
        if not self.canvas.rename(old, new):
            self.ctx.notify(self.tr("'{strip}' cannot be used: AOI names are unique and not empty.").format(strip=new.strip()), WARNING)
            self._refresh_list()

    def _delete_selected(self) -> None:
        item = self.aoi_list.currentItem()
        if item is not None:
            self.canvas.remove(item.data(Qt.ItemDataRole.UserRole))

    def load_file(self, path: str) -> bool:
        try:
            self.set_all_aois(load_aois(path))
        except AOIError as exc:
            self.ctx.notify(str(exc), ERROR)
            return False
        missing = sorted({a.stimulus for a in self.all_aois()} - set(self._stimuli))
        if missing:
            self.ctx.notify(self.tr("Add the stimuli {value} to see their AOIs (they are kept).").format(value=(', '.join(missing))), INFO)
        return True

    def save_file(self, path: str) -> bool:
        try:
            save_aois(path, self.all_aois())
        except (OSError, AOIError) as exc:
            self.ctx.notify(self.tr("The AOIs could not be saved: {exc}").format(exc=exc), ERROR)
            return False
        return True

    def _ask_load(self) -> None:
        path = file_dialogs.open_file(self, file_dialogs.DATA, self.tr("Load AOIs"),
                                      self.tr("AOI files") + " (*.json)")
        if path:
            self.load_file(path)

    def _ask_save(self) -> None:
        path = file_dialogs.save_file(self, file_dialogs.DATA, self.tr("Save AOIs"), "aois.json",
                                      self.tr("AOI files") + " (*.json)")
        if path:
            self.save_file(path)

    # --- metrics ---------------------------------------------------------------------------------
    def compute(self, study: str | None = None) -> bool:
        if self.ctx.db is None:
            self.ctx.notify(self.tr("Metrics need the database (it is locked)."), WARNING)
            return False
        aois = self.all_aois()
        if not aois:
            self.ctx.notify(self.tr("Draw or load AOIs first."), INFO)
            return False
        study = study if study is not None else (self.filter_edit.text().strip() or None)
        self.compute_button.setEnabled(False)
        self.metrics_label.setText(self.tr("Computing…"))
        self._runner.run(self._on_metrics, compute_metrics, self.ctx.db, aois, study)
        return True

    def _on_metrics(self, result: tuple[list, list]) -> None:
        self.per_session, self.summary = result
        self.compute_button.setEnabled(True)
        self.export_button.setEnabled(bool(self.per_session))
        sessions = len({m.session_id for m in self.per_session})
        self.metrics_label.setText(self.tr("{sessions} session(s) measured.").format(sessions=sessions) if sessions else
                                   self.tr("No recorded session showed a stimulus with these AOIs."))
        self.table.setRowCount(len(self.summary))
        for r, s in enumerate(self.summary):
            cells = (s["aoi"], s["stimulus"], str(s["sessions"]), f"{s['participants_looked_share']:.0%}",
                     _mean_sd(s["ttff_s"]), _mean_sd(s["first_fixation_s"]), _mean_sd(s["dwell_s"]),
                     _mean_sd(s["dwell_share"], 100, 0) + " %", _mean_sd(s["fixations"], digits=1),
                     _mean_sd(s["revisits"], digits=1))
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self._draw_chart()
        self.metrics_ready.emit(result)

    def _draw_chart(self) -> None:
        if self.bars is not None:
            self.chart.removeItem(self.bars)
            self.bars = None
        heights = [s["dwell_s"]["mean"] or 0.0 for s in self.summary]
        if heights:
            self.bars = pg.BarGraphItem(x=list(range(len(heights))), height=heights, width=0.6, brush="#4363d8")
            self.chart.addItem(self.bars)
        self.chart.getAxis("bottom").setTicks([[(i, s["aoi"]) for i, s in enumerate(self.summary)]])

    def export_csv(self, path: str) -> bool:
        from alyesdesk.fileio import atomic_write_text
        from alyesdesk.inference.gaze.aoi_metrics import CSV_COLUMNS, csv_rows
        from alyesdesk.storage.exports import csv_text

        try:
            atomic_write_text(path, csv_text(CSV_COLUMNS, csv_rows(self.per_session)))
        except OSError as exc:
            report_export_failed(self.ctx, exc)
            return False
        report_exported(self.ctx, path)
        return True

    def _ask_export(self) -> None:
        path = ask_save_path(self, self.tr("Export AOI metrics"), "aoi_metrics.csv", "CSV (*.csv)")
        if path:
            self.export_csv(path)

    # --- recording (`study_recording.StudyRecording`) ------------------------------------------------
    def attach(self, recorder: Any) -> None:
        """Label the recorder's sessions, map their samples to the stimulus and show it while recording."""
        self.recording.attach(recorder)

    @property
    def window(self) -> StimulusWindow | None:
        return self.recording.window

    def close_stimulus(self) -> None:
        self.recording.close_stimulus()

    def shutdown(self) -> None:
        self.close_stimulus()
        self._runner.stop_all()
