"""Finding clipped text: a label, button or tab whose text does not fit the room it was given.

Used by tests/test_ui_fits_screen.py (every tab at 1280x720 and 1366x768, in both languages) and by the dialog
tests. A text counts as clipped when its width (or, for a word-wrapped label, its wrapped height) is larger than
the widget's contents rectangle by more than `TOLERANCE_PX`.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (QAbstractButton, QCheckBox, QLabel, QPushButton, QRadioButton, QTabBar, QToolButton,
                               QWidget)

TOLERANCE_PX = 1


def _shown(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisible() and widget.isVisibleTo(root) and widget.width() > 0 and widget.height() > 0


def _label_problem(label: QLabel) -> str | None:
    text = label.text()
    if not text.strip() or label.pixmap() is not None and not label.pixmap().isNull():
        return None
    room = label.contentsRect()
    indent = max(label.indent(), 0) if label.indent() > 0 else 0
    margin = label.margin()
    width, height = room.width() - 2 * margin - indent, room.height() - 2 * margin
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text))
    if rich:
        doc = QTextDocument()
        doc.setDefaultFont(label.font())
        doc.setDocumentMargin(0)
        doc.setHtml(text)
        if label.wordWrap():
            doc.setTextWidth(width)
            needed_w, needed_h = min(doc.idealWidth(), width), doc.size().height()
        else:
            needed_w, needed_h = doc.idealWidth(), doc.size().height()
    else:
        metrics = QFontMetrics(label.font())
        flags = int(Qt.TextFlag.TextWordWrap) if label.wordWrap() else 0
        bound = metrics.boundingRect(QRect(0, 0, max(width, 1), 100_000), flags | int(Qt.AlignmentFlag.AlignLeft), text)
        needed_w, needed_h = bound.width(), bound.height()
    if needed_w > width + TOLERANCE_PX:
        return f"needs {needed_w:.0f} px wide, has {width}"
    if needed_h > height + TOLERANCE_PX + 1:
        return f"needs {needed_h:.0f} px high, has {height}"
    return None


def _button_problem(button: QAbstractButton) -> str | None:
    text = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    if not text.strip():
        return None
    hint = button.sizeHint().width()
    if isinstance(button, QPushButton):
        # Qt's styles give a text button at least 80 px; a narrower one can still show its whole text.
        metrics = QFontMetrics(button.font())
        icon = button.iconSize().width() + 4 if not button.icon().isNull() else 0
        hint = min(hint, metrics.horizontalAdvance(text) + icon + 14)
    elif not isinstance(button, (QCheckBox, QRadioButton, QToolButton)):
        return None
    if button.width() + TOLERANCE_PX < hint:
        return f"needs {hint} px wide, has {button.width()}"
    return None


def _cut_off_sideways(widget: QWidget, root: QWidget) -> str | None:
    """A label or button wider than what its parents show of it: a pane that never scrolls sideways cut
    its right end off (the Waste detail pane's "Save correction" was, at 1280 px, before it was fixed)."""
    shown = widget.rect()
    parent = widget.parentWidget()
    offset = widget.pos()
    while parent is not None:
        shown = shown.intersected(parent.rect().translated(-offset))
        if parent is root:
            break
        offset += parent.pos()
        parent = parent.parentWidget()
    if shown.isEmpty():  # scrolled out of view (a vertical scroll area): not a cut
        return None
    if shown.width() + TOLERANCE_PX < widget.width() and shown.height() > 0:
        return f"only {shown.width()} of its {widget.width()} px are shown"
    return None


def clipped_texts(root: QWidget) -> list[str]:
    """'Class 'text': why' for every shown label, button and tab of `root` whose text does not fit."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not _shown(widget, root):
            continue
        problem = None
        if isinstance(widget, QLabel):
            problem = _label_problem(widget)
        elif isinstance(widget, QAbstractButton):
            problem = _button_problem(widget)
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                if widget.tabRect(i).width() + TOLERANCE_PX < widget.tabSizeHint(i).width() and widget.isTabVisible(i):
                    found.append(f"tab {widget.tabText(i)!r}: squeezed to {widget.tabRect(i).width()} px")
        if problem is None and isinstance(widget, (QLabel, QPushButton)) and widget is not root and widget.text().strip():
            problem = _cut_off_sideways(widget, root)
        if problem:
            text = widget.text() if hasattr(widget, "text") else ""
            found.append(f"{type(widget).__name__} {widget.objectName() or ''} {text[:60]!r}: {problem}")
    return found
