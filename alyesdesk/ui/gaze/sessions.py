"""The recorded sessions: list, rename, delete, replay over the screenshot, fixations, exports.

Loading a session (up to ~100k samples for an hour) and writing exports run in workers; the replay view
only paints what the slider points at.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import bisect
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSlider,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from alyesdesk.inference.gaze.fixations import Fixation
from alyesdesk.inference.gaze.screen import ScreenGeometry
from alyesdesk.storage import gaze_exports
from alyesdesk.ui.widgets.exporting import ask_save_path, report_exported
from alyesdesk.ui.context import ERROR, AppContext
from alyesdesk.ui.i18n import format_time
from alyesdesk.ui.workers import Worker, WorkerGroup

if TYPE_CHECKING:
    from alyesdesk.storage.database import Database

TRAIL_S = 1.0  # seconds of gaze drawn behind the replayed point
PLAY_TICK_MS = 33


@dataclass
class LoadedSession:
    session: dict
    rows: list
    fixations: list[Fixation]
    screen: ScreenGeometry
    screenshot: QImage | None


class LoadSessionWorker(Worker):
    def __init__(self, db: Database, session_id: int) -> None:
        super().__init__()
        self.db, self.session_id = db, session_id

    def work(self) -> LoadedSession:
        session = self.db.session(self.session_id)
        if session is None:
            raise KeyError(f"session #{self.session_id} no longer exists")
        rows = self.db.session_samples(self.session_id)
        screen = ScreenGeometry.from_dict(session.get("screen_geometry") or {})
        image = None
        if session.get("screenshot_png"):
            image = QImage.fromData(session["screenshot_png"], "PNG")  # QImage is safe off the GUI thread
            image = None if image.isNull() else image
        return LoadedSession(session, rows, gaze_exports.session_fixations(rows, screen), screen, image)


class ExportWorker(Worker):
    def __init__(self, db: Database, session_id: int, png: str | None, csv: str | None) -> None:
        super().__init__()
        self.db, self.session_id, self.png, self.csv = db, session_id, png, csv

    def work(self) -> gaze_exports.SessionExport:
        return gaze_exports.export_session(self.db, self.session_id, self.png, self.csv)


def describe(row: dict) -> str:
    started = format_time(row["started_at"])
    duration = max(0.0, (row.get("ended_at") or row["started_at"]) - row["started_at"])
    length = f"{int(duration // 60)} min {duration % 60:02.0f} s"
    samples = QCoreApplication.translate("SessionsBrowser", "{count} samples").format(count=row["sample_count"])
    return f"{row['name']}\n{started} · {length} · {samples}"


class ReplayView(QWidget):
    """The screenshot with fixations and the gaze point at the replay time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(280, 180)  # fits beside the session list in a 1024-wide window
        self.loaded: LoadedSession | None = None
        self.times: list[float] = []
        self.t = 0.0
        self.show_fixations = True

    def set_session(self, loaded: LoadedSession | None) -> None:
        self.loaded = loaded
        self.times = [r[0] for r in loaded.rows] if loaded else []
        self.t = self.times[0] if self.times else 0.0
        self.update()

    def set_time(self, t: float) -> None:
        self.t = t
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#101214"))
        if self.loaded is None:
            p.setPen(QColor("#9aa0a6"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Select a session to replay it."))
            p.end()
            return
        s = self.loaded.screen
        scale = min(self.width() / s.width_px, self.height() / s.height_px)
        ox, oy = (self.width() - s.width_px * scale) / 2, (self.height() - s.height_px * scale) / 2
        target = QRectF(ox, oy, s.width_px * scale, s.height_px * scale)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.loaded.screenshot is not None:
            p.drawImage(target, self.loaded.screenshot)
            p.fillRect(target, QColor(0, 0, 0, 70))
        else:
            p.fillRect(target, QColor("#26292e"))
            p.setPen(QColor("#7d8186"))
            p.drawText(target, Qt.AlignmentFlag.AlignCenter, self.tr("no screenshot recorded"))

        def at(x: float, y: float) -> QPointF:
            return QPointF(ox + x * scale, oy + y * scale)

        if self.show_fixations:
            p.setPen(QPen(QColor(255, 255, 255, 200), 1.5))
            p.setBrush(QColor(255, 214, 10, 60))
            for f in self.loaded.fixations:
                if f.start <= self.t:
                    r = 4.0 + 14.0 * min(f.duration, 4.0) ** 0.5  # widget px: readable at any zoom
                    p.drawEllipse(at(f.x, f.y), r, r)
        rows = self.loaded.rows
        end = bisect.bisect_right(self.times, self.t)
        start = bisect.bisect_left(self.times, self.t - TRAIL_S)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(QColor(255, 59, 48, 140), 2))
        trail = [at(r[1], r[2]) for r in rows[start:end] if r[3] > 0]
        for a, b in zip(trail, trail[1:]):
            p.drawLine(a, b)
        if end > 0:
            last = rows[end - 1]
            p.setPen(QPen(QColor("#ff3b30"), 3))
            p.drawEllipse(at(last[1], last[2]), 10, 10)
        p.end()


class SessionsBrowser(QWidget):
    """List + replay + exports. Signals: `session_loaded(object)`, `export_finished(object)`."""

    session_loaded = Signal(object)
    export_finished = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loaded: LoadedSession | None = None
        self._group = WorkerGroup(self)  # loads and exports, stopped together on shutdown
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setMinimumWidth(200)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.currentItemChanged.connect(self._on_selection_changed)
        self.rename_button = QPushButton(self.tr("Rename…"))
        self.rename_button.setToolTip(self.tr("Rename the selected session"))
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.setToolTip(self.tr("Delete the selected session and its samples"))
        self.png_button = QPushButton(self.tr("Export heatmap PNG…"))
        self.png_button.setToolTip(self.tr("Save the heatmap of the selected session as a PNG image"))
        self.csv_button = QPushButton(self.tr("Export CSV…"))
        self.csv_button.setToolTip(self.tr("Save the gaze samples of the selected session as CSV (Ctrl+E)"))
        self.rename_button.clicked.connect(self._on_rename_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.png_button.clicked.connect(lambda: self._on_export_clicked("png"))
        self.csv_button.clicked.connect(lambda: self._on_export_clicked("csv"))
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Recorded sessions")))
        left.addWidget(self.list, 1)
        for b in (self.rename_button, self.delete_button, self.png_button, self.csv_button):
            left.addWidget(b)
        left_box = QWidget()
        left_box.setLayout(left)

        self.replay = ReplayView()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setToolTip(self.tr("Drag to move through the session"))
        self.slider.setRange(0, 1000)
        self.slider.valueChanged.connect(self._on_slider_moved)
        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.setToolTip(self.tr("Replay the session in real time"))
        self.play_button.setCheckable(True)
        self.play_button.toggled.connect(self._on_play_toggled)
        self.fixations_box = QCheckBox(self.tr("Fixations"))
        self.fixations_box.setToolTip(self.tr("Show the fixations as circles"))
        self.fixations_box.setChecked(True)
        self.fixations_box.toggled.connect(self._on_fixations_toggled)
        self.info = QLabel("")
        self.info.setWordWrap(True)  # session details and notices are longer than a narrow pane
        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.fixations_box)
        right = QVBoxLayout()
        right.addWidget(self.replay, 1)
        right.addLayout(controls)
        right.addWidget(self.info)
        right_box = QWidget()
        right_box.setLayout(right)
        split = QSplitter()
        split.addWidget(left_box)
        split.addWidget(right_box)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self._play_timer = QTimer(self)
        self._play_timer.setInterval(PLAY_TICK_MS)
        self._play_timer.timeout.connect(self._on_play_tick)
        self.refresh()

    # --- list ----------------------------------------------------------------------------------------
    def refresh(self, select: int | None = None) -> None:
        current = select if select is not None else self.selected_id()
        self.list.blockSignals(True)
        self.list.clear()
        rows = self.ctx.db.sessions() if self.ctx.db is not None else []
        for row in rows:
            item = QListWidgetItem(describe(row))
            item.setData(Qt.ItemDataRole.UserRole, row["id"])
            self.list.addItem(item)
            if row["id"] == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        if self.ctx.db is None:
            self.info.setText(self.tr("The database is locked: sessions are not stored or listed."))
        elif not rows:
            self.info.setText(self.tr("No sessions yet: start tracking, then Record."))
        has = self.list.currentItem() is not None
        for b in (self.rename_button, self.delete_button, self.png_button, self.csv_button):
            b.setEnabled(has)
        if has and (self.loaded is None or self.loaded.session["id"] != current):
            self._load(self.selected_id())

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def select(self, session_id: int) -> None:
        self.refresh(select=session_id)

    def _on_selection_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        for b in (self.rename_button, self.delete_button, self.png_button, self.csv_button):
            b.setEnabled(current is not None)
        if current is not None:
            self._load(int(current.data(Qt.ItemDataRole.UserRole)))

    def _load(self, session_id: int | None) -> None:
        if session_id is None or self.ctx.db is None:
            return
        self.info.setText(self.tr("Loading…"))
        worker = LoadSessionWorker(self.ctx.db, session_id)
        worker.finished.connect(self._on_session_loaded)  # before start: a fast load must not be missed
        worker.failed.connect(self._on_worker_failed)
        self._group.start(worker)

    def _on_session_loaded(self, loaded: LoadedSession | None) -> None:
        # A load cancelled before it started (the tab closing right after a recording) ends with None.
        if loaded is None or loaded.session["id"] != self.selected_id():
            return  # the user moved on while it loaded
        self.loaded = loaded
        self.replay.set_session(loaded)
        self.slider.setValue(self.slider.maximum())
        self._on_slider_moved(self.slider.maximum())
        self.session_loaded.emit(loaded)

    def _on_worker_failed(self, message: str) -> None:
        self.ctx.notify(self.tr("Sessions: {message}").format(message=message), ERROR)

    # --- replay --------------------------------------------------------------------------------------
    def _span(self) -> tuple[float, float]:
        times = self.replay.times
        return (times[0], times[-1]) if times else (0.0, 0.0)

    def _on_slider_moved(self, value: int) -> None:
        if self.loaded is None:
            return
        t0, t1 = self._span()
        t = t0 + (t1 - t0) * value / self.slider.maximum()
        self.replay.set_time(t)
        s = self.loaded.session
        duration = max(0.0, (s.get("ended_at") or s["started_at"]) - s["started_at"])
        shown = sum(1 for f in self.loaded.fixations if f.start <= t)
        self.info.setText(
            self.tr("{name}: {t:5.1f} s of {duration:.1f} s · {samples} samples · {shown}/{fixations} fixations · "
                    "screen {screen}").format(name=s["name"], t=t - t0, duration=duration, samples=len(self.loaded.rows),
                                              shown=shown, fixations=len(self.loaded.fixations),
                                              screen=s.get("screen", "")))

    def _on_play_toggled(self, playing: bool) -> None:
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))
        if playing:
            if self.slider.value() >= self.slider.maximum():
                self.slider.setValue(0)
            self._play_timer.start()
        else:
            self._play_timer.stop()

    def _on_play_tick(self) -> None:
        t0, t1 = self._span()
        step = max(1, int(round(self.slider.maximum() * PLAY_TICK_MS / 1000 / max(t1 - t0, 1e-3))))
        value = self.slider.value() + step
        if value >= self.slider.maximum():
            value = self.slider.maximum()
            self.play_button.setChecked(False)
        self.slider.setValue(value)

    def _on_fixations_toggled(self, on: bool) -> None:
        self.replay.show_fixations = on
        self.replay.update()

    # --- rename, delete, export ----------------------------------------------------------------------
    def _on_rename_clicked(self) -> None:
        sid = self.selected_id()
        if sid is None or self.ctx.db is None:
            return
        current = self.ctx.db.session(sid)
        name, ok = QInputDialog.getText(self, self.tr("Rename session"), self.tr("Name:"), text=current["name"] if current else "")
        if ok:
            self.rename(sid, name)

    def rename(self, session_id: int, name: str) -> bool:
        try:
            self.ctx.db.rename_session(session_id, name)  # type: ignore[union-attr]
        except ValueError as exc:
            self.ctx.notify(self.tr("Not renamed: {exc}").format(exc=exc), ERROR)
            return False
        self.loaded = None
        self.refresh(select=session_id)
        self.ctx.results_changed.emit("gaze")
        return True

    def _on_delete_clicked(self) -> None:
        sid = self.selected_id()
        if sid is None:
            return
        answer = QMessageBox.question(self, self.tr("Delete session"),
                                      self.tr("Delete this session and all its samples? This cannot be undone."))
        if answer == QMessageBox.StandardButton.Yes:
            self.delete(sid)

    def delete(self, session_id: int) -> None:
        self.ctx.db.delete_session(session_id)  # type: ignore[union-attr]
        if self.loaded is not None and self.loaded.session["id"] == session_id:
            self.loaded = None
            self.replay.set_session(None)
        self.refresh()
        self.ctx.results_changed.emit("gaze")

    def _on_export_clicked(self, kind: str) -> None:
        sid = self.selected_id()
        if sid is None:
            return
        name = self.loaded.session["name"] if self.loaded else f"session-{sid}"
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in name)[:60] or f"session-{sid}"
        filt = "PNG image (*.png)" if kind == "png" else "CSV (*.csv)"
        path = ask_save_path(self, self.tr("Export"), f"{safe}.{kind}", filt)
        if path:
            self.export(sid, png=path if kind == "png" else None, csv=path if kind == "csv" else None)

    def export(self, session_id: int, png: str | None = None, csv: str | None = None) -> None:
        worker = ExportWorker(self.ctx.db, session_id, png, csv)
        worker.finished.connect(self._on_exported)
        worker.failed.connect(self._on_worker_failed)
        self._export = self._group.start(worker)

    def busy_jobs(self) -> list[str]:
        """What closing the window would cut short (ui/close_guard.py asks first)."""
        export = getattr(self, "_export", None)
        return [self.tr("exporting a session")] if export is not None and export.is_running() else []

    def _on_exported(self, result: gaze_exports.SessionExport) -> None:
        report_exported(self.ctx, result.png or result.csv)  # one file per export (the one chosen)
        self.export_finished.emit(result)

    def shutdown(self) -> None:
        self._play_timer.stop()
        self._group.stop_all()
