"""Area over time for a video (pyqtgraph): one line per category, % of the frame against the frame index.

Filled from live playback (the frames actually segmented, in any order after seeks) or, complete, from a
batch export of the whole video; a vertical line marks the frame on screen.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget


class AreaPlot(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = pg.PlotWidget()
        self.plot.setBackground(None)
        self.plot.setLabel("left", "area", units="%")
        self.plot.setLabel("bottom", "frame")
        self.plot.setYRange(0, 100)
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.plot.setMouseEnabled(x=True, y=False)
        self.legend = self.plot.addLegend(offset=(-5, 5), colCount=4)
        self.cursor = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#888888", width=1))
        self.plot.addItem(self.cursor)
        self.curves: dict[str, pg.PlotDataItem] = {}
        self._data: dict[int, np.ndarray] = {}
        self._names: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.setMinimumHeight(120)
        self.setMaximumHeight(170)
        self.hide()

    def reset(self, categories: Sequence[str], colours: Sequence[str], hidden: Sequence[str] = ()) -> None:
        """A new video: no data, one (empty) line per category not in `hidden`."""
        for curve in self.curves.values():
            self.plot.removeItem(curve)
        self.legend.clear()
        self.curves.clear()
        self._data.clear()
        self._names = [n for n in categories if n not in hidden]
        for name, colour in zip(categories, colours):
            if name in self._names:
                self.curves[name] = self.plot.plot([], [], pen=pg.mkPen(colour, width=2), name=name)
        self.show()

    def add(self, index: int, areas: dict[str, float]) -> None:
        """One segmented frame's area fractions (0..1 per category)."""
        self._data[int(index)] = np.array([areas.get(n, 0.0) for n in self._names], np.float64)
        self._redraw()

    def set_series(self, rows: Sequence[tuple[int, dict[str, float]]]) -> None:
        """Every frame at once (a batch export): replaces what playback collected."""
        self._data = {int(i): np.array([a.get(n, 0.0) for n in self._names], np.float64) for i, a in rows}
        self._redraw()

    def set_cursor(self, index: int) -> None:
        self.cursor.setValue(index)

    def frames(self) -> list[int]:
        return sorted(self._data)

    def series(self, name: str) -> np.ndarray:
        """The % of `name` over `frames()`."""
        column = self._names.index(name)
        return np.array([self._data[i][column] * 100 for i in self.frames()])

    def _redraw(self) -> None:
        if not self._data:
            return
        xs = np.array(self.frames())
        values = np.stack([self._data[i] for i in xs]) * 100
        for column, name in enumerate(self._names):
            self.curves[name].setData(xs, values[:, column])
