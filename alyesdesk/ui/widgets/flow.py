"""A row of controls that wraps onto a second line when the window is narrow.

Toolbars of buttons, combos and sliders laid out in one QHBoxLayout made the whole window as wide as the
row (1,200 px in French): on a 1280x720 or 1024-wide screen the window could not be made to fit. A
`FlowRow` keeps them on one line when there is room and wraps whole groups ("View: [combo]" stays
together) when there is not, so the tab's minimum width is that of its widest group.

Usage::

    row = FlowRow()
    row.add(open_button, webcam_button)             # a group: kept on one line
    row.add(QLabel("View:"), view_combo)
    row.add(export_button, align_right=True)        # pushed to the right end of the last line
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLayout, QLayoutItem, QSizePolicy, QWidget


class FlowLayout(QLayout):
    """Items left to right, wrapped to the next line when the width runs out (Qt's flow-layout example)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._right: set[int] = set()  # ids of items pushed to the right end of their line

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        self._items.append(item)

    def add_right(self, widget: QWidget) -> None:
        self.addWidget(widget)
        self._right.add(id(self._items[-1]))

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._do_layout(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        self._do_layout(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # One line: the width it wants when there is room.
        visible = [i for i in self._items if not i.isEmpty()]
        width = sum(i.sizeHint().width() for i in visible) + self._spacing * max(0, len(visible) - 1)
        height = max((i.sizeHint().height() for i in visible), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        # As narrow as the widest single item: everything else wraps.
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _lines(self, width: int) -> list[list[QLayoutItem]]:
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._items:
            if item.isEmpty():
                continue
            w = item.sizeHint().width()
            if lines[-1] and used + self._spacing + w > width:
                lines.append([])
                used = 0
            used += (self._spacing if lines[-1] else 0) + w
            lines[-1].append(item)
        return lines

    def _do_layout(self, rect: QRect, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        y = area.y()
        for line in self._lines(area.width()):
            if not line:
                continue
            height = max(i.sizeHint().height() for i in line)
            if apply:
                x = area.x()
                left = [i for i in line if id(i) not in self._right]
                right = [i for i in line if id(i) in self._right]
                for item in left:
                    w = min(item.sizeHint().width(), area.width())
                    item.setGeometry(QRect(QPoint(x, y), QSize(w, height)))
                    x += w + self._spacing
                x_right = area.right() + 1
                for item in reversed(right):
                    w = min(item.sizeHint().width(), area.width())
                    x_right -= w
                    item.setGeometry(QRect(QPoint(max(x_right, area.x()), y), QSize(w, height)))
                    x_right -= self._spacing
            y += height + self._spacing
        return y - self._spacing - rect.y() + m.bottom()


class FlowRow(QWidget):
    """A toolbar row of groups of controls that wraps onto more lines when narrow (see the module doc)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self.flow = FlowLayout(self, spacing)
        self.flow.setContentsMargins(0, 0, 0, 0)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def add(self, *widgets: QWidget, align_right: bool = False) -> QWidget:
        """Add `widgets` as one group kept on one line; returns the group (hide it to hide them all)."""
        group = QWidget()
        row = QHBoxLayout(group)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            row.addWidget(widget)
        if align_right:
            self.flow.add_right(group)
        else:
            self.flow.addWidget(group)
        return group

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self.flow.heightForWidth(width)
