"""A side pane that scrolls vertically when the window is short, instead of squeezing its labels.

A column of word-wrapped labels (the Waste detail pane: preview, file path, verdict, bars, bin advice) needs
more height the narrower it is; laid out directly in a splitter it made the whole window 600 px tall at
least, and when squeezed its labels were drawn over each other. In a scroll area it takes the height it needs
and the window stays free to be small.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


def scrolled(widget: QWidget) -> QScrollArea:
    """`widget` in a frameless vertical scroll area, as wide as the area (never a horizontal scroll bar)."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    # The widget's own minimum width counts too: below it the widget would be cut off on the right (the
    # Waste pane's 300 px cut its "Save correction" button), as the area never scrolls sideways.
    least = max(widget.minimumSizeHint().width(), widget.minimumWidth())
    area.setMinimumWidth(least + area.verticalScrollBar().sizeHint().width())
    return area
