"""Drawing areas of interest on a stimulus: rectangles (drag) and polygons (click the corners).

Scene coordinates are stimulus pixels, so what is drawn is what `inference.gaze.aoi.AOI` stores. Modes:

- "select": AOIs can be moved (drag); the selected one is removed with Delete;
- "rect": press, drag, release: a rectangle from the press to the release point;
- "polygon": each click adds a corner; a double click, Enter or a click on the first corner closes it
  (3 corners at least); Escape cancels.

New AOIs are named "AOI 1", "AOI 2"... and renamed in the panel's list (`rename`). `aois_changed` fires
after every change, `selected(str name)` when an AOI is clicked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QKeyEvent, QMouseEvent, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
)

from alyesdesk.inference.gaze.aoi import AOI, SCREEN

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget
    from PySide6.QtGui import QResizeEvent

MODES = ("select", "rect", "polygon")
CLOSE_PX = 10.0  # a click this close (view px) to the first corner closes a polygon
COLOURS = ("#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#46f0f0", "#f032e6", "#bcf60c")


class _AOIItem(QGraphicsPolygonItem):
    def __init__(self, name: str, kind: str, polygon: QPolygonF, colour: QColor) -> None:
        super().__init__(polygon)
        self.name, self.kind = name, kind
        pen = QPen(colour, 2)
        pen.setCosmetic(True)
        self.setPen(pen)
        fill = QColor(colour)
        fill.setAlpha(50)
        self.setBrush(QBrush(fill))
        # The name in white on a plate of the AOI's colour: coloured text alone vanishes on a busy stimulus.
        self.plate = QGraphicsRectItem(self)
        self.plate.setBrush(QBrush(colour))
        self.plate.setPen(QPen(Qt.PenStyle.NoPen))
        self.plate.setPos(polygon.boundingRect().topLeft())
        self.plate.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.label = QGraphicsSimpleTextItem(name, self.plate)
        self.label.setBrush(QBrush(QColor("white")))
        self.label.setPos(3, 1)
        self._fit_plate()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)

    def _fit_plate(self) -> None:
        box = self.label.boundingRect()
        self.plate.setRect(0, 0, box.width() + 6, box.height() + 2)

    def set_name(self, name: str) -> None:
        self.name = name
        self.label.setText(name)
        self._fit_plate()

    def scene_points(self) -> list[tuple[float, float]]:
        return [(p.x(), p.y()) for p in (self.mapToScene(q) for q in self.polygon())]

    def to_aoi(self, stimulus: str) -> AOI:
        pts = self.scene_points()
        if self.kind == "rect":
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            return AOI(self.name, stimulus, rect=(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
        return AOI(self.name, stimulus, polygon=tuple(pts))


class AOICanvas(QGraphicsView):
    aois_changed = Signal()
    selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(240, 120)  # the Studies page must fit a 1024x660 window; it grows with it
        self.stimulus = SCREEN
        self._background = QGraphicsPixmapItem()
        self.scene().addItem(self._background)
        self._items: dict[str, _AOIItem] = {}
        self.mode = "select"
        self._start: QPointF | None = None
        self._rubber: QGraphicsPolygonItem | None = None
        self._corners: list[QPointF] = []
        self._counter = 0

    # --- the stimulus ---------------------------------------------------------------------------
    def set_stimulus(self, name: str, image: QImage) -> None:
        """Show `image` (its pixels are the stimulus's) and forget the AOIs drawn on the previous one."""
        self.clear_aois()
        self.stimulus = name
        self._background.setPixmap(QPixmap.fromImage(image))
        self.scene().setSceneRect(QRectF(0, 0, image.width(), image.height()))
        self.fit()

    def fit(self) -> None:
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit()

    # --- the AOIs -------------------------------------------------------------------------------
    def aois(self) -> list[AOI]:
        return [item.to_aoi(self.stimulus) for item in self._items.values()]

    def names(self) -> list[str]:
        return list(self._items)

    def set_aois(self, aois: list[AOI]) -> None:
        self.clear_aois()
        for a in aois:
            self._add(a.name, a.kind, [QPointF(x, y) for x, y in a.vertices.tolist()], notify=False)
        self.aois_changed.emit()

    def clear_aois(self) -> None:
        for item in self._items.values():
            self.scene().removeItem(item)
        self._items.clear()
        self._cancel_drawing()

    def add_rect(self, rect: tuple[float, float, float, float], name: str | None = None) -> str:
        x, y, w, h = rect
        return self._add(name, "rect", [QPointF(x, y), QPointF(x + w, y), QPointF(x + w, y + h), QPointF(x, y + h)])

    def add_polygon(self, points: list[tuple[float, float]], name: str | None = None) -> str:
        return self._add(name, "polygon", [QPointF(x, y) for x, y in points])

    def rename(self, old: str, new: str) -> bool:
        new = new.strip()
        if not new or old not in self._items or (new != old and new in self._items):
            return False
        item = self._items[old]
        item.set_name(new)
        self._items = {(new if k == old else k): v for k, v in self._items.items()}  # keeps the order
        self.aois_changed.emit()
        return True

    def remove(self, name: str) -> None:
        item = self._items.pop(name, None)
        if item is not None:
            self.scene().removeItem(item)
            self.aois_changed.emit()

    def set_mode(self, mode: str) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        self._cancel_drawing()
        self.mode = mode
        movable = mode == "select"
        for item in self._items.values():
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, movable)

    def _next_name(self) -> str:
        while True:
            self._counter += 1
            name = f"AOI {self._counter}"
            if name not in self._items:
                return name

    def _add(self, name: str | None, kind: str, points: list[QPointF], notify: bool = True) -> str:
        name = (name or "").strip() or self._next_name()
        if name in self._items:
            raise ValueError(f"an AOI named {name!r} exists on this stimulus")
        AOI(name, self.stimulus, polygon=tuple((p.x(), p.y()) for p in points))  # validates (area, finite)
        colour = QColor(COLOURS[len(self._items) % len(COLOURS)])
        item = _AOIItem(name, kind, QPolygonF(points), colour)
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, self.mode == "select")
        self.scene().addItem(item)
        self._items[name] = item
        if notify:
            self.aois_changed.emit()
        return name

    # --- drawing with the mouse -------------------------------------------------------------------
    def _cancel_drawing(self) -> None:
        if self._rubber is not None:
            self.scene().removeItem(self._rubber)
        self._rubber, self._start, self._corners = None, None, []

    def _show_rubber(self, points: list[QPointF]) -> None:
        if self._rubber is None:
            pen = QPen(QColor("#ffffff"), 1, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            self._rubber = self.scene().addPolygon(QPolygonF(), pen)
        self._rubber.setPolygon(QPolygonF(points))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = self.mapToScene(event.position().toPoint())
        if event.button() != Qt.MouseButton.LeftButton or self.mode == "select":
            super().mousePressEvent(event)
            item = self.itemAt(event.position().toPoint())
            while item is not None and not isinstance(item, _AOIItem):
                item = item.parentItem()
            if item is not None:
                self.selected.emit(item.name)
            return
        if self.mode == "rect":
            self._start = pos
            self._show_rubber([pos, pos])
            return
        if len(self._corners) >= 3:
            first = self.mapFromScene(self._corners[0])
            if (first - event.position().toPoint()).manhattanLength() <= CLOSE_PX:
                self._close_polygon()
                return
        self._corners.append(pos)
        self._show_rubber(self._corners)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = self.mapToScene(event.position().toPoint())
        if self.mode == "rect" and self._start is not None:
            s = self._start
            self._show_rubber([s, QPointF(pos.x(), s.y()), pos, QPointF(s.x(), pos.y())])
        elif self.mode == "polygon" and self._corners:
            self._show_rubber(self._corners + [pos])
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self.mode == "rect" and self._start is not None and event.button() == Qt.MouseButton.LeftButton:
            pos, s = self.mapToScene(event.position().toPoint()), self._start
            self._cancel_drawing()
            w, h = abs(pos.x() - s.x()), abs(pos.y() - s.y())
            if w >= 2 and h >= 2:
                self.add_rect((min(s.x(), pos.x()), min(s.y(), pos.y()), w, h))
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self.mode == "polygon" and len(self._corners) >= 3:
            self._close_polygon()
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self._cancel_drawing()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.mode == "polygon" and len(self._corners) >= 3:
            self._close_polygon()
        elif key == Qt.Key.Key_Delete and self.mode == "select":
            for item in [i for i in self._items.values() if i.isSelected()]:
                self.remove(item.name)
        else:
            super().keyPressEvent(event)

    def _close_polygon(self) -> None:
        corners = [(p.x(), p.y()) for p in self._corners]
        self._cancel_drawing()
        try:
            self.add_polygon(corners)
        except ValueError:
            pass  # a flat polygon (corners on one line) is dropped
