"""Live heatmap of where the user looked (pyqtgraph), with the current point and a fixation trail.

Points are accumulated as gaussian stamps on a coarse grid (1 cell = `CELL_PX` screen px): adding a point
costs a small array addition, so the GUI can take every point at camera rate. With a decay half-life the
map forgets old looks (a "recent attention" view); without it the map keeps the whole run.
"""

from __future__ import annotations

import math
from collections import deque

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from alyesdesk.inference.gaze.fixations import Fixation
from alyesdesk.inference.gaze.screen import ScreenGeometry

CELL_PX = 8
SIGMA_DEG = 1.0
TRAIL_LENGTH = 12  # fixations kept in the trail


class HeatmapView(pg.GraphicsLayoutWidget):
    """The tracked screen as a rectangle: heat, the latest point (ring) and the last fixations (path)."""

    def __init__(self, screen: ScreenGeometry, decay_half_life_s: float = 0.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setBackground("#16181c")
        self.view = self.addViewBox(lockAspect=True, invertY=True, enableMouse=False)
        self.view.setMenuEnabled(False)
        self.image = pg.ImageItem()
        self.image.setColorMap(pg.colormap.get("turbo"))
        self.view.addItem(self.image)
        self.frame = pg.QtWidgets.QGraphicsRectItem()
        self.frame.setPen(pg.mkPen("#8a8f98", width=2, cosmetic=True))
        self.view.addItem(self.frame)
        self.trail = pg.PlotDataItem(pen=pg.mkPen("#ffffffaa", width=1.5), symbol="o", symbolBrush=None,
                                     symbolPen=pg.mkPen("w", width=1.5))
        self.view.addItem(self.trail)
        self.cursor = pg.ScatterPlotItem(size=18, brush=None, pen=pg.mkPen("#ff3b30", width=3))
        self.view.addItem(self.cursor)
        self.decay_half_life_s = decay_half_life_s
        self._fixations: deque[Fixation] = deque(maxlen=TRAIL_LENGTH)
        self._last_decay_t: float | None = None
        self.points_added = 0
        self.set_screen(screen)

    def set_screen(self, screen: ScreenGeometry) -> None:
        self.screen_geometry = screen
        self._grid = np.zeros((max(1, screen.height_px // CELL_PX), max(1, screen.width_px // CELL_PX)), np.float32)
        sigma = max(1.0, screen.deg_to_px(SIGMA_DEG) / CELL_PX)
        r = int(math.ceil(3 * sigma))
        ax = np.arange(-r, r + 1, dtype=np.float32)
        self._kernel = np.exp(-(ax[None, :] ** 2 + ax[:, None] ** 2) / (2 * sigma * sigma)).astype(np.float32)
        self._radius = r
        self._refresh()  # the image must have its size before setRect computes the transform
        self.image.setRect(QRectF(0, 0, screen.width_px, screen.height_px))
        self.frame.setRect(QRectF(0, 0, screen.width_px, screen.height_px))
        self.view.setRange(QRectF(0, 0, screen.width_px, screen.height_px), padding=0.02)
        self.clear_heat()

    def set_cursor_colour(self, colour: str) -> None:
        self.cursor.setPen(pg.mkPen(QColor(colour), width=3))

    def clear_heat(self) -> None:
        self._grid[:] = 0
        self._fixations.clear()
        self.points_added = 0
        self.trail.setData([], [])
        self.cursor.setData([], [])
        self._refresh()

    def add_point(self, x: float, y: float, weight: float = 1.0) -> None:
        gh, gw = self._grid.shape
        cx, cy = int(x / CELL_PX), int(y / CELL_PX)
        r = self._radius
        x0, x1 = max(0, cx - r), min(gw, cx + r + 1)
        y0, y1 = max(0, cy - r), min(gh, cy + r + 1)
        if x0 >= x1 or y0 >= y1:
            return  # off screen: nothing to accumulate
        k = self._kernel[y0 - (cy - r): y1 - (cy - r), x0 - (cx - r): x1 - (cx - r)]
        self._grid[y0:y1, x0:x1] += weight * k
        self.points_added += 1

    def decay(self, now: float) -> None:
        if self.decay_half_life_s <= 0:
            self._last_decay_t = now
            return
        if self._last_decay_t is not None and now > self._last_decay_t:
            self._grid *= 0.5 ** ((now - self._last_decay_t) / self.decay_half_life_s)
        self._last_decay_t = now

    def add_fixations(self, fixations: list[Fixation]) -> None:
        if not fixations:
            return
        self._fixations.extend(fixations)
        xs = [f.x for f in self._fixations]
        ys = [f.y for f in self._fixations]
        sizes = [max(6.0, min(30.0, 40 * math.sqrt(f.duration))) for f in self._fixations]
        self.trail.setData(xs, ys, symbolSize=sizes)

    def show_point(self, point: tuple[float, float] | None) -> None:
        if point is None:
            self.cursor.setData([], [])
        else:
            self.cursor.setData([point[0]], [point[1]])

    def _refresh(self) -> None:
        peak = float(self._grid.max())
        # pyqtgraph images are column-major (x first): hand it the transpose.
        self.image.setImage(self._grid.T, autoLevels=False, levels=(0.0, max(peak, 1e-6)))

    def refresh(self) -> None:
        """Redraw the heat (called at display rate, not per point)."""
        self._refresh()

    @property
    def grid(self) -> np.ndarray:
        return self._grid
