"""The study pages of the Gaze tab: Studies (stimuli, AOIs, metrics) and Pointer (gaze as a pointer).

Made here, not in `tab.py`, which stays small; the page titles keep the `GazeTab` translation context.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QTabWidget

from alyesdesk.inference.gaze.screen import ScreenGeometry
from alyesdesk.ui.context import AppContext
from alyesdesk.ui.gaze.pointer import PointerPanel
from alyesdesk.ui.gaze.studies import StudiesPanel


def add_study_pages(views: QTabWidget, ctx: AppContext, screen: Callable[[], QScreen],
                    geometry: Callable[[], ScreenGeometry]) -> tuple[StudiesPanel, PointerPanel]:
    """Add the Studies and Pointer pages to `views`; returns them."""
    studies = StudiesPanel(ctx, screen, geometry)
    views.addTab(studies, QCoreApplication.translate("GazeTab", "Studies"))
    pointer = PointerPanel(ctx, screen, geometry)
    views.addTab(pointer, QCoreApplication.translate("GazeTab", "Pointer"))
    return studies, pointer
