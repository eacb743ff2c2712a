"""Legend of the Street segmentation tab: one row per category with a toggle, its colour and its area."""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QWidget

from alyesdesk.ui.i18n import label_text


class Legend(QWidget):
    """Signals: `toggled()` when a category is switched on or off."""

    toggled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(4)
        self.checks: list[QCheckBox] = []
        self.areas: list[QLabel] = []
        self.names: list[str] = []

    def set_categories(self, names: Sequence[str], colours: Sequence[str], hidden: Sequence[str] = ()) -> None:
        """Rebuild the rows (a different model may have different categories)."""
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.checks, self.areas, self.names = [], [], list(names)
        for row, (name, colour) in enumerate(zip(names, colours)):
            check = QCheckBox(label_text(name))
            check.setChecked(name not in hidden)
            check.setToolTip(self.tr("Show or hide '{name}' in the overlay and exports").format(name=label_text(name)))
            check.toggled.connect(self.toggled)
            swatch = QLabel()
            swatch.setFixedSize(18, 18)
            swatch.setStyleSheet(f"background: {colour}; border: 1px solid palette(mid); border-radius: 3px;")
            area = QLabel("–")
            area.setMinimumWidth(56)
            self._grid.addWidget(swatch, row, 0)
            self._grid.addWidget(check, row, 1)
            self._grid.addWidget(area, row, 2)
            self.checks.append(check)
            self.areas.append(area)
        self._grid.setColumnStretch(1, 1)

    def enabled(self) -> list[bool]:
        return [c.isChecked() for c in self.checks]

    def set_areas(self, areas: dict[str, float] | None) -> None:
        for name, label in zip(self.names, self.areas):
            value = None if areas is None else areas.get(name)
            label.setText("–" if value is None else f"{100 * value:.1f} %")
