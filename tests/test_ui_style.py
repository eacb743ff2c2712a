"""The Fusion fix for accented capitals in tab labels (ui/style.py)."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QStyle, QStyleFactory, QTabWidget, QWidget

from alyesdesk.ui.style import AccentSafeStyle


def _ink_rows_above_cap(style: QStyle, qtbot) -> int:  # noqa: ANN001
    """Dark pixels above the top of 'E' in an unselected 'Études' tab: the accent, when drawn."""
    tabs = QTabWidget()
    tabs.setStyle(style)
    tabs.tabBar().setStyle(style)  # setStyle does not reach children
    qtbot.addWidget(tabs)
    for label in ("Live", "Études", "Etudes"):
        tabs.addTab(QWidget(), label)
    tabs.resize(400, 80)
    tabs.show()
    qtbot.waitExposed(tabs)
    image = tabs.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    grey = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    bar = tabs.tabBar()
    accented, plain = bar.tabRect(1), bar.tabRect(2)
    ink = [grey[r.top() + 1 : r.bottom() - 1, r.left() + 6 : r.right() - 6] < 150 for r in (accented, plain)]
    rows = [np.nonzero(i.any(axis=1))[0] for i in ink]
    return int(rows[1].min() - rows[0].min())  # how much higher the accented label's ink starts


def test_unselected_tabs_show_the_accent_of_a_capital(qtbot) -> None:  # noqa: ANN001
    assert _ink_rows_above_cap(AccentSafeStyle("Fusion"), qtbot) >= 1


def test_the_fix_is_needed_with_plain_fusion(qtbot) -> None:  # noqa: ANN001
    """Documents why the style exists: plain Fusion clips the accent (if Qt fixes it, drop ui/style.py)."""
    assert _ink_rows_above_cap(QStyleFactory.create("Fusion"), qtbot) <= 0
