"""The application style: the platform's own, with one Fusion fix for French tab labels."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget


class AccentSafeStyle(QProxyStyle):
    """Fusion without the 2 px drop of unselected tabs.

    Why: Fusion draws an unselected tab's label 2 px lower but clips it to the unshifted text rectangle,
    which cuts the accent off a capital: the Gaze tab's "Études" read "Etudes" until it was selected.
    """

    def pixelMetric(self, metric: QStyle.PixelMetric, option: QStyleOption | None = None,  # noqa: N802 - Qt override
                    widget: QWidget | None = None) -> int:
        if metric == QStyle.PixelMetric.PM_TabBarTabShiftVertical:
            return 0
        return super().pixelMetric(metric, option, widget)


def apply_style(app: QApplication) -> None:
    """Wrap the style Qt chose when it is Fusion (Linux without a desktop theme); other styles are kept."""
    if app.style().name().lower() == "fusion":
        app.setStyle(AccentSafeStyle("Fusion"))
