"""Help (issue 22): every interactive control of every tab says what it does in a tooltip."""

from __future__ import annotations

from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QSlider, QTabBar, QWidget)

CONTROLS = (QAbstractButton, QComboBox, QAbstractSpinBox, QSlider, QLineEdit)


def _exempt(widget: QWidget) -> bool:
    """Parts Qt makes inside its own widgets (no place for an application tooltip): the editor inside a
    spin box or combo box, the clear button inside a line edit, the scroll arrows of a tab bar."""
    parent = widget.parentWidget()
    return (isinstance(widget, QLineEdit) and isinstance(parent, (QAbstractSpinBox, QComboBox))
            or isinstance(parent, QLineEdit)
            or isinstance(parent, QTabBar)
            or widget.objectName().startswith("qt_"))


def test_every_control_has_a_tooltip(qtbot, db) -> None:  # noqa: ANN001
    from alyesdesk.ui.app import build_window

    window = build_window(db)
    qtbot.addWidget(window)
    missing = []
    for key, tab in window.tab_widgets.items():
        for widget in tab.findChildren(QWidget):
            if isinstance(widget, CONTROLS) and not _exempt(widget) and not widget.toolTip().strip():
                text = widget.text() if isinstance(widget, (QAbstractButton, QLineEdit)) else ""
                missing.append(f"{key}: {type(widget).__name__} {widget.objectName()!r} {text!r}")
    window.shutdown()
    assert not missing, "controls without a tooltip:\n" + "\n".join(missing)
