"""The Documents tab's page viewer: original and boxed page side by side, zoom, page navigation, and a
drawing mode on the boxed page (drag a box around a signature the model missed: `box_drawn`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPen, QPixmap, QWheelEvent
from PySide6.QtWidgets import (
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from alyesdesk.ui.widgets.flow import FlowRow

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent, QResizeEvent

ZOOM_STEP = 1.25


def bgr_to_pixmap(image: np.ndarray) -> QPixmap:
    h, w = image.shape[:2]
    rgb = np.ascontiguousarray(image[:, :, ::-1])
    qimage = QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888)
    return QPixmap.fromImage(qimage.copy())  # copy: the numpy buffer goes away


class PageView(QGraphicsView):
    """A pannable, zoomable page; Ctrl+wheel zooms (the partner view follows via `zoomed`)."""

    zoomed = Signal(float)
    box_drawn = Signal(float, float, float, float)  # x1, y1, x2, y2 in image pixels

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self._item = QGraphicsPixmapItem()
        self._item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self._item)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setAccessibleName(title)
        self.setToolTip(self.tr("{title}: drag to pan, Ctrl+wheel to zoom").format(title=title))
        self.fit = True
        self.drawing = False
        self._start = None
        self._rubber: QGraphicsRectItem | None = None

    # --- drawing a missed box -----------------------------------------------------------------------
    def start_drawing(self) -> None:
        """The next drag draws a box (instead of panning); Escape cancels."""
        if self._item.pixmap().isNull():
            return
        self.drawing = True
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.viewport().setCursor(Qt.CursorShape.CrossCursor)

    def stop_drawing(self) -> None:
        self.drawing, self._start = False, None
        if self._rubber is not None:
            self.scene().removeItem(self._rubber)
            self._rubber = None
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.viewport().unsetCursor()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self.drawing and event.button() == Qt.MouseButton.LeftButton:
            self._start = self.mapToScene(event.position().toPoint())
            self._rubber = self.scene().addRect(QRectF(self._start, self._start), QPen(QColor("#1e88e5"), 0))
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self.drawing and self._start is not None and self._rubber is not None:
            self._rubber.setRect(QRectF(self._start, self.mapToScene(event.position().toPoint())).normalized())
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self.drawing and self._start is not None:
            rect = QRectF(self._start, self.mapToScene(event.position().toPoint())).normalized()
            rect = rect.intersected(self._item.boundingRect())
            self.stop_drawing()
            if rect.width() >= 3 and rect.height() >= 3:
                self.box_drawn.emit(rect.left(), rect.top(), rect.right(), rect.bottom())
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if self.drawing and event.key() == Qt.Key.Key_Escape:
            self.stop_drawing()
            return
        super().keyPressEvent(event)

    def set_image(self, image: np.ndarray | None) -> None:
        self._item.setPixmap(bgr_to_pixmap(image) if image is not None else QPixmap())
        self.scene().setSceneRect(self._item.boundingRect())
        if self.fit:
            self.fit_page()

    def fit_page(self) -> None:
        self.fit = True
        if not self._item.pixmap().isNull():
            self.fitInView(self._item, Qt.AspectRatioMode.KeepAspectRatio)

    def zoom_by(self, factor: float) -> None:
        self.fit = False
        self.scale(factor, factor)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.fit:
            self.fit_page()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            factor = ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP
            self.zoom_by(factor)
            self.zoomed.emit(factor)
        else:
            super().wheelEvent(event)


class PageViewer(QWidget):
    """Two synchronised views plus page and zoom controls; the tab feeds it images."""

    page_requested = Signal(int)  # 0-based index the user navigated to
    box_drawn = Signal(float, float, float, float)  # a box drawn on the boxed page, in page pixels

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.original = PageView(self.tr("Original page"))
        self.boxed = PageView(self.tr("Detected signatures"))
        self.prev_button = QPushButton(self.tr("◀ Previous"))
        self.prev_button.setToolTip(self.tr("Previous page"))
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.next_button.setToolTip(self.tr("Next page"))
        self.page_label = QLabel(self.tr("No document selected"))
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_in = QPushButton(self.tr("Zoom +"))
        self.zoom_in.setToolTip(self.tr("Zoom in (or use the mouse wheel)"))
        self.zoom_out = QPushButton(self.tr("Zoom −"))
        self.zoom_out.setToolTip(self.tr("Zoom out (or use the mouse wheel)"))
        self.fit_button = QPushButton(self.tr("Fit"))
        self.fit_button.setToolTip(self.tr("Show the whole page"))
        self.info_label = QLabel()
        self.info_label.setWordWrap(True)

        controls = FlowRow()  # page and zoom groups wrap on narrow windows
        controls.add(self.prev_button, self.page_label, self.next_button)
        controls.add(self.zoom_out, self.zoom_in, self.fit_button, align_right=True)
        titles = QHBoxLayout()
        titles.addWidget(QLabel(self.tr("<b>Original</b>")), 1)
        titles.addWidget(QLabel(self.tr("<b>Signatures found</b>")), 1)
        views = QHBoxLayout()
        views.addWidget(self.original, 1)
        views.addWidget(self.boxed, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(controls)
        layout.addLayout(titles)
        layout.addLayout(views, 1)
        layout.addWidget(self.info_label)

        self._index, self._total = 0, 0
        self.prev_button.clicked.connect(lambda: self._go(self._index - 1))
        self.next_button.clicked.connect(lambda: self._go(self._index + 1))
        self.zoom_in.clicked.connect(lambda: self._zoom(ZOOM_STEP))
        self.zoom_out.clicked.connect(lambda: self._zoom(1 / ZOOM_STEP))
        self.fit_button.clicked.connect(self._on_fit_clicked)
        # Panning and zooming one side moves the other: comparing needs the same spot in both.
        self.original.zoomed.connect(lambda f: self.boxed.zoom_by(f))
        self.boxed.zoomed.connect(lambda f: self.original.zoom_by(f))
        self.boxed.box_drawn.connect(self.box_drawn.emit)
        for a, b in ((self.original, self.boxed), (self.boxed, self.original)):
            a.horizontalScrollBar().valueChanged.connect(b.horizontalScrollBar().setValue)
            a.verticalScrollBar().valueChanged.connect(b.verticalScrollBar().setValue)
        self._update_controls()

    @property
    def index(self) -> int:
        return self._index

    def show_page(self, index: int, total: int, original: np.ndarray | None, boxed: np.ndarray | None, info: str,
                  fit: bool = False) -> None:
        """Show a page; a new page, or `fit` (a new document), fits both views to it whatever the zoom was
        (the zoom is kept only while the same page is redrawn, e.g. after a review)."""
        if fit or index != self._index:
            self.original.fit = self.boxed.fit = True
        self._index, self._total = index, total
        if self.boxed.drawing:
            self.boxed.stop_drawing()
        self.original.set_image(original)
        self.boxed.set_image(boxed)
        self.page_label.setText(self.tr("Page {value} of {total}").format(value=(index + 1), total=total) if total else self.tr("No pages"))
        self.info_label.setText(info)
        self._update_controls()

    def clear(self, message: str = "No document selected") -> None:
        self._index, self._total = 0, 0
        self.original.set_image(None)
        self.boxed.set_image(None)
        self.page_label.setText(message)
        self.info_label.clear()
        self._update_controls()

    def _go(self, index: int) -> None:
        if 0 <= index < self._total and index != self._index:
            self.page_requested.emit(index)

    def _zoom(self, factor: float) -> None:
        self.original.zoom_by(factor)
        self.boxed.zoom_by(factor)

    def _on_fit_clicked(self) -> None:
        self.original.fit_page()
        self.boxed.fit_page()

    def _update_controls(self) -> None:
        self.prev_button.setEnabled(self._index > 0)
        self.next_button.setEnabled(self._index + 1 < self._total)
        for b in (self.zoom_in, self.zoom_out, self.fit_button):
            b.setEnabled(self._total > 0)
